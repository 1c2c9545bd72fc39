"""The annexes of the PDF ("Phụ lục I", "Phụ lục II"...): which ones have content, their
heading that ties them to the report, and each kind's table (domain/annex_kinds.py).

Each annex starts on a new page, landscape when its kind asks for it (a wide figures
table). Tables repeat their header rows on every page and keep a title with its first row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from cchc_desktop.documents import fonts
from cchc_desktop.documents.figures_table import (
    RowKind,
    area_rows,
    areas,
    extra_blocks,
    format_value,
)
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN
from cchc_desktop.documents.pdf_styles import TABLE_SIZE, plain, styles
from cchc_desktop.documents.text import markup, nfc, roman, upper_first
from cchc_desktop.domain.annex_kinds import AnnexKind, AnnexViews, annex_kind
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.evidence_items import EvidenceTarget
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import SubmissionStatus
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Annex, Severity
from cchc_desktop.domain.units import Text, level_catalogue
from cchc_desktop.i18n import Language


@dataclass(frozen=True)
class AnnexPlan:
    """An annex that will be printed: the template's entry, its numeral, its orientation."""

    annex: Annex
    numeral: str
    landscape: bool = False

    @property
    def label(self) -> str:
        return f"Phụ lục {self.numeral}"


def figure_warnings(context: ReportContext, findings: Sequence[Finding],
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


class AnnexBuilder:
    """The annex pages of one report, in the document's language."""

    def __init__(self, context: ReportContext, plans: list[AnnexPlan], *, unit_name: str,
                 language: Language, findings: Sequence[Finding]) -> None:
        self.language = language
        self.findings = findings
        self.gettext = language.gettext
        self.context = context
        self.report = context.report
        self.template = context.template
        self.unit_name = unit_name
        self.annex_list = plans
        self.s = styles()
        self.width = A4[0] - LEFT_MARGIN - RIGHT_MARGIN

    def annex_head(self, plan: AnnexPlan) -> list[Flowable]:
        document = self.report.document
        number = nfc(document.number).strip()
        if number.isdigit() and int(number) < 10:
            number = f"{int(number):02d}"
        reference = f"{number}/{nfc(document.symbol)}" if number else nfc(document.symbol)
        note = self.gettext("(Kèm theo Báo cáo số {reference}").format(reference=reference)
        if document.date:
            note += self.gettext(" ngày {date}").format(date=short_date(document.date))
        note += self.gettext(" của {unit})").format(unit=self.unit_name)
        return [plain(plan.label, self.s.annex_number),
                plain(upper_first(nfc(plan.annex.title.render(self.language))), self.s.annex_title),
                Spacer(1, 2), plain(note, self.s.annex_note)]

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
        head = [plain("STT", s.cell_head), plain(self.gettext("Chỉ tiêu"), s.cell_head),
                plain(self.gettext("Đơn vị tính"), s.cell_head)] + [plain(label, s.cell_head)
                                                                     for _k, label in columns]
        head.append(plain(self.gettext("Ghi chú"), s.cell_head))
        data: list[list[object]] = [head]
        extra: list[tuple[object, ...]] = []
        last = len(head) - 1
        for area in areas(self.template, self.language):
            rows = area_rows(context, area, self.language)
            if not any(r.kind is RowKind.FIGURE for r in rows):
                continue
            extra.append(("SPAN", (1, len(data)), (last, len(data))))
            extra.append(("NOSPLIT", (0, len(data)), (-1, len(data) + 1)))
            data.append([plain(area.number, s.cell_bold), plain(area.title, s.cell_bold)]
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
                data.append(["", plain(row.label, style)] + [""] * (last - 1))
        self._extra_block(data, extra, fixed, last)
        extra += [("ALIGN", (0, 1), (0, -1), "CENTER"), ("ALIGN", (2, 1), (2, -1), "CENTER"),
                  ("ALIGN", (3, 1), (last - 1, -1), "RIGHT")]
        return [self.grid(data, fixed, extra=extra)]

    def _extra_block(self, data: list[list[object]], extra: list[tuple[object, ...]],
                     widths: list[float], last: int) -> None:
        """The figures the units added, after the template's: a block titled by itself, the
        figures under the heading of their section, this period's value only."""
        blocks = extra_blocks(self.context, self.language)
        if not blocks:
            return
        s = self.s

        def title(text: str, style: ParagraphStyle, number: str = "") -> None:
            extra.append(("SPAN", (1, len(data)), (last, len(data))))
            extra.append(("NOSPLIT", (0, len(data)), (-1, len(data) + 1)))
            data.append([plain(number, s.cell_bold), plain(text, style)] + [""] * (last - 1))

        title(self.gettext("Số liệu bổ sung của đơn vị"), s.cell_bold)
        counter = 0
        for heading, rows in blocks:
            title(heading, s.cell_bold_italic)
            for row in rows:
                counter += 1
                unit = "%" if row.is_rate else nfc(row.figure.unit)
                value = row.value_text(self.language.locale)
                data.append([str(counter), self.cell(row.figure.label, s.cell, widths[1]),
                             self.cell(unit, s.cell_center, widths[2]),
                             self.cell(value, s.cell_right, widths[3])] + [""] * (last - 3))

    def justifications_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, (self.width - 12 * mm) * 0.55, (self.width - 12 * mm) * 0.45]
        data: list[list[object]] = [[plain("TT", s.cell_head),
                                     plain(self.gettext("Nội dung cảnh báo"), s.cell_head),
                                     plain(self.gettext("Giải trình của đơn vị"), s.cell_head)]]
        warnings = figure_warnings(self.context, self.findings, self.language)
        for index, (message, note) in enumerate(warnings, start=1):
            explanation = (plain(note, s.cell) if note
                           else plain(self.gettext("(chưa có giải trình)"), s.cell_italic))
            data.append([plain(str(index), s.cell_center), plain(message, s.cell), explanation])
        return [self.grid(data, widths)]

    def subunits_annex(self) -> list[Flowable]:
        s = self.s
        report = self.report
        mark_w = 22 * mm
        widths = [12 * mm, self.width - 12 * mm - 3 * mark_w - 2 * mm, mark_w, mark_w,
                  mark_w + 2 * mm]
        deadline = short_date(report.period.deadline)
        head1 = [plain("STT", s.cell_head), plain(self.gettext("Đơn vị"), s.cell_head),
                 plain(self.gettext("Có báo cáo (thời hạn: {date})").format(date=deadline), s.cell_head),
                 "", plain(self.gettext("Không báo cáo"), s.cell_head)]
        head2 = ["", "", plain(self.gettext("Đúng hạn"), s.cell_head),
                 plain(self.gettext("Trễ hạn"), s.cell_head), ""]
        data: list[list[object]] = [head1, head2]
        extra: list[tuple[object, ...]] = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
                                           ("SPAN", (2, 0), (3, 0)), ("SPAN", (4, 0), (4, 1))]
        levels = list(dict.fromkeys(sub.level for sub in report.subunits))
        counter = 0
        for level in levels:
            if len(levels) > 1:
                extra.append(("SPAN", (0, len(data)), (-1, len(data))))
                data.append([plain(level_catalogue().label(level, self.language) if level
                                   else self.gettext("Khác"),
                                   s.cell_bold)] + [""] * 4)
            for sub in report.subunits:
                if sub.level != level:
                    continue
                counter += 1
                marks = {SubmissionStatus.ON_TIME: 2, SubmissionStatus.LATE: 3,
                         SubmissionStatus.MISSING: 4}
                row: list[object] = [plain(str(counter), s.cell_center),
                                     plain(sub.name or sub.code, s.cell), "", "", ""]
                row[marks[sub.status]] = plain("X", s.cell_center)
                data.append(row)
        return [self.grid(data, widths, header_rows=2, extra=extra)]

    def proposals_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, 38 * mm, self.width - 12 * mm - 38 * mm - 38 * mm, 38 * mm]
        data: list[list[object]] = [[plain("TT", s.cell_head),
                                     plain(self.gettext("Đơn vị kiến nghị"), s.cell_head),
                                     plain(self.gettext("Nội dung kiến nghị"), s.cell_head),
                                     plain(self.gettext("Đơn vị phụ trách"), s.cell_head)]]
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
                data.append([plain(str(unit_index), s.cell_center) if first else "",
                             plain(unit, s.cell) if first else "",
                             plain(f"{counter}. {nfc(proposal.text).strip()}", s.cell),
                             plain(nfc(proposal.to).strip(), s.cell)])
                if not first:
                    # One unit's cells read as one: no rule between its rows in the first columns.
                    extra.append(("LINEABOVE", (0, row_index), (1, row_index), 0.5, colors.white))
                first = False
        table = self.grid(data, widths, extra=extra)
        return [table]

    def documents_annex(self) -> list[Flowable]:
        s = self.s
        widths = [12 * mm, 40 * mm, 28 * mm, self.width - 80 * mm]
        data: list[list[object]] = [[plain("STT", s.cell_head),
                                     plain(self.gettext("Số, ký hiệu"), s.cell_head),
                                     plain(self.gettext("Ngày ban hành"), s.cell_head),
                                     plain(self.gettext("Trích yếu nội dung"), s.cell_head)]]
        for index, document in enumerate(self.report.documents, start=1):
            data.append([plain(str(index), s.cell_center), plain(document.number, s.cell),
                         plain(short_date(document.date), s.cell_center),
                         plain(document.subject, s.cell)])
        return [self.grid(data, widths)]

    def evidence_plan(self) -> AnnexPlan:
        """The list of evidence documents, after the template's annexes: every report with
        evidence has it, whatever its template prints (domain/evidence_items.py)."""
        title = Text("Danh mục tài liệu kiểm chứng", "List of evidence documents")
        return AnnexPlan(Annex("evidence", AnnexKind.DOCUMENTS, title),
                         roman(len(self.annex_list) + 1))

    def evidence_annex(self) -> list[Flowable]:
        s = self.s
        # A file name has no spaces to break at: it may break anywhere.
        file_style = ParagraphStyle("cell_file", parent=s.cell, wordWrap="CJK")
        widths = [12 * mm, 30 * mm, 0.0, 28 * mm, 0.0, 26 * mm]
        free = self.width - sum(widths)
        widths[2], widths[4] = free * 0.45, free * 0.55
        data: list[list[object]] = [[plain(head, s.cell_head) for head in (
            "STT", self.gettext("Số, ký hiệu; ngày ban hành"), self.gettext("Trích yếu nội dung"),
            self.gettext("Cơ quan ban hành"), self.gettext("Kiểm chứng cho"), self.gettext("Tệp"))]]
        for index, item in enumerate(self.context.evidence, start=1):
            meta = item.document.meta
            number = [nfc(meta.number).strip()] if meta.number.strip() else []
            if meta.issued_on is not None:
                number.append(self.gettext("ngày {date}").format(date=short_date(meta.issued_on)))
            targets = "<br/>".join(markup(self._target(t)) for t in item.targets)
            data.append([plain(str(index), s.cell_center),
                         Paragraph("<br/>".join(markup(n) for n in number), s.cell),
                         plain(nfc(meta.title).strip(), s.cell),
                         plain(nfc(meta.issuer).strip(), s.cell),
                         Paragraph(targets, s.cell),
                         Paragraph(markup(nfc(item.document.file_name)), file_style)])
        return [self.grid(data, widths)]

    def _target(self, target: EvidenceTarget) -> str:
        label = nfc(target.label.render(self.language)).strip()
        if target.kind is TargetKind.INDICATOR:
            return self.gettext("Chỉ tiêu: {label}").format(label=label)
        if target.kind is TargetKind.TASK:
            return self.gettext("Nhiệm vụ {number}: {label}").format(number=target.key, label=label)
        return self.gettext("Tiêu chí {code}: {label}").format(code=target.key, label=label)

    def annex(self, plan: AnnexPlan) -> list[Flowable]:
        views: AnnexViews[list[Flowable]] = PrintedAnnex(self, plan)
        return self.annex_head(plan) + annex_kind(plan.annex.kind).show(views)

    def pages(self) -> list[Flowable]:
        """Each annex on a new page of its orientation."""
        story: list[Flowable] = []
        for plan in self.annex_list:
            story.append(NextPageTemplate("landscape" if plan.landscape else "portrait"))
            story.append(PageBreak())
            story += self.annex(plan)
        if self.context.evidence:
            plan = self.evidence_plan()
            story += [NextPageTemplate("portrait"), PageBreak()]
            story += self.annex_head(plan) + self.evidence_annex()
        return story


class PrintedAnnex:
    """The PDF's AnnexViews: each kind of annex as the builder prints it."""

    def __init__(self, builder: AnnexBuilder, plan: AnnexPlan) -> None:
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

