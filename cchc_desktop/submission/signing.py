"""Signing the report PDF: a PAdES signature from a .p12/.pfx file or a USB token, visible in the
signature block.

pyhanko does the PDF and CMS work (incremental update, byte ranges, PAdES profile); a
hand-written signer would get one of those subtly wrong. This module only loads the key,
turns every failure into a sentence for the clerk (wrong password, unreadable file,
expired certificate), and draws the visible box with the app's Vietnamese font, since
pyhanko's built-in stamp fonts have no Vietnamese letters.
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from cchc_desktop.documents.pdf_report import SignaturePlace
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

FIELD_NAME = "ChuKySo"
# The visible box inside the blank of the signature block: about the size of a seal's
# neighbour, leaving the rest of the blank for the red seal stamped on paper copies.
BOX_WIDTH = 200.0     # points (about 70 mm)
BOX_HEIGHT = 62.0     # points (about 22 mm)
_A4 = (595.2756, 841.8898)


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


@dataclass
class SigningKey:
    """A pyhanko signer with its certificate; close() releases a token session."""

    signer: Any                 # pyhanko.sign.signers.Signer
    certificate: CertificateInfo
    _close: Callable[[], None] | None = field(default=None, repr=False)

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None


def _check_validity(info: CertificateInfo, now: dt.datetime | None) -> None:
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
    from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped]
    from pyhanko.sign.signers import SimpleSigner

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KnownError(_("Không đọc được tệp chứng thư số {name}: {reason}.").format(
            name=path.name, reason=exc.strerror or exc)) from exc
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
    _check_validity(info, now)
    try:
        signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
    except ValueError as exc:
        raise unreadable from exc
    return SigningKey(signer, info)


def load_pkcs11(library: Path | str, pin: str | None, *, token_label: str | None = None,
                key_label: str | None = None, cert_label: str | None = None,
                now: dt.datetime | None = None) -> SigningKey:
    """The key on a USB token, through the token maker's PKCS#11 library (.dll/.so).

    Needs the optional python-pkcs11 package. Untested without a real token: the code
    follows pyhanko's documented PKCS#11 API, nothing more.
    """
    try:
        from pyhanko.config.pkcs11 import TokenCriteria
        from pyhanko.sign import pkcs11 as p11
    except ImportError as exc:
        raise KnownError(_("Ký bằng USB token cần gói python-pkcs11, chưa được cài; hãy dùng tệp "
                           "chứng thư .p12/.pfx hoặc cài gói này.")) from exc
    if not Path(library).is_file():
        raise KnownError(_("Không thấy thư viện PKCS#11 của USB token: {path}.").format(path=library))
    criteria = TokenCriteria(label=token_label) if token_label else None
    try:
        session = p11.open_pkcs11_session(str(library), token_criteria=criteria, user_pin=pin)
    except Exception as exc:  # python-pkcs11 errors: no token, wrong PIN, locked PIN
        raise KnownError(_("Không mở được USB token (đã cắm token? mã PIN đúng?): {detail}").format(
            detail=exc)) from exc
    try:
        signer = p11.PKCS11Signer(session, cert_label=cert_label, key_label=key_label)
        certificate = x509.load_der_x509_certificate(signer.signing_cert.dump())
    except Exception as exc:
        session.close()
        raise KnownError(_("Không tìm thấy khóa và chứng thư số trên USB token: {detail}").format(
            detail=exc)) from exc
    info = CertificateInfo.from_certificate(certificate)
    try:
        _check_validity(info, now)
    except KnownError:
        session.close()
        raise
    return SigningKey(signer, info, session.close)


# ------------------------------------------------------------------------------ the visible box

def signature_box(place: SignaturePlace | None) -> tuple[int, tuple[int, int, int, int]]:
    """(page index, box) for the visible signature: centred in the signature block's blank.

    Without a recorded place (an old PDF), the bottom right of the last page stands in;
    page -1 means "the last page".
    """
    if place is None or place.page < 0:
        right, bottom = _A4[0] - 15 * 72 / 25.4, 25 * 72 / 25.4
        return -1, (int(right - BOX_WIDTH), int(bottom), int(right), int(bottom + BOX_HEIGHT))
    width = min(BOX_WIDTH, place.width)
    height = min(BOX_HEIGHT, place.height)
    x = place.x + (place.width - width) / 2
    y = place.y + (place.height - height) / 2
    return place.page, (round(x), round(y), round(x + width), round(y + height))


def _stamp_pdf(info: CertificateInfo, signed_at: dt.datetime, width: float, height: float) -> bytes:
    """A one-page PDF the size of the box, with the signature's text in the app's font."""
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from cchc_desktop.documents import fonts

    fonts.register_fonts()
    lines = [(fonts.BOLD, _("Ký bởi: {name}").format(name=info.subject))]
    if info.organization:
        lines.append((fonts.REGULAR, _("Cơ quan: {name}").format(name=info.organization)))
    lines.append((fonts.REGULAR, _("Thời gian ký: {time}").format(
        time=signed_at.strftime("%d/%m/%Y %H:%M:%S %z"))))
    padding = 4.0
    size = 10.0
    while size > 5 and (max(stringWidth(t, f, size) for f, t in lines) > width - 2 * padding
                        or len(lines) * size * 1.25 > height - 2 * padding):
        size -= 0.5
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    blue = colors.Color(0.05, 0.2, 0.55)
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(0.8)
    canvas.rect(0.5, 0.5, width - 1, height - 1)
    canvas.setFillColor(blue)
    leading = size * 1.25
    y = height / 2 + leading * len(lines) / 2 - size
    for font, text in lines:
        canvas.setFont(font, size)
        canvas.drawString(padding, y, text)
        y -= leading
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _stamp_style(pdf: bytes) -> Any:
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class _ImportedPdfBytes(content.PdfContent):
        """pyhanko's ImportedPdfPage reads from a file name; ours is in memory."""

        def render(self) -> bytes:
            writer = self._ensure_writer
            xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)), page_ix=0)
            name = b"/Stamp" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobject
            x1, y1, x2, y2 = xobject.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name + b" Do"

    return StaticStampStyle(background=_ImportedPdfBytes(), border_width=0)


def sign_pdf_bytes(data: bytes, key: SigningKey, place: SignaturePlace | None = None, *,
                   reason: str = "", location: str = "",
                   now: dt.datetime | None = None) -> bytes:
    """`data` with a PAdES signature appended (incremental update), visible in the block."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signed_at = (now or dt.datetime.now()).astimezone()
    page, box = signature_box(place)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        if page < 0:
            page = int(writer.root["/Pages"]["/Count"]) - 1
        width, height = box[2] - box[0], box[3] - box[1]
        style = _stamp_style(_stamp_pdf(key.certificate, signed_at, width, height))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None, location=location or None, name=key.certificate.subject)
        pdf_signer = signers.PdfSigner(
            meta, key.signer, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box))
        output = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=output)
    except KnownError:
        raise
    except Exception as exc:  # pyhanko's SigningError, PdfReadError, token errors
        raise KnownError(_("Không ký được tệp PDF: {detail}").format(detail=exc)) from exc
    return output.getvalue()
