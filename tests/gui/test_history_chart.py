"""Beside a figure's history, its value across the unit's periods: the chart of Báo cáo > Xu
hướng for that one indicator, read from the data file; none for a narrative or a single period."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.history_dialog import HistoryDialog
from cchc_desktop.gui.report_prompts import field_history
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import trend_reports
from tests.gui.helpers import field, type_into

ON_TIME = "tthc.hs.xa.da_giai_quyet.dung_han"
ON_TIME_RATE = "tthc.hs.tong.ty_le_dung_han"
SHOTS = Path("/work/shots")


@pytest.fixture
def opened(monkeypatch) -> list[HistoryDialog]:  # type: ignore[no-untyped-def]
    dialogs: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda dialog: dialogs.append(dialog) or 0)
    return dialogs


def _store_year(store: ReportStore, commune: OwnUnit, kinds: tuple[str, ...]) -> dict[str, int]:
    """The commune's trend reports of `kinds` (tests/factories.py TREND_YEAR), by kind."""
    unit = Unit(commune.code, commune.name, commune.level, commune.parent)
    return {r.period.kind.value: store.save_report(r) for r in trend_reports(unit=unit)
            if r.period.kind.value in kinds}


def _history(menu: QMenu) -> None:
    [action] = [a for a in menu.actions() if a.objectName() == "history"]
    action.trigger()


def test_a_figures_history_shows_its_value_across_the_periods(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                               opened) -> None:
    ids = _store_year(store, commune, ("Q1", "H1", "Q3", "Y"))
    window.open_report(ids["Y"])
    widget = field(window, ON_TIME)
    type_into(qtbot, widget, "52")          # pending when the menu is used: the chart sees it
    _history(widget.context_menu())

    [dialog] = opened
    qtbot.addWidget(dialog)
    chart = dialog.ui.chart
    assert not chart.isHidden()
    assert chart.chart is not None
    assert chart.chart.periods == ["Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm/2026"]
    # TREND_YEAR's on-time records: 1, 3, 5, then the 52 just typed over the year's 50
    assert chart.value_labels() == ["1", "3", "5", "52"]
    assert dialog.windowTitle().startswith("Lịch sử: ")
    assert dialog.cell(dialog.visible_rows()[-1], "Cũ → mới") == "50 → 52"
    dialog.show()
    qtbot.waitExposed(dialog)
    assert chart.isVisible() and chart.width() > 300
    if os.environ.get("QT_QPA_PLATFORM") == "xcb" and SHOTS.is_dir():
        dialog.grab().save(str(SHOTS / "history_chart.png"))


def test_a_rates_history_chart_has_its_percentages_and_target(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                              opened) -> None:
    ids = _store_year(store, commune, ("Q1", "H1", "Q3", "Y"))
    window.open_report(ids["Y"])
    # A rate has no field to right-click (it is computed): its history through the same prompt.
    field_history(window, window.session, "value", ON_TIME_RATE, window.controller)
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ui.chart.isVisible()
    assert dialog.ui.chart.value_labels() == ["50,00%", "75,00%", "90,00%", "95,00%"]
    assert "Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn (tổng cộng): 90,00%" \
        in dialog.ui.chart.legend_lines()


def test_a_single_period_has_no_chart_and_no_empty_frame(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                         opened) -> None:
    ids = _store_year(store, commune, ("Q1",))
    window.open_report(ids["Q1"])
    _history(field(window, ON_TIME).context_menu())
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.ui.chart.chart is None
    assert not dialog.ui.chart.isVisible()


def test_a_narratives_history_has_no_chart(qtbot, window, store, commune, opened) -> None:  # type: ignore[no-untyped-def]
    ids = _store_year(store, commune, ("Q1", "H1", "Q3", "Y"))
    window.open_report(ids["Y"])
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    _history(editor.context_menu())
    [dialog] = opened
    qtbot.addWidget(dialog)
    assert dialog.ui.chart.chart is None
    assert dialog.ui.chart.isHidden()
