"""The report as a PDF for signature, laid out as Decree 30/2020/NĐ-CP, Appendix I.

A4 portrait, margins 20/20/30/15 mm, Liberation Serif (Times-metric, embedded).
Header in two columns, title "BÁO CÁO" with the subject, the sections of the template
with the clerk's narrative and a short paragraph of the section's figures (rates with
their fractions), the closing line, "Nơi nhận:" beside the signature block, then the
annexes ("Phụ lục I", "Phụ lục II"...) that have content. Page numbers are centred in
the top margin from page 2; a draft carries a diagonal "DỰ THẢO" on every page.

Document citations in the narrative become footnotes at the foot of the page where
they are cited (see footnotes.py: one layout pass).

The document is written in its own language (documents/language.py), never the UI's:
every phrase goes through the builder's `gettext`, every label and number through
`self.language`. Only the error of a failed export speaks the UI's `_()`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cchc_desktop import __version__
from cchc_desktop.documents import fonts
from cchc_desktop.documents.figures_table import (
    RowKind,
    area_rows,
    areas,
    format_value,
    group_codes,
    level_label,
    sentence_items,
)
from cchc_desktop.documents.footnotes import (
    GAP,
    MARKER,
    SEPARATOR,
    FootnotedParagraph,
    FootnoteState,
    marker_numbers,
)
from cchc_desktop.documents.header import CentredRule, DocumentHeader, subject_rule_length
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.documents.narrative import BlockKind, Footnotes, blocks, cite, pieces
from cchc_desktop.documents.text import lower_first, markup, nfc, roman, upper_first, vi_upper
from cchc_desktop.domain.annex_kinds import AnnexViews, annex_kind
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.recipients import recipient_lines_for_pdf
from cchc_desktop.domain.report import Report, ReportStatus, SubmissionStatus
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Annex, Section, Severity
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import Language, _

Progress = Callable[[int], None]

TOP_MARGIN = 20 * mm
BOTTOM_MARGIN = 20 * mm
LEFT_MARGIN = 30 * mm
RIGHT_MARGIN = 15 * mm
BODY_SIZE = 14
BODY_LEADING = 17          # about 1.2 lines: between single and 1.5 spacing
INDENT = 1 * cm
PARAGRAPH_GAP = 6          # at least 6 pt between paragraphs
TABLE_SIZE = 12
FOOTNOTE_SIZE = 10
PAGE_NUMBER_SIZE = 13
SIGNATURE_ROOM = 30 * mm   # for the signature and the seal
WATERMARK = "DỰ THẢO"


@dataclass
class SignaturePlace:
    """Where the signature block left room for the signature and seal, filled in while drawing.

    The submission package places a visible digital signature there (PDF points from the
    bottom-left corner of the page; `page` counts from 0, -1 until the block is drawn).
    """

    page: int = -1
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


class _SignatureRoom(Spacer):  # type: ignore[misc]
    """The blank between the signing authority and the signer's name; records where it lands."""

    def __init__(self, height: float, place: SignaturePlace | None) -> None:
        super().__init__(1, height)
        self.place = place

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        if self.place is not None:
            x, y = self.canv.absolutePosition(0, 0)
            self.place.page = self.canv.getPageNumber() - 1
            self.place.x, self.place.y = x, y
            self.place.width, self.place.height = self.width, self.height


# ------------------------------------------------------------------------------ styles

@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    plus: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    subject: ParagraphStyle
    footnote: ParagraphStyle
    recipients_head: ParagraphStyle
    recipients: ParagraphStyle
    signature: ParagraphStyle
    annex_number: ParagraphStyle
    annex_title: ParagraphStyle
    annex_note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_italic: ParagraphStyle
    cell_italic: ParagraphStyle


