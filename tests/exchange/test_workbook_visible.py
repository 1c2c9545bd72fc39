"""workbook_visible: the visible sheets of the app's workbook compared with its hidden data.

Edits made in Excel (openpyxl here, saving as Excel does): a cleared cell, a text typed
over a figure, a formula. The comparison only reports; the clerk chooses which visible
values to take. tests/exchange/test_visible_differences.py covers a retyped figure, a
formula, a rate and a refused value through exchange.workbook; this module's own cases are
below.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from openpyxl import load_workbook

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.workbook import read_workbook
from cchc_desktop.exchange.workbook_parts import DATA_SHEET, LAYOUT_COLUMN
from cchc_desktop.exchange.workbook_visible import (
    MAX_LAYOUT_ROWS,
    VisibleDifference,
    differences_in,
    take_visible,
    visible_differences,
)

COMMUNE = Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa")
ONLINE = "tthc.hs.xa.moi_truc_tuyen"
IN_PERSON = "tthc.hs.xa.moi_truc_tiep"


def _workbook(tmp_path: Path) -> Path:
    report = make_report(records(online=66, in_person=34, early=100), unit=COMMUNE)
    path = tmp_path / "xa-thu.xlsx"
    write_workbook(build_context(report, template()), path)
    return path


def _where(path: Path, code: str) -> tuple[str, str]:
    data = load_workbook(path)[DATA_SHEET]
    for row in data.iter_rows(min_col=LAYOUT_COLUMN, max_col=LAYOUT_COLUMN + 3, values_only=True):
        if row[0] == code:
            return str(row[1]), str(row[2])
    raise AssertionError(code)


def _edit(path: Path, changes: dict[str, object]) -> None:
    wb = load_workbook(path)
    for code, value in changes.items():
        sheet, cell = _where(path, code)
        wb[sheet][cell] = value
    wb.save(path)


def _differences(path: Path) -> list[VisibleDifference]:
    report, tpl = read_workbook(path)
    return visible_differences(path, report, tpl)


def _replace_part(path: Path, part: str, data: bytes) -> None:
    """The package with one part's bytes replaced, as a tool other than Excel might leave it."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[part] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)


def _sheet_part(path: Path, sheet_name: str) -> str:
    # openpyxl names the parts sheetN.xml in the order of the sheets
    wb = load_workbook(path)
    return f"xl/worksheets/sheet{wb.sheetnames.index(sheet_name) + 1}.xml"


def test_a_cleared_figure_is_a_difference_and_taking_it_clears_the_figure(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: None})
    report, tpl = read_workbook(path)
    [difference] = visible_differences(path, report, tpl)
    assert (difference.code, difference.hidden, difference.visible, difference.visible_text) \
        == (ONLINE, 66, None, "")
    assert difference.choosable and difference.refusal == ""
    assert "dữ liệu ẩn 66, trang tính (trống)" in difference.line()
    taken = take_visible(report, tpl, [difference], {ONLINE})
    assert ONLINE not in taken.values
    assert report.values[ONLINE] == 66           # the hidden data is never changed


def test_text_typed_over_a_figure_is_reported_and_cannot_be_taken(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: "sáu mươi"})
    report, tpl = read_workbook(path)
    [difference] = visible_differences(path, report, tpl)
    assert (difference.visible, difference.visible_text) == (None, "sáu mươi")
    assert not difference.choosable
    assert difference.refusal == f"ô {difference.place} không chứa số (sáu mươi)."
    with pytest.raises(ReportError, match="không chứa số"):
        take_visible(report, tpl, [difference], {ONLINE})


def test_a_number_typed_as_text_is_read_as_that_number(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: " 70 ", IN_PERSON: "34"})
    [difference] = _differences(path)
    assert (difference.code, difference.visible, difference.visible_text) == (ONLINE, 70, " 70 ")
    assert difference.choosable


def test_a_huge_exponent_in_a_cell_is_not_a_number(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: "1e999999999"})
    [difference] = _differences(path)
    assert (difference.visible, difference.visible_text) == (None, "1e999999999")
    assert not difference.choosable


def test_the_same_figure_retyped_is_no_difference(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: 66.0, IN_PERSON: "34"})
    assert _differences(path) == []


