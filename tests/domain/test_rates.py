"""Rates: Decimal arithmetic, half-up rounding, no rate for a zero denominator."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_desktop.domain.rates import change_between, compute_rate, round_half_up

D = Decimal


@pytest.mark.parametrize(("num", "den", "precision", "expected"), [
    (42, 66, 2, "63.64"),        # the seed's "42/66, đạt 63%"
    (11553, 23893, 2, "48.35"),  # the seed's "11.553/23.893 đạt 38%"
    (22471, 93459, 2, "24.04"),
    (1, 8, 2, "12.50"),
    (1, 8, 1, "12.5"),
    (1, 8, 0, "13"),             # 12.5 rounds up, not to even
    (5, 8, 0, "63"),             # 62.5 -> 63
    (1, 3, 2, "33.33"),
    (2, 3, 2, "66.67"),
])
def test_rates_round_half_up(num: int, den: int, precision: int, expected: str) -> None:
    rate = compute_rate(D(num), D(den), precision)
    assert rate.value == D(expected)
    assert str(rate.value) == expected


def test_zero_denominator_gives_no_rate_and_no_error() -> None:
    rate = compute_rate(D(0), D(0))
    assert rate.value is None and rate.zero_denominator


def test_missing_figure_gives_no_rate() -> None:
    assert compute_rate(None, D(5)).value is None
    assert compute_rate(D(5), None).value is None


def test_change_between_two_values() -> None:
    change = change_between(D(66), D(42))
    assert change.absolute == D(-24)
    assert change.relative == D("-36.36")
    assert change_between(D(0), D(5)).relative is None


@given(st.integers(min_value=-10**9, max_value=10**9), st.integers(min_value=0, max_value=2))
def test_round_half_up_on_exact_halves(units: int, precision: int) -> None:
    # units + 0.5 in the last kept place always goes away from zero.
    step = D(1).scaleb(-precision)
    value = D(units) * step + step / 2 * (1 if units >= 0 else -1)
    rounded = round_half_up(value, precision)
    assert abs(rounded) == abs(D(units) * step) + step


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=1, max_value=10**7))
def test_rate_is_within_half_a_unit_of_the_exact_value(num: int, den: int) -> None:
    rate = compute_rate(D(num), D(den), 2)
    assert rate.value is not None
    exact = D(num) * 100 / D(den)
    assert abs(rate.value - exact) <= D("0.005")
    # Half up: never below the exact value by half a unit or more.
    assert rate.value - exact > D("-0.005")
