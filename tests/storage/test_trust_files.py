"""trust_files: certificate and CRL files read bounded, in any usual encoding, judged fit
to be a trust anchor; a CRL checked to be signed by its issuer. No data file here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from cryptography.x509.oid import NameOID
from submission.trust_pki import Authority, make_ca, make_crl, make_signer, write_der, write_pem

from cchc_desktop.storage.trust_files import (
    MAX_FILE_BYTES,
    TrustStoreError,
    anchor_problem,
    crl_signed_by,
    display_name,
    parse_certificates,
    read_trust_file,
)


def _issued_without_constraints(ca: Authority) -> x509.Certificate:
    """An intermediate of an old PKI: issued by `ca`, no basicConstraints at all."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    return (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "CA cũ")]))
            .issuer_name(ca.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30)).sign(ca.key, hashes.SHA256()))


def test_a_file_is_read_whole_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "goc.cer"
    path.write_bytes(b"x" * MAX_FILE_BYTES)
    assert len(read_trust_file(path)) == MAX_FILE_BYTES


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "lon.cer"
    with path.open("wb") as big:
        big.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(TrustStoreError, match=rf"Tệp lon.cer quá lớn \({MAX_FILE_BYTES + 1} byte\)"):
        read_trust_file(path)


def test_a_missing_file_or_a_folder_is_refused_in_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(TrustStoreError, match=r"Không đọc được tệp khong-co\.cer"):
        read_trust_file(tmp_path / "khong-co.cer")
    with pytest.raises(TrustStoreError, match="Không đọc được tệp"):
        read_trust_file(tmp_path)


def test_every_usual_encoding_gives_its_certificates(tmp_path: Path) -> None:
    root, other = make_ca(), make_ca("CA khác")
    pem = write_pem(tmp_path / "bo.pem", root.cert, other.cert).read_bytes()
    der = write_der(tmp_path / "goc.cer", root.cert).read_bytes()
    p7b_der = pkcs7.serialize_certificates([root.cert, other.cert], Encoding.DER)
    p7b_pem = pkcs7.serialize_certificates([root.cert, other.cert], Encoding.PEM)
    assert parse_certificates(pem, "bo.pem") == [root.cert, other.cert]
    assert parse_certificates(der, "goc.cer") == [root.cert]
    # a PKCS#7 bundle keeps its certificates as a set (DER sorts them)
    assert set(parse_certificates(p7b_der, "bo.p7b")) == {root.cert, other.cert}
    assert set(parse_certificates(p7b_pem, "bo.p7b")) == {root.cert, other.cert}


@pytest.mark.parametrize("data", [
    b"", b"not a certificate", b"\x30\x82\x01\x00" + b"\x00" * 10,
    b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    b"-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n",
])
def test_a_file_without_a_readable_certificate_is_refused_naming_it(data: bytes) -> None:
    with pytest.raises(TrustStoreError, match=r"Tệp x.pem không chứa chứng thư số đọc được"):
        parse_certificates(data, "x.pem")


def test_a_ca_certificate_can_be_an_anchor() -> None:
    assert anchor_problem(make_ca().cert) is None


def test_a_certificate_that_says_it_is_not_a_ca_cannot_self_signed_or_not() -> None:
    signer = make_signer(make_ca())
    problem = anchor_problem(signer.cert)
    assert problem is not None and "Nguyễn Văn Bình" in problem
    assert "không phải chứng thư của tổ chức chứng thực" in problem
    assert anchor_problem(make_ca("Tự ký", basic_constraints=False).cert) is not None


def test_an_old_root_without_constraints_only_if_it_signs_itself() -> None:
    assert anchor_problem(make_ca("Gốc cũ", basic_constraints=None).cert) is None
    problem = anchor_problem(_issued_without_constraints(make_ca()))
    assert problem is not None and "không tự ký" in problem and "CA cũ" in problem


def test_a_crl_is_signed_by_its_issuer_and_a_forged_one_is_not() -> None:
    ca, forger = make_ca(), make_ca("Kẻ giả")
    assert crl_signed_by(make_crl(ca), ca.cert)
    assert not crl_signed_by(make_crl(ca, signer=forger), ca.cert)


def test_display_name_is_common_name_and_organisation_once_each() -> None:
    assert display_name(make_ca("CA Thử").cert.subject) == "CA Thử, Trung tâm thử nghiệm"
    same = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "A"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "A")])
    assert display_name(same) == "A"
    other = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    assert display_name(other) == "C=VN"
