"""Rates as the reports need them: exact Decimal arithmetic, rounded half up.

Hand-made reports round inconsistently ("42/66, đạt 63%"); here a rate is always
numerator / denominator x 100 from stored integers or Decimals, quantised half up
to the report's precision, and a zero denominator gives no rate at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)


def round_half_up(value: Decimal, precision: int) -> Decimal:
    """Round to `precision` decimals, halves away from zero (5 rounds up)."""
    if not 0 <= precision <= 6:
        raise ValueError(f"precision {precision} out of range")
    return value.quantize(Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    """A computed rate with the figures it came from."""

    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None      # rounded percentage, or None when it cannot be computed
    precision: int

    @property
    def computable(self) -> bool:
        return self.value is not None

    @property
    def zero_denominator(self) -> bool:
        return self.denominator is not None and self.denominator == 0


def compute_rate(numerator: Decimal | None, denominator: Decimal | None,
                 precision: int = 2) -> Rate:
    if numerator is None or denominator is None or denominator == 0:
        return Rate(numerator, denominator, None, precision)
    return Rate(numerator, denominator,
                round_half_up(numerator * HUNDRED / denominator, precision), precision)


def percent_of_target(value: Decimal, target: Decimal, precision: int = 2) -> Rate:
    """`value` as a percentage of `target` (the calculator's "a as % of target")."""
    return compute_rate(value, target, precision)


@dataclass(frozen=True)
class Change:
    absolute: Decimal
    relative: Decimal | None  # percent; None when the old value is zero


def change_between(old: Decimal, new: Decimal, precision: int = 2) -> Change:
    difference = new - old
    relative = None if old == 0 else round_half_up(difference * HUNDRED / abs(old), precision)
    return Change(difference, relative)
