"""Dates as the clerk types them: day first, several spellings, impossible dates refused."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.dates import DateParseError, format_vn_date, parse_vn_date
from cchc_desktop.domain.errors import KnownError

D = dt.date


@pytest.mark.parametrize(("text", "expected"), [
    ("25/9/2026", D(2026, 9, 25)),          # the spellings
    ("25/09/2026", D(2026, 9, 25)),
    ("25092026", D(2026, 9, 25)),
    ("  25/09/2026 ", D(2026, 9, 25)),
    ("25-9-2026", D(2026, 9, 25)),
    ("25.9.2026", D(2026, 9, 25)),
    ("25 9 2026", D(2026, 9, 25)),
    ("25 / 09 / 2026", D(2026, 9, 25)),
    ("25/9/26", D(2026, 9, 25)),            # two-digit year: 20yy
    ("2026-09-25", D(2026, 9, 25)),         # ISO, as files and databases write it
    ("20260925", D(2026, 9, 25)),           # yyyymmdd: never a valid ddmmyyyy
    ("05012024", D(2024, 1, 5)),
    ("29/02/2024", D(2024, 2, 29)),         # a leap day exists
    ("14/9/2023", D(2023, 9, 14)),
])
def test_accepted_spellings(text: str, expected: dt.date) -> None:
    assert parse_vn_date(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_is_no_date(text: str) -> None:
    assert parse_vn_date(text) is None


@pytest.mark.parametrize(("text", "message"), [
    ("31/02/2026", "31/02/2026 không phải ngày có thật: tháng 2 năm 2026 chỉ có 28 ngày."),
    ("29/02/2026", "29/02/2026 không phải ngày có thật"),
    ("31/04/2026", "tháng 4 năm 2026 chỉ có 30 ngày"),
    ("31022026", "31/02/2026 không phải ngày có thật"),
    ("32/1/2026", "Không có ngày 32"),
    ("0/1/2026", "Không có ngày 0"),
    ("1/13/2026", "Không có tháng 13"),
    ("12/0/2026", "Không có tháng 0"),
    ("1/1/1900", "Năm 1900 nằm ngoài khoảng 1990–2100"),
    ("1/1/2200", "Năm 2200"),
    ("2592026", "có thể hiểu thành nhiều ngày"),   # 25/9 or 2/59: refused, not guessed
    ("1112026", "có thể hiểu thành nhiều ngày"),   # 11/1 or 1/11
    ("250926", "có thể hiểu thành nhiều ngày"),
    ("(chưa ghi ngày)", "không phải ngày"),         # the old placeholder typed over
    ("25/9", "không phải ngày"),
    ("hôm nay", "không phải ngày"),
    ("25/9/2026/1", "không phải ngày"),
])
def test_impossible_or_unreadable_dates_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_vn_date(text)
    assert message in caught.value.message
    assert isinstance(caught.value, KnownError)


def test_format_is_day_first_with_leading_zeros() -> None:
    assert format_vn_date(D(2026, 9, 5)) == "05/09/2026"
    assert format_vn_date(None) == ""
    assert parse_vn_date(format_vn_date(D(2026, 1, 2))) == D(2026, 1, 2)
