"""Signing with a USB token: SoftHSM2 stands in for the clerk's token, python-pkcs11 talks to it.

Each test gets its own token in tmp_path (its own SOFTHSM2_CONF), holding the test signer's
key and certificate, imported with python-pkcs11 the way a token's issuer writes them: the
private key and the certificate share one CKA_ID.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from submission.certificates import Pki, make_pki
from submission.conftest import final_context
from submission.test_cli_package import _final_report
from submission.test_cli_package import process_cli as cli
from submission.test_signing import _pyhanko_status, _signed_range_offset

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.signature_check import SignatureState, check_pdf_signature
from cchc_desktop.submission.signing import load_pkcs11
from cchc_desktop.submission.submit import submit
from cchc_desktop.submission.verify import verify_package

LIBRARY = Path("/usr/lib/softhsm/libsofthsm2.so")
if not LIBRARY.is_file():
    pytest.skip(f"SoftHSM2 is not installed ({LIBRARY} missing; apt-get install softhsm2)",
                allow_module_level=True)
pkcs11 = pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed (the test extra)")

PIN = "1234"
SO_PIN = "5678"
TOKEN_LABEL = "cchc"


@dataclass(frozen=True)
class Token:
    conf: Path
    pki: Pki

    @property
    def env(self) -> dict[str, str]:
        return {"SOFTHSM2_CONF": str(self.conf)}


def _rsa_pki(folder: Path) -> Pki:
    """The test PKI with the signer's key swapped for RSA, the key most tokens in use carry."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    ec_pki = make_pki(folder)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = (x509.CertificateBuilder().subject_name(ec_pki.ca.subject).issuer_name(ec_pki.ca.subject)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(ec_pki.ca.not_valid_before_utc)
          .not_valid_after(ec_pki.ca.not_valid_after_utc))
    for extension in ec_pki.ca.extensions:
        if not isinstance(extension.value, x509.SubjectKeyIdentifier):
            ca = ca.add_extension(extension.value, extension.critical)
    ca_certificate = ca.add_extension(
        x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False,
    ).sign(ca_key, hashes.SHA256())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (x509.CertificateBuilder().subject_name(ec_pki.signer.subject)
              .issuer_name(ca_certificate.subject).public_key(key.public_key())
              .serial_number(x509.random_serial_number())
              .not_valid_before(ec_pki.signer.not_valid_before_utc)
              .not_valid_after(ec_pki.signer.not_valid_after_utc))
    for extension in ec_pki.signer.extensions:
        if not isinstance(extension.value, x509.AuthorityKeyIdentifier):
            signer = signer.add_extension(extension.value, extension.critical)
    signer_certificate = signer.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False,
    ).sign(ca_key, hashes.SHA256())
    ec_pki.p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"rsa", key, signer_certificate, [ca_certificate],
        BestAvailableEncryption(ec_pki.password.encode("utf-8"))))
    return Pki(ca_certificate, signer_certificate, ec_pki.p12, ec_pki.password)


def _key_template(key: Any) -> dict[Any, Any]:
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from pkcs11 import Attribute, KeyType
    from pkcs11.util.ec import encode_named_curve_parameters

    def big(value: int) -> bytes:
        return value.to_bytes((value.bit_length() + 7) // 8, "big")

    if isinstance(key, ec.EllipticCurvePrivateKey):
        return {Attribute.KEY_TYPE: KeyType.EC,
                Attribute.EC_PARAMS: encode_named_curve_parameters("1.2.840.10045.3.1.7"),
                Attribute.VALUE: key.private_numbers().private_value.to_bytes(32, "big")}
    assert isinstance(key, rsa.RSAPrivateKey)
    numbers = key.private_numbers()
    return {Attribute.KEY_TYPE: KeyType.RSA,
            Attribute.MODULUS: big(numbers.public_numbers.n),
            Attribute.PUBLIC_EXPONENT: big(numbers.public_numbers.e),
            Attribute.PRIVATE_EXPONENT: big(numbers.d), Attribute.PRIME_1: big(numbers.p),
            Attribute.PRIME_2: big(numbers.q), Attribute.EXPONENT_1: big(numbers.dmp1),
            Attribute.EXPONENT_2: big(numbers.dmq1), Attribute.COEFFICIENT: big(numbers.iqmp)}


def _import_key_and_certificate(pki: Pki) -> None:
    """The signer's key and certificate (and the CA's certificate) written onto the token."""
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    from pkcs11 import Attribute, CertificateType, ObjectClass

    key, certificate, _others = pkcs12.load_key_and_certificates(
        pki.p12.read_bytes(), pki.password.encode("utf-8"))
    assert key is not None and certificate is not None
    key_id = b"\x01"
    token = pkcs11.lib(str(LIBRARY)).get_token(token_label=TOKEN_LABEL)
    with token.open(rw=True, user_pin=PIN) as session:
        session.create_object({
            Attribute.CLASS: ObjectClass.PRIVATE_KEY,
            Attribute.TOKEN: True, Attribute.PRIVATE: True, Attribute.SENSITIVE: True,
            Attribute.SIGN: True, Attribute.ID: key_id, Attribute.LABEL: "Chu ky so",
            **_key_template(key),
        })
        for cert, label, ident in ((certificate, "Chu ky so", key_id), (pki.ca, "CA", b"\x02")):
            session.create_object({
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True, Attribute.ID: ident, Attribute.LABEL: label,
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(Encoding.DER),
            })


@pytest.fixture(params=["ec", "rsa"])
def token(request: pytest.FixtureRequest, tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Token]:
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", "utf-8")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL,
                    "--pin", PIN, "--so-pin", SO_PIN], check=True, capture_output=True,
                   env={**os.environ, "SOFTHSM2_CONF": str(conf)})
    # python-pkcs11 keeps the library loaded; SoftHSM reads SOFTHSM2_CONF in C_Initialize.
    pkcs11.lib(str(LIBRARY)).reinitialize()
    pki = make_pki(tmp_path) if request.param == "ec" else _rsa_pki(tmp_path)
    _import_key_and_certificate(pki)
    yield Token(conf, pki)
    pkcs11.lib(str(LIBRARY)).finalize()


