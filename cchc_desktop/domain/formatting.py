"""Numbers, rates and dates written the way Vietnamese administrative documents write them.

Babel does the locale work (`1.234.567`, `92,53%` in Vietnamese; `1,234,567`, `92.53%`
in English). Values are rounded half up here before Babel sees them, because Babel
itself rounds half to even. The date line of Decree 30/2020 is not a Babel format.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from cchc_desktop.domain.rates import Rate, round_half_up
from cchc_desktop.i18n import _, babel_locale

DASH = "-"


def _pattern(decimals: int, fixed: bool) -> str:
    if decimals <= 0:
        return "#,##0"
    return "#,##0." + ("0" if fixed else "#") * decimals


def format_number(value: Decimal | int | None, decimals: int = 0, *, fixed: bool = False,
                  locale: str | None = None) -> str:
    """'1.234.567' or '301.953,3' (trailing zeros dropped unless `fixed`)."""
    if value is None:
        return ""
    rounded = round_half_up(Decimal(value), decimals)
    return format_decimal(rounded, format=_pattern(decimals, fixed), locale=locale or babel_locale(),
                          decimal_quantization=False)


def format_percent(value: Decimal | None, precision: int = 2, *, locale: str | None = None) -> str:
    """'92,53%'; '-' when there is no rate (zero denominator)."""
    if value is None:
        return DASH
    return format_number(value, precision, fixed=True, locale=locale) + "%"


def format_rate_with_fraction(rate: Rate, unit: str = "", *, locale: str | None = None) -> str:
    """'22.471/93.459 hồ sơ, đạt 24,04%' as the reports write a rate with its figures."""
    if rate.numerator is None or rate.denominator is None:
        return DASH
    fraction = f"{format_number(rate.numerator, 3, locale=locale)}/" \
               f"{format_number(rate.denominator, 3, locale=locale)}"
    if unit:
        fraction += f" {unit}"
    return _("{fraction}, đạt {percent}").format(
        fraction=fraction, percent=format_percent(rate.value, rate.precision, locale=locale))


def date_line(place: str, day: dt.date) -> str:
    """'Sa Đéc, ngày 14 tháng 9 năm 2023' with Decree 30's leading zeros.

    Days below 10 and the months January and February take a leading zero:
    'ngày 05 tháng 01 năm 2024', but 'ngày 29 tháng 6 năm 2019'.
    """
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    line = f"ngày {day_text} tháng {month_text} năm {day.year}"
    return f"{place}, {line}" if place else line


def short_date(day: dt.date | None) -> str:
    """'14/03/2026' as tables and the status bar show dates."""
    return day.strftime("%d/%m/%Y") if day else ""


def document_number(number: str, symbol: str) -> str:
    """'Số: 05/BC-UBND', with a leading zero for numbers below 10."""
    text = number.strip()
    if text.isdigit() and int(text) < 10:
        text = f"{int(text):02d}"
    return f"Số: {text}/{symbol}" if text else f"Số:      /{symbol}"


class NumberParseError(ValueError):
    """Text that is not a number in the user's format; the message says why, for the clerk."""


def parse_number(text: str, *, locale: str | None = None, allow_negative: bool = False,
                 max_decimals: int | None = None) -> Decimal | None:
    """Read a number typed in the user's format: '1.234,5' in Vietnamese. Empty -> None."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    locale = locale or babel_locale()
    try:
        value = parse_decimal(cleaned, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation) as exc:
        example = format_number(Decimal("1234.5"), 1, locale=locale)
        raise NumberParseError(_("'{text}' không phải là số (ví dụ đúng: {example}).").format(
            text=text.strip(), example=example)) from exc
    if value < 0 and not allow_negative:
        raise NumberParseError(_("Không nhập số âm."))
    if max_decimals is not None and value != round_half_up(value, max_decimals):
        if max_decimals == 0:
            raise NumberParseError(_("Chỉ nhập số nguyên."))
        raise NumberParseError(_("Nhập tối đa {n} chữ số thập phân.").format(n=max_decimals))
    return value
