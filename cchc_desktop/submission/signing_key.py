"""The signing key from a .p12/.pfx file, with the certificate the clerk reads about and
what travels with the key (the unit's seal, the signer's signature image, its timestamp
server, the organisation's key).

A key is checked to be usable today when it is loaded, and every failure becomes a
sentence for the clerk (wrong password, unreadable file, expired certificate). A key on a
USB token is loaded by token_key.py into the same SigningKey.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.reading import MAX_CERTIFICATE_BYTES, read_input_bytes
from cchc_desktop.submission.seal_image import SealImage
from cchc_desktop.submission.signature_image import SignatureImage


@dataclass(frozen=True)
class CertificateInfo:
    """What the clerk and the superior unit read about a signing certificate."""

    subject: str              # the common name: a person or the unit
    organization: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime

    @classmethod
    def from_certificate(cls, certificate: x509.Certificate) -> CertificateInfo:
        def name_part(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
            values = name.get_attributes_for_oid(oid)
            return str(values[0].value) if values else ""

        subject = name_part(certificate.subject, NameOID.COMMON_NAME) or certificate.subject.rfc4514_string()
        issuer = name_part(certificate.issuer, NameOID.COMMON_NAME) or certificate.issuer.rfc4514_string()
        return cls(subject, name_part(certificate.subject, NameOID.ORGANIZATION_NAME), issuer,
                   certificate.not_valid_before_utc, certificate.not_valid_after_utc)


@dataclass(frozen=True)
class SigningResult:
    """What a signing did about time: the PC's claim, or a timestamp server's token as well."""

    timestamped: bool
    tsa_url: str = ""
    note: str = ""              # the Vietnamese sentence shown to the clerk

    @property
    def time_source(self) -> str:
        return "tsa" if self.timestamped else "pc-clock"


@dataclass
class SigningKey:
    """A pyhanko signer with its certificate; close() releases a token session.

    `seal`, `signature_image` and `tsa_url` are how the unit set up its appearances and
    timestamps (the seal, the signer's handwritten signature, the server): they travel
    with the key so every caller of sign_pdf_bytes uses them; `last_result` tells the caller
    afterwards whether the signature carries a timestamp.
    """

    signer: Any                 # pyhanko.sign.signers.Signer
    certificate: CertificateInfo
    _close: Callable[[], None] | None = field(default=None, repr=False)
    seal: SealImage | None = None
    tsa_url: str = ""
    last_result: SigningResult | None = None
    # The organisation's own key (the unit's certificate, kept by its office): with it the
    # seal becomes a second signature, the body's, over the left third of the signer's
    # image (Decree 30/2020, Appendix I); without it the seal is drawn in the signer's.
    organization: SigningKey | None = None
    # The signer's handwritten-signature image, drawn in the signer's own appearance.
    signature_image: SignatureImage | None = None

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None
        if self.organization is not None:
            self.organization.close()


def check_validity(info: CertificateInfo, now: dt.datetime | None) -> None:
    """Refuse a certificate expired, or not yet valid, at `now` (default: this moment)."""
    now = now or dt.datetime.now(dt.UTC)
    if info.not_after < now:
        raise KnownError(_("Chứng thư số của {subject} đã hết hạn ngày {date}; không ký được. "
                           "Liên hệ tổ chức cung cấp chữ ký số để gia hạn.").format(
            subject=info.subject, date=info.not_after.astimezone().strftime("%d/%m/%Y")))
    if info.not_before > now:
        raise KnownError(_("Chứng thư số của {subject} chỉ có hiệu lực từ ngày {date}.").format(
            subject=info.subject, date=info.not_before.astimezone().strftime("%d/%m/%Y")))


def load_pkcs12(path: Path, password: str | None, *, now: dt.datetime | None = None) -> SigningKey:
    """The key and certificate of a .p12/.pfx file, checked to be usable today."""
    # pyhanko and its asn1crypto (~0.5 s): only when signing
    from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped]
    from pyhanko.sign.signers import SimpleSigner

    path = Path(path)
    try:
        data = read_input_bytes(path, MAX_CERTIFICATE_BYTES)    # never a pipe, never unbounded
    except KnownError as exc:
        raise KnownError(_("Không đọc được tệp chứng thư số {name}: {reason}").format(
            name=path.name, reason=exc.message)) from exc
    unreadable = KnownError(_("Tệp {name} không phải là tệp chứng thư số PKCS#12 (.p12, .pfx) "
                              "đọc được.").format(name=path.name))
    try:
        # Parse the outer structure first so a damaged file is not reported as a wrong password.
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["auth_safe"]["content_type"].native  # noqa: B018 - forces the parse
    except Exception as exc:  # asn1crypto raises ValueError, TypeError or its own errors
        raise unreadable from exc
    secret = password.encode("utf-8") if password else None
    try:
        key, certificate, _others = pkcs12.load_key_and_certificates(data, secret)
    except ValueError as exc:
        if not password:
            raise KnownError(_("Tệp chứng thư số {name} cần mật khẩu.").format(name=path.name)) from exc
        raise KnownError(_("Sai mật khẩu của tệp chứng thư số {name}.").format(name=path.name)) from exc
    except Exception as exc:  # unsupported algorithms and the like
        raise unreadable from exc
    if key is None or certificate is None:
        raise KnownError(_("Tệp {name} không có khóa bí mật kèm chứng thư số; không dùng để ký "
                           "được.").format(name=path.name))
    info = CertificateInfo.from_certificate(certificate)
    check_validity(info, now)
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
    except ValueError as exc:
        raise unreadable from exc
    return SigningKey(signer, info)
