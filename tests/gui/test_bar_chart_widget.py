"""gui/bar_chart_widget.py: one rate across the units as horizontal bars, each bar with its value
in Vietnamese figures ("92,52%"), a unit below its target hatched and marked '▼' after its value
(never told by colour alone), a unit without a figure shown '—' and no bar, and a line of the
widget's height per unit. The board dialog that shows it is tested in
tests/gui/test_unit_board_dialog.py; here the widget alone, its texts and its pixels."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtGui import QColor, QFontMetricsF, QImage

from cchc_desktop.domain.trends import PERCENT, Chart, Point, Series, TargetLine
from cchc_desktop.gui.bar_chart_widget import BAR_GAP, BarChartWidget

CODE = "tthc.hs.tong.ty_le_dung_han"
TITLE = "Tỷ lệ hồ sơ giải quyết đúng hạn"
FILL = QColor("#0072B2")          # the first series' colour (domain/trends.py SERIES_STYLES)


def rate_chart(*points: Point, target: str | None = "90") -> Chart:
    targets = [TargetLine(CODE, TITLE, Decimal(target))] if target is not None else []
    return Chart(TITLE, PERCENT, [Series(CODE, TITLE, list(points))], targets)


UNITS = (Point("UBND xã Mỹ An", Decimal("92.52")),
         Point("UBND xã Phú Hòa A", Decimal("85"), below=True),
         Point("UBND xã Tân Phước Hưng B", None))


def widget_of(qtbot, chart: Chart | None, width: int = 640) -> BarChartWidget:  # type: ignore[no-untyped-def]
    widget = BarChartWidget()
    qtbot.addWidget(widget)
    widget.set_chart(chart)
    widget.resize(width, widget.sizeHint().height())
    return widget


def bar_row(widget: BarChartWidget, image: QImage, index: int) -> list[QColor]:
    """The pixels across the plot at the middle of the `index`th bar."""
    line = QFontMetricsF(widget.font()).height() + 2
    y = int(line + 6 + BAR_GAP + index * (line + BAR_GAP) + line / 2)
    return [image.pixelColor(x, y) for x in range(image.width() // 2, image.width() - 100)]


def test_each_bar_says_its_unit_and_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_of(qtbot, rate_chart(*UNITS))
    assert widget.bar_labels() == ["UBND xã Mỹ An: 92,52%", "UBND xã Phú Hòa A: 85,00% ▼",
                                   "UBND xã Tân Phước Hưng B: —"]
    assert widget.accessibleName() == TITLE


def test_the_precision_is_the_reports(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_of(qtbot, None)
    widget.set_chart(rate_chart(*UNITS), precision=1)
    assert widget.bar_labels()[:2] == ["UBND xã Mỹ An: 92,5%", "UBND xã Phú Hòa A: 85,0% ▼"]


def test_nothing_to_show_says_so(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_of(qtbot, None)
    assert widget.bar_labels() == []
    assert widget.accessibleName() == ""
    empty = widget_of(qtbot, rate_chart(Point("UBND xã Mỹ An", None)))
    assert empty.bar_labels() == ["UBND xã Mỹ An: —"]
    image = empty.grab().toImage()
    # No bar is painted, only the sentence: no pixel of the bars' colour anywhere.
    assert all(image.pixelColor(x, y) != FILL for x in range(0, image.width(), 3)
               for y in range(0, image.height(), 3))


def test_the_widget_grows_a_line_per_unit(qtbot) -> None:  # type: ignore[no-untyped-def]
    few = widget_of(qtbot, rate_chart(*UNITS))
    many = widget_of(qtbot, rate_chart(*(Point(f"UBND xã {n}", Decimal(n)) for n in range(1, 31))))
    line = QFontMetricsF(few.font()).height() + 2
    assert many.sizeHint().height() - few.sizeHint().height() == int(
        (30 + 5) * (line + BAR_GAP) + 20) - int((3 + 5) * (line + BAR_GAP) + 20)
    assert many.minimumHeight() == many.sizeHint().height()
    assert widget_of(qtbot, None).sizeHint().height() == 160


def test_a_bar_below_target_is_hatched_not_just_coloured(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_of(qtbot, rate_chart(Point("UBND xã Mỹ An", Decimal(100)),
                                         Point("UBND xã Phú Hòa A", Decimal(100), below=True),
                                         target=None))   # no dotted target line across them
    image = widget.grab().toImage()
    solid, hatched = bar_row(widget, image, 0), bar_row(widget, image, 1)
    assert all(pixel == FILL for pixel in solid)
    assert FILL not in hatched                       # a pattern on white, not the fill
    assert QColor("#ffffff") in hatched and len({p.name() for p in hatched}) > 1


def test_a_missing_figure_has_no_bar(qtbot) -> None:  # type: ignore[no-untyped-def]
    widget = widget_of(qtbot, rate_chart(Point("UBND xã Mỹ An", Decimal(100)),
                                         Point("UBND xã Tân Phước Hưng B", None)))
    image = widget.grab().toImage()
    assert FILL in bar_row(widget, image, 0)
    assert FILL not in bar_row(widget, image, 1)
