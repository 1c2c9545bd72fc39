"""gui/forms/comparison.py promises: the previous period's figure and the same period last
year's, worded as the figure's own kind words it (a count "1.237", money "2.987,455", a rate
"96,45%"), the columns known for a report with their headings, and the short hint under a
table cell ("Kỳ trước: 42 · Cùng kỳ: 40"), empty when nothing is known.

Nothing else tests this module directly; tests/gui/forms/test_annex_page.py shows the same
columns in the figures annex.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_desktop.domain.context import ComparisonColumn
from cchc_desktop.domain.periods import Period
from cchc_desktop.gui.forms.comparison import columns, compact_hint, compared_value
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.factories import sample_report, template
from tests.gui.forms.sample_data import sample_id, sample_store

CARRIED = "tthc.hs.xa.ky_truoc"        # a count
MONEY = "tcc.dtc.giai_ngan"            # triệu đồng, 3 decimals
SIGNED = "cds.van_ban.ty_le_ky_so"     # a rate, in %


def save_earlier(store: ReportStore, year: int, kind: str, values: dict[str, str]) -> None:
    """A report of the sample's commune for an earlier period, holding only `values`."""
    store.save_report(dataclasses.replace(
        sample_report(), period=Period.default(year, kind),
        values={code: Decimal(value) for code, value in values.items()}))


def open_session(store: ReportStore) -> ReportSession:
    """The sample, opened after what the test saved beside it."""
    return ReportSession(store, sample_id())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def compared(store: ReportStore) -> Iterator[ReportSession]:
    """This Quý I with last year's Năm as the previous period and last Quý I beside it."""
    save_earlier(store, 2025, "Y", {CARRIED: "1237", MONEY: "2987.455"})
    save_earlier(store, 2025, "Q1", {CARRIED: "40"})
    session = open_session(store)
    yield session
    session.close()


def test_a_figure_is_worded_as_its_kind_words_it() -> None:
    column = ComparisonColumn("Năm 2025", {CARRIED: Decimal(1237), MONEY: Decimal("2987.455"),
                                           SIGNED: Decimal("96.45")})
    indicators = template().indicators          # the sample's template, without a store
    assert compared_value(column, indicators[CARRIED], 2) == "1.237"
    assert compared_value(column, indicators[MONEY], 2) == "2.987,455"
    assert compared_value(column, indicators[SIGNED], 2) == "96,45%"
    assert compared_value(column, indicators["cds.hop_truc_tuyen"], 2) == ""   # not known then
    assert compared_value(None, indicators[CARRIED], 2) == ""                  # no such report


def test_the_columns_known_are_named_and_hinted(compared: ReportSession) -> None:
    assert [heading for heading, _column in columns(compared)] == ["Kỳ trước", "Cùng kỳ năm trước"]
    assert [column.label for _heading, column in columns(compared)] == ["Năm 2025", "Quý I năm 2025"]
    indicators = compared.template.indicators
    assert compact_hint(compared, indicators[CARRIED]) == "Kỳ trước: 1.237 · Cùng kỳ: 40"
    assert compact_hint(compared, indicators[MONEY]) == "Kỳ trước: 2.987,455"   # last year: none
    assert compact_hint(compared, indicators["cds.hop_truc_tuyen"]) == ""


def test_a_report_with_nothing_before_it_has_no_column_and_no_hint(store: ReportStore) -> None:
    session = open_session(store)
    assert columns(session) == []
    assert compact_hint(session, session.template.indicators[CARRIED]) == ""
    session.close()


def test_only_last_year_known_gives_its_column_alone(store: ReportStore) -> None:
    save_earlier(store, 2025, "Q1", {CARRIED: "1500"})
    session = open_session(store)
    assert [heading for heading, _column in columns(session)] == ["Cùng kỳ năm trước"]
    assert compact_hint(session, session.template.indicators[CARRIED]) == "Cùng kỳ: 1.500"
    session.close()
