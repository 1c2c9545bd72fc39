"""The workbook's "Nội dung báo cáo" sheet: the narrative as the report prints it, bold and italics
kept as rich text, lists with bullets and numbers, tables as merged cells with a shaded
header, footnotes numbered through the sheet and listed at its end; read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

from documents.doc_helpers import load_sample
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.rich_text import Cell, Footnote, ListBlock, Paragraph, RichText, Run, Table
from cchc_desktop.exchange.workbook import read_workbook

FORMATTED = RichText((
    Paragraph((Run("Đã ban hành "), Run("3 kế hoạch", bold=True), Run(" và "),
               Run("2 quyết định", italic=True), Footnote("Kế hoạch số 20, 21, 22."))),
    ListBlock(False, ((Run("rà soát thủ tục"),), (Run("số hóa hồ sơ"),))),
    ListBlock(True, ((Run("bước một"),), (Run("bước hai"), Footnote("Trước 30/6.")))),
    Table((1, 3, 2), 1, (
        (Cell((Run("STT"),)), Cell((Run("Lĩnh vực"),)), Cell((Run("Hồ sơ"),))),
        (Cell((Run("1"),)), Cell((Run("Hộ tịch, chứng thực"),), colspan=2)))),
    Paragraph((Run("=1+1 sau bảng."),)),
))


def _written(tmp_path: Path, narrative: RichText | None):  # type: ignore[no-untyped-def]
    report, template = load_sample()
    for section, _depth in template.walk():
        report.set_narrative(section.id, "")
    if narrative is not None:
        report.set_narrative("cddh", narrative)
    path = tmp_path / "bao-cao.xlsx"
    write_workbook(build_context(report, template), path)
    return report, path


def _blocks(value: object) -> list[TextBlock]:
    assert isinstance(value, CellRichText), value
    return [part for part in value if isinstance(part, TextBlock)]


def test_the_narrative_sheet_keeps_formatting_lists_tables_and_footnotes(tmp_path: Path) -> None:
    report, path = _written(tmp_path, FORMATTED)
    wb = load_workbook(path, rich_text=True)
    ws = wb["Nội dung báo cáo"]
    values = {cell.coordinate: cell.value for row in ws.iter_rows() for cell in row
              if cell.value is not None}
    texts = [str(v) for v in values.values()]
    assert any(t.startswith("I.") and "CHỈ ĐẠO" in t.upper() for t in texts), texts
    paragraph = next(v for v in values.values()
                     if isinstance(v, CellRichText) and str(v).startswith("Đã ban hành"))
    bold = [b.text for b in _blocks(paragraph) if b.font.b]
    italic = [b.text for b in _blocks(paragraph) if b.font.i]
    assert (bold, italic) == (["3 kế hoạch"], ["2 quyết định"])
    assert str(paragraph).endswith("[1]")
    assert "- rà soát thủ tục" in texts and "- số hóa hồ sơ" in texts
    assert "1. bước một" in texts and "2. bước hai[2]" in texts
    # The table: its header row bold and shaded, "Hộ tịch, chứng thực" over two columns.
    header = next(c for row in ws.iter_rows() for c in row if str(c.value or "") == "Lĩnh vực")
    assert all(b.font.b for b in _blocks(header.value))
    assert header.fill.fgColor.rgb.endswith("E7E6E6")
    merged = next(c for row in ws.iter_rows() for c in row
                  if str(c.value or "") == "Hộ tịch, chứng thực")
    ranges = [r for r in ws.merged_cells.ranges if merged.coordinate in r]
    assert ranges and ranges[0].max_col > header.column
    assert "Chú thích" in texts
    assert "[1] Kế hoạch số 20, 21, 22." in texts and "[2] Trước 30/6." in texts
    formula_like = next(c for row in ws.iter_rows() for c in row
                        if str(c.value or "").startswith("=1+1"))
    assert formula_like.data_type == "s"     # text, never a formula
    wb.close()
    # The sheet is for reading: the workbook still reads back as the same report.
    assert read_workbook(path)[0].narrative("cddh") == report.narrative("cddh")


def test_no_narrative_no_sheet(tmp_path: Path) -> None:
    _report, path = _written(tmp_path, None)
    wb = load_workbook(path)
    assert "Nội dung báo cáo" not in wb.sheetnames
    wb.close()
