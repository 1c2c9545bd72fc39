"""submission/token_key.py: the signing key on a USB token, chosen the way the module says.

The module promises that a key and its certificate are paired by CKA_ID (or, alone on the
token, with each other whatever their ids), that `cert_label` picks the certificate, that a
certificate object the token holds but that is no X.509 certificate is passed over, and
that a certificate outside its validity at the moment of signing is refused in Vietnamese.

Beside tests/submission/test_pkcs11_softhsm.py, which signs a package and runs the command
line through a SoftHSM2 token (EC and RSA) and covers labels of token and key, a wrong or
missing PIN, a wrong library, no token and a token without a key; this module does not
repeat those. SoftHSM2 stands in for the token here too, one small token per test.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from submission.certificates import Pki, make_pki

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.token_key import load_pkcs11

LIBRARY = Path("/usr/lib/softhsm/libsofthsm2.so")
if not LIBRARY.is_file():
    pytest.skip(f"SoftHSM2 is not installed ({LIBRARY} missing; apt-get install softhsm2)",
                allow_module_level=True)
pkcs11 = pytest.importorskip("pkcs11", reason="python-pkcs11 is not installed (the test extra)")

PIN, SO_PIN, LABEL = "2468", "1357", "token-xa"
KEY_ID, CERT_ID = b"\x01", b"\x01"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture
def token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An empty initialised SoftHSM2 token of this test; yields a function writing objects."""
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n"
                    "log.level = ERROR\n", "utf-8")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN,
                    "--so-pin", SO_PIN], check=True, capture_output=True,
                   env={**os.environ, "SOFTHSM2_CONF": str(conf)})
    pkcs11.lib(str(LIBRARY)).reinitialize()      # SoftHSM reads SOFTHSM2_CONF when initialised

    def write(*objects: dict[Any, Any]) -> None:
        with pkcs11.lib(str(LIBRARY)).get_token(token_label=LABEL).open(rw=True, user_pin=PIN) as s:
            for template in objects:
                s.create_object(template)

    yield write
    pkcs11.lib(str(LIBRARY)).finalize()


def _key(pki: Pki, ident: bytes = KEY_ID) -> dict[Any, Any]:
    # optional: python-pkcs11 (the test extra; the module is skipped without it)
    from pkcs11 import Attribute, KeyType, ObjectClass
    from pkcs11.util.ec import encode_named_curve_parameters

    key, _certificate, _others = pkcs12.load_key_and_certificates(
        pki.p12.read_bytes(), pki.password.encode("utf-8"))
    return {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.TOKEN: True,
            Attribute.PRIVATE: True, Attribute.SENSITIVE: True, Attribute.SIGN: True,
            Attribute.ID: ident, Attribute.LABEL: "Khoa ky", Attribute.KEY_TYPE: KeyType.EC,
            Attribute.EC_PARAMS: encode_named_curve_parameters("1.2.840.10045.3.1.7"),
            Attribute.VALUE: key.private_numbers().private_value.to_bytes(32, "big")}  # type: ignore[union-attr]


def _certificate(value: bytes, ident: bytes, label: str) -> dict[Any, Any]:
    from pkcs11 import Attribute, CertificateType, ObjectClass  # optional, as above

    return {Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.ID: ident, Attribute.LABEL: label,
            Attribute.SUBJECT: b"\x30\x00", Attribute.VALUE: value}   # an empty Name: not read


def _der(pki: Pki, which: str = "signer") -> bytes:
    return (pki.signer if which == "signer" else pki.ca).public_bytes(Encoding.DER)


def test_a_key_and_a_certificate_alone_on_the_token_go_together_whatever_their_ids(
        token: Any, pki: Pki) -> None:
    token(_key(pki, b"\x07"), _certificate(_der(pki), b"\x09", "Chung thu"))
    key = load_pkcs11(LIBRARY, PIN)
    key.close()
    assert key.certificate.subject == "Nguyễn Văn Bình"


def test_with_more_certificates_only_the_shared_id_pairs_them(token: Any, pki: Pki) -> None:
    token(_key(pki, b"\x07"), _certificate(_der(pki), b"\x09", "Chung thu"),
          _certificate(_der(pki, "ca"), b"\x02", "CA"))
    with pytest.raises(KnownError) as refused:
        load_pkcs11(LIBRARY, PIN)
    assert refused.value.message == (
        "Trên USB token token-xa không có khóa ký kèm chứng thư số; không ký được.")


def test_the_certificate_label_picks_the_certificate_and_junk_objects_are_passed_over(
        token: Any, pki: Pki) -> None:
    token(_key(pki), _certificate(b"\x30\x03\x02\x01\x01", b"\x05", "Hong"),
          _certificate(_der(pki, "ca"), b"\x02", "CA"), _certificate(_der(pki), CERT_ID, "Chu ky so"))
    key = load_pkcs11(LIBRARY, PIN, cert_label="Chu ky so")
    key.close()
    assert key.certificate.subject == "Nguyễn Văn Bình"
    with pytest.raises(KnownError) as refused:
        load_pkcs11(LIBRARY, PIN, cert_label="CA")      # no key shares the CA's id
    assert refused.value.message == (
        "Trên USB token token-xa không có khóa ký kèm chứng thư số có nhãn CA; không ký được.")


def test_a_certificate_outside_its_validity_when_signing_is_refused(token: Any, pki: Pki) -> None:
    token(_key(pki), _certificate(_der(pki), CERT_ID, "Chu ky so"))
    after = pki.signer.not_valid_after_utc + dt.timedelta(days=1)
    with pytest.raises(KnownError) as expired:
        load_pkcs11(LIBRARY, PIN, now=after)
    day = pki.signer.not_valid_after_utc.astimezone().strftime("%d/%m/%Y")
    assert expired.value.message == (
        f"Chứng thư số của Nguyễn Văn Bình đã hết hạn ngày {day}; không ký được. Liên hệ tổ chức "
        "cung cấp chữ ký số để gia hạn.")
    before = pki.signer.not_valid_before_utc - dt.timedelta(days=1)
    with pytest.raises(KnownError) as early:
        load_pkcs11(LIBRARY, PIN, now=before)
    start = pki.signer.not_valid_before_utc.astimezone().strftime("%d/%m/%Y")
    assert early.value.message == f"Chứng thư số của Nguyễn Văn Bình chỉ có hiệu lực từ ngày {start}."
