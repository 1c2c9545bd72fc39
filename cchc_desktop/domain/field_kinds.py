"""What each kind of figure is, in one place: how it is typed, shown, printed, stored and summed.

A template declares every indicator with a kind (count, money, percent, sum, rate).
Every layer asks the indicator's `FieldKind` here instead of branching on the kind: the
form parses what the clerk types with it, the screens, the PDF and the CLI write a value
with the same `text()` (so the PDF cell reads exactly as the screen: "1.234.567",
"2.987,455", "92,52%"), the workbook takes its cell value and Excel number format from
it, the exchange file its JSON value, the figures their derivation and the consolidation
how units' figures combine. Adding a kind of figure is a new class here and its name in
the template schema (resources/templates/template.schema.json).

Percentages, typed in or computed, are shown with the report's precision (its number of
decimals for rates: "88,6%" at precision 1 on every screen and in every document);
other figures with the decimals they have, up to the indicator's `decimals`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from cchc_desktop.domain.formatting import (
    DASH,
    format_number,
    format_percent,
    format_rate_with_fraction,
    parse_number,
    spreadsheet_format,
)
from cchc_desktop.domain.number_domain import number_problem, plain_text
from cchc_desktop.domain.rates import HUNDRED, Rate, compute_rate, round_half_up
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import N_, Language, _

if TYPE_CHECKING:
    from cchc_desktop.domain.template import Indicator, Template

# After a share of its base above 100% ("204,00% (!)"): the figure is wrong, and the
# report cannot be final while it is (the finding is an error).
OVERFLOW_MARK = " (!)"


class IndicatorKind(enum.StrEnum):
    COUNT = "count"      # whole number >= 0
    MONEY = "money"      # Decimal >= 0 with up to `decimals` decimals (triệu đồng by default)
    PERCENT = "percent"  # a percentage typed in by the clerk (0-100)
    SUM = "sum"          # derived: the sum of other figures
    RATE = "rate"        # derived: numerator / denominator x 100

    @property
    def derived(self) -> bool:
        return field_kind(self).derived


def sum_known(values: Mapping[str, Decimal | None], codes: Iterable[str]) -> Decimal | None:
    """The sum of the codes that have a value; None when none has."""
    known = [v for c in codes if (v := values.get(c)) is not None]
    if not known:
        return None
    return sum(known, Decimal(0))


def share_overflow(indicator: Indicator, value: Decimal | None) -> bool:
    """A rate declared a share of its base (template 'share: true') above 100%."""
    return indicator.share and value is not None and value > HUNDRED


def _words(text: Text | str, language: Language | None) -> str:
    """A template's label or unit in `language`, by default the UI's."""
    return text.render(language) if isinstance(text, Text) and language is not None else str(text)


def rate_unit(template: Template, indicator: Indicator, language: Language | None = None) -> str:
    """The unit a rate's fraction is counted in: that of its first denominator with one."""
    for code in indicator.denominator:
        unit = _words(template.indicators[code].unit, language)
        if unit:
            return unit
    return ""


