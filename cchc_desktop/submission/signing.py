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

from asn1crypto import pkcs12 as asn1_pkcs12  # type: ignore[import-untyped, unused-ignore]
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped, unused-ignore]
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop.documents import fonts
from cchc_desktop.documents.pdf_report import SignaturePlace
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.reading import MAX_CERTIFICATE_BYTES, read_input_bytes
from cchc_desktop.submission.timestamps import choose_timestamper

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


@dataclass(frozen=True)
class SealImage:
    """The unit's seal as the unit scanned it: a PNG with transparency, never drawn by the app."""

    png: bytes
    name: str                   # the file's name, for messages
    width: int                  # pixels
    height: int


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

    `seal` and `tsa_url` are how the unit set up its appearances and timestamps: they travel
    with the key so every caller of sign_pdf_bytes uses them; `last_result` tells the caller
    afterwards whether the signature carries a timestamp.
    """

    signer: Any                 # pyhanko.sign.signers.Signer
    certificate: CertificateInfo
    _close: Callable[[], None] | None = field(default=None, repr=False)
    seal: SealImage | None = None
    tsa_url: str = ""
    last_result: SigningResult | None = None

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
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
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

    Needs the optional python-pkcs11 package. Opens a session on the first initialised token
    (or the one labelled `token_label`), logs in with `pin`, and takes the signing key
    labelled `key_label` (or the first one that has its certificate on the token: a clerk's
    token usually holds one). The session stays open for signing; close() ends it.
    Tested against SoftHSM2 (tests/submission/test_pkcs11_softhsm.py).
    """
    try:
        # python-pkcs11 is optional (the token extra): needed only with a USB token.
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
        _check_validity(info, now)
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
    # python-pkcs11 is optional (the token extra): needed only with a USB token.
    from pkcs11 import Mechanism

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
    # python-pkcs11 is optional (the token extra): needed only with a USB token.
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
    # python-pkcs11 is optional (the token extra): needed only with a USB token.
    from pkcs11 import Attribute, ObjectClass

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
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


# ------------------------------------------------------------------------------ the seal image

MAX_SEAL_BYTES = 2 * 1024 * 1024
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def load_seal_png(path: Path) -> SealImage:
    """The unit's seal image: a PNG with transparency (alpha channel or tRNS), at most 2 MB.

    Decree 30/2020 asks for the seal's image in .png with a transparent background, so that
    it lies over the signer's image without hiding it behind a white square.
    """
    path = Path(path)
    try:
        data = read_input_bytes(path, MAX_SEAL_BYTES)
    except KnownError as exc:
        raise KnownError(_("Không đọc được ảnh con dấu {name}: {reason}").format(
            name=path.name, reason=exc.message)) from exc
    if not data.startswith(_PNG_MAGIC):
        raise KnownError(_("Ảnh con dấu {name} không phải tệp PNG; hãy dùng ảnh con dấu định dạng "
                           ".png nền trong suốt.").format(name=path.name))
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            size = image.size
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        raise KnownError(_("Ảnh con dấu {name} bị hỏng, không đọc được.").format(
            name=path.name)) from exc
    if not transparent:
        raise KnownError(_("Ảnh con dấu {name} không có nền trong suốt; hãy dùng ảnh PNG nền trong "
                           "suốt để hình dấu không che chữ ký.").format(name=path.name))
    return SealImage(data, path.name, size[0], size[1])


# ------------------------------------------------------------------------------ the visible box

# With the seal, the box takes the blank's height so the seal keeps a readable size.
SEAL_BOX_HEIGHT = 84.0   # points (about 30 mm, the blank's height)
ORGANIZATION_BOX = (190.0, 34.0)   # the organisation's line at the top right of the first page


