"""A report belongs to a unit by its code; an older typed-name code still finds its unit."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.unit_matching import UnitMismatchError, find_unit, match_report_unit, same_unit
from cchc_desktop.domain.units import Unit

MY_AN = Unit("28066", "Ủy ban nhân dân xã Mỹ An", "xa", "Ủy ban nhân dân tỉnh Tây Ninh")
# The window and the command line used to make two codes of the one name.
WINDOW = Unit("ubnd-xa-my-an", "UBND xã Mỹ An", "xa", "UBND tỉnh Tây Ninh")
CLI = Unit("uy-ban-nhan-dan-xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa", "")


def test_two_spellings_of_one_name_are_one_unit() -> None:
    assert same_unit(WINDOW, CLI) and same_unit(CLI, WINDOW)
    match_report_unit(WINDOW, CLI)


def test_an_older_code_matches_the_official_one_through_the_name() -> None:
    assert same_unit(MY_AN, WINDOW)
    assert same_unit(WINDOW, MY_AN)
    # A Mỹ An of another province is another unit.
    assert not same_unit(MY_AN, Unit("xa-my-an", "UBND xã Mỹ An", "xa", "UBND tỉnh Đồng Tháp"))


def test_a_different_official_code_is_refused_naming_both_units() -> None:
    other = Unit("28069", "Ủy ban nhân dân xã Khác", "xa")
    with pytest.raises(UnitMismatchError) as caught:
        match_report_unit(MY_AN, other, source="Tệp q1.json")
    assert caught.value.message == (
        "Tệp q1.json là báo cáo của Ủy ban nhân dân xã Khác (mã 28069), không phải của "
        "Ủy ban nhân dân xã Mỹ An (mã 28066).")
    assert isinstance(caught.value, ReportError)
    # Same name, another official code: the codes decide.
    with pytest.raises(UnitMismatchError):
        match_report_unit(MY_AN, Unit("07600", MY_AN.name, "xa"))


def test_aliases_are_the_units_older_codes() -> None:
    stranger = Unit("xa-lang-cu", "Tên gọi cũ", "xa")
    assert not same_unit(MY_AN, stranger)
    match_report_unit(MY_AN, stranger, aliases=["xa-lang-cu"])


def test_find_unit_by_code_then_by_name() -> None:
    units = [MY_AN, Unit("82-so-noi-vu", "Sở Nội vụ", "tinh")]
    assert find_unit(WINDOW, units) == MY_AN
    assert find_unit(Unit("so-noi-vu", "Sở  nội vụ", "tinh"), units) == units[1]
    assert find_unit(Unit("x", "UBND xã Z", "xa"), units) is None
    assert find_unit(Unit("old", "?", "xa"), units, {"28066": ["old"]}) == MY_AN
