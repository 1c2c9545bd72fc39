"""Dates as a Vietnamese clerk types them ("25/9/2026", "25092026") and as the app shows them.

Day first, always: that is how every Vietnamese document writes a date. Forms that could
mean two dates are refused rather than guessed: "1112026" may be 11/1 or 1/11, so digits
alone are accepted only as eight (ddmmyyyy, or yyyymmdd, which can never be confused with
it). A date that does not exist (31/02, day 32, month 13) is refused with a sentence
saying why, never rolled over to another day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

MIN_YEAR = 1990   # earlier or later than these is a typing slip, not a report's date
MAX_YEAR = 2100

# d/m/y with "/", "-", "." or spaces between; a two-digit year means 20yy.
_DAY_FIRST = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_DIGITS = re.compile(r"\d{8}")


class DateParseError(KnownError):
    """Text that is not a date, or a date that does not exist."""


def _example() -> str:
    return _("Gõ ngày theo thứ tự ngày/tháng/năm, ví dụ 25/09/2026 hoặc 25092026.")


def _checked(day: int, month: int, year: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateParseError(_("Năm {year} nằm ngoài khoảng {first}–{last}.").format(
            year=year, first=MIN_YEAR, last=MAX_YEAR))
    if not 1 <= month <= 12:
        raise DateParseError(_("Không có tháng {month}: tháng chỉ từ 1 đến 12.").format(month=month))
    if not 1 <= day <= 31:
        raise DateParseError(_("Không có ngày {day}: ngày chỉ từ 1 đến 31.").format(day=day))
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise DateParseError(
            _("{date} không phải ngày có thật: tháng {month} năm {year} chỉ có {days} ngày.").format(
                date=f"{day:02d}/{month:02d}/{year}", month=month, year=year, days=last))
    return dt.date(year, month, day)


def _from_digits(digits: str) -> dt.date:
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    try:
        return _checked(day, month, year)
    except DateParseError as day_first:
        # yyyymmdd: when it reads as a date, ddmmyyyy cannot (its month would be 19-21).
        try:
            return _checked(int(digits[6:]), int(digits[4:6]), int(digits[:4]))
        except DateParseError:
            raise day_first from None


def parse_vn_date(text: str) -> dt.date | None:
    """The date in `text`, or None when it is blank; raises DateParseError otherwise."""
    cleaned = text.strip()
    if not cleaned:
        return None
    if match := _YEAR_FIRST.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
        return _checked(day, month, year)
    if match := _DAY_FIRST.fullmatch(cleaned):
        day, month = int(match[1]), int(match[2])
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _checked(day, month, year)
    if _DIGITS.fullmatch(cleaned):
        return _from_digits(cleaned)
    if cleaned.isdigit():
        raise DateParseError(_("“{text}” có thể hiểu thành nhiều ngày. Gõ đủ tám chữ số (25092026) "
                               "hoặc ghi dấu gạch chéo (25/9/2026).").format(text=cleaned))
    raise DateParseError(_("“{text}” không phải ngày. {hint}").format(text=cleaned, hint=_example()))


def format_vn_date(day: dt.date | None) -> str:
    """"25/09/2026": the form the app shows in its fields; "" for no date."""
    return day.strftime("%d/%m/%Y") if day else ""
