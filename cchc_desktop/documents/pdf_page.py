"""The PDF's pages: A4 portrait and landscape frames, margins 20/20/30/15 mm, the footnotes
drawn at the foot of their page, page numbers centred in the top margin from page 2, and
a diagonal "DỰ THẢO" on every page of a draft.

The document template also keeps the footnote state in step with the layout (see
footnotes.py: one layout pass) and reports progress as pages are laid out.

ReportLab's invariant mode keeps two exports of the same report byte for byte alike, but
dates the file 01/01/2000: the template puts the moment it is given (the export time, in
the PC's time zone) in /CreationDate and /ModDate instead.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Callable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from cchc_desktop import __version__
from cchc_desktop.documents import fonts
from cchc_desktop.documents.footnotes import GAP, MARKER, SEPARATOR, FootnotedParagraph, FootnoteState
from cchc_desktop.documents.pdf_styles import BODY_SIZE
from cchc_desktop.documents.text import nfc
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import Report
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import _

Progress = Callable[[int], None]

TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm
LEFT_MARGIN = 30 * mm
RIGHT_MARGIN = 15 * mm
PAGE_NUMBER_SIZE = 13
WATERMARK = "DỰ THẢO"


class ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    """The report's A4 document: its two page templates, its footnotes and its decoration."""

    def __init__(self, buffer: io.BytesIO, *, report: Report, footnotes: FootnoteState,
                 progress: Progress | None, draft: bool, created: dt.datetime) -> None:
        subject = nfc(report.document.subject)
        super().__init__(
            buffer, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=nfc(f"Báo cáo {subject}"),
            author=nfc(report.unit.name), subject=subject, creator=f"CCHC Desktop {__version__}",
            invariant=True, allowSplitting=1, initialFontName=fonts.REGULAR,
            initialFontSize=BODY_SIZE)
        self.draft = draft
        self.created = created
        self.footnotes = footnotes
        self.progress = progress
        self.pages = 0
        templates = []
        for template_id, size in (("portrait", A4), ("landscape", landscape(A4))):
            frame = Frame(LEFT_MARGIN, BOTTOM_MARGIN, size[0] - LEFT_MARGIN - RIGHT_MARGIN,
                          size[1] - TOP_MARGIN - BOTTOM_MARGIN, id=template_id,
                          leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(template_id, [frame], onPage=self._decorate,
                                          pagesize=size))
        self.addPageTemplates(templates)

    # --- footnotes
    def beforeDocument(self) -> None:
        # The markers only carry numbers through paragraph splits; nothing to draw.
        self.canv.setNamedCB(MARKER, lambda canvas, kind, label: None)
        # The document information's dates are formatted from this stamp when the file is saved.
        self.canv._doc._timeStamp = PdfMoment(self.created)

    def beforePage(self) -> None:
        self.footnotes.page = self.page
        for frame in self.pageTemplate.frames:
            frame._bottomPadding = 0
            frame._geom()

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, FootnotedParagraph):
            return
        self.footnotes.place(flowable.numbers)
        if flowable.extra:
            # The paragraph was measured with its footnotes' room below it: hand that room
            # back to the text and take it from the foot of the frame instead.
            frame = self.frame
            frame._y += flowable.extra
            frame._bottomPadding += flowable.extra
            frame._geom()
            flowable.extra = 0.0

    def afterPage(self) -> None:
        self.pages = self.page
        numbers = self.footnotes.by_page.get(self.page, [])
        if numbers:
            canvas = self.canv
            width = self.pageTemplate.frames[0]._width
            top = BOTTOM_MARGIN + self.footnotes.page_height(self.page)
            canvas.saveState()
            canvas.setLineWidth(0.5)
            canvas.line(LEFT_MARGIN, top - 4, LEFT_MARGIN + 50 * mm, top - 4)
            y = top - SEPARATOR
            for number in numbers:
                paragraph = self.footnotes.paragraph(number)
                height = paragraph.wrap(width, 10_000)[1]
                paragraph.drawOn(canvas, LEFT_MARGIN, y - height)
                y -= height + GAP
            canvas.restoreState()
        if self.progress is not None:
            self.progress(min(85, 20 + self.page * 2))

    # --- page decoration
    def _decorate(self, canvas: object, doc: object) -> None:
        width, height = canvas._pagesize  # type: ignore[attr-defined]
        if self.draft:
            watermark(canvas, width, height)
        if self.page > 1:
            canvas.saveState()  # type: ignore[attr-defined]
            canvas.setFont(fonts.REGULAR, PAGE_NUMBER_SIZE)  # type: ignore[attr-defined]
            centre = LEFT_MARGIN + (width - LEFT_MARGIN - RIGHT_MARGIN) / 2
            canvas.drawCentredString(centre, height - 12 * mm, str(self.page))  # type: ignore[attr-defined]
            canvas.restoreState()  # type: ignore[attr-defined]


class PdfMoment:
    """`moment` as ReportLab's TimeStamp gives it to the PDF's dates: local time and UTC offset."""

    def __init__(self, moment: dt.datetime) -> None:
        local = moment if moment.tzinfo is not None else moment.astimezone()
        offset = local.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds()) // 60
        self.t = local.timestamp()
        self.YMDhms = (local.year, local.month, local.day, local.hour, local.minute, local.second)
        # ReportLab writes the offset as %+03d'%02d': the hours carry the sign.
        hours, rest = divmod(abs(minutes), 60)
        self.dhh, self.dmm = (hours if minutes >= 0 else -hours), rest
        self.tzname = local.tzname() or ""


def rendered(render: Callable[[], tuple[bytes, int]], path: Path) -> tuple[bytes, int]:
    """A document's bytes and page count from `render`; reportlab's LayoutError and friends
    become the clerk's sentence naming the file it was for (a KnownError passes as it is)."""
    try:
        return render()
    except KnownError:
        raise
    except Exception as exc:
        raise KnownError(_("Không tạo được tệp PDF {name}: {detail}").format(
            name=Path(path).name, detail=exc)) from exc


def write_rendered(render: Callable[[], tuple[bytes, int]], path: Path) -> int:
    """Render, then write the PDF to `path` atomically; the number of pages."""
    data, pages = rendered(render, path)
    atomic_write_bytes(Path(path), data)
    return pages


def watermark(canvas: object, width: float, height: float) -> None:
    diagonal = math.hypot(width, height)
    size = 0.6 * diagonal / (stringWidth(WATERMARK, fonts.BOLD, 100) / 100)
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFillColor(colors.Color(0.87, 0.87, 0.87))  # type: ignore[attr-defined]
    canvas.setFont(fonts.BOLD, size)  # type: ignore[attr-defined]
    canvas.translate(width / 2, height / 2)  # type: ignore[attr-defined]
    canvas.rotate(math.degrees(math.atan2(height, width)))  # type: ignore[attr-defined]
    canvas.drawCentredString(0, -size * 0.35, WATERMARK)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]
