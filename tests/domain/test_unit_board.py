"""The board of the units' main rates: each commune's rates from its stored report, the
province's from the sums of numerators and denominators, never the mean of the rates."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rate_board_data import COMMUNES, DIGITISED, ON_TIME, ONLINE, PLAN, PLAN_TARGET, province_store

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.unit_board import MISSING, UnitBoard, rate_chart
from cchc_desktop.imports.subordinates import rate_board
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def board(data_file: Path, tmp_path: Path) -> UnitBoard:
    store = ReportStore(Database.open(data_file))
    report_id = province_store(store, tmp_path / "nhan")
    return rate_board(store, report_id)


def line(board: UnitBoard, code: str):  # type: ignore[no-untyped-def]
    return next(line for line in board.lines if line.unit.code == code)


def test_each_unit_has_the_rates_its_report_computes(board: UnitBoard, data_file: Path) -> None:
    assert [c.code for c in board.columns] == [ON_TIME, ONLINE, DIGITISED, PLAN]
    assert [line.unit.code for line in board.lines] == [u.code for u in COMMUNES]
    store = ReportStore(Database.open(data_file))
    for stored in store.subordinate_reports(2026, "Q3"):
        report = stored.report
        figures = compute_figures(store.registry.get(report.template_ref), report.values,
                                  report.precision)
        for column in board.columns:
            assert line(board, report.unit.code).rates[column.code].value == figures.get(column.code)
    a = line(board, "xa-an-binh")
    assert a.rates[ON_TIME].text() == "90,00%"
    assert a.rates[ON_TIME].fraction() == "180/200"


def test_below_target_is_marked_against_the_units_own_target_else_the_provinces(
        board: UnitBoard) -> None:
    a, b, c, d = (line(board, u.code) for u in COMMUNES)
    assert board.column(ON_TIME).target == Decimal(90)     # the template's default
    assert board.column(PLAN).target == PLAN_TARGET        # the province's report's own
    assert c.rates[ON_TIME].below_target and c.rates[ON_TIME].text() == "75,00% ▼"
    assert not a.rates[ON_TIME].below_target               # 90% meets 90%
    # A set itself 60% for online intake: 50% is below it, though the province asks 50%.
    assert a.rates[ONLINE].target == Decimal(60) and a.rates[ONLINE].below_target
    assert b.rates[PLAN].below_target and not a.rates[PLAN].below_target
    assert not b.rates[DIGITISED].below_target             # no target, no mark
    assert a.below_codes == [ONLINE] and b.below_codes == [PLAN] and c.below_codes == [ON_TIME, ONLINE]
    # the commune that sent nothing: every rate missing, never below a target
    assert not d.has_report and not d.below_target
    assert [d.rates[code].text() for code in d.rates] == [MISSING] * 4
    assert c.rates[PLAN].text() == MISSING                 # entered no plan


def test_the_provinces_rate_is_from_the_sums_not_the_mean(board: UnitBoard) -> None:
    total = board.total
    assert total.is_total and total.name() == "Sở Nội vụ tỉnh Thử (tổng các đơn vị)"
    on_time = total.rates[ON_TIME]
    assert on_time.fraction() == "595/620" and on_time.text() == "95,97%"
    # the units' rates from their own reports, averaged: what the sum row must not be
    rates = [v for line in board.lines if (v := line.rates[ON_TIME].value) is not None]
    mean = sum(rates, Decimal(0)) / len(rates)
    assert len(rates) == 3 and round(mean, 2) == Decimal("88.33")
    assert on_time.value is not None and abs(on_time.value - mean) > 7
    assert total.rates[ONLINE].fraction() == "402/620" and total.rates[ONLINE].text() == "64,84%"
    # C entered no plan: the sum is A's and B's, 13/20
    assert total.rates[PLAN].fraction() == "13/20" and total.rates[PLAN].text() == "65,00% ▼"
    assert total.rates[DIGITISED].fraction() == "30/60"


def test_the_chart_of_a_rate_has_a_bar_per_unit_and_the_target(board: UnitBoard) -> None:
    chart = rate_chart(board, ON_TIME)
    assert chart.periods == [u.name for u in COMMUNES]
    assert [p.value for p in chart.series[0].points] == [Decimal("90.00"), Decimal("100.00"),
                                                         Decimal("75.00"), None]
    assert [t.value for t in chart.targets] == [Decimal(90)]
    assert rate_chart(board, DIGITISED).targets == []
