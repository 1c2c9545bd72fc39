"""Certificate and CRL files as the province's IT staff import them into the trust store.

Read whole but bounded (a certificate file is never over 1 MB), parsed in any of the usual
encodings (PEM bundle, DER .cer/.crt, PKCS#7 .p7b), and judged fit to be a trust anchor;
a CRL is checked to be signed by its issuer. Nothing here touches the data file: storing
is trust_store.py's part.
"""

from __future__ import annotations

from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.trust_policy import short_fingerprint as short_fingerprint  # moved there
from cchc_desktop.failures import os_reason
from cchc_desktop.i18n import _

# A bundle of every Vietnamese root and subordinate CA is a few dozen kilobytes; a file
# much larger is not a certificate file, and reading it whole would be the only cost.
MAX_FILE_BYTES = 1024 * 1024


class TrustStoreError(KnownError):
    """A certificate or CRL file the trust store refuses, with the reason in Vietnamese."""


def display_name(name: x509.Name) -> str:
    """The common name and organisation of a certificate name, as a clerk reads it."""
    parts = []
    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        parts += [str(a.value) for a in name.get_attributes_for_oid(oid)]
    return ", ".join(dict.fromkeys(parts)) or name.rfc4514_string()


def read_trust_file(path: Path) -> bytes:
    """A certificate or CRL file's bytes, refused above MAX_FILE_BYTES or when unreadable."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TrustStoreError(_("Tệp {name} quá lớn ({size} byte): tệp chứng thư hoặc danh sách "
                                    "thu hồi không quá 1 MB.").format(name=path.name, size=size))
        return path.read_bytes()
    except OSError as exc:
        raise TrustStoreError(_("Không đọc được tệp {name}: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc


def parse_certificates(data: bytes, name: str) -> list[x509.Certificate]:
    """Every certificate of a PEM bundle, a DER (.cer/.crt) or a PKCS#7 (.p7b) file."""
    loaders = ((b"-----BEGIN PKCS7-----", pkcs7.load_pem_pkcs7_certificates),
               (b"-----BEGIN CERTIFICATE-----", x509.load_pem_x509_certificates))
    for marker, loader in loaders:
        if marker in data:
            try:
                return list(loader(data))
            except ValueError:
                break
    else:
        for der_loader in (lambda d: [x509.load_der_x509_certificate(d)],
                           pkcs7.load_der_pkcs7_certificates):
            try:
                return list(der_loader(data))
            except ValueError:
                continue
    raise TrustStoreError(_("Tệp {name} không chứa chứng thư số đọc được (PEM, DER .cer/.crt "
                            "hoặc PKCS#7 .p7b).").format(name=name))


def _self_signed(cert: x509.Certificate) -> bool:
    if cert.subject != cert.issuer:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def anchor_problem(cert: x509.Certificate) -> str | None:
    """Why a certificate cannot be a trust anchor, or None.

    A CA certificate (basicConstraints CA true) can; a certificate that says it is not a CA
    cannot, self-signed or not: trusting one would let its holder vouch for nobody but
    itself, and a clerk importing a unit's own certificate by mistake must be told. An old
    root without basicConstraints is accepted only if it is self-signed.
    """
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        constraints = None
    name = display_name(cert.subject)
    if constraints is not None and not constraints.ca:
        return _("Chứng thư {name} không phải chứng thư của tổ chức chứng thực (CA): nó chỉ dùng "
                 "để ký, không dùng làm chứng thư gốc tin cậy.").format(name=name)
    if constraints is None and not _self_signed(cert):
        return _("Chứng thư {name} không khai báo là chứng thư của tổ chức chứng thực (CA) và "
                 "không tự ký: không dùng làm chứng thư gốc tin cậy.").format(name=name)
    return None


def crl_signed_by(crl: x509.CertificateRevocationList, cert: x509.Certificate) -> bool:
    """Was `crl` signed by the key of `cert` (a forged CRL is not)?"""
    try:
        return crl.is_signature_valid(cert.public_key())  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