def signature_box(place: SignaturePlace | None, *, seal: bool = False
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """(page index, box) for the visible signature: centred in the signature block's blank.

    Without a recorded place (an old PDF), the bottom right of the last page stands in;
    page -1 means "the last page".
    """
    box_height = SEAL_BOX_HEIGHT if seal else BOX_HEIGHT
    box_width = BOX_WIDTH + (box_height * 2 / 3 if seal else 0)
    if place is None or place.page < 0:
        right, bottom = _A4[0] - 15 * 72 / 25.4, 25 * 72 / 25.4
        return -1, (int(right - box_width), int(bottom), int(right), int(bottom + box_height))
    width = min(box_width, place.width)
    height = min(box_height, place.height)
    x = place.x + (place.width - width) / 2
    y = place.y + (place.height - height) / 2
    return place.page, (round(x), round(y), round(x + width), round(y + height))


def _time_text(signed_at: dt.datetime) -> str:
    return signed_at.strftime("%d/%m/%Y %H:%M:%S ") + signed_at.strftime("%z")[:3] + ":" + \
        signed_at.strftime("%z")[3:]


def _fit_text(canvas: Any, lines: list[tuple[str, str]], x: float, width: float, height: float,
              *, start: float = 10.0) -> None:
    """Draw `lines` in the largest size (at most `start`) that fits the width and height."""
    padding = 3.0
    size = start
    while size > 5 and (max(stringWidth(t, f, size) for f, t in lines) > width - 2 * padding
                        or len(lines) * size * 1.25 > height - 2 * padding):
        size -= 0.5
    leading = size * 1.25
    y = height / 2 + leading * len(lines) / 2 - size
    for font, text in lines:
        canvas.setFont(font, size)
        canvas.drawString(x + padding, y, text)
        y -= leading


def _stamp_pdf(info: CertificateInfo, signed_at: dt.datetime, width: float, height: float,
               *, seal: SealImage | None = None, tsa_url: str = "") -> bytes:
    """A one-page PDF the size of the box: the signer's text in the app's font, and the unit's
    seal over the left third of it (Decree 30/2020, Appendix I) when the unit loaded one."""
    fonts.register_fonts()
    lines = [(fonts.BOLD, _("Ký bởi: {name}").format(name=info.subject))]
    if info.organization:
        lines.append((fonts.REGULAR, _("Cơ quan: {name}").format(name=info.organization)))
    lines.append((fonts.REGULAR, _("Thời gian ký (theo đồng hồ máy tính): {time}").format(
        time=_time_text(signed_at))))
    if tsa_url:
        lines.append((fonts.REGULAR, _("Có dấu thời gian của máy chủ {url}").format(url=tsa_url)))
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    blue = colors.Color(0, 0, 1)     # the decree's signature information is blue
    seal_size = 0.0
    text_x = 0.0
    if seal is not None:
        # The seal's image covers about the left third of the signer's image: the text starts
        # under the seal and two thirds of it stay clear on the right.
        seal_size = height
        text_x = max(0.0, (3 * seal_size - width) / 2)
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(0.8)
    canvas.rect(text_x + 0.5, 0.5, width - text_x - 1, height - 1)
    canvas.setFillColor(blue)
    _fit_text(canvas, lines, text_x + (seal_size / 3 if seal else 0.0),
              width - text_x - (seal_size / 3 if seal else 0.0), height)
    if seal is not None:
        scale = min(seal_size / seal.width, seal_size / seal.height)
        w, h = seal.width * scale, seal.height * scale
        left = text_x + (width - text_x) / 3 - w
        canvas.drawImage(ImageReader(io.BytesIO(seal.png)), max(0.0, left), (height - h) / 2,
                         w, h, mask="auto")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _organization_pdf(info: CertificateInfo, signed_at: dt.datetime) -> bytes:
    """The organisation's signature information for the top right of the first page: its name
    and the signing time in ISO 8601 with Vietnam's offset, Times-like serif 10 pt, blue."""
    fonts.register_fonts()
    width, height = ORGANIZATION_BOX
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    canvas.setFillColor(colors.Color(0, 0, 1))
    lines = [(fonts.REGULAR, info.organization or info.subject),
             (fonts.REGULAR, signed_at.isoformat(timespec="seconds"))]
    _fit_text(canvas, lines, 0.0, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _stamp_style(pdf: bytes) -> Any:
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils import content
    from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
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

    # No margins: the drawing is already the box's size, and pyhanko's default 5 pt margins
    # would shrink it (the decree's 10 pt text would come out at 7 pt).
    full = SimpleBoxLayoutRule(x_align=AxisAlignment.ALIGN_MID, y_align=AxisAlignment.ALIGN_MID,
                               margins=Margins())
    return StaticStampStyle(background=_ImportedPdfBytes(), border_width=0, background_layout=full)


def _stamp_organization(writer: Any, info: CertificateInfo, signed_at: dt.datetime) -> None:
    """Put the organisation's line on the first page's top right, in the revision being signed
    (so the signature covers it)."""
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.stamp import StaticContentStamp

    width, height = ORGANIZATION_BOX
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    _x1, _y1, x2, y2 = (float(v) for v in page["/MediaBox"])
    right_margin, top_margin = 15 * 72 / 25.4, 8 * 72 / 25.4
    stamp = StaticContentStamp(writer, _stamp_style(_organization_pdf(info, signed_at)),
                               BoxConstraints(width=width, height=height))
    stamp.apply(0, int(x2 - right_margin - width), int(y2 - top_margin - height))


def sign_pdf(data: bytes, key: SigningKey, place: SignaturePlace | None = None, *,
             reason: str = "", location: str = "", now: dt.datetime | None = None,
             timestamper: Any | None = None) -> tuple[bytes, SigningResult]:
    """`data` with a PAdES signature appended (incremental update), visible in the block, and
    what the signature says about its time.

    The timestamp server is `timestamper` (a pyhanko TimeStamper) if given, else the key's
    `tsa_url` when its server answers (timestamps.choose_timestamper); otherwise the signature
    has no timestamp and the result says the time is the PC's claim.
    """
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    tsa_url = ""
    note = ""
    if timestamper is None:
        choice = choose_timestamper(key.tsa_url)
        timestamper, tsa_url, note = choice.timestamper, choice.url, choice.reason
    else:
        tsa_url = str(getattr(timestamper, "url", "") or _("(không rõ địa chỉ)"))
    now = now or dt.datetime.now()
    signed_at = now if now.tzinfo is not None else now.astimezone()   # an aware time keeps its zone
    page, box = signature_box(place, seal=key.seal is not None)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        if page < 0:
            page = int(writer.root["/Pages"]["/Count"]) - 1
        if key.seal is not None:
            _stamp_organization(writer, key.certificate, signed_at)
        width, height = box[2] - box[0], box[3] - box[1]
        style = _stamp_style(_stamp_pdf(key.certificate, signed_at, width, height, seal=key.seal,
                                        tsa_url=tsa_url if timestamper is not None else ""))
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME, md_algorithm="sha256", subfilter=fields.SigSeedSubFilter.PADES,
            reason=reason or None, location=location or None, name=key.certificate.subject)
        pdf_signer = signers.PdfSigner(
            meta, key.signer, stamp_style=style, timestamper=timestamper,
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=page, box=box))
        output = io.BytesIO()
        pdf_signer.sign_pdf(writer, output=output)
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
    return output.getvalue(), result


def sign_pdf_bytes(data: bytes, key: SigningKey, place: SignaturePlace | None = None, *,
                   reason: str = "", location: str = "",
                   now: dt.datetime | None = None) -> bytes:
    """`data` with a PAdES signature appended; the outcome about time is left in key.last_result."""
    signed, key.last_result = sign_pdf(data, key, place, reason=reason, location=location, now=now)
    return signed
