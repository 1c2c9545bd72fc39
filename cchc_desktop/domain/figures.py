"""Derived figures of a report: sums and rates computed from the entered values.

A derived sum is "not entered" only when none of its parts is entered; otherwise
missing parts count as zero, so that an incomplete breakdown shows up in the rules.
A rate needs both its numerator and its denominator.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.field_kinds import sum_known
from cchc_desktop.domain.rates import Rate
from cchc_desktop.domain.template import Template

__all__ = ["Figures", "compute_figures", "sum_known"]


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
    values: dict[str, Decimal | None] = {code: entered.get(code) for code in template.entered}
    rates: dict[str, Rate] = {}
    for code in template.derived_order:
        indicator = template.indicators[code]
        values[code], rate = indicator.field_kind.derive(indicator, values, precision)
        if rate is not None:
            rates[code] = rate
    return Figures(values, rates)