@cache
def styles() -> Styles:
    fonts.register_fonts()
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          alignment=TA_JUSTIFY, firstLineIndent=INDENT, spaceAfter=PARAGRAPH_GAP,
                          textColor=colors.black)
    centred = ParagraphStyle("centred", parent=base, alignment=TA_CENTER, firstLineIndent=0,
                             spaceAfter=0)
    cell = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=TABLE_SIZE,
                          leading=TABLE_SIZE + 2, alignment=TA_LEFT)
    return Styles(
        body=base,
        plus=ParagraphStyle("plus", parent=base, firstLineIndent=INDENT + 0.5 * cm),
        heading=ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, alignment=TA_JUSTIFY,
                               keepWithNext=True, spaceBefore=2),
        title=ParagraphStyle("title", parent=centred, fontName=fonts.BOLD, spaceBefore=14),
        subject=ParagraphStyle("subject", parent=centred, fontName=fonts.BOLD),
        footnote=ParagraphStyle("footnote", fontName=fonts.REGULAR, fontSize=FOOTNOTE_SIZE,
                                leading=FOOTNOTE_SIZE + 2, alignment=TA_JUSTIFY),
        recipients_head=ParagraphStyle("recipients_head", fontName=fonts.BOLD_ITALIC, fontSize=12,
                                       leading=15),
        recipients=ParagraphStyle("recipients", fontName=fonts.REGULAR, fontSize=11, leading=13),
        signature=ParagraphStyle("signature", parent=centred, fontName=fonts.BOLD),
        annex_number=ParagraphStyle("annex_number", parent=centred, fontName=fonts.BOLD),
        annex_title=ParagraphStyle("annex_title", parent=centred, fontName=fonts.BOLD),
        annex_note=ParagraphStyle("annex_note", parent=centred, fontName=fonts.ITALIC, fontSize=13,
                                  leading=16, spaceAfter=10),
        cell=cell,
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=fonts.BOLD),
        cell_bold_italic=ParagraphStyle("cell_bold_italic", parent=cell, fontName=fonts.BOLD_ITALIC),
        cell_italic=ParagraphStyle("cell_italic", parent=cell, fontName=fonts.ITALIC),
    )


@cache
def _piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    """The style of one piece of a very long paragraph (narrative.pieces): no gap between
    pieces, and only the first one indented."""
    if first and last:
        return style
    return ParagraphStyle(f"{style.name}-{int(first)}{int(last)}", parent=style,
                          firstLineIndent=style.firstLineIndent if first else 0,
                          spaceBefore=style.spaceBefore if first else 0,
                          spaceAfter=style.spaceAfter if last else 0)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (NFC, escaped)."""
    return Paragraph(markup(text), style)


# ------------------------------------------------------------------------------ annexes

@dataclass(frozen=True)
class AnnexPlan:
    annex: Annex
    numeral: str
    landscape: bool = False

    @property
    def label(self) -> str:
        return f"Phụ lục {self.numeral}"


def _warnings(context: ReportContext, findings: Sequence[Finding],
              language: Language = DOCUMENT_LANGUAGE) -> list[tuple[str, str]]:
    """(finding, justification) for every warning about figures."""
    rows = []
    for finding in findings:
        if finding.severity is not Severity.WARNING or not finding.codes:
            continue
        notes = [nfc(context.report.notes[c]).strip() for c in finding.codes
                 if context.report.notes.get(c, "").strip()]
        rows.append((nfc(finding_text(finding, language)), " ".join(dict.fromkeys(notes))))
    return rows


def plan_annexes(context: ReportContext) -> list[AnnexPlan]:
    """The template's annexes that have content, numbered in order (domain/annex_kinds.py)."""
    plans: list[AnnexPlan] = []
    for annex in context.template.annexes:
        kind = annex_kind(annex.kind)
        if kind.has_content(context):
            plans.append(AnnexPlan(annex, roman(len(plans) + 1), landscape=kind.landscape(context)))
    return plans


# ------------------------------------------------------------------------------ the document

class _ReportDoc(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, *, report: Report, footnotes: FootnoteState,
                 progress: Progress | None, draft: bool) -> None:
        subject = nfc(report.document.subject)
        super().__init__(
            buffer, pagesize=A4, leftMargin=LEFT_MARGIN, rightMargin=RIGHT_MARGIN,
            topMargin=TOP_MARGIN, bottomMargin=BOTTOM_MARGIN, title=nfc(f"Báo cáo {subject}"),
            author=nfc(report.unit.name), subject=subject, creator=f"CCHC Desktop {__version__}",
            invariant=True, allowSplitting=1, initialFontName=fonts.REGULAR,
            initialFontSize=BODY_SIZE)
        self.draft = draft
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
            _watermark(canvas, width, height)
        if self.page > 1:
            canvas.saveState()  # type: ignore[attr-defined]
            canvas.setFont(fonts.REGULAR, PAGE_NUMBER_SIZE)  # type: ignore[attr-defined]
            centre = LEFT_MARGIN + (width - LEFT_MARGIN - RIGHT_MARGIN) / 2
            canvas.drawCentredString(centre, height - 12 * mm, str(self.page))  # type: ignore[attr-defined]
            canvas.restoreState()  # type: ignore[attr-defined]