def test_only_the_chosen_codes_are_taken(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: 70, IN_PERSON: 30})
    report, tpl = read_workbook(path)
    differences = visible_differences(path, report, tpl)
    assert {d.code for d in differences} == {ONLINE, IN_PERSON}
    taken = take_visible(report, tpl, differences, {IN_PERSON})
    assert (taken.values[ONLINE], taken.values[IN_PERSON]) == (66, 30)
    assert take_visible(report, tpl, differences, frozenset()) == report


def test_every_refused_choice_is_named_at_once(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: "=1+1", IN_PERSON: -3})
    report, tpl = read_workbook(path)
    differences = visible_differences(path, report, tpl)
    with pytest.raises(ReportError) as refused:
        take_visible(report, tpl, differences, {ONLINE, IN_PERSON})
    message = str(refused.value)
    assert message.startswith("Không lấy được số liệu trên trang tính: ")
    for code in (ONLINE, IN_PERSON):
        assert tpl.indicators[code].full_label in message


def test_a_workbook_without_the_layout_columns_is_not_compared(tmp_path: Path) -> None:
    # a workbook written before the layout was recorded: columns D-G of the data sheet empty
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: 9999})
    wb = load_workbook(path)
    data = wb[DATA_SHEET]
    for row in data.iter_rows(min_col=LAYOUT_COLUMN, max_col=LAYOUT_COLUMN + 3):
        for cell in row:
            cell.value = None
    wb.save(path)
    assert _differences(path) == []


def test_a_layout_row_of_an_unknown_code_or_sheet_is_skipped(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    sheet, cell = _where(path, ONLINE)
    wb = load_workbook(path)
    data = wb[DATA_SHEET]
    row = data.max_row + 1
    for column, value in enumerate(("zz.khong_co", sheet, cell, "1"), start=LAYOUT_COLUMN):
        data.cell(row, column, value)
    for column, value in enumerate((ONLINE, "Không có trang này", "A1", "66"),
                                   start=LAYOUT_COLUMN):
        data.cell(row + 1, column, value)
    wb.save(path)
    assert _differences(path) == []


def test_a_data_sheet_with_too_many_layout_rows_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    wb = load_workbook(path)
    data = wb[DATA_SHEET]
    for row in range(data.max_row + 1, data.max_row + MAX_LAYOUT_ROWS + 3):
        data.cell(row, LAYOUT_COLUMN, "x")
    wb.save(path)
    report, tpl = read_workbook(path)
    with pytest.raises(ReportError, match="phần dữ liệu quá lớn"):
        visible_differences(path, report, tpl)


def test_broken_xml_in_a_visible_sheet_is_refused_while_the_hidden_data_reads(
        tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    sheet, _cell = _where(path, ONLINE)
    _replace_part(path, _sheet_part(path, sheet), b"<worksheet><sheetData><row>")
    report, tpl = read_workbook(path)
    assert report.values[ONLINE] == 66
    with pytest.raises(ReportError, match=r"không đọc được các trang tính \(ParseError\)"):
        visible_differences(path, report, tpl)


def test_a_visible_sheet_with_a_dtd_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    sheet, _cell = _where(path, ONLINE)
    part = _sheet_part(path, sheet)
    with zipfile.ZipFile(path) as archive:
        original = archive.read(part)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    _replace_part(path, part, b'<!DOCTYPE x [<!ENTITY e "66">]>' + body)
    report, tpl = read_workbook(path)
    with pytest.raises(ReportError, match="DTDForbidden"):
        visible_differences(path, report, tpl)


def test_differences_in_reads_an_open_archive(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, {ONLINE: 12})
    report, tpl = read_workbook(path)
    with zipfile.ZipFile(path) as archive:
        [difference] = differences_in(archive, path.name, report, tpl)
    assert (difference.code, difference.visible) == (ONLINE, 12)


def test_a_difference_names_its_place_and_both_values_in_vietnamese() -> None:
    difference = VisibleDifference(ONLINE, "Số hồ sơ", "Biểu 1", "D7", Decimal("1234.5"),
                                   Decimal(9999), "9999")
    assert difference.place == "'Biểu 1'!D7"
    assert difference.line() == ("Số hồ sơ [tthc.hs.xa.moi_truc_tuyen] ('Biểu 1'!D7): "
                                 "dữ liệu ẩn 1.234,5, trang tính 9.999")
