"""gui/trend_chart_widget.py: a domain Chart painted on screen. Every point carries its value the
Vietnamese way ("92,52%", a count as "1.204", not "1.204,00"), targets are listed as
"Mục tiêu ...: 90,00%", a period without a value leaves no label, a chart without values says
so in words, and each series' marker is a shape of its own (not a colour alone).

Beside tests/gui/test_trends_dialog.py, which shows real reports' charts in the dialog and
checks the widget paints coloured series; here the widget alone, on charts made by hand.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter

from cchc_desktop.domain.trends import PERCENT, SERIES_STYLES, Chart, Point, Series, TargetLine
from cchc_desktop.gui.trend_chart_widget import TrendChartWidget, axis_text, draw_marker, value_text

ON_TIME = Series("tthc.hs.tong.ty_le_dung_han", "Tỷ lệ giải quyết đúng và trước hạn", [
    Point("Quý I/2026", Decimal("92.52")), Point("6 tháng/2026", None),
    Point("Quý III/2026", Decimal("100"))])
ONLINE = Series("tthc.hs.tong.ty_le_truc_tuyen", "Tỷ lệ hồ sơ trực tuyến", [
    Point("Quý I/2026", Decimal("48.5")), Point("6 tháng/2026", Decimal("50")),
    Point("Quý III/2026", None)])
RATES = Chart("Tỷ lệ chính", PERCENT, [ON_TIME, ONLINE],
              [TargetLine(ON_TIME.code, "Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn", Decimal(90))])


def test_values_are_written_the_vietnamese_way() -> None:
    assert value_text(Decimal("92.52"), PERCENT) == "92,52%"
    assert value_text(Decimal("1204"), "hồ sơ") == "1.204"          # a count, not "1.204,00"
    assert value_text(Decimal("2987.455"), "triệu đồng", 3) == "2.987,455"
    # the axis's round steps without trailing zeros: "20%", "12,5%", "2.500"
    assert axis_text(Decimal(20), PERCENT) == "20%"
    assert axis_text(Decimal("12.5"), PERCENT) == "12,5%"
    assert axis_text(Decimal(2500), "hồ sơ") == "2.500"


def test_labels_and_legend_follow_the_chart_skipping_periods_without_a_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = TrendChartWidget()
    qtbot.addWidget(widget)
    assert widget.value_labels() == [] and widget.legend_lines() == []
    widget.set_chart(RATES)
    assert widget.value_labels() == ["92,52%", "100,00%", "48,50%", "50,00%"]
    assert widget.legend_lines() == [
        "Tỷ lệ giải quyết đúng và trước hạn", "Tỷ lệ hồ sơ trực tuyến",
        "Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn: 90,00%"]
    assert widget.accessibleName() == "Tỷ lệ chính"
    widget.set_chart(None)
    assert widget.accessibleName() == "" and widget.value_labels() == []


def dark_pixels(image: QImage) -> int:
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).lightness() < 128)


def test_a_chart_without_values_says_so_instead_of_axes(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = TrendChartWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 380)
    empty = Chart("Tỷ lệ chính", PERCENT, [Series(ON_TIME.code, ON_TIME.label,
                                                  [Point("Quý I/2026", None)])])
    widget.set_chart(empty)
    words = widget.grab().toImage()
    widget.set_chart(RATES)
    drawn = widget.grab().toImage()
    # A line of text only, against the axes, grid labels, lines and legend of a real chart.
    assert 0 < dark_pixels(words) < dark_pixels(drawn) // 3
    assert widget.sizeHint().width() == 600 and widget.minimumWidth() == 360


def test_each_series_has_a_marker_of_its_own_shape() -> None:
    def painted(index: int) -> frozenset[tuple[int, int]]:
        image = QImage(24, 24, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        draw_marker(painter, SERIES_STYLES[index], QPointF(12, 12), QColor("black"))
        painter.end()
        return frozenset((x, y) for x in range(24) for y in range(24)
                         if QColor(image.pixel(x, y)).lightness() < 128)

    shapes = [painted(index) for index in range(len(SERIES_STYLES))]
    assert all(shapes), "every marker paints"
    assert len(set(shapes)) == len(SERIES_STYLES), "circle, square, triangle, diamond, cross differ"
    square, cross = shapes[1], shapes[4]
    assert len(cross) < len(square), "the cross is lines, not filled"
