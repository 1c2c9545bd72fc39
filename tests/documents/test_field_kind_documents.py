"""The PDF prints a figure as the screen shows it, and the workbook formats it the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text, sample_context
from openpyxl import load_workbook

from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.template import Indicator, IndicatorKind
from cchc_desktop.gui.forms.comparison import compared_value

SURVEY = "Mức độ hài lòng của người dân, tổ chức (khảo sát)"   # typed in: 88.6 in the sample
ON_TIME = "Tỷ lệ giải quyết đúng và trước hạn"                  # 1421 / 1428 = 99.5098...%


def _indicator(context: ReportContext, label: str) -> Indicator:
    return next(i for i in context.template.indicators.values()
                if str(i.label) == label and context.figures.get(i.code) is not None)


def _printed_row(text: str, label: str) -> str:
    """The figures annex row of `label` (its cell may wrap: the row starts with the STT)."""
    start = " ".join(label.split()[:5])
    rows = [" ".join(line.split()) for line in text.splitlines()
            if start in line and line.split()[0].isdigit()]
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize(("precision", "survey", "on_time"), [
    (0, "89%", "100%"), (1, "88,6%", "99,5%"), (2, "88,60%", "99,51%")])
def test_the_pdf_cell_reads_as_the_screen(tmp_path: Path, precision: int, survey: str,
                                          on_time: str) -> None:
    context = sample_context(precision=precision)
    path = tmp_path / "r.pdf"
    write_pdf(context, path)
    text = pdf_text(path)
    for label, expected in ((SURVEY, survey), (ON_TIME, on_time)):
        indicator = _indicator(context, label)
        # What the screens show for this figure (annex page, comparison columns, board).
        screen = compared_value(_column(context), indicator, precision)
        assert screen == expected
        assert f" {expected} " in f" {_printed_row(text, label)} ", label


def _column(context: ReportContext):  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.context import ComparisonColumn

    return ComparisonColumn("", context.figures.values)


def test_workbook_number_formats_by_kind(tmp_path: Path) -> None:
    context = sample_context(precision=1)
    path = tmp_path / "r.xlsx"
    write_workbook(context, path)
    formats: dict[IndicatorKind, set[str]] = {}
    wb = load_workbook(path)
    try:
        labels = {str(i.label): i for i in context.template.indicators.values()}
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" or ws.cell(5, 2).value != "Chỉ tiêu":
                continue
            for row in ws.iter_rows(min_row=6):
                indicator = labels.get(str(row[1].value))
                if indicator is None or row[3].value is None or isinstance(row[3].value, str):
                    continue
                formats.setdefault(indicator.kind, set()).add(row[3].number_format)
    finally:
        wb.close()
    assert formats[IndicatorKind.RATE] == {'#,##0.0"%"'}
    assert formats[IndicatorKind.PERCENT] == {'#,##0.0"%"'}
    assert formats[IndicatorKind.COUNT] == {"#,##0"}
    assert formats[IndicatorKind.MONEY] <= {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000"}
    assert "#,##0.000" in formats[IndicatorKind.MONEY]     # 2.987,455 keeps its decimals
