"""Derived figures of a report: sums and rates computed from the entered values.

A derived sum is "not entered" only when none of its parts is entered; otherwise
missing parts count as zero, so that an incomplete breakdown shows up in the rules.
A rate needs both its numerator and its denominator.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.rates import Rate, compute_rate
from cchc_desktop.domain.template import IndicatorKind, Template


def sum_known(values: Mapping[str, Decimal | None], codes: Iterable[str]) -> Decimal | None:
    known = [values[c] for c in codes if values.get(c) is not None]
    if not known:
        return None
    return sum((v for v in known if v is not None), Decimal(0))


@dataclass(frozen=True)
class Figures:
    """Every figure of a report, entered and derived, with the rates and their fractions."""

    values: dict[str, Decimal | None]
    rates: dict[str, Rate]

    def get(self, code: str) -> Decimal | None:
        return self.values.get(code)


def compute_figures(template: Template, entered: Mapping[str, Decimal],
                    precision: int | None = None) -> Figures:
    precision = template.precision if precision is None else precision
    values: dict[str, Decimal | None] = {
        code: entered.get(code) for code, ind in template.indicators.items() if not ind.derived
    }
    rates: dict[str, Rate] = {}
    for code in template.derived_order:
        indicator = template.indicators[code]
        if indicator.kind is IndicatorKind.SUM:
            values[code] = sum_known(values, indicator.parts)
        else:
            rate = compute_rate(sum_known(values, indicator.numerator),
                                sum_known(values, indicator.denominator), precision)
            rates[code] = rate
            values[code] = rate.value
    return Figures(values, rates)
