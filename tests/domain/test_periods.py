"""Periods: default cut-off dates and deadlines, and how reports chain."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.periods import Period, PeriodKind, parse_period_key

D = dt.date


@pytest.mark.parametrize(("kind", "start", "end", "deadline"), [
    ("Q1", D(2025, 12, 15), D(2026, 3, 14), D(2026, 3, 20)),
    ("H1", D(2025, 12, 15), D(2026, 6, 14), D(2026, 6, 20)),
    ("Q3", D(2026, 6, 15), D(2026, 9, 14), D(2026, 9, 20)),
    ("Y", D(2025, 12, 15), D(2026, 12, 14), D(2026, 12, 20)),
])
def test_default_cut_off_follows_decree_09(kind: str, start: dt.date, end: dt.date,
                                           deadline: dt.date) -> None:
    period = Period.default(2026, kind)
    assert (period.start, period.end, period.deadline) == (start, end, deadline)


def test_adhoc_report_needs_its_own_dates() -> None:
    with pytest.raises(ReportError, match="đột xuất"):
        Period.default(2026, PeriodKind.ADHOC)


def test_end_before_start_is_refused_in_vietnamese() -> None:
    with pytest.raises(ReportError, match="trước ngày bắt đầu"):
        Period(2026, PeriodKind.ADHOC, D(2026, 5, 1), D(2026, 4, 1), D(2026, 5, 5))


@pytest.mark.parametrize(("kind", "previous"), [
    ("Q1", (2025, PeriodKind.Y)), ("H1", (2026, PeriodKind.Q1)),
    ("Q3", (2026, PeriodKind.H1)), ("Y", (2026, PeriodKind.Q3)),
])
def test_previous_report_in_the_sequence(kind: str, previous: tuple[int, PeriodKind]) -> None:
    assert Period.default(2026, kind).previous_key() == previous


@pytest.mark.parametrize(("kind", "opening"), [
    ("Q1", (2025, PeriodKind.Y)), ("H1", (2025, PeriodKind.Y)),
    ("Q3", (2026, PeriodKind.H1)), ("Y", (2025, PeriodKind.Y)),
])
def test_opening_stock_comes_from_the_report_ending_the_day_before(
        kind: str, opening: tuple[int, PeriodKind]) -> None:
    period = Period.default(2026, kind)
    year, opening_kind = opening
    assert period.opening_key() == opening
    assert Period.default(year, opening_kind).end + dt.timedelta(days=1) == period.start


def test_days_left_counts_to_the_deadline() -> None:
    period = Period.default(2026, "Q1")
    assert period.days_left(D(2026, 3, 14)) == 6
    assert period.days_left(D(2026, 3, 25)) == -5


def test_labels_and_phrases() -> None:
    assert Period.default(2026, "Q3").label == "Quý III năm 2026"
    assert Period.default(2026, "Y").label == "Năm 2026"
    assert Period.default(2026, "H1").phrase == "6 tháng đầu năm 2026"
    assert Period.default(2026, "Q1").key == "2026-Q1"


@pytest.mark.parametrize(("text", "expected"), [
    ("2023-Q3", (2023, PeriodKind.Q3)), ("2024-h1", (2024, PeriodKind.H1)),
    ("2024-6T", (2024, PeriodKind.H1)), ("2025-Y", (2025, PeriodKind.Y)),
])
def test_period_keys(text: str, expected: tuple[int, PeriodKind]) -> None:
    assert parse_period_key(text) == expected


@pytest.mark.parametrize("text", ["2023-Q2", "2023", "Q3-2023", "2023-Q4"])
def test_bad_period_keys_are_refused(text: str) -> None:
    with pytest.raises(ReportError, match="không hợp lệ"):
        parse_period_key(text)