def _watermark(canvas: object, width: float, height: float) -> None:
    diagonal = math.hypot(width, height)
    size = 0.6 * diagonal / (stringWidth(WATERMARK, fonts.BOLD, 100) / 100)
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFillColor(colors.Color(0.87, 0.87, 0.87))  # type: ignore[attr-defined]
    canvas.setFont(fonts.BOLD, size)  # type: ignore[attr-defined]
    canvas.translate(width / 2, height / 2)  # type: ignore[attr-defined]
    canvas.rotate(math.degrees(math.atan2(height, width)))  # type: ignore[attr-defined]
    canvas.drawCentredString(0, -size * 0.35, WATERMARK)  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ the story

def _subject(context: ReportContext, language: Language) -> str:
    report = context.report
    subject = nfc(report.document.subject).strip()
    if subject:
        return subject
    template_subject = nfc(context.template.subject.render(language))
    return template_subject.replace("{period}", lower_first(nfc(report.period.label_in(language))))


def _own_name(report: Report) -> str:
    return " ".join(nfc(report.unit.name).split())


class _Builder:
    def __init__(self, context: ReportContext, footnotes: Footnotes,
                 annexes: list[AnnexPlan], state: FootnoteState,
                 signature_place: SignaturePlace | None = None, *,
                 language: Language, findings: Sequence[Finding]) -> None:
        self.language = language
        self.findings = findings
        self.gettext = language.gettext
        self.state = state
        self.signature_place = signature_place
        self.context = context
        self.report = context.report
        self.template = context.template
        self.footnotes = footnotes
        self.annexes: dict[str, AnnexPlan] = {plan.annex.kind.value: plan for plan in annexes}
        self.annex_list = annexes
        self.s = styles()
        self.width = A4[0] - LEFT_MARGIN - RIGHT_MARGIN

    # --- front matter
    def front(self) -> list[Flowable]:
        subject = _subject(self.context, self.language)
        story: list[Flowable] = [DocumentHeader(self.report), _p("BÁO CÁO", self.s.title),
                                 _p(subject, self.s.subject),
                                 CentredRule(subject_rule_length(subject, fonts.BOLD, BODY_SIZE,
                                                                 self.width), space_before=6),
                                 Spacer(1, 14)]
        period = self.report.period
        intro = self.gettext("{unit} báo cáo {subject} (số liệu tính từ ngày {start} đến ngày {end}) "
                  "như sau:").format(unit=_own_name(self.report), subject=lower_first(subject),
                                     start=short_date(period.start), end=short_date(period.end))
        story.append(_p(intro, self.s.body))
        references = [self.annexes[k] for k in ("figures", "justifications", "subunits")
                      if k in self.annexes]
        if references:
            parts = [self.gettext("{title} tại {label}").format(
                title=lower_first(nfc(plan.annex.title.render(self.language))), label=plan.label)
                for plan in references]
            sentence = upper_first("; ".join(parts)) + self.gettext(" kèm theo báo cáo này.")
            story.append(_p(sentence, self.s.body))
        return story

    # --- sections
    def heading(self, section: Section, depth: int) -> Paragraph:
        title = nfc(section.title.render(self.language))
        if depth == 0:
            text = f"{section.number}. {vi_upper(title)}"
        elif depth == 1:
            text = f"{section.number}. {title}"
        else:
            text = f"<i>{markup(section.number)}) {markup(title)}</i>"
            return Paragraph(text, self.s.heading)
        return _p(text, self.s.heading)

    def narrative(self, text: str) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks(text):
            style = self.s.plus if block.kind is BlockKind.PLUS else self.s.body
            parts = pieces(block.text)
            for index, part in enumerate(parts):
                out.append(self._paragraph(part, _piece_style(style, index == 0,
                                                              index == len(parts) - 1)))
        return out

    def _paragraph(self, text: str, style: ParagraphStyle) -> Flowable:
        before = len(self.footnotes.notes)
        paragraph = Paragraph(cite(text, self.footnotes), style)
        if len(self.footnotes.notes) > before or f'name="{MARKER}"' in paragraph.text:
            numbers = marker_numbers(paragraph, self.width)
            return FootnotedParagraph(paragraph, numbers, self.state)
        return paragraph

    def figures(self, section: Section) -> list[Flowable]:
        """One line per group (per level for per-level groups): the entered figures and rates."""
        out: list[Flowable] = []
        for group in section.groups:
            for level, codes in group_codes(self.context, group):
                items = sentence_items(self.context, codes, self.language)
                if not items:
                    continue
                title = nfc(group.title.render(self.language))
                if level is not None:
                    title += f", {lower_first(level_label(level, group, self.language))}"
                out.append(_p(f"- {title}: " + "; ".join(items) + ".", self.s.body))
        return out

    def tasks(self) -> list[Flowable]:
        if not self.report.tasks:
            return []
        out: list[Flowable] = [_p(self.gettext("Tình hình thực hiện các nhiệm vụ trong kỳ:"),
                                  self.s.body)]
        for task in self.report.tasks:
            text = nfc(task.text).strip().rstrip(".;")
            status = lower_first(task.status.label_in(self.language))
            out.append(_p(f"- {text}: {status}.", self.s.body))
        return out

    def proposals(self, has_text: bool) -> list[Flowable]:
        out: list[Flowable] = []
        if not has_text:
            for proposal in self.report.proposals:
                to = nfc(proposal.to).strip()
                text = nfc(proposal.text).strip()
                out.append(_p(f"- {to}: {text}" if to else f"- {text}", self.s.body))
        plan = self.annexes.get("proposals")
        if plan is not None and (has_text or len(self.report.proposals) > 0):
            out.append(_p(self.gettext("Chi tiết tại {label} kèm theo.").format(label=plan.label),
                          self.s.body))
        return out

    def section(self, section: Section, depth: int) -> list[Flowable]:
        out: list[Flowable] = [self.heading(section, depth)]
        text = self.report.texts.get(section.id, "")
        body = self.narrative(text) if text.strip() else []
        body += self.figures(section)
        if section.checklist:
            body += self.tasks()
        if section.proposals and self.report.proposals:
            body += self.proposals(bool(text.strip()))
        if section.documents and "documents" in self.annexes:
            plan = self.annexes["documents"]
            body.append(_p(self.gettext("{title} tại {label} kèm theo.").format(
                title=upper_first(nfc(plan.annex.title.render(self.language))), label=plan.label),
                self.s.body))
        if not body and not section.children:
            body.append(_p(self.gettext("Không có."), self.s.body))
        return out + body

    def closing(self) -> list[Flowable]:
        subject = _subject(self.context, self.language)
        name = _own_name(self.report)
        short = name.split(" ", 3)[-1].lower() if name else ""
        sentence = self.gettext("Trên đây là báo cáo {subject}").format(subject=lower_first(subject))
        if name and short not in subject.lower():
            sentence += self.gettext(" của {unit}").format(unit=name)
        return [_p(sentence + "./.", self.s.body)]

    def signature(self) -> Flowable:
        s = self.s
        left: list[Flowable] = [_p(self.gettext("Nơi nhận:"), s.recipients_head)]
        for line in recipient_lines_for_pdf(self.report.recipients,
                                            keep_line_default=self.gettext("Lưu: VT")):
            left.append(_p(line, s.recipients))
        signer = self.report.signer
        right: list[Flowable] = []
        for line in (signer.authority, signer.title):
            if nfc(line).strip():
                right.append(_p(vi_upper(line.strip()), s.signature))
        right.append(_SignatureRoom(SIGNATURE_ROOM, self.signature_place))
        if nfc(signer.name).strip():
            right.append(_p(nfc(signer.name).strip(), s.signature))
        table = Table([[left, right]], colWidths=[self.width * 0.4, self.width * 0.6])
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return table

    # --- annexes
    def annex_head(self, plan: AnnexPlan) -> list[Flowable]:
        document = self.report.document
        number = nfc(document.number).strip()
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"
        reference = f"{number}/{nfc(document.symbol)}" if number else nfc(document.symbol)
        note = self.gettext("(Kèm theo Báo cáo số {reference}").format(reference=reference)
        if document.date:
            note += self.gettext(" ngày {date}").format(date=short_date(document.date))
        note += self.gettext(" của {unit})").format(unit=_own_name(self.report))
        return [_p(plan.label, self.s.annex_number),
                _p(upper_first(nfc(plan.annex.title.render(self.language))), self.s.annex_title),
                Spacer(1, 2), _p(note, self.s.annex_note)]

    def cell(self, text: str, style: ParagraphStyle, width: float) -> object:
        """A plain string when it fits on one line (much faster to lay out), else a Paragraph.

        Plain strings take the table's FONT and ALIGN; the caller sets ALIGN to match `style`.
        """
        text = nfc(text)
        if "\n" not in text and stringWidth(text, style.fontName, style.fontSize) <= width - 7:
            return text
        return Paragraph(markup(text), style)

    def grid(self, data: list[list[object]], widths: list[float], header_rows: int = 1,
             extra: Sequence[tuple[object, ...]] = ()) -> Table:
        table = Table(data, colWidths=widths, repeatRows=header_rows)
        commands: list[tuple[object, ...]] = [
            ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        table.setStyle(TableStyle(commands + list(extra)))
        return table

    def figures_annex(self, plan: AnnexPlan) -> list[Flowable]:
        s = self.s
        context = self.context
        precision = self.report.precision
        page_width = (landscape(A4)[0] if plan.landscape else A4[0]) - LEFT_MARGIN - RIGHT_MARGIN
        columns = [("current", self.gettext("Kỳ này"))]
        if context.previous is not None:
            columns.append(("previous", self.gettext("Kỳ trước")))
        if context.last_year is not None:
            columns.append(("last_year", self.gettext("Cùng kỳ năm trước")))
        value_w = 27 * mm
        fixed = [12 * mm, 0.0, 22 * mm] + [value_w] * len(columns) + [0.0]
        free = page_width - sum(fixed)
        fixed[1] = free * 0.6
        fixed[-1] = free * 0.4
        head = [_p("STT", s.cell_head), _p(self.gettext("Chỉ tiêu"), s.cell_head),
                _p(self.gettext("Đơn vị tính"), s.cell_head)] + [_p(label, s.cell_head)
                                                                  for _k, label in columns]
        head.append(_p(self.gettext("Ghi chú"), s.cell_head))
        data: list[list[object]] = [head]
        extra: list[tuple[object, ...]] = []
        last = len(head) - 1
        for area in areas(self.template, self.language):
            rows = area_rows(context, area, self.language)
            if not any(r.kind is RowKind.FIGURE for r in rows):
                continue
            extra.append(("SPAN", (1, len(data)), (last, len(data))))
            extra.append(("NOSPLIT", (0, len(data)), (-1, len(data) + 1)))
            data.append([_p(area.number, s.cell_bold), _p(area.title, s.cell_bold)]
                        + [""] * (last - 1))
            for row in rows:
                index = len(data)
                if row.kind is RowKind.FIGURE and row.indicator is not None:
                    indicator = row.indicator
                    rate = context.figures.rates.get(indicator.code)
                    language = self.language
                    values = {"current": format_value(indicator, row.current, precision, rate,
                                                      language=language),
                              "previous": format_value(indicator, row.previous, precision,
                                                       language=language),
                              "last_year": format_value(indicator, row.last_year, precision,
                                                        language=language)}
                    unit = nfc(indicator.unit.render(language))
                    data.append([nfc(row.stt), self.cell(row.label, s.cell, fixed[1]),
                                 self.cell(unit, s.cell_center, fixed[2])]
                                + [self.cell(values[key], s.cell_right, value_w)
                                   for key, _l in columns]
                                + [self.cell(row.remark, s.cell, fixed[-1])])
                    continue
                style = {RowKind.SECTION: s.cell_bold, RowKind.GROUP: s.cell_bold_italic,
                         RowKind.LEVEL: s.cell_italic}[row.kind]
                extra.append(("SPAN", (1, index), (last, index)))
                extra.append(("NOSPLIT", (0, index), (-1, index + 1)))   # a title keeps its first row
                data.append(["", _p(row.label, style)] + [""] * (last - 1))
        extra += [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (2, -1), "CENTER"),
                  ("ALIGN", (3, 1), (last - 1, -1), "RIGHT")]
        return [self.grid(data, fixed, extra=extra)]

    def justifications_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, (self.width - 12 * mm) * 0.55, (self.width - 12 * mm) * 0.45]
        data: list[list[object]] = [[_p("TT", s.cell_head),
                                     _p(self.gettext("Nội dung cảnh báo"), s.cell_head),
                                     _p(self.gettext("Giải trình của đơn vị"), s.cell_head)]]
        warnings = _warnings(self.context, self.findings, self.language)
        for index, (message, note) in enumerate(warnings, start=1):
            explanation = (_p(note, s.cell) if note
                           else _p(self.gettext("(chưa có giải trình)"), s.cell_italic))
            data.append([_p(str(index), s.cell_center), _p(message, s.cell), explanation])
        return [self.grid(data, widths)]

    def subunits_annex(self) -> list[Flowable]:
        s = self.s
        report = self.report
        mark_w = 22 * mm
        widths = [12 * mm, self.width - 12 * mm - 3 * mark_w - 2 * mm, mark_w, mark_w,
                  mark_w + 2 * mm]
        deadline = short_date(report.period.deadline)
        head1 = [_p("STT", s.cell_head), _p(self.gettext("Đơn vị"), s.cell_head),
                 _p(self.gettext("Có báo cáo (thời hạn: {date})").format(date=deadline), s.cell_head),
                 "", _p(self.gettext("Không báo cáo"), s.cell_head)]
        head2 = ["", "", _p(self.gettext("Đúng hạn"), s.cell_head),
                 _p(self.gettext("Trễ hạn"), s.cell_head), ""]
        data: list[list[object]] = [head1, head2]
        extra: list[tuple[object, ...]] = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
                                           ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (4, 1))]
        levels = list(dict.fromkeys(sub.level for sub in report.subunits))

        counter = 0
        for level in levels:
            if len(levels) > 1:
                extra.append(("SPAN", (0, len(data)), (-1, len(data))))
                data.append([_p(level_catalogue().label(level, self.language) if level
                                else self.gettext("Khác"),
                                s.cell_bold)] + [""] * 4)
            for sub in report.subunits:
                if sub.level != level:
                    continue
                counter += 1
                marks = {SubmissionStatus.ON_TIME: 2, SubmissionStatus.LATE: 3,
                         SubmissionStatus.MISSING: 4}
                row: list[object] = [_p(str(counter), s.cell_center),
                                     _p(sub.name or sub.code, s.cell), "", "", ""]
                row[marks[sub.status]] = _p("X", s.cell_center)
                data.append(row)
        return [self.grid(data, widths, header_rows=2, extra=extra)]

    def proposals_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, 38 * mm, self.width - 12 * mm - 38 * mm - 38 * mm, 38 * mm]
        data: list[list[object]] = [[_p("TT", s.cell_head),
                                     _p(self.gettext("Đơn vị kiến nghị"), s.cell_head),
                                     _p(self.gettext("Nội dung kiến nghị"), s.cell_head),
                                     _p(self.gettext("Đơn vị phụ trách"), s.cell_head)]]
        # Proposals of one unit together, units in order of first appearance (as in the seeds).
        units = list(dict.fromkeys(nfc(p.from_unit).strip() for p in self.report.proposals))
        extra: list[tuple[object, ...]] = []
        counter = 0
        for unit_index, unit in enumerate(units, start=1):
            first = True
            for proposal in self.report.proposals:
                if nfc(proposal.from_unit).strip() != unit:
                    continue
                counter += 1
                row_index = len(data)
                data.append([_p(str(unit_index), s.cell_center) if first else "",
                             _p(unit, s.cell) if first else "",
                             _p(f"{counter}. {nfc(proposal.text).strip()}", s.cell),
                             _p(nfc(proposal.to).strip(), s.cell)])
                if not first:
                    # One unit's cells read as one: no rule between its rows in the first columns.
                    extra.append(("LINEABOVE", (0, row_index), (1, row_index), 0.5, colors.white))
                first = False
        table = self.grid(data, widths, extra=extra)
        return [table]

    def documents_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, 40 * mm, 28 * mm, self.width - 80 * mm]
        data: list[list[object]] = [[_p("STT", s.cell_head), _p(self.gettext("Số, ký hiệu"), s.cell_head),
                                     _p(self.gettext("Ngày ban hành"), s.cell_head),
                                     _p(self.gettext("Trích yếu nội dung"), s.cell_head)]]
        for index, document in enumerate(self.report.documents, start=1):
            data.append([_p(str(index), s.cell_center), _p(document.number, s.cell),
                         _p(short_date(document.date), s.cell_center),
                         _p(document.subject, s.cell)])
        return [self.grid(data, widths)]

    def annex(self, plan: AnnexPlan) -> list[Flowable]:
        views: AnnexViews[list[Flowable]] = _PrintedAnnex(self, plan)
        return self.annex_head(plan) + annex_kind(plan.annex.kind).show(views)

    def body(self) -> list[Flowable]:
        story = self.front()
        for section, depth in self.template.walk():
            story += self.section(section, depth)
        story.append(KeepTogether([*self.closing(), Spacer(1, 6), self.signature()]))
        return story

    def annex_pages(self) -> list[Flowable]:
        story: list[Flowable] = []
        for plan in self.annex_list:
            story.append(NextPageTemplate("landscape" if plan.landscape else "portrait"))
            story.append(PageBreak())
            story += self.annex(plan)
        return story


