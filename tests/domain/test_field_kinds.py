"""Each kind of figure, described once: typed, checked, shown, stored, derived and combined."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from factories import template

from cchc_desktop.domain.field_kinds import (
    FIELD_KINDS,
    IndicatorKind,
    field_kind,
    rate_unit,
)
from cchc_desktop.domain.formatting import NumberParseError
from cchc_desktop.domain.rates import compute_rate
from cchc_desktop.domain.template import Indicator
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import set_language

D = Decimal


def indicator(kind: IndicatorKind, *, decimals: int | None = None, share: bool = False,
              aggregation: str | None = None, unit: str = "hồ sơ") -> Indicator:
    described = field_kind(kind)
    return Indicator(
        code="x.y", label=Text("Chỉ tiêu"), unit=Text(unit), kind=kind, section_id="s",
        group_id="g", decimals=described.default_decimals if decimals is None else decimals,
        aggregation=aggregation or described.default_aggregation, share=share,
        parts=("x.a", "x.b") if kind is IndicatorKind.SUM else (),
        numerator=("x.a",) if kind is IndicatorKind.RATE else (),
        denominator=("x.b",) if kind is IndicatorKind.RATE else ())


def test_every_kind_of_the_schema_is_described() -> None:
    assert set(FIELD_KINDS) == set(IndicatorKind)
    assert {k for k in IndicatorKind if field_kind(k).derived} == {IndicatorKind.SUM, IndicatorKind.RATE}


@pytest.mark.parametrize(("kind", "value", "expected"), [
    (IndicatorKind.COUNT, D(1234567), "1.234.567"),
    (IndicatorKind.MONEY, D("2987.455"), "2.987,455"),
    (IndicatorKind.MONEY, D("301953.3"), "301.953,3"),
    (IndicatorKind.SUM, D(1557), "1.557"),
])
def test_numbers_are_shown_the_vietnamese_way(kind: IndicatorKind, value: Decimal,
                                              expected: str) -> None:
    ind = indicator(kind)
    assert ind.field_kind.text(ind, value, 2) == expected
    assert ind.field_kind.text(ind, None, 2) == ""


@pytest.mark.parametrize(("precision", "expected"), [(0, "89%"), (1, "88,6%"), (2, "88,60%")])
def test_percentages_typed_or_computed_take_the_report_precision(precision: int,
                                                                 expected: str) -> None:
    typed = indicator(IndicatorKind.PERCENT)
    assert typed.field_kind.text(typed, D("88.6"), precision) == expected
    rate = indicator(IndicatorKind.RATE)
    assert rate.field_kind.text(rate, D("88.6"), precision) == expected


def test_a_rate_without_a_value() -> None:
    rate = indicator(IndicatorKind.RATE)
    kind = rate.field_kind
    assert kind.text(rate, None, 2, compute_rate(D(3), D(0))) == "-"
    assert kind.text(rate, None, 2, compute_rate(None, D(4))) == ""
    assert kind.workings(template(), rate, None, 2, compute_rate(D(3), D(0))) == "- (mẫu số bằng 0)"


def test_a_share_above_its_base_is_marked() -> None:
    share = indicator(IndicatorKind.RATE, share=True)
    assert share.field_kind.text(share, D(204), 2) == "204,00% (!)"
    assert share.field_kind.text(share, D(100), 2) == "100,00%"


def test_english_numbers() -> None:
    set_language("en")
    money = indicator(IndicatorKind.MONEY)
    assert money.field_kind.text(money, D("2987.455"), 2) == "2,987.455"
    rate = indicator(IndicatorKind.RATE)
    assert rate.field_kind.text(rate, D("92.525"), 2) == "92.53%"


def test_phrases_inside_a_sentence() -> None:
    tpl = template()
    count = indicator(IndicatorKind.COUNT, unit="nhiệm vụ")
    assert count.field_kind.phrase(tpl, count, D(20), 2) == "20 nhiệm vụ"
    typed = indicator(IndicatorKind.PERCENT, unit="%")
    assert typed.field_kind.phrase(tpl, typed, D("88.6"), 1) == "88,6%"
    [real_rate] = [i for i in tpl.rates() if rate_unit(tpl, i) == "hồ sơ"][:1]
    text = real_rate.field_kind.phrase(tpl, real_rate, None, 2, compute_rate(D(42), D(66), 2))
    assert text == "42/66 hồ sơ, đạt 63,64%"


@pytest.mark.parametrize(("kind", "text", "value", "problem"), [
    (IndicatorKind.COUNT, "1.234", D(1234), None),
    (IndicatorKind.COUNT, "12,5", None, "Chỉ nhập số nguyên."),
    (IndicatorKind.MONEY, "2.987,455", D("2987.455"), None),
    (IndicatorKind.MONEY, "1,2345", None, "Nhập tối đa 3 chữ số thập phân."),
    (IndicatorKind.PERCENT, "88,6", D("88.6"), None),
    (IndicatorKind.COUNT, "abc", None, "'abc' không phải là số (ví dụ đúng: 1.234,5)."),
    (IndicatorKind.COUNT, "", None, None),
])
def test_what_the_clerk_types_is_parsed(kind: IndicatorKind, text: str, value: Decimal | None,
                                        problem: str | None) -> None:
    ind = indicator(kind)
    if problem is None:
        assert ind.field_kind.parse(ind, text) == value
    else:
        with pytest.raises(NumberParseError, match=re.escape(problem)):
            ind.field_kind.parse(ind, text)


@pytest.mark.parametrize(("kind", "value", "problem"), [
    (IndicatorKind.COUNT, D("2.5"), "phải là số nguyên"),
    (IndicatorKind.COUNT, D(-1), "không được âm"),
    (IndicatorKind.PERCENT, D("100.5"), "là tỷ lệ phần trăm nên không vượt quá 100"),
    (IndicatorKind.PERCENT, D(100), None),
    (IndicatorKind.MONEY, D("1.2345"), "có quá 3 chữ số thập phân"),
    (IndicatorKind.SUM, D(3), "là chỉ tiêu tính tự động, không nhập"),
    (IndicatorKind.RATE, D(3), "là chỉ tiêu tính tự động, không nhập"),
])
def test_what_a_kind_refuses(kind: IndicatorKind, value: Decimal, problem: str | None) -> None:
    ind = indicator(kind)
    assert ind.field_kind.problem(ind, value) == problem


@pytest.mark.parametrize(("kind", "value", "precision", "number_format"), [
    (IndicatorKind.COUNT, D(1515), 2, "#,##0"),
    (IndicatorKind.MONEY, D("2987.455"), 2, "#,##0.000"),
    (IndicatorKind.MONEY, D("301953.3"), 2, "#,##0.0"),
    (IndicatorKind.MONEY, D("15400"), 2, "#,##0"),
    (IndicatorKind.PERCENT, D("88.6"), 1, '#,##0.0"%"'),
    (IndicatorKind.RATE, D("99.51"), 2, '#,##0.00"%"'),
    (IndicatorKind.RATE, D(100), 0, '#,##0"%"'),
])
def test_workbook_number_formats(kind: IndicatorKind, value: Decimal, precision: int,
                                 number_format: str) -> None:
    ind = indicator(kind)
    assert ind.field_kind.cell_format(ind, value, precision) == number_format


def test_exchange_values() -> None:
    count, money = indicator(IndicatorKind.COUNT), indicator(IndicatorKind.MONEY)
    assert count.field_kind.exchange_value(D("15400")) == 15400
    assert money.field_kind.exchange_value(D("2987.4550")) == "2987.455"
    assert money.field_kind.exchange_value(D("1.54E+4")) == "15400"


def test_derived_figures() -> None:
    total, rate = indicator(IndicatorKind.SUM), indicator(IndicatorKind.RATE)
    assert total.field_kind.derive(total, {"x.a": D(2), "x.b": None}, 2) == (D(2), None)
    assert total.field_kind.derive(total, {}, 2) == (None, None)
    value, computed = rate.field_kind.derive(rate, {"x.a": D(1421), "x.b": D(1428)}, 2)
    assert value == D("99.51")
    assert computed is not None and computed.denominator == D(1428)


def test_how_units_figures_combine() -> None:
    count = indicator(IndicatorKind.COUNT)
    assert count.field_kind.combine(count, [D(2), D(3)], D(3)) == D(5)
    assert count.field_kind.combine(count, [], None) is None
    survey = indicator(IndicatorKind.PERCENT)
    assert survey.aggregation == "none"
    assert survey.field_kind.combine(survey, [D(80), D(90)], D(85)) == D(85)
    assert survey.field_kind.combine(survey, [D(80)], None) is None
    summed = indicator(IndicatorKind.PERCENT, aggregation="sum")
    assert summed.field_kind.combine(summed, [D(10), D(20)], None) == D(30)
    rate = indicator(IndicatorKind.RATE)
    assert rate.field_kind.combine(rate, [D(80)], D(85)) is None


def test_the_template_takes_its_defaults_from_the_kind() -> None:
    tpl = template()
    for ind in tpl.indicators.values():
        if ind.kind is IndicatorKind.RATE:
            assert ind.flow is None
            assert ind.aggregation == "none"
    money = [i for i in tpl.indicators.values() if i.kind is IndicatorKind.MONEY]
    assert money and all(i.decimals in (0, 3) for i in money)
