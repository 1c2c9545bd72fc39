"""signing_key.py on its own: a real .p12 loaded with its certificate's details, and every way
a key file fails told to the clerk as its own sentence (wrong or missing password, a damaged
or foreign file, a certificate without its key, expired or not yet valid, too big, not a
file); closing a key releases its session and its organisation's once."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, pkcs12
from cryptography.x509.oid import NameOID

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.reading import MAX_CERTIFICATE_BYTES
from cchc_desktop.submission.signing_key import (
    CertificateInfo,
    SigningKey,
    SigningResult,
    check_validity,
    load_pkcs12,
)
from tests.submission.certificates import PASSWORD, make_pki

NOW = dt.datetime.now(dt.UTC)


def _message(path: Path, password: str | None, **kwargs: object) -> str:
    with pytest.raises(KnownError) as caught:
        load_pkcs12(path, password, **kwargs)  # type: ignore[arg-type]
    return caught.value.message


def test_a_good_file_gives_the_signer_and_what_the_clerk_reads_of_its_certificate(tmp_path: Path) -> None:
    pki = make_pki(tmp_path, days=30)
    key = load_pkcs12(pki.p12, PASSWORD)
    assert key.certificate == CertificateInfo("Nguyễn Văn Bình", "Ủy ban nhân dân xã Mỹ An",
                                              "CA Thử nghiệm CCHC", pki.signer.not_valid_before_utc,
                                              pki.signer.not_valid_after_utc)
    assert key.signer.signing_cert.dump() == pki.signer.public_bytes(Encoding.DER)
    assert key.seal is None and key.organization is None and key.last_result is None


def test_a_wrong_password_is_told_apart_from_a_missing_one(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    assert _message(pki.p12, "sai-mat-khau") == "Sai mật khẩu của tệp chứng thư số chu-ky.p12."
    for missing in (None, ""):
        assert _message(pki.p12, missing) == "Tệp chứng thư số chu-ky.p12 cần mật khẩu."


@pytest.mark.parametrize("damage", ["random", "truncated", "empty", "pdf"])
def test_a_damaged_or_foreign_file_is_not_reported_as_a_wrong_password(
        tmp_path: Path, damage: str) -> None:
    pki = make_pki(tmp_path)
    data = pki.p12.read_bytes()
    damaged = {"random": os.urandom(len(data)), "truncated": data[:len(data) // 2],
               "empty": b"", "pdf": b"%PDF-1.7\n" + data}[damage]
    path = tmp_path / "hong.pfx"
    path.write_bytes(damaged)
    message = _message(path, PASSWORD)
    assert "Sai mật khẩu" not in message
    assert "hong.pfx" in message


def test_a_certificate_without_its_private_key_cannot_sign(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    data = pkcs12.serialize_key_and_certificates(b"ca", None, pki.signer, None,
                                                 BestAvailableEncryption(PASSWORD.encode()))
    path = tmp_path / "chi-chung-thu.p12"
    path.write_bytes(data)
    assert _message(path, PASSWORD) == ("Tệp chi-chung-thu.p12 không có khóa bí mật kèm chứng thư "
                                        "số; không dùng để ký được.")


def test_an_expired_certificate_is_refused_with_its_end_date(tmp_path: Path) -> None:
    pki = make_pki(tmp_path, now=NOW - dt.timedelta(days=400), days=30)
    message = _message(pki.p12, PASSWORD)
    end = pki.signer.not_valid_after_utc.astimezone().strftime("%d/%m/%Y")
    assert message.startswith(f"Chứng thư số của Nguyễn Văn Bình đã hết hạn ngày {end}")


def test_a_certificate_not_yet_valid_is_refused_with_its_start_date(tmp_path: Path) -> None:
    pki = make_pki(tmp_path, now=NOW + dt.timedelta(days=10), days=30)
    start = pki.signer.not_valid_before_utc.astimezone().strftime("%d/%m/%Y")
    assert _message(pki.p12, PASSWORD) == f"Chứng thư số của Nguyễn Văn Bình chỉ có hiệu lực từ ngày {start}."
    # The same file is usable on a day inside its validity.
    later = load_pkcs12(pki.p12, PASSWORD, now=NOW + dt.timedelta(days=15))
    assert later.certificate.subject == "Nguyễn Văn Bình"


def test_check_validity_accepts_the_first_and_last_moment_of_the_certificate() -> None:
    start, end = dt.datetime(2026, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 12, 31, tzinfo=dt.UTC)
    info = CertificateInfo("A", "", "CA", start, end)
    check_validity(info, start)
    check_validity(info, end)
    for outside in (start - dt.timedelta(seconds=1), end + dt.timedelta(seconds=1)):
        with pytest.raises(KnownError):
            check_validity(info, outside)


def test_a_file_too_big_or_not_a_file_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "qua-lon.p12"
    big.write_bytes(b"\0" * (MAX_CERTIFICATE_BYTES + 1))
    assert _message(big, PASSWORD).startswith("Không đọc được tệp chứng thư số qua-lon.p12")
    assert _message(tmp_path, PASSWORD).startswith(f"Không đọc được tệp chứng thư số {tmp_path.name}")
    assert _message(tmp_path / "khong-co.p12", PASSWORD).startswith(
        "Không đọc được tệp chứng thư số khong-co.p12")


def test_a_certificate_without_a_common_name_is_named_by_its_whole_subject(tmp_path: Path) -> None:
    pki = make_pki(tmp_path)
    info = CertificateInfo.from_certificate(pki.signer)
    assert info.issuer == "CA Thử nghiệm CCHC"
    builder = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(
        NameOID.ORGANIZATION_NAME, "Xã Mỹ An")])).issuer_name(pki.ca.subject)
        .public_key(pki.signer.public_key()).serial_number(1)
        .not_valid_before(NOW).not_valid_after(NOW + dt.timedelta(days=1)))
    nameless = builder.sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256())
    info = CertificateInfo.from_certificate(nameless)
    assert info.subject == "O=Xã Mỹ An" and info.organization == "Xã Mỹ An"


def test_closing_a_key_releases_its_session_and_its_organisations_once() -> None:
    calls: list[str] = []
    info = CertificateInfo("A", "", "CA", NOW, NOW)
    organization = SigningKey(None, info, _close=lambda: calls.append("đơn vị"))
    key = SigningKey(None, info, _close=lambda: calls.append("cá nhân"), organization=organization)
    key.close()
    key.close()
    assert calls == ["cá nhân", "đơn vị"]


def test_the_time_source_says_whether_a_timestamp_server_vouched() -> None:
    assert SigningResult(True, "http://tsa.example").time_source == "tsa"
    assert SigningResult(False).time_source == "pc-clock"