class _PrintedAnnex:
    """The PDF's AnnexViews: each kind of annex as the builder prints it."""

    def __init__(self, builder: _Builder, plan: AnnexPlan) -> None:
        self.builder = builder
        self.plan = plan

    def figures(self) -> list[Flowable]:
        return self.builder.figures_annex(self.plan)

    def justifications(self) -> list[Flowable]:
        return self.builder.justifications_annex()

    def subunits(self) -> list[Flowable]:
        return self.builder.subunits_annex()

    def proposals(self) -> list[Flowable]:
        return self.builder.proposals_annex()

    def documents(self) -> list[Flowable]:
        return self.builder.documents_annex()


def is_draft(context: ReportContext) -> bool:
    """A draft prints "DỰ THẢO": a report not yet final, and one whose figures give an error
    whatever status it claims (a file from an older version or another tool)."""
    return context.report.status is ReportStatus.DRAFT or any(
        f.severity is Severity.ERROR for f in context.findings)


def render_pdf(context: ReportContext, progress: Progress | None = None, *,
               signature_place: SignaturePlace | None = None,
               language: Language = DOCUMENT_LANGUAGE) -> tuple[bytes, int]:
    """The PDF bytes and the page count (one layout pass); fills `signature_place` if given.

    Written in `language` (Vietnamese, as the decree wants), whatever the UI speaks.
    """
    report = context.report
    findings = findings_in(context, language)
    footnotes = Footnotes(list(report.documents), _own_name(report))
    state = FootnoteState(footnotes.notes, styles().footnote, A4[0] - LEFT_MARGIN - RIGHT_MARGIN)
    builder = _Builder(context, footnotes, plan_annexes(context), state, signature_place,
                       language=language, findings=findings)
    story = builder.body() + builder.annex_pages()
    if progress is not None:
        progress(15)
    buffer = io.BytesIO()
    doc = _ReportDoc(buffer, report=report, footnotes=state, progress=progress,
                     draft=is_draft(context))
    doc.build(story)
    return buffer.getvalue(), doc.pages


def write_pdf(context: ReportContext, path: Path, *, progress: Progress | None = None,
              signature_place: SignaturePlace | None = None,
              language: Language = DOCUMENT_LANGUAGE) -> int:
    """Write the report for signature to `path` (atomically); return the number of pages.

    `signature_place`, if given, receives where the signature block's blank was drawn.
    The document is in `language`; a failure is reported in the UI's.
    """
    if progress is not None:
        progress(0)
    try:
        data, pages = render_pdf(context, progress, signature_place=signature_place,
                                 language=language)
    except KnownError:
        raise
    except Exception as exc:  # reportlab's LayoutError and friends: say so in the clerk's words
        raise KnownError(_("Không tạo được tệp PDF {name}: {detail}").format(
            name=Path(path).name, detail=exc)) from exc
    if progress is not None:
        progress(90)
    atomic_write_bytes(Path(path), data)
    if progress is not None:
        progress(100)
    return pages
