"""What the signatures look like on the page: the visible boxes and the drawings in them.

The signer's box sits in the blank of the signature block, with the signer's name, unit
and signing time in blue (Decree 30/2020, Appendix I), the signer's handwritten-signature
image centred in it when the unit loaded one, and the unit's seal, when loaded, over the
left third; the organisation's signature is its seal alone, and its line (name and time)
goes at the top right of the first page. Drawings are made with the app's Vietnamese font,
since pyhanko's built-in stamp fonts have no Vietnamese letters.
"""

from __future__ import annotations

import binascii
import datetime as dt
import io
import uuid
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop.documents import fonts
from cchc_desktop.documents.pdf_report import SignaturePlace
from cchc_desktop.i18n import _
from cchc_desktop.submission.seal_image import SealImage
from cchc_desktop.submission.signature_image import SignatureImage
from cchc_desktop.submission.signing_key import CertificateInfo

# The visible box inside the blank of the signature block: about the size of a seal's
# neighbour, leaving the rest of the blank for the red seal stamped on paper copies.
BOX_WIDTH = 200.0     # points (about 70 mm)
BOX_HEIGHT = 62.0     # points (about 22 mm)
_A4 = (595.2756, 841.8898)
# With the seal, the box takes the blank's height so the seal keeps a readable size.
SEAL_BOX_HEIGHT = 84.0   # points (about 30 mm, the blank's height)
ORGANIZATION_BOX = (190.0, 34.0)   # the organisation's line at the top right of the first page


