"""The PDF "Phụ lục: Xu hướng các chỉ tiêu chính": a unit's main rates across its periods.

The pages are the report's (documents/pdf_page.py: A4, Decree 30/2020 margins, page numbers
from page 2), landscape when the periods would not fit across a portrait page. First the
chart of all main rates against their targets, then the same figures as a table (a reader
who cannot tell the lines apart still has every figure), then one chart per rate.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc, write_rendered
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.documents.text import nfc
from cchc_desktop.documents.trend_charts import chart_drawing, value_text
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.trends import Chart, chronological, single_charts, trend_chart
from cchc_desktop.i18n import Language, _, speaking

PORTRAIT_PERIODS = 5        # more periods than this: landscape pages
MAIN_HEIGHT = 120 * mm
SINGLE_HEIGHT = 70 * mm


def figures_table(chart: Chart, width: float, language: Language) -> Table:
    """Indicators as rows, periods as columns, the target last."""
    s = styles()
    head = [Paragraph(nfc(language.gettext("Chỉ tiêu")), s.cell_head)]
    # "Quý III/" over "2026": a period breaks after its slash, never inside the year
    head += [Paragraph(nfc(period).replace("/", "/<br/>"), s.cell_head) for period in chart.periods]
    head.append(Paragraph(nfc(language.gettext("Mục tiêu")), s.cell_head))
    targets = {t.code: t.value for t in chart.targets}
    rows: list[list[Flowable]] = [head]
    for series in chart.series:
        row = [Paragraph(nfc(series.label), s.cell)]
        row += [Paragraph(value_text(p.value, chart.unit, language.locale) if p.value is not None
                          else "-", s.cell_right) for p in series.points]
        target = targets.get(series.code)
        row.append(Paragraph(value_text(target, chart.unit, language.locale)
                             if target is not None else "", s.cell_right))
        rows.append(row)
    first = width * 0.34
    other = (width - first) / (len(chart.periods) + 1)
    table = Table(rows, colWidths=[first] + [other] * (len(chart.periods) + 1), repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


@dataclass(frozen=True)
class TrendSource:
    """What the report PDF's optional trends annex is drawn from: the unit's reports in the
    data file and how to find their templates (the store's `unit_reports`, `registry.get`)."""

    reports: Sequence[Report]
    template_for: Callable[[str], Template]


def trends_story(chart: Chart, unit_name: str, width: float,
                 language: Language = DOCUMENT_LANGUAGE, *,
                 number: str | None = None) -> list[Flowable]:
    """The annex: `number` is its "Phụ lục III" after the report's own, "Phụ lục" alone."""
    s = styles()
    story: list[Flowable] = [
        Paragraph(nfc(number or language.gettext("Phụ lục")), s.annex_number),
        Paragraph(nfc(language.gettext("XU HƯỚNG CÁC CHỈ TIÊU CHÍNH")), s.annex_title),
    ]
    periods = chart.periods
    if periods:
        note = language.gettext("(Của {unit}, từ {first} đến {last})").format(
            unit=unit_name, first=periods[0], last=periods[-1])
    else:
        note = language.gettext("(Của {unit})").format(unit=unit_name)
    story.append(Paragraph(nfc(note), s.annex_note))
    if not chart.has_values:
        story.append(Paragraph(nfc(language.gettext(
            "Chưa có báo cáo định kỳ nào có số liệu của các chỉ tiêu này.")), s.body))
        return story
    story += [chart_drawing(chart, width, MAIN_HEIGHT, language=language), Spacer(1, 4 * mm),
              figures_table(chart, width, language)]
    for single in single_charts(chart):
        story += [CondPageBreak(SINGLE_HEIGHT + 12 * mm), Spacer(1, 6 * mm), KeepTogether([
            Paragraph(nfc(single.title), s.heading),
            chart_drawing(single, width, SINGLE_HEIGHT, language=language)])]
    return story


def wide_chart(chart: Chart) -> bool:
    """Landscape pages: more periods than fit across a portrait one."""
    return len(chart.periods) > PORTRAIT_PERIODS


def annex_pages(source: TrendSource, unit_name: str, number: str,
                language: Language = DOCUMENT_LANGUAGE) -> list[Flowable]:
    """The trends annex as the report PDF's last pages: a new page of its orientation, then
    the same story as the stand-alone annex (`cchc-desktop trends`)."""
    with speaking(language):    # the labels and targets the chart model names, in the PDF's words
        chart = trend_chart(source.reports, source.template_for, title=language.gettext(
            "Xu hướng các chỉ tiêu chính"), language=language)
    wide = wide_chart(chart)
    width = (landscape(A4) if wide else A4)[0] - LEFT_MARGIN - RIGHT_MARGIN
    return [NextPageTemplate("landscape" if wide else "portrait"), PageBreak(),
            *trends_story(chart, unit_name, width, language, number=number)]


def render_trends_pdf(reports: Sequence[Report], template_for: Callable[[str], Template], *,
                      language: Language = DOCUMENT_LANGUAGE,
                      created: dt.datetime | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count of the unit's trends; KnownError without a regular report."""
    ordered = chronological(reports)
    if not ordered:
        raise KnownError(_("Chưa có báo cáo định kỳ nào để vẽ xu hướng."))
    with speaking(language):    # as annex_pages: whatever the UI speaks
        chart = trend_chart(ordered, template_for, title=language.gettext(
            "Xu hướng các chỉ tiêu chính"), language=language)
    newest = ordered[-1]
    wide = wide_chart(chart)
    size = landscape(A4) if wide else A4
    width = size[0] - LEFT_MARGIN - RIGHT_MARGIN
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=newest, footnotes=FootnoteState([], styles().footnote, width),
                    progress=None, draft=False,
                    created=created or dt.datetime.now().astimezone())
    story: list[Flowable] = []
    if wide:
        # the first page takes the template in force; switch before anything is laid out
        doc.pageTemplates.reverse()
        story.append(NextPageTemplate("landscape"))
    story += trends_story(chart, newest.unit.name, width, language)
    doc.build(story)
    return buffer.getvalue(), doc.pages


def write_trends_pdf(reports: Sequence[Report], template_for: Callable[[str], Template],
                     path: Path, *, language: Language = DOCUMENT_LANGUAGE,
                     created: dt.datetime | None = None) -> int:
    """Write the trends PDF to `path` (atomically); return the number of pages."""
    return write_rendered(
        lambda: render_trends_pdf(reports, template_for, language=language, created=created), path)
