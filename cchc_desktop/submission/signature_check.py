"""Checking the digital signature of a report PDF: valid, invalid (changed after signing) or unsigned.

Used on the superior unit's side before a package is imported. Works offline: no
certificate or revocation list is fetched; whether the certificate chains to a trusted
root is reported apart from whether the file is intact, because offices seldom have the
national root certificates installed and an intact file is what matters for the figures.
"""

from __future__ import annotations

import datetime as dt
import enum
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from cchc_desktop.i18n import _

# pyhanko logs an untrusted chain with a traceback; the result object already says it, and a
# traceback on the console of the command line reads like a crash.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())


class SignatureState(enum.StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class SignatureCheck:
    state: SignatureState
    signer: str = ""
    signed_at: dt.datetime | None = None
    trusted: bool = False
    detail: str = ""

    @property
    def valid(self) -> bool:
        return self.state is SignatureState.VALID

    @property
    def summary(self) -> str:
        """One sentence for the preview of an incoming package."""
        if self.state is SignatureState.UNSIGNED:
            return _("Tệp PDF chưa được ký số.")
        if self.state is SignatureState.INVALID:
            return _("Chữ ký số KHÔNG hợp lệ: {detail}").format(detail=self.detail)
        when = (_(" lúc {time}").format(time=self.signed_at.astimezone().strftime("%H:%M %d/%m/%Y"))
                if self.signed_at else "")
        text = _("Chữ ký số hợp lệ: ký bởi {signer}{when}, tệp không bị sửa sau khi ký.").format(
            signer=self.signer or _("(không rõ tên)"), when=when)
        if not self.trusted:
            text += " " + _("Chứng thư số chưa được xác minh với chứng thư gốc tin cậy.")
        return text


def _asn1_certificate(certificate: Any) -> Any:
    from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]

    if isinstance(certificate, x509.Certificate):
        return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return certificate


def _signer_name(status: Any) -> str:
    try:
        subject = status.signing_cert.subject.native
    except Exception:  # a malformed certificate: the name is only for display
        return ""
    return str(subject.get("common_name") or subject.get("organization_name") or "")


def check_pdf_signature(data: bytes, trust_roots: Sequence[Any] = ()) -> SignatureCheck:
    """Check every signature in `data`; the result is the worst of them.

    `trust_roots`: CA certificates (cryptography or asn1crypto objects) the office trusts.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # the file does not even parse: changed or broken
        return SignatureCheck(SignatureState.INVALID,
                              detail=_("tệp PDF hỏng hoặc đã bị sửa ({detail}).").format(detail=exc))
    if not signatures:
        return SignatureCheck(SignatureState.UNSIGNED)
    roots = [_asn1_certificate(c) for c in trust_roots]
    result: SignatureCheck | None = None
    for embedded in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                    revocation_mode="soft-fail")
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as exc:  # a damaged signature dictionary or CMS blob
            return SignatureCheck(SignatureState.INVALID, detail=_(
                "không đọc được chữ ký ({detail}).").format(detail=exc))
        signer = _signer_name(status)
        if not (status.intact and status.valid):
            return SignatureCheck(SignatureState.INVALID, signer, status.signer_reported_dt,
                                  detail=_("nội dung tệp đã bị thay đổi sau khi ký."))
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.LTA_UPDATES)
        if not whole:
            return SignatureCheck(SignatureState.INVALID, signer, status.signer_reported_dt,
                                  detail=_("tệp đã được thêm nội dung sau khi ký."))
        result = SignatureCheck(SignatureState.VALID, signer, status.signer_reported_dt,
                                trusted=bool(status.trusted) and (result is None or result.trusted))
    assert result is not None
    return result
