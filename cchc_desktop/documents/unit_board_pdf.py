"""The PDF "Bảng tổng hợp tỷ lệ các đơn vị": the board of domain/unit_board.py on paper.

Decree 30/2020's pieces from this package: the consolidating unit's header (header.py), the
title with the rule under it, then the table of the units' main rates (each with its
fraction, '▼' below target, '—' without a figure) and the sum row, then one bar chart per
rate (trend_charts.py). Landscape A4, so four rates and their fractions fit across. Always
in the document's language (Vietnamese), whatever the window speaks.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cchc_desktop.documents import fonts
from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.header import CentredRule, DocumentHeader, subject_rule_length
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc, write_rendered
from cchc_desktop.documents.pdf_styles import BODY_SIZE, plain, styles
from cchc_desktop.documents.text import markup, nfc, vi_upper
from cchc_desktop.documents.trend_charts import bar_chart_drawings, value_text
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.trends import PERCENT
from cchc_desktop.domain.unit_board import BELOW_WORDS, BoardLine, UnitBoard, rate_chart
from cchc_desktop.i18n import N_, Language

TITLE = N_("Bảng tổng hợp tỷ lệ các đơn vị")
HEAD_GREY = colors.Color(0.9, 0.9, 0.9)


def board_subject(board: UnitBoard, language: Language) -> str:
    """'Các chỉ tiêu chính của các đơn vị trực thuộc, quý III năm 2026'."""
    period = board.period.label_in(language)
    return language.gettext("Các chỉ tiêu chính của các đơn vị trực thuộc, {period}").format(
        period=period[:1].lower() + period[1:])


def board_table(board: UnitBoard, width: float, language: Language) -> Table:
    """STT, unit, each rate (its value over its fraction), a note; the sum row last."""
    s = styles()
    gettext = language.gettext
    head: list[Flowable] = [Paragraph(nfc(gettext("STT")), s.cell_head),
                            Paragraph(nfc(gettext("Đơn vị")), s.cell_head)]
    for column in board.columns:
        target = "" if column.target is None else "<br/>" + markup(gettext("(chỉ tiêu {value})").format(
            value=value_text(column.target, PERCENT, language.locale)))
        head.append(Paragraph(markup(column.label(language)) + target, s.cell_head))
    head.append(Paragraph(nfc(gettext("Ghi chú")), s.cell_head))
    rows: list[list[Flowable]] = [head]

    def row(number: str, line: BoardLine) -> list[Flowable]:
        bold = line.is_total
        cells: list[Flowable] = [Paragraph(number, s.cell_center),
                                 Paragraph(markup(line.name(language)), s.cell_bold if bold else s.cell)]
        for column in board.columns:
            rate = line.rates[column.code]
            text = markup(rate.text(language))
            if bold:
                text = f"<b>{text}</b>"
            fraction = rate.fraction(language)
            if fraction:
                text += f'<br/><font size="9">{markup(fraction)}</font>'
            cells.append(Paragraph(text, s.cell_right))
        note = gettext(BELOW_WORDS) if line.below_target else (
            "" if line.has_report else gettext("Chưa gửi báo cáo"))
        cells.append(Paragraph(markup(note), s.cell))
        return cells

    rows += [row(str(n), line) for n, line in enumerate(board.lines, start=1)]
    rows.append(row("", board.total))
    number_w, note_w = 14 * mm, 34 * mm
    unit_w = width * 0.22
    rate_w = (width - number_w - unit_w - note_w) / max(len(board.columns), 1)
    table = Table(rows, colWidths=[number_w, unit_w] + [rate_w] * len(board.columns) + [note_w],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_GREY),
        ("LINEABOVE", (0, -1), (-1, -1), 1.2, colors.black),
    ]))
    return table


def board_story(board: UnitBoard, consolidating: Report, width: float,
                language: Language = DOCUMENT_LANGUAGE) -> list[Flowable]:
    s = styles()
    gettext = language.gettext
    subject = board_subject(board, language)
    story: list[Flowable] = [
        DocumentHeader(consolidating),
        plain(vi_upper(gettext(TITLE)), s.title),
        plain(subject, s.subject),
        CentredRule(subject_rule_length(subject, fonts.BOLD, BODY_SIZE, width), space_before=6),
        Spacer(1, 8),
        plain(gettext("(Tỷ lệ của {unit} tính từ tổng tử số và tổng mẫu số của các đơn vị, không "
                    "phải trung bình cộng các tỷ lệ; ▼: dưới chỉ tiêu; —: không có số liệu)").format(
            unit=board.unit.name), s.annex_note),
        board_table(board, width, language),
    ]
    precision = consolidating.precision
    for column in board.columns:
        chart = rate_chart(board, column.code, language=language, total=True)
        if not any(p.value is not None for p in chart.series[0].points):
            continue
        drawings = bar_chart_drawings(chart, width, language=language, precision=precision)
        story += [CondPageBreak(drawings[0].height + 16 * mm), Spacer(1, 6 * mm),
                  KeepTogether([plain(chart.title, s.heading), drawings[0]]), *drawings[1:]]
    return story


def render_board_pdf(board: UnitBoard, consolidating: Report, *,
                     language: Language = DOCUMENT_LANGUAGE,
                     created: dt.datetime | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count of the board; `consolidating` gives its header."""
    size = landscape(A4)
    width = size[0] - LEFT_MARGIN - RIGHT_MARGIN
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=consolidating, footnotes=FootnoteState([], styles().footnote, width),
                    progress=None, draft=False, created=created or dt.datetime.now().astimezone())
    doc.title = nfc(f"{language.gettext(TITLE)} {board.period.label_in(language)}")
    # the first page takes the template in force: landscape before anything is laid out
    doc.pageTemplates.reverse()
    story: list[Flowable] = [NextPageTemplate("landscape")]
    story += board_story(board, consolidating, width, language)
    doc.build(story)
    return buffer.getvalue(), doc.pages


def write_board_pdf(board: UnitBoard, consolidating: Report, path: Path, *,
                    language: Language = DOCUMENT_LANGUAGE,
                    created: dt.datetime | None = None) -> int:
    """Write the board's PDF to `path` (atomically); return the number of pages."""
    return write_rendered(
        lambda: render_board_pdf(board, consolidating, language=language, created=created), path)
