"""What the signatures look like on the page: the visible boxes and the drawings in them.

The signer's box sits in the blank of the signature block, with the signer's name, unit
and signing time in blue (Decree 30/2020, Appendix I) and, when the unit loaded one, its
seal over the left third; the organisation's signature is its seal alone, and its line
(name and time) goes at the top right of the first page. Drawings are made with the app's
Vietnamese font, since pyhanko's built-in stamp fonts have no Vietnamese letters.
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
from cchc_desktop.submission.signing_key import CertificateInfo

# The visible box inside the blank of the signature block: about the size of a seal's
# neighbour, leaving the rest of the blank for the red seal stamped on paper copies.
BOX_WIDTH = 200.0     # points (about 70 mm)
BOX_HEIGHT = 62.0     # points (about 22 mm)
_A4 = (595.2756, 841.8898)
# With the seal, the box takes the blank's height so the seal keeps a readable size.
SEAL_BOX_HEIGHT = 84.0   # points (about 30 mm, the blank's height)
ORGANIZATION_BOX = (190.0, 34.0)   # the organisation's line at the top right of the first page


def signature_box(place: SignaturePlace | None, *, seal: bool | SealImage | None = False
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """(page index, box) for the visible signature: centred in the signature block's blank.

    Without a recorded place (an old PDF), the bottom right of the last page stands in;
    page -1 means "the last page". A seal whose real size is known sets the box's height,
    even beyond the blank: on paper too the seal overlaps the lines around the signature.
    """
    real = seal.real_height_points if isinstance(seal, SealImage) else None
    box_height = real or (SEAL_BOX_HEIGHT if seal else BOX_HEIGHT)
    box_width = BOX_WIDTH + (box_height * 2 / 3 if seal else 0)
    if place is None or place.page < 0:
        right, bottom = _A4[0] - 15 * 72 / 25.4, 25 * 72 / 25.4
        return -1, (int(right - box_width), int(bottom), int(right), int(bottom + box_height))
    width = min(box_width, place.width)
    height = box_height if real else min(box_height, place.height)
    x = place.x + (place.width - width) / 2
    y = place.y + (place.height - height) / 2
    return place.page, (round(x), round(y), round(x + width), round(y + height))


def organization_seal_box(person_box: tuple[int, int, int, int], seal: SealImage
                          ) -> tuple[int, int, int, int]:
    """Where the body's signature (its seal) goes: over the left third of the signer's image,
    at the seal's real size when known, centred on the signer's box's height."""
    x1, y1, x2, y2 = person_box
    height = seal.real_height_points or SEAL_BOX_HEIGHT
    width = height * seal.width / seal.height
    right = x1 + (x2 - x1) / 3
    middle = (y1 + y2) / 2
    return (round(right - width), round(middle - height / 2), round(right), round(middle + height / 2))


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


def stamp_pdf(info: CertificateInfo, signed_at: dt.datetime, width: float, height: float,
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
    # A seal at its real size may be taller than the blank; the signer's frame and text stay
    # within the blank's height so they do not run over the title and the name around it.
    frame = min(height, SEAL_BOX_HEIGHT)
    bottom = (height - frame) / 2
    canvas.setStrokeColor(blue)
    canvas.setLineWidth(0.8)
    canvas.rect(text_x + 0.5, bottom + 0.5, width - text_x - 1, frame - 1)
    canvas.setFillColor(blue)
    canvas.saveState()
    canvas.translate(0, bottom)
    _fit_text(canvas, lines, text_x + (seal_size / 3 if seal else 0.0),
              width - text_x - (seal_size / 3 if seal else 0.0), frame)
    canvas.restoreState()
    if seal is not None:
        scale = min(seal_size / seal.width, seal_size / seal.height)
        w, h = seal.width * scale, seal.height * scale
        left = text_x + (width - text_x) / 3 - w
        canvas.drawImage(ImageReader(io.BytesIO(seal.png)), max(0.0, left), (height - h) / 2,
                         w, h, mask="auto")
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
