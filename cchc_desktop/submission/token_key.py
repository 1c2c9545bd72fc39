"""The signing key on a USB token, through the token maker's PKCS#11 library (.dll/.so).

Needs the optional python-pkcs11 package, imported only when a token is used. Every
failure (no library, no token, wrong or locked PIN, no key with its certificate) becomes
a sentence for the clerk.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.submission.signing_key import CertificateInfo, SigningKey, check_validity


def load_pkcs11(library: Path | str, pin: str | None, *, token_label: str | None = None,
                key_label: str | None = None, cert_label: str | None = None,
                now: dt.datetime | None = None) -> SigningKey:
    """The key on a USB token, through the token maker's PKCS#11 library (.dll/.so).

    Needs the optional python-pkcs11 package. Opens a session on the first initialised token
    (or the one labelled `token_label`), logs in with `pin`, and takes the signing key
    labelled `key_label` (or the first one that has its certificate on the token: a clerk's
    token usually holds one). The session stays open for signing; close() ends it.
    Tested against SoftHSM2 (tests/submission/test_pkcs11_softhsm.py).
    """
    # optional: python-pkcs11 is the "token" extra; pyhanko (~0.5 s) only when signing
    try:
        import pkcs11
        from pkcs11 import exceptions as p11_errors
        from pyhanko.sign.pkcs11 import PKCS11Signer
    except ImportError as exc:
        raise KnownError(_("Ký bằng USB token cần gói python-pkcs11, chưa được cài; hãy dùng tệp "
                           "chứng thư .p12/.pfx hoặc cài gói này.")) from exc
    path = Path(library)
    if not path.is_file():
        raise KnownError(_("Không thấy thư viện PKCS#11 của USB token: {path}. Hãy kiểm tra "
                           "đường dẫn hoặc cài phần mềm đi kèm token.").format(path=library))
    try:
        lib = pkcs11.lib(str(path))
    except Exception as exc:  # not a shared library, wrong architecture, C_Initialize failed
        raise KnownError(_("Không nạp được thư viện PKCS#11 {path}: tệp này không phải thư viện "
                           "của USB token hoặc không hợp với máy này ({detail}).").format(
            path=library, detail=exc)) from exc
    token = _find_token(lib, token_label)
    token_name = str(token.label).strip() or _("USB token")
    try:
        if pin:
            session = token.open(user_pin=pin)
        elif pkcs11.TokenFlag.PROTECTED_AUTHENTICATION_PATH in token.flags:
            session = token.open(user_pin=pkcs11.PROTECTED_AUTH)  # PIN typed on the reader
        else:
            raise KnownError(_("Cần mã PIN của USB token {token} để ký.").format(token=token_name))
    except (p11_errors.PinIncorrect, p11_errors.PinLenRange, p11_errors.PinInvalid) as exc:
        raise KnownError(_("Sai mã PIN của USB token {token}. Lưu ý: nhập sai nhiều lần "
                           "token sẽ bị khóa.").format(token=token_name)) from exc
    except p11_errors.PinLocked as exc:
        raise KnownError(_("Mã PIN của USB token {token} đã bị khóa do nhập sai nhiều lần; liên "
                           "hệ tổ chức cung cấp chữ ký số để mở khóa.").format(
            token=token_name)) from exc
    except (p11_errors.TokenNotPresent, p11_errors.DeviceRemoved) as exc:
        raise KnownError(_("Không thấy USB token: hãy cắm token vào máy rồi thử lại.")) from exc
    except p11_errors.PKCS11Error as exc:
        raise KnownError(_("Không mở được USB token {token}: {detail}").format(
            token=token_name, detail=exc.__class__.__name__)) from exc
    try:
        selector, certificate, others = _find_key_and_certificate(session, key_label, cert_label)
        if selector is None:
            raise KnownError(_("Trên USB token {token} không có khóa ký kèm chứng thư số{which}; "
                               "không ký được.").format(
                token=token_name,
                which=_(" có nhãn {label}").format(label=key_label or cert_label)
                if key_label or cert_label else ""))
        info = CertificateInfo.from_certificate(certificate)
        check_validity(info, now)
        signer = PKCS11Signer(session, signing_cert=_asn1_certificate(certificate),
                              ca_chain=[_asn1_certificate(c) for c in others],
                              use_raw_mechanism=_needs_raw_ecdsa(token, certificate), **selector)
    except KnownError:
        session.close()
        raise
    except p11_errors.PKCS11Error as exc:
        session.close()
        raise KnownError(_("Không đọc được khóa và chứng thư số trên USB token {token}: "
                           "{detail}").format(token=token_name,
                                              detail=exc.__class__.__name__)) from exc
    return SigningKey(signer, info, session.close)


def _needs_raw_ecdsa(token: Any, certificate: x509.Certificate) -> bool:
    """True for an EC key on a token that has plain ECDSA but not ECDSA-with-SHA-256
    (SoftHSM 2.6, some smart cards): pyhanko then hashes and the token only signs."""
    from pkcs11 import Mechanism  # optional: the "token" extra

    if not isinstance(certificate.public_key(), ec.EllipticCurvePublicKey):
        return False
    try:
        mechanisms = set(token.slot.get_mechanisms())
    except Exception:  # a token that cannot list them: try hash-then-sign on the token
        return False
    return Mechanism.ECDSA_SHA256 not in mechanisms and Mechanism.ECDSA in mechanisms


def _find_token(lib: Any, label: str | None) -> Any:
    """The token labelled `label`, or the first initialised one (SoftHSM and some readers list
    an empty slot as well)."""
    # optional: python-pkcs11 is the "token" extra
    from pkcs11 import TokenFlag
    from pkcs11 import exceptions as p11_errors

    try:
        slots = lib.get_slots(token_present=True)
    except p11_errors.PKCS11Error as exc:
        raise KnownError(_("Không đọc được danh sách USB token: {detail}").format(
            detail=exc.__class__.__name__)) from exc
    for slot in slots:
        try:
            token = slot.get_token()
        except p11_errors.PKCS11Error:
            continue
        if TokenFlag.TOKEN_INITIALIZED not in token.flags:
            continue
        if label is None or str(token.label).strip() == label:
            return token
    if label is not None:
        raise KnownError(_("Không thấy USB token có nhãn {label}: hãy cắm đúng token vào máy "
                           "rồi thử lại.").format(label=label))
    raise KnownError(_("Không thấy USB token: hãy cắm token vào máy rồi thử lại."))


def _find_key_and_certificate(session: Any, key_label: str | None, cert_label: str | None
                              ) -> tuple[dict[str, Any] | None, Any, list[x509.Certificate]]:
    """(PKCS11Signer's key argument, the signer's certificate, the token's other certificates).

    A key and its certificate share CKA_ID; the first signing key with a certificate wins.
    """
    from pkcs11 import Attribute, ObjectClass  # optional: the "token" extra

    key_query: dict[Any, Any] = {Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True}
    if key_label:
        key_query[Attribute.LABEL] = key_label
    keys = list(session.get_objects(key_query))
    certificates: list[tuple[bytes, str, x509.Certificate]] = []
    for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
        try:
            certificates.append((bytes(obj[Attribute.ID]), str(obj[Attribute.LABEL]),
                                 x509.load_der_x509_certificate(bytes(obj[Attribute.VALUE]))))
        except Exception:  # a certificate the token cannot show us, or not X.509: skip it
            continue
    for key in keys:
        key_id = bytes(key[Attribute.ID])
        for cert_id, label, certificate in certificates:
            if cert_label and label != cert_label:
                continue
            if (key_id and cert_id == key_id) or (len(keys) == 1 and len(certificates) == 1):
                others = [c for _i, _l, c in certificates if c is not certificate]
                selector = {"key_id": key_id} if key_id else {"key_label": str(key.label)}
                return selector, certificate, others
    return None, None, []


def _asn1_certificate(certificate: x509.Certificate) -> Any:
    # pyhanko's asn1crypto: only when signing with a token
    from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]

    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
