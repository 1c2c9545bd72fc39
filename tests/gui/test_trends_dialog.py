"""Báo cáo > Xu hướng: the commune's main rates across its four reports against their targets,
any rate picked from the list, painted with markers, dashes and Vietnamese value labels."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.trend_chart_widget import TrendChartWidget
from cchc_desktop.gui.trends_dialog import TrendsDialog
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import trend_reports


def _commune_year(store: ReportStore, commune: OwnUnit) -> None:
    unit = Unit(commune.code, commune.name, commune.level, commune.parent)
    for report in trend_reports(unit=unit):
        store.save_report(report)


def test_the_menu_opens_the_units_main_rates_against_targets(window, store: ReportStore,  # type: ignore[no-untyped-def]
                                                              commune: OwnUnit, qtbot: QtBot) -> None:
    _commune_year(store, commune)
    window.start_page.refresh()
    window._update_actions()
    assert window.ui.act_trends.isEnabled()
    assert window.ui.act_trends in window.ui.menu_report.actions()
    dialog = window.show_trends()
    qtbot.waitExposed(dialog)
    assert "Ủy ban nhân dân xã Mỹ An: 4 báo cáo định kỳ, từ Quý I năm 2026 đến Năm 2026" \
        in dialog.ui.summary.text()
    chart = dialog.ui.chart.chart
    assert chart.periods == ["Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm/2026"]
    assert [s.label for s in chart.series][:2] == [
        "Tỷ lệ giải quyết đúng và trước hạn (tổng cộng)", "Tỷ lệ tiếp nhận trực tuyến (tổng cộng)"]
    labels = dialog.ui.chart.value_labels()
    assert labels[:4] == ["50,00%", "75,00%", "90,00%", "95,00%"]
    assert "Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn (tổng cộng): 90,00%" \
        in dialog.ui.chart.legend_lines()
    dialog.close()


def test_picking_an_indicator_shows_its_history_and_back(qtbot: QtBot) -> None:
    dialog = TrendsDialog(trend_reports(), shipped_templates().get)
    qtbot.addWidget(dialog)
    codes = [dialog.ui.indicators.item(r).data(0x0100) for r in range(dialog.ui.indicators.count())]
    assert codes[:5] == ["", "tthc.hs.tong.ty_le_dung_han", "tthc.hs.tong.ty_le_truc_tuyen",
                         "tthc.so_hoa.ty_le", "cddh.kh.ty_le_hoan_thanh"]
    dialog.select_code("tthc.so_hoa.ty_le")
    chart = dialog.ui.chart.chart
    assert chart.title == "Tỷ lệ số hóa hồ sơ"
    assert [p.value for p in chart.series[0].points] == [None, Decimal("50.00"), Decimal("75.00"),
                                                         Decimal("100.00")]
    assert dialog.ui.chart.value_labels() == ["50,00%", "75,00%", "100,00%"]
    dialog.ui.indicators.setCurrentRow(0)
    assert len(dialog.ui.chart.chart.series) == 4


def test_no_report_says_so_instead_of_an_empty_chart(qtbot: QtBot) -> None:
    dialog = TrendsDialog([], shipped_templates().get)
    qtbot.addWidget(dialog)
    assert "Chưa có báo cáo định kỳ nào" in dialog.ui.summary.text()
    assert dialog.ui.indicators.count() == 1


def test_the_chart_paints_its_series_not_just_a_frame(qtbot: QtBot) -> None:
    from cchc_desktop.domain.trends import trend_chart

    widget = TrendChartWidget()
    qtbot.addWidget(widget)
    widget.resize(760, 460)
    widget.show()
    qtbot.waitExposed(widget)
    empty = widget.grab().toImage()
    widget.set_chart(trend_chart(trend_reports(), shipped_templates().get))
    painted = widget.grab().toImage()

    def coloured(image) -> int:  # type: ignore[no-untyped-def]
        count = 0
        for x in range(0, image.width(), 3):
            for y in range(0, image.height(), 3):
                colour = QColor(image.pixel(x, y))
                if colour.saturation() > 80:
                    count += 1
        return count

    assert coloured(empty) == 0
    assert coloured(painted) > 200        # four series' lines, markers and labels
