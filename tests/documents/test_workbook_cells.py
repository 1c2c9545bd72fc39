"""The cells every workbook shares (documents/workbook_cells.py): text stays text, never a
formula, and what an .xlsx cannot hold is left out; read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cchc_desktop.documents.workbook_cells import clean_text, page_setup_for_print, set_text


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")"])
def test_a_text_that_looks_like_a_formula_is_read_back_as_the_same_text(tmp_path: Path, text: str) -> None:
    wb = Workbook()
    set_text(wb.active["A1"], text)
    path = tmp_path / "o.xlsx"
    wb.save(path)
    cell = load_workbook(path).active["A1"]
    assert cell.value == text and cell.data_type == "s"


def test_control_characters_are_left_out_and_the_text_is_nfc() -> None:
    assert clean_text("Kế\x00 hoạch\x0b") == "Kế hoạch"
    assert clean_text("Hoa\u0300") == "Hoà"        # decomposed, as pasted from old files


def test_the_print_setup_fits_a4_with_the_page_number(tmp_path: Path) -> None:
    wb = Workbook()
    page_setup_for_print(wb.active, landscape=True, title_rows="1:2")
    path = tmp_path / "p.xlsx"
    wb.save(path)
    ws = load_workbook(path).active
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2"
    assert ws.oddFooter.center.text == "Trang &P/&N"
