"""Signing the report PDF: a PAdES signature from a .p12/.pfx file or a USB token, visible in the
signature block.

pyhanko does the PDF and CMS work (incremental update, byte ranges, PAdES profile); a
hand-written signer would get one of those subtly wrong. This module only signs and turns
every failure into a sentence for the clerk; the key is loaded by signing_key.py (a
.p12/.pfx file) or token_key.py (a USB token), the seal by seal_image.py, the signer's
signature image by signature_image.py, and the visible boxes are drawn by
signature_appearance.py with the app's Vietnamese font.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from cchc_desktop.documents.pdf_report import SignaturePlace
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.submission.seal_image import MAX_SEAL_BYTES, SEAL_MM_RANGE, SealImage, load_seal_png
from cchc_desktop.submission.signature_appearance import (
    BOX_HEIGHT,
    BOX_WIDTH,
    ORGANIZATION_BOX,
    SEAL_BOX_HEIGHT,
    organization_seal_box,
    seal_pdf,
    signature_box,
    stamp_organization,
    stamp_pdf,
    stamp_style,
)
from cchc_desktop.submission.signing_key import CertificateInfo, SigningKey, SigningResult, load_pkcs12
from cchc_desktop.submission.timestamps import choose_timestamper
from cchc_desktop.submission.token_key import load_pkcs11

# The names this module always offered, wherever they live now.
__all__ = ["BOX_HEIGHT", "BOX_WIDTH", "FIELD_NAME", "MAX_SEAL_BYTES", "ORGANIZATION_BOX",
           "ORGANIZATION_FIELD", "SEAL_BOX_HEIGHT", "SEAL_MM_RANGE", "CertificateInfo", "SealImage",
           "SigningKey", "SigningResult", "load_pkcs11", "load_pkcs12", "load_seal_png",
           "organization_seal_box", "sign_pdf", "sign_pdf_bytes", "signature_box"]

FIELD_NAME = "ChuKySo"
ORGANIZATION_FIELD = "ChuKySoCoQuan"


def _signed_field(data: bytes, key: SigningKey, *, field_name: str, page: int,
                  box: tuple[int, int, int, int], style: Any, timestamper: Any,
                  reason: str, location: str, stamp_line: CertificateInfo | None = None,
                  signed_at: dt.datetime | None = None) -> bytes:
    """`data` with one more PAdES signature (incremental update) in a new visible field."""
    # pyhanko (~0.5 s): only when signing
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    if page < 0:
        page = int(writer.root["/Pages"]["/Count"]) - 1
    if stamp_line is not None and signed_at is not None:
        stamp_organization(writer, stamp_line, signed_at)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None, location=location or None, name=key.certificate.subject)
    pdf_signer = signers.PdfSigner(
        meta, key.signer, stamp_style=style, timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=page, box=box))
    output = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=output)
    return output.getvalue()


def sign_pdf(data: bytes, key: SigningKey, place: SignaturePlace | None = None, *,
             reason: str = "", location: str = "", now: dt.datetime | None = None,
             timestamper: Any | None = None) -> tuple[bytes, SigningResult]:
    """`data` with a PAdES signature appended (incremental update), visible in the block, and
    what the signature says about its time.

    The signer's handwritten-signature image (`key.signature_image`), when the unit loaded
    one, is drawn in the signer's own appearance, so this signature covers it. With
    `key.organization`, a second signature follows: the organisation's, its seal over the
    left third of the signer's image. The timestamp server is `timestamper` (a pyhanko
    TimeStamper) if given, else the key's `tsa_url` when its server answers
    (timestamps.choose_timestamper); otherwise the signature has no timestamp and the result
    says the time is the PC's claim.
    """
    tsa_url = ""
    note = ""
    if timestamper is None:
        choice = choose_timestamper(key.tsa_url)
        timestamper, tsa_url, note = choice.timestamper, choice.url, choice.reason
    else:
        tsa_url = str(getattr(timestamper, "url", "") or _("(không rõ địa chỉ)"))
    now = now or dt.datetime.now()
    signed_at = now if now.tzinfo is not None else now.astimezone()   # an aware time keeps its zone
    organization = key.organization
    seal = key.seal or (organization.seal if organization is not None else None)
    if organization is not None and seal is None:
        raise KnownError(_("Chữ ký số của cơ quan là hình ảnh con dấu: hãy nạp ảnh con dấu của đơn vị "
                           "(.png nền trong suốt) trước khi ký bằng chứng thư của cơ quan."))
    # With the organisation signing apart, the signer's image carries no seal.
    own_seal = seal if organization is None else None
    signature = key.signature_image
    page, box = signature_box(place, seal=own_seal, signature=signature)
    try:
        width, height = box[2] - box[0], box[3] - box[1]
        style = stamp_style(stamp_pdf(key.certificate, signed_at, width, height, seal=own_seal,
                                        signature=signature,
                                        tsa_url=tsa_url if timestamper is not None else ""))
        line_of = (organization or key).certificate if seal is not None else None
        output = _signed_field(data, key, field_name=FIELD_NAME, page=page, box=box, style=style,
                               timestamper=timestamper, reason=reason, location=location,
                               stamp_line=line_of, signed_at=signed_at)
        if organization is not None and seal is not None:
            seal_box = organization_seal_box(box, seal, signature)
            seal_style = stamp_style(seal_pdf(seal, seal_box[2] - seal_box[0],
                                                seal_box[3] - seal_box[1]))
            output = _signed_field(output, organization, field_name=ORGANIZATION_FIELD, page=page,
                                   box=seal_box, style=seal_style, timestamper=timestamper,
                                   reason=_("Cơ quan ban hành"), location=location)
    except KnownError:
        raise
    except Exception as exc:  # pyhanko's SigningError, PdfReadError, token errors
        if timestamper is not None and "timestamp" in f"{exc!r}".lower():
            raise KnownError(_("Máy chủ dấu thời gian {url} không trả lời đúng: {detail}. Hãy thử "
                               "lại, hoặc bỏ cấu hình máy chủ để ký không có dấu thời gian.").format(
                url=tsa_url, detail=(str(exc) or exc.__class__.__name__).rstrip("."))) from exc
        # python-pkcs11's errors carry no text: their class name is the detail
        raise KnownError(_("Không ký được tệp PDF: {detail}").format(
            detail=str(exc) or exc.__class__.__name__)) from exc
    if timestamper is not None:
        result = SigningResult(True, tsa_url, _("Chữ ký có dấu thời gian của máy chủ {url}.").format(
            url=tsa_url))
    else:
        result = SigningResult(False, tsa_url, note)
    return output, result


def sign_pdf_bytes(data: bytes, key: SigningKey, place: SignaturePlace | None = None, *,
                   reason: str = "", location: str = "",
                   now: dt.datetime | None = None) -> bytes:
    """`data` with a PAdES signature appended; the outcome about time is left in key.last_result."""
    signed, key.last_result = sign_pdf(data, key, place, reason=reason, location=location, now=now)
    return signed