def signature_box(place: SignaturePlace | None, *, seal: bool | SealImage | None = False,
                  signature: SignatureImage | None = None
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """(page index, box) for the visible signature: centred in the signature block's blank.

    Without a recorded place (an old PDF), the bottom right of the last page stands in;
    page -1 means "the last page". A seal whose real size is known sets the box's height,
    even beyond the blank: on paper too the seal overlaps the lines around the signature.
    The signer's signature image makes the box the blank's height, and as wide as the image
    at that height (at least the text's width) so the image keeps its size and proportions.
    """
    real = seal.real_height_points if isinstance(seal, SealImage) else None
    box_height = real or (SEAL_BOX_HEIGHT if seal or signature is not None else BOX_HEIGHT)
    base_width = BOX_WIDTH
    if signature is not None:
        frame = min(box_height, SEAL_BOX_HEIGHT)
        base_width = max(BOX_WIDTH, frame * signature.width / signature.height)
    box_width = base_width + (box_height * 2 / 3 if seal else 0)
    if place is None or place.page < 0:
        right, bottom = _A4[0] - 15 * 72 / 25.4, 25 * 72 / 25.4
        return -1, (int(right - box_width), int(bottom), int(right), int(bottom + box_height))
    width = min(box_width, place.width)
    height = box_height if real else min(box_height, place.height)
    x = place.x + (place.width - width) / 2
    y = place.y + (place.height - height) / 2
    return place.page, (round(x), round(y), round(x + width), round(y + height))


def frame_rect(width: float, height: float, seal: SealImage | None) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the signer's blue frame inside a box of `width` x `height`.

    With the seal drawn in the box, the frame starts so that the seal covers its left third;
    a seal at its real size may make the box taller than the blank, but the frame stays
    within the blank's height so it does not run over the title and the name around it.
    """
    text_x = max(0.0, (3 * height - width) / 2) if seal is not None else 0.0
    frame = min(height, SEAL_BOX_HEIGHT)
    return text_x, (height - frame) / 2, width - text_x, frame


def signature_image_rect(frame: tuple[float, float, float, float], signature: SignatureImage,
                         box_width: float) -> tuple[float, float, float, float]:
    """(x, y, width, height) of the signer's signature image: as tall as the frame (the
    blank) allows, its proportions kept, centred on the box (which is centred on the blank,
    between the title and the name) as far as the frame lets it."""
    x, y, width, height = frame
    inset = 1.0     # inside the frame's line
    scale = min((width - 2 * inset) / signature.width, (height - 2 * inset) / signature.height)
    w, h = signature.width * scale, signature.height * scale
    return max(x + inset, (box_width - w) / 2), y + (height - h) / 2, w, h


def organization_seal_box(person_box: tuple[int, int, int, int], seal: SealImage,
                          signature: SignatureImage | None = None) -> tuple[int, int, int, int]:
    """Where the body's signature (its seal) goes: over the left third of the signer's image
    (the handwritten signature's when there is one, else the signer's box), at the seal's
    real size when known, centred on the signer's box's height."""
    x1, y1, x2, y2 = person_box
    left, right = float(x1), float(x2)
    if signature is not None:
        image_x, _y, image_w, _h = signature_image_rect(frame_rect(x2 - x1, y2 - y1, None),
                                                          signature, x2 - x1)
        left, right = x1 + image_x, x1 + image_x + image_w
    height = seal.real_height_points or SEAL_BOX_HEIGHT
    width = height * seal.width / seal.height
    third = left + (right - left) / 3
    middle = (y1 + y2) / 2
    return (round(third - width), round(middle - height / 2), round(third), round(middle + height / 2))


def _time_text(signed_at: dt.datetime) -> str:
    return signed_at.strftime("%d/%m/%Y %H:%M:%S ") + signed_at.strftime("%z")[:3] + ":" + \
        signed_at.strftime("%z")[3:]


def _fit_text(canvas: Any, lines: list[tuple[str, str]], x: float, width: float, height: float,
              *, start: float = 10.0, halo: bool = False) -> None:
    """Draw `lines` in the largest size (at most `start`) that fits the width and height.

    With `halo`, each line is first stroked in white: text drawn over the signer's signature
    image stays readable where the ink crosses it.
    """
    padding = 3.0
    size = start
    while size > 5 and (max(stringWidth(t, f, size) for f, t in lines) > width - 2 * padding
                        or len(lines) * size * 1.25 > height - 2 * padding):
        size -= 0.5
    leading = size * 1.25
    y = height / 2 + leading * len(lines) / 2 - size
    for font, text in lines:
        if halo:
            outline = canvas.beginText(x + padding, y)
            outline.setFont(font, size)
            outline.setTextRenderMode(1)         # stroke only: the white edge around the glyphs
            outline.textLine(text)
            canvas.saveState()
            canvas.setStrokeColor(colors.white)
            canvas.setLineWidth(max(1.2, size * 0.28))
            canvas.setLineJoin(1)
            canvas.drawText(outline)
            canvas.restoreState()
        canvas.setFont(font, size)
        canvas.drawString(x + padding, y, text)
        y -= leading


# With the signer's signature image, the text takes the frame's lower part (this share of its
# height), over the image's lower strokes: the image keeps the blank's full height.
TEXT_SHARE_WITH_SIGNATURE = 0.42


def stamp_pdf(info: CertificateInfo, signed_at: dt.datetime, width: float, height: float,
               *, seal: SealImage | None = None, signature: SignatureImage | None = None,
               tsa_url: str = "") -> bytes:
    """A one-page PDF the size of the box: the signer's text in the app's font, the signer's
    signature image centred in it and the unit's seal over the left third of that image (or of
    the box without one) (Decree 30/2020, Appendix I), each only when the unit loaded it."""
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
    frame = frame_x, frame_y, frame_width, frame_height = frame_rect(width, height, seal)
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(0.8)
    canvas.rect(frame_x + 0.5, frame_y + 0.5, frame_width - 1, frame_height - 1)
    image = None
    if signature is not None:
        # The unit's own file, as it is, under the text and the seal (as ink under a stamp).
        image = signature_image_rect(frame, signature, width)
        canvas.drawImage(ImageReader(io.BytesIO(signature.png)), *image, mask="auto")
    # The seal's image covers about the left third of the signer's: the text starts under
    # the seal and two thirds of it stay clear on the right.
    text_x = frame_x + (height / 3 if seal is not None else 0.0)

    def text() -> None:
        canvas.setFillColor(blue)
        canvas.saveState()
        canvas.translate(0, frame_y)
        if image is None:
            _fit_text(canvas, lines, text_x, width - text_x, frame_height)
        else:
            _fit_text(canvas, lines, text_x, width - text_x,
                      frame_height * TEXT_SHARE_WITH_SIGNATURE, halo=True)
        canvas.restoreState()

    if image is None:
        text()
    if seal is not None:
        scale = min(height / seal.width, height / seal.height)
        w, h = seal.width * scale, seal.height * scale
        third = image[0] + image[2] / 3 if image is not None else frame_x + frame_width / 3
        canvas.drawImage(ImageReader(io.BytesIO(seal.png)), max(0.0, third - w), (height - h) / 2,
                         w, h, mask="auto")
    if image is not None:
        # Over the signature and the seal, edged in white: the lines stay readable where the
        # ink and the seal's ring cross them.
        text()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def organization_pdf(info: CertificateInfo, signed_at: dt.datetime) -> bytes:
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


def seal_pdf(seal: SealImage, width: float, height: float) -> bytes:
    """The body's signature appearance: the unit's seal image alone, with its transparency."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=True)
    canvas.drawImage(ImageReader(io.BytesIO(seal.png)), 0, 0, width, height, mask="auto")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def stamp_style(pdf: bytes) -> Any:
    # pyhanko (~0.5 s): only when signing
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


def stamp_organization(writer: Any, info: CertificateInfo, signed_at: dt.datetime) -> None:
    """Put the organisation's line on the first page's top right, in the revision being signed
    (so the signature covers it)."""
    # pyhanko (~0.5 s): only when signing
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.stamp import StaticContentStamp

    width, height = ORGANIZATION_BOX
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    _x1, _y1, x2, y2 = (float(v) for v in page["/MediaBox"])
    right_margin, top_margin = 15 * 72 / 25.4, 8 * 72 / 25.4
    stamp = StaticContentStamp(writer, stamp_style(organization_pdf(info, signed_at)),
                               BoxConstraints(width=width, height=height))
    stamp.apply(0, int(x2 - right_margin - width), int(y2 - top_margin - height))
