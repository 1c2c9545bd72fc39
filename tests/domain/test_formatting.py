"""Vietnamese (and English) formats of numbers, rates and dates."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_decimal

from cchc_desktop.domain.formatting import (
    SYMBOLS,
    NumberParseError,
    date_line,
    document_number,
    format_number,
    format_percent,
    format_rate_with_fraction,
    parse_number,
    written,
)
from cchc_desktop.domain.rates import compute_rate
from cchc_desktop.i18n import set_language

D = Decimal


def test_vietnamese_numbers() -> None:
    assert format_number(1234567) == "1.234.567"
    assert format_number(D("7727149829")) == "7.727.149.829"
    assert format_number(D("301953.3"), 3) == "301.953,3"
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


def _numbers() -> list[Decimal]:
    """Zeros, signs, halves, long fractions, every size up to the domain's largest."""
    picked = [D(text) for text in ("0", "-0", "0.0", "0.000", "-0.00", "0.5", "-0.5", "1", "-1",
                                   "9.995", "999.9995", "1000", "-1000", "999999", "1000000",
                                   "1234567.891", "-7727149829.5", "0.001", "0.0004", "1E+3",
                                   "5.10", "2987.455", "12345678901234567890", "100.00", "0.12345")]
    chosen = random.Random(15)
    for _index in range(600):
        digits = chosen.randint(1, 16)
        places = chosen.randint(0, 6)
        number = D(chosen.randint(-(10 ** digits), 10 ** digits)).scaleb(-places)
        picked.append(number)
    return picked


@pytest.mark.parametrize("locale", ["vi_VN", "en_US"])
def test_numbers_are_written_as_babel_writes_them(locale: str) -> None:
    symbols = Locale.parse(locale).number_symbols["latn"]
    assert SYMBOLS[locale] == (symbols["decimal"], symbols["group"])
    for number in _numbers():
        for decimals in range(4):
            for fixed in (False, True):
                pattern = "#,##0" if decimals == 0 else "#,##0." + ("0" if fixed else "#") * decimals
                rounded = number.quantize(D(10) ** -decimals) if decimals else number.to_integral_value()
                for value in {number, rounded}:
                    expected = format_decimal(value, format=pattern, locale=locale,
                                              decimal_quantization=False)
                    assert written(value, decimals, fixed, *SYMBOLS[locale]) == expected, \
                        (value, decimals, fixed)


def test_another_locale_is_left_to_babel() -> None:
    assert format_number(D("1234567.5"), 1, locale="fr_FR") == "1\u202f234\u202f567,5"


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-Infinity", "1e999999", "9" * 400])
@pytest.mark.parametrize("max_decimals", [None, 0, 3])
def test_what_babel_reads_as_a_number_outside_the_domain_is_refused_in_words(
        text: str, max_decimals: int | None) -> None:
    """Babel takes "nan", "inf" and huge exponents for numbers; comparing or rounding them
    raised InvalidOperation out of every number field."""
    with pytest.raises(NumberParseError, match=r"Giá trị (không phải là số hữu hạn|quá lớn)"):
        parse_number(text, max_decimals=max_decimals)