class FieldKind:
    """One kind of figure. Subclasses say what differs; the defaults are an entered number."""

    kind: IndicatorKind
    derived = False
    whole = False                 # only whole numbers
    percentage = False            # a percentage: shown with '%', at the report's precision
    default_decimals = 0
    default_aggregation = "sum"   # how units' figures combine unless the template says
    has_flow = True               # a flow (of the period) or a stock (at its end)

    def declaration_problem(self, indicator: Indicator) -> str | None:
        """What the template's entry of `indicator` lacks for this kind, in a sentence."""
        return None

    # ------------------------------------------------------------------ typing it
    def parse(self, indicator: Indicator, text: str) -> Decimal | None:
        """The value of what the clerk typed ('1.234,5'); NumberParseError saying why not."""
        return parse_number(text, max_decimals=indicator.decimals)

    def problem(self, indicator: Indicator, value: Decimal) -> str | None:
        """Why `value` cannot be stored for `indicator`, in a sentence; None when it can."""
        if self.derived:
            return _("là chỉ tiêu tính tự động, không nhập")
        # The bounds first: nothing below may round or compare a value of unchecked size.
        problem = number_problem(value)
        if problem:
            return problem
        if value < 0:
            return _("không được âm")
        if self.whole and value != value.to_integral_value():
            return _("phải là số nguyên")
        if value != round_half_up(value, indicator.decimals):
            return _("có quá {n} chữ số thập phân").format(n=indicator.decimals)
        if self.percentage and value > HUNDRED:
            return _("là tỷ lệ phần trăm nên không vượt quá 100")
        return None

    def edit_text(self, indicator: Indicator, value: Decimal | None) -> str:
        """The value in the entry field, as the clerk would type it (no unit, no '%')."""
        return format_number(value, indicator.decimals)

    # ------------------------------------------------------------------ showing it
    def places(self, indicator: Indicator, precision: int) -> int:
        """Decimals shown: the report's precision for a percentage, else the indicator's."""
        return precision if self.percentage else indicator.decimals

    # `language`: the one a document is written in (documents/language.py); by default the
    # UI's, for the screen.
    def text(self, indicator: Indicator, value: Decimal | None, precision: int,
             rate: Rate | None = None, *, language: Language | None = None) -> str:
        """The value in a table cell, on screen and in print: '1.515', '2.987,455', '99,51%'.

        '' when there is no value; '-' for a rate whose denominator is zero.
        """
        if value is None:
            return ""
        locale = language.locale if language is not None else None
        if self.percentage:
            return format_percent(value, precision, locale=locale)
        return format_number(value, indicator.decimals, locale=locale)

    def phrase(self, template: Template, indicator: Indicator, value: Decimal | None,
               precision: int, rate: Rate | None = None, *, language: Language | None = None) -> str:
        """The value inside a sentence: '20 nhiệm vụ', '42/66 nhiệm vụ, đạt 63,64%'; '' if none."""
        text = self.text(indicator, value, precision, rate, language=language)
        unit = _words(indicator.unit, language)
        if text and unit and unit != "%" and not self.percentage:
            return f"{text} {unit}"
        return text

    def workings(self, template: Template, indicator: Indicator, value: Decimal | None,
                 precision: int, rate: Rate | None = None, *, language: Language | None = None) -> str:
        """The value with how it was reached, where a screen has room: a rate's fraction."""
        return self.text(indicator, value, precision, rate, language=language)

    # ------------------------------------------------------------------ storing it
    def cell_value(self, value: Decimal) -> Decimal | int:
        """What the workbook cell holds (the number itself, a rate as its percentage)."""
        return value

    def cell_format(self, indicator: Indicator, value: Decimal, precision: int) -> str:
        """The Excel number format of the cell, the pattern `text()` uses: '#,##0.00"%"'."""
        if self.percentage:
            return spreadsheet_format(precision, percent=True)
        exponent = value.normalize().as_tuple().exponent
        shown = min(indicator.decimals, max(0, -exponent)) if isinstance(exponent, int) else 0
        return spreadsheet_format(shown)

    def exchange_value(self, value: Decimal) -> int | str:
        """The value in the exchange JSON: plain decimal text ('2987.455')."""
        return plain_text(value)

    # ------------------------------------------------------------------ computing it
    def derive(self, indicator: Indicator, values: Mapping[str, Decimal | None],
               precision: int) -> tuple[Decimal | None, Rate | None]:
        """A derived figure from the figures computed so far; entered kinds derive nothing."""
        return values.get(indicator.code), None

    def combine(self, indicator: Indicator, units: Sequence[Decimal],
                own: Decimal | None) -> Decimal | None:
        """The superior's figure from its units' figures (and its own, among `units` too).

        Summed when the indicator aggregates ('sum'); otherwise (a survey percentage)
        only the superior's own figure counts. Derived kinds are computed again instead.
        """
        if self.derived:
            return None
        if indicator.aggregation != "sum":
            return own
        return sum(units, Decimal(0)) if units else None


