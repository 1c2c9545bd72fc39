"""Numbers, rates and dates written the way Vietnamese administrative documents write them.

The one number formatter of the app: screens, documents, the workbook's number formats
and the CLI all write figures through `format_number` / `format_percent` (usually by way
of domain/field_kinds.py, which knows which one a figure takes).

Babel does the locale work (`1.234.567`, `92,53%` in Vietnamese; `1,234,567`, `92.53%`
in English). Values are rounded half up here before Babel sees them, because Babel
itself rounds half to even. The date line of Decree 30/2020 is not a Babel format.

The app's two locales are written here without Babel, as Babel writes them: Babel loads a
locale's whole data (40 ms of unpickling) at the first figure of every process, and an
export writes a few hundred figures and nothing else of the locale. Their symbols are
Babel's (CLDR); tests/domain/test_formatting.py compares both writers on many numbers.
Any other locale goes to Babel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from cchc_desktop.domain.number_domain import number_problem
from cchc_desktop.domain.rates import Rate, round_half_up
from cchc_desktop.i18n import N_, Language, _, babel_locale

DASH = "-"
# locale -> (decimal sign, group sign), as CLDR (Babel's number_symbols["latn"]) has them.
SYMBOLS = {"vi_VN": (",", "."), "en_US": (".", ",")}


def _pattern(decimals: int, fixed: bool) -> str:
    if decimals <= 0:
        return "#,##0"
    return "#,##0." + ("0" if fixed else "#") * decimals


def spreadsheet_format(decimals: int, *, percent: bool = False) -> str:
    """The Excel number format of a figure with `decimals` places: '#,##0.00"%"'.

    The same pattern as `format_number(..., fixed=True)`, so Excel on a Vietnamese
    system shows the cell as the screen does (the '%' is literal: cells hold 92.52).
    """
    return _pattern(decimals, fixed=True) + ('"%"' if percent else "")


def format_number(value: Decimal | int | None, decimals: int = 0, *, fixed: bool = False,
                  locale: str | None = None) -> str:
    """'1.234.567' or '301.953,3' (trailing zeros dropped unless `fixed`)."""
    if value is None:
        return ""
    rounded = round_half_up(Decimal(value), decimals)
    locale = locale or babel_locale()
    symbols = SYMBOLS.get(locale)
    if symbols is None:
        from babel.numbers import format_decimal  # start-up: Babel only for another locale

        return format_decimal(rounded, format=_pattern(decimals, fixed), locale=locale,
                              decimal_quantization=False)
    return written(rounded, decimals, fixed, *symbols)


def written(value: Decimal, decimals: int, fixed: bool, decimal_sign: str, group_sign: str) -> str:
    """`value` as Babel's format_decimal writes it with the pattern of `decimals` places and
    decimal_quantization=False (babel.numbers.NumberPattern.apply, step by step): the sign
    of a negative (or -0) first, groups of three, at least `decimals` places when `fixed`,
    never fewer than the value's own, trailing zeros dropped down to that minimum."""
    negative = value.is_signed()
    value = abs(value).normalize()
    exponent = value.as_tuple().exponent
    own_places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    places = max(decimals if decimals > 0 else 0, own_places)
    whole, _dot, fraction = f"{value.quantize(Decimal(10) ** -places):f}".partition(".")
    groups = ""
    while len(whole) > 3:
        groups = group_sign + whole[-3:] + groups
        whole = whole[:-3]
    fewest = decimals if fixed and decimals > 0 else 0
    fraction = (fraction or "0").ljust(fewest, "0")
    if places == 0 or (fewest == 0 and int(fraction) == 0):
        fraction = ""
    else:
        while len(fraction) > fewest and fraction.endswith("0"):
            fraction = fraction[:-1]
        fraction = decimal_sign + fraction
    return ("-" if negative else "") + whole + groups + fraction


def format_percent(value: Decimal | None, precision: int = 2, *, locale: str | None = None) -> str:
    """'92,53%'; '-' when there is no rate (zero denominator)."""
    if value is None:
        return DASH
    return format_number(value, precision, fixed=True, locale=locale) + "%"


def format_fraction(rate: Rate, unit: str = "", *, locale: str | None = None) -> str:
    """'22.471/93.459 hồ sơ': the figures a rate comes from; '' when one is missing."""
    if rate.numerator is None or rate.denominator is None:
        return ""
    fraction = f"{format_number(rate.numerator, 3, locale=locale)}/" \
               f"{format_number(rate.denominator, 3, locale=locale)}"
    return f"{fraction} {unit}" if unit else fraction


def format_rate_with_fraction(rate: Rate, unit: str = "", *, language: Language | None = None) -> str:
    """'22.471/93.459 hồ sơ, đạt 24,04%' as the reports write a rate with its figures.

    In `language` (words and numbers), by default the UI's; a document passes its own.
    """
    if rate.numerator is None or rate.denominator is None:
        return DASH
    locale = language.locale if language is not None else None
    fraction = format_fraction(rate, unit, locale=locale)
    wording = language.gettext if language is not None else _
    return wording(N_("{fraction}, đạt {percent}")).format(
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
    # start-up: Babel's locale data (40 ms) only when the clerk types a number
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        value = parse_decimal(cleaned, locale=locale, strict=True)
    except (NumberFormatError, InvalidOperation) as exc:
        example = format_number(Decimal("1234.5"), 1, locale=locale)
        raise NumberParseError(_("'{text}' không phải là số (ví dụ đúng: {example}).").format(
            text=text.strip(), example=example)) from exc
    # Babel reads "nan", "inf" and "1e999999" as numbers: outside the number domain they are
    # refused here, before a comparison or a rounding that would raise on them.
    if (problem := number_problem(value)) is not None:
        raise NumberParseError(_("Giá trị {problem}.").format(problem=problem))
    if value < 0 and not allow_negative:
        raise NumberParseError(_("Không nhập số âm."))
    if max_decimals is not None and value != round_half_up(value, max_decimals):
        if max_decimals == 0:
            raise NumberParseError(_("Chỉ nhập số nguyên."))
        raise NumberParseError(_("Nhập tối đa {n} chữ số thập phân.").format(n=max_decimals))
    return value


ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """An annex's or area's number as the documents write it: 4 -> "IV"."""
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
