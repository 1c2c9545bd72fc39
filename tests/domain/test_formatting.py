"""Vietnamese (and English) formats of numbers, rates and dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc_desktop.domain.formatting import (
    NumberParseError,
    date_line,
    document_number,
    format_number,
    format_percent,
    format_rate_with_fraction,
    parse_number,
)
from cchc_desktop.domain.rates import compute_rate
from cchc_desktop.i18n import set_language

D = Decimal


def test_vietnamese_numbers() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(D("7727149829")) == "7.727.149.829"
    assert format_percent(D("92.53")) == "92,53%"
    assert format_percent(D("62.46")) == "62,46%"
    assert format_percent(None) == "-"


def test_babel_half_even_does_not_leak_through() -> None:
    # Babel alone would print 92,52 for 92,525.
    assert format_number(D("92.525"), 2, fixed=True) == "92,53"


def test_rate_with_its_fraction() -> None:
    text = format_rate_with_fraction(compute_rate(D(22471), D(93459)), "hồ sơ")
    assert text == "22.471/93.459 hồ sơ, đạt 24,04%"
    assert format_rate_with_fraction(compute_rate(D(0), D(0))).endswith("-")


def test_english_formats() -> None:
    set_language("en")
    assert format_number(1234567) == "1,234,567"
    assert format_percent(D("92.53")) == "92.53%"


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2023, 9, 14), "Sa Đéc, ngày 14 tháng 9 năm 2023"),
    (dt.date(2024, 1, 5), "Sa Đéc, ngày 05 tháng 01 năm 2024"),
    (dt.date(2019, 6, 29), "Sa Đéc, ngày 29 tháng 6 năm 2019"),
    (dt.date(2024, 2, 10), "Sa Đéc, ngày 10 tháng 02 năm 2024"),
    (dt.date(2024, 12, 1), "Sa Đéc, ngày 01 tháng 12 năm 2024"),
])
def test_date_line_has_decree_30_leading_zeros(day: dt.date, expected: str) -> None:
    assert date_line("Sa Đéc", day) == expected


def test_document_number_pads_below_ten() -> None:
    assert document_number("5", "BC-UBND") == "Số: 05/BC-UBND"
    assert document_number("2562", "BC-SNV") == "Số: 2562/BC-SNV"


@pytest.mark.parametrize(("text", "expected"), [
    ("1.234,5", D("1234.5")), ("1234", D(1234)), ("1.234.567", D(1234567)), (" 42 ", D(42)),
    ("", None), ("0,125", D("0.125")),
])
def test_parse_vietnamese_numbers(text: str, expected: Decimal | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("12a", "không phải là số"), ("1,2,3", "không phải là số"), ("-5", "số âm"),
    ("1.23", "không phải là số"),  # ambiguous: not a Vietnamese grouping
])
def test_bad_numbers_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(NumberParseError, match=message):
        parse_number(text)


def test_whole_numbers_only_where_asked() -> None:
    with pytest.raises(NumberParseError, match="số nguyên"):
        parse_number("12,5", max_decimals=0)