class CountKind(FieldKind):
    kind = IndicatorKind.COUNT
    whole = True

    def exchange_value(self, value: Decimal) -> int | str:
        return int(value)


class MoneyKind(FieldKind):
    kind = IndicatorKind.MONEY
    default_decimals = 3


class PercentKind(FieldKind):
    kind = IndicatorKind.PERCENT
    percentage = True
    default_decimals = 2
    default_aggregation = "none"


class SumKind(FieldKind):
    kind = IndicatorKind.SUM
    derived = True

    def declaration_problem(self, indicator: Indicator) -> str | None:
        if not indicator.parts:
            return _("chỉ tiêu tổng {code} thiếu 'parts'.").format(code=indicator.code)
        return None

    def derive(self, indicator: Indicator, values: Mapping[str, Decimal | None],
               precision: int) -> tuple[Decimal | None, Rate | None]:
        # "Not entered" only when no part is: missing parts count as zero, so an
        # incomplete breakdown shows up in the rules.
        return sum_known(values, indicator.parts), None


class RateKind(FieldKind):
    kind = IndicatorKind.RATE
    derived = True
    percentage = True
    default_aggregation = "none"
    has_flow = False

    def declaration_problem(self, indicator: Indicator) -> str | None:
        if not (indicator.numerator and indicator.denominator):
            return _("tỷ lệ {code} thiếu tử số hoặc mẫu số.").format(code=indicator.code)
        return None

    def text(self, indicator: Indicator, value: Decimal | None, precision: int,
             rate: Rate | None = None, *, language: Language | None = None) -> str:
        if value is None:
            return DASH if rate is not None and rate.zero_denominator else ""
        mark = OVERFLOW_MARK if share_overflow(indicator, value) else ""
        locale = language.locale if language is not None else None
        return format_percent(value, precision, locale=locale) + mark

    def phrase(self, template: Template, indicator: Indicator, value: Decimal | None,
               precision: int, rate: Rate | None = None, *, language: Language | None = None) -> str:
        if rate is None or rate.value is None:
            return ""
        mark = OVERFLOW_MARK if share_overflow(indicator, rate.value) else ""
        return format_rate_with_fraction(rate, rate_unit(template, indicator, language),
                                         language=language) + mark

    def workings(self, template: Template, indicator: Indicator, value: Decimal | None,
                 precision: int, rate: Rate | None = None, *, language: Language | None = None) -> str:
        """'1.421/1.428 hồ sơ, đạt 99,51%', '- (mẫu số bằng 0)'; '' while a side is unknown."""
        if rate is None or rate.numerator is None or rate.denominator is None:
            return ""
        if rate.zero_denominator:
            words = language.gettext if language is not None else _
            return words(N_("- (mẫu số bằng 0)"))
        return self.phrase(template, indicator, value, precision, rate, language=language)

    def derive(self, indicator: Indicator, values: Mapping[str, Decimal | None],
               precision: int) -> tuple[Decimal | None, Rate | None]:
        rate = compute_rate(sum_known(values, indicator.numerator),
                            sum_known(values, indicator.denominator), precision)
        return rate.value, rate


FIELD_KINDS: dict[IndicatorKind, FieldKind] = {
    kind.kind: kind for kind in (CountKind(), MoneyKind(), PercentKind(), SumKind(), RateKind())
}


def field_kind(kind: IndicatorKind | str) -> FieldKind:
    # Asked for every figure of every computation: a member (or its str value) is found at
    # once; only another text goes through the enum, which refuses what is not a kind.
    found = FIELD_KINDS.get(kind)  # type: ignore[arg-type]
    return found if found is not None else FIELD_KINDS[IndicatorKind(kind)]
