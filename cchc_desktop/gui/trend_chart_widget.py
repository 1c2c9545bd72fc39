"""A trend chart on screen: the domain Chart (domain/trends.py) painted with QPainter.

The same model and the same series styles as the PDF (documents/trend_charts.py): a series is
told by its marker and its dash pattern, never by colour alone, every point carries its value
("92,52%"), targets are grey dotted lines labelled "Mục tiêu 90,00%". QtCharts would add
PySide6-Addons for a chart this simple, and cannot write its point labels the Vietnamese way.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from cchc_desktop.domain.formatting import format_number, format_percent
from cchc_desktop.domain.trends import (
    PERCENT,
    TARGET_DASH,
    Chart,
    SeriesStyle,
    axis_step,
    axis_top,
    series_style,
)
from cchc_desktop.gui.style import colour as named_colour
from cchc_desktop.i18n import _

MARKER = 4.5
TARGET_GREY = named_colour("chart_target")


def value_text(value: Decimal, unit: str, precision: int = 2) -> str:
    if unit == PERCENT:
        return format_percent(value, precision)
    # A count (a figure's history beside its chart) reads "50" as the form writes it, not "50,00".
    return format_number(value, 0 if value == value.to_integral_value() else precision)


def axis_text(value: Decimal, unit: str) -> str:
    number = format_number(value, 2)
    return number + "%" if unit == PERCENT else number


class TrendChartWidget(QWidget):
    """Paints one Chart; `chart` is what it shows (None: nothing to show yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)

    def sizeHint(self) -> QSize:
        return QSize(600, 380)

    def set_chart(self, chart: Chart | None) -> None:
        self.chart = chart
        self.setAccessibleName(chart.title if chart is not None else "")
        self.update()

    # ------------------------------------------------------------------ layout
    def legend_lines(self) -> list[str]:
        chart = self.chart
        if chart is None:
            return []
        lines = [s.label for s in chart.series]
        lines += [f"{t.label}: {value_text(t.value, chart.unit)}" for t in chart.targets]
        return lines

    def value_labels(self) -> list[str]:
        """Every label written beside a point, in the order painted (for tests and readers)."""
        chart = self.chart
        if chart is None:
            return []
        return [value_text(p.value, chart.unit) for s in chart.series for p in s.points
                if p.value is not None]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        chart = self.chart
        metrics = QFontMetricsF(self.font())
        if chart is None or not chart.has_values:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _("Chưa có báo cáo định kỳ nào có số liệu của các chỉ tiêu này."))
            painter.end()
            return
        line_h = metrics.height() + 2
        legend_h = line_h * len(self.legend_lines()) + 8
        top = axis_top(chart)
        step = axis_step(top)
        left = max(metrics.horizontalAdvance(axis_text(top, chart.unit)), 30) + 10
        # room above the plot for the labels of points at the axis's top
        plot = QRectF(left, 2 * line_h, self.width() - left - 16,
                      self.height() - 2 * line_h - legend_h - line_h - 10)
        periods = chart.periods
        text_pen = QPen(self.palette().text().color())

        def y_of(value: Decimal) -> float:
            return plot.bottom() - float(value / top) * plot.height()

        def x_of(index: int) -> float:
            slot = plot.width() / max(len(periods), 1)
            return plot.left() + slot * (index + 0.5)

        tick = Decimal(0)
        while tick <= top:
            y = y_of(tick)
            painter.setPen(QPen(named_colour("chart_grid"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_pen)
            label = axis_text(tick, chart.unit)
            painter.drawText(QRectF(0, y - line_h / 2, left - 6, line_h),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            tick += step
        painter.setPen(QPen(text_pen.color(), 1.2))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for index, period in enumerate(periods):
            painter.drawText(QRectF(x_of(index) - 80, plot.bottom() + 4, 160, line_h),
                             Qt.AlignmentFlag.AlignHCenter, period)

        for target in chart.targets:
            y = y_of(target.value)
            pen = QPen(TARGET_GREY, 1.5)
            pen.setDashPattern([float(d) for d in TARGET_DASH])
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            italic = painter.font()
            italic.setItalic(True)
            painter.save()
            painter.setFont(italic)
            painter.drawText(QPointF(plot.left() + 4, y + metrics.ascent() + 1),
                             _("Mục tiêu {value}").format(value=value_text(target.value, chart.unit)))
            painter.restore()

        labels: dict[int, list[tuple[float, str, QColor]]] = {}
        for number, series in enumerate(chart.series):
            style = series_style(number)
            colour = QColor(style.colour)
            pen = _series_pen(style, colour)
            run: list[QPointF] = []
            for index, point in enumerate([*series.points, None]):
                if point is None or point.value is None:
                    if len(run) >= 2:
                        painter.setPen(pen)
                        painter.drawPolyline(QPolygonF(run))
                    run = []
                    continue
                run.append(QPointF(x_of(index), y_of(point.value)))
                labels.setdefault(index, []).append(
                    (y_of(point.value), value_text(point.value, chart.unit), colour))
            for index, point in enumerate(series.points):
                if point.value is not None:
                    draw_marker(painter, style, QPointF(x_of(index), y_of(point.value)), colour)

        for index, items in labels.items():
            placed = 1e9
            for y, text, colour in sorted(items, key=lambda item: -item[0]):
                # screen y grows downwards: the lowest point first, each label above the last
                at = min(y - MARKER - 3, placed - line_h + 2)
                box = QRectF(x_of(index) + 6, at - metrics.ascent(), metrics.horizontalAdvance(text) + 4,
                             metrics.height())
                painter.fillRect(box, self.palette().base())
                painter.setPen(QPen(colour.darker(130)))
                painter.drawText(QPointF(box.left() + 2, at), text)
                placed = at

        y = plot.bottom() + line_h + 14
        for number, series in enumerate(chart.series):
            style = series_style(number)
            colour = QColor(style.colour)
            painter.setPen(_series_pen(style, colour))
            mid = y + line_h / 2
            painter.drawLine(QPointF(plot.left(), mid), QPointF(plot.left() + 40, mid))
            draw_marker(painter, style, QPointF(plot.left() + 20, mid), colour)
            painter.setPen(text_pen)
            painter.drawText(QPointF(plot.left() + 48, mid + metrics.ascent() / 2 - 1), series.label)
            y += line_h
        for target in chart.targets:
            mid = y + line_h / 2
            pen = QPen(TARGET_GREY, 1.5)
            pen.setDashPattern([float(d) for d in TARGET_DASH])
            painter.setPen(pen)
            painter.drawLine(QPointF(plot.left(), mid), QPointF(plot.left() + 40, mid))
            painter.setPen(text_pen)
            painter.drawText(QPointF(plot.left() + 48, mid + metrics.ascent() / 2 - 1),
                             f"{target.label}: {value_text(target.value, chart.unit)}")
            y += line_h
        painter.end()


def _series_pen(style: SeriesStyle, colour: QColor) -> QPen:
    pen = QPen(colour, 2)
    if style.dash:
        # Qt counts dashes in pen widths: the PDF's pattern, twice as long on a screen's pixels
        pen.setDashPattern([float(d) for d in style.dash])
    return pen


def draw_marker(painter: QPainter, style: SeriesStyle, at: QPointF, colour: QColor) -> None:
    """The series' filled marker: the shape, not the colour, tells the series apart."""
    painter.save()
    painter.setPen(QPen(colour, 1.8))
    painter.setBrush(colour)
    r = MARKER
    x, y = at.x(), at.y()
    if style.marker == "square":
        painter.drawRect(QRectF(x - r, y - r, 2 * r, 2 * r))
    elif style.marker == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x - r * 1.15, y + r), QPointF(x + r * 1.15, y + r),
                                       QPointF(x, y - r * 1.2)]))
    elif style.marker == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.3), QPointF(x + r * 1.3, y),
                                       QPointF(x, y + r * 1.3), QPointF(x - r * 1.3, y)]))
    elif style.marker == "cross":
        painter.drawLine(QPointF(x - r, y - r), QPointF(x + r, y + r))
        painter.drawLine(QPointF(x - r, y + r), QPointF(x + r, y - r))
    else:
        painter.drawEllipse(at, r, r)
    painter.restore()
