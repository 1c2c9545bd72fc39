"""A workbook edited in Excel: a retyped figure or a typed formula is reported, never taken silently."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from openpyxl import load_workbook

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.workbook import (
    DATA_SHEET,
    read_workbook,
    take_visible,
    visible_differences,
)

COMMUNE = Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa")
ONLINE = "tthc.hs.xa.moi_truc_tuyen"
IN_PERSON = "tthc.hs.xa.moi_truc_tiep"
RATE = "tthc.hs.xa.ty_le_truc_tuyen"


def _workbook(tmp_path: Path) -> Path:
    report = make_report(records(online=66, in_person=34, early=100), unit=COMMUNE)
    path = tmp_path / "xa-thu.xlsx"
    write_workbook(build_context(report, template()), path)
    return path


def _cell_of(path: Path, code: str) -> tuple[str, str]:
    """Where the app wrote `code`: found by the label in column B, checked against the value."""
    wb = load_workbook(path)
    label = str(template().indicators[code].label)
    data = wb[DATA_SHEET]
    for row in data.iter_rows(min_col=4, max_col=7, values_only=True):
        if row[0] == code:
            sheet, cell = str(row[1]), str(row[2])
            assert str(wb[sheet][f"B{cell[1:]}"].value).startswith(label[:20])
            assert Decimal(str(wb[sheet][cell].value)) == Decimal(str(row[3]))
            return sheet, cell
    raise AssertionError(code)


def _edit(path: Path, code: str, value: object) -> str:
    sheet, cell = _cell_of(path, code)
    wb = load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)
    return cell


def test_an_untouched_workbook_has_no_difference(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    report, tpl = read_workbook(path)
    assert visible_differences(path, report, tpl) == []


def test_a_figure_retyped_in_excel_is_reported_with_both_values(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, ONLINE, 9999)
    report, tpl = read_workbook(path)            # the hidden data is still whole
    assert report.values[ONLINE] == 66
    [difference] = [d for d in visible_differences(path, report, tpl) if d.code == ONLINE]
    assert (difference.hidden, difference.visible, difference.formula) == (66, 9999, False)
    assert difference.choosable
    assert "dữ liệu ẩn 66, trang tính 9.999" in difference.line()
    taken = take_visible(report, tpl, [difference], {ONLINE})
    assert taken.values[ONLINE] == 9999 and report.values[ONLINE] == 66


def test_a_formula_is_shown_as_text_and_cannot_be_taken(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    cell = _edit(path, IN_PERSON, "=40+2")
    report, tpl = read_workbook(path)
    [difference] = visible_differences(path, report, tpl)
    assert difference.code == IN_PERSON and difference.formula
    assert difference.visible_text == "=40+2" and difference.visible is None   # never evaluated
    assert not difference.choosable and cell in difference.refusal
    with pytest.raises(ReportError, match="gõ lại"):
        take_visible(report, tpl, [difference], {IN_PERSON})
    assert take_visible(report, tpl, [difference], set()).values[IN_PERSON] == 34


def test_a_retyped_rate_is_reported_but_stays_computed(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, RATE, 12.5)
    report, tpl = read_workbook(path)
    [difference] = visible_differences(path, report, tpl)
    assert difference.code == RATE and difference.derived
    assert difference.hidden == Decimal("66.00") and not difference.choosable


def test_a_visible_value_the_figure_does_not_allow_is_refused(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    _edit(path, ONLINE, -5)
    report, tpl = read_workbook(path)
    differences = visible_differences(path, report, tpl)
    with pytest.raises(ReportError, match="âm"):
        take_visible(report, tpl, differences, {ONLINE})


def test_rates_with_many_decimals_are_not_differences(tmp_path: Path) -> None:
    # 1.421 / 1.428 = 99.5098...%: Excel keeps it as a double, which is not a difference.
    report = make_report(records(online=1000, in_person=428, early=1400, on_time=21, late=7),
                         unit=COMMUNE)
    path = tmp_path / "xa.xlsx"
    write_workbook(build_context(report, template()), path)
    read, tpl = read_workbook(path)
    assert visible_differences(path, read, tpl) == []