def test_the_token_signs_the_package_and_pyhanko_validates_it(token: Token,
                                                              tmp_path: Path) -> None:
    key = load_pkcs11(LIBRARY, PIN)     # the calls of `cchc-desktop package --pkcs11`
    try:
        assert key.certificate.subject == "Nguyễn Văn Bình"
        package = submit(final_context(), tmp_path / "out", key=key).package
    finally:
        key.close()
    assert package.signed
    data = package.pdf.read_bytes()
    status = _pyhanko_status(data, token.pki)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Nguyễn Văn Bình"
    assert status.coverage.name == "ENTIRE_FILE"
    check = check_pdf_signature(data, [token.pki.ca])
    assert check.state is SignatureState.VALID and check.trusted

    damaged = bytearray(data)
    damaged[_signed_range_offset(data)] ^= 0x01
    assert not _pyhanko_status(bytes(damaged), token.pki).intact
    assert check_pdf_signature(bytes(damaged), [token.pki.ca]).state is SignatureState.INVALID


def test_labels_pick_the_token_and_the_key(token: Token) -> None:
    key = load_pkcs11(LIBRARY, PIN, token_label=TOKEN_LABEL, key_label="Chu ky so")
    key.close()
    assert key.certificate.subject == "Nguyễn Văn Bình"
    with pytest.raises(KnownError, match="Không thấy USB token có nhãn khac"):
        load_pkcs11(LIBRARY, PIN, token_label="khac")
    with pytest.raises(KnownError, match="không có khóa ký kèm chứng thư số có nhãn khac"):
        load_pkcs11(LIBRARY, PIN, key_label="khac")


def test_a_wrong_pin_is_told_in_vietnamese(token: Token) -> None:
    with pytest.raises(KnownError, match=r"^Sai mã PIN của USB token cchc"):
        load_pkcs11(LIBRARY, "0000")
    with pytest.raises(KnownError, match=r"^Cần mã PIN của USB token cchc"):
        load_pkcs11(LIBRARY, None)


def test_a_wrong_library_is_told_in_vietnamese(token: Token, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"^Không thấy thư viện PKCS#11 của USB token"):
        load_pkcs11(tmp_path / "khong-co.so", PIN)
    not_a_library = tmp_path / "token.so"
    not_a_library.write_bytes(b"not an ELF file")
    with pytest.raises(KnownError, match=r"^Không nạp được thư viện PKCS#11"):
        load_pkcs11(not_a_library, PIN)


def test_a_token_without_a_key_is_told_in_vietnamese(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    conf = tmp_path / "softhsm2.conf"
    (tmp_path / "tokens").mkdir()
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\n", "utf-8")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    pkcs11.lib(str(LIBRARY)).reinitialize()
    try:
        with pytest.raises(KnownError, match=r"^Không thấy USB token: hãy cắm token"):
            load_pkcs11(LIBRARY, PIN)
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "trong",
                        "--pin", PIN, "--so-pin", SO_PIN], check=True, capture_output=True)
        pkcs11.lib(str(LIBRARY)).reinitialize()
        with pytest.raises(KnownError, match=r"^Trên USB token trong không có khóa ký kèm "
                                             "chứng thư số; không ký được"):
            load_pkcs11(LIBRARY, PIN)
    finally:
        pkcs11.lib(str(LIBRARY)).finalize()


def test_the_cli_signs_with_the_token(token: Token, sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "goi"
    result = cli("package", _final_report(sample_path, tmp_path), "--out", out,
                 "--pkcs11", LIBRARY, "--pin-env", "CCHC_TOKEN_PIN",
                 env={**token.env, "CCHC_TOKEN_PIN": PIN})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Báo cáo PDF đã được ký số bởi Nguyễn Văn Bình." in result.stdout
    name = "BC-CCHC_xa-my-an_2026-Q1_r0"
    check = verify_package(out / f"{name}.zip", trust_roots=[token.pki.ca])
    assert check.ok, check.problems
    assert check.signature.state is SignatureState.VALID and check.signature.trusted
    assert json.loads((out / name / "manifest.json").read_text("utf-8"))["signed"] is True

    wrong = cli("package", _final_report(sample_path, tmp_path), "--out", tmp_path / "goi2",
                "--pkcs11", LIBRARY, "--pin-env", "CCHC_TOKEN_PIN",
                env={**token.env, "CCHC_TOKEN_PIN": "9999"})
    assert wrong.returncode != 0
    assert "Sai mã PIN của USB token cchc" in wrong.stderr
