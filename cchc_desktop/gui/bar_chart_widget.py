"""One rate across units on screen: a domain Chart whose points are units (domain/unit_board.py
`rate_chart`) painted as horizontal bars with QPainter, the sibling of trend_chart_widget.py.

The conventions are the trend chart's and the PDF's (documents/trend_charts.py
`bar_chart_drawings`): the same value axis (axis_top, axis_step), every bar carries its value
("92,52%"), the target is the grey dotted line labelled "Mục tiêu 90,00%", and a bar below its
unit's target is hatched with '▼' after its value: never told by colour alone. One unit a line,
so the widget grows with the units (it sits in a scroll area).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cchc_desktop.domain.trends import TARGET_DASH, Chart, axis_step, axis_top, series_style
from cchc_desktop.domain.unit_board import BELOW_MARK, BELOW_WORDS, MISSING
from cchc_desktop.gui.style import colour
from cchc_desktop.gui.trend_chart_widget import TARGET_GREY, axis_text, value_text
from cchc_desktop.i18n import _

BAR_GAP = 6             # between two bars, in pixels
LABEL_ROOM = 90         # right of the plot: the value at a bar's end


class BarChartWidget(QWidget):
    """Paints one Chart as bars; `chart` is what it shows (None: nothing yet)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.precision = 2
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(360, 160)

    def sizeHint(self) -> QSize:
        return QSize(640, self._height())

    def set_chart(self, chart: Chart | None, precision: int = 2) -> None:
        self.chart = chart
        self.precision = precision
        self.setAccessibleName(chart.title if chart is not None else "")
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _bar_height(self) -> float:
        return QFontMetricsF(self.font()).height() + 2

    def _height(self) -> int:
        bars = len(self.chart.periods) if self.chart is not None else 0
        line = self._bar_height()
        return int(max(160, (bars + 5) * (line + BAR_GAP) + 20))

    # ------------------------------------------------------------------ what it says
    def bar_labels(self) -> list[str]:
        """Each bar's name and value as painted, top to bottom (for tests and readers)."""
        chart = self.chart
        if chart is None or not chart.series:
            return []
        return [f"{p.period}: {self._value_label(p.value, p.below)}" for p in chart.series[0].points]

    def _value_label(self, value: Decimal | None, below: bool) -> str:
        if value is None or self.chart is None:
            return MISSING
        text = value_text(value, self.chart.unit, self.precision)
        return f"{text} {BELOW_MARK}" if below else text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        chart = self.chart
        if chart is None or not chart.series or not chart.has_values:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _("Chưa có đơn vị nào có số liệu của tỷ lệ này."))
            painter.end()
            return
        metrics = QFontMetricsF(self.font())
        line = self._bar_height()
        points = chart.series[0].points
        text_pen = QPen(self.palette().text().color())
        names_w = min(max(metrics.horizontalAdvance(p.period) for p in points) + 12, self.width() * 0.36)
        plot = QRectF(names_w, line + 6, self.width() - names_w - LABEL_ROOM,
                      len(points) * (line + BAR_GAP) + BAR_GAP)
        top = axis_top(chart)
        step = axis_step(top)

        def x_of(value: Decimal) -> float:
            return plot.left() + float(value / top) * plot.width()

        painter.setPen(text_pen)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignHCenter, chart.title)
        tick = Decimal(0)
        while tick <= top:
            x = x_of(tick)
            painter.setPen(QPen(colour("chart_grid"), 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(text_pen)
            painter.drawText(QRectF(x - 40, plot.bottom() + 3, 80, line), Qt.AlignmentFlag.AlignHCenter,
                             axis_text(tick, chart.unit))
            tick += step
        painter.setPen(QPen(text_pen.color(), 1.2))
        painter.drawLine(plot.topLeft(), plot.bottomLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

        fill = QColor(series_style(0).colour)
        for index, point in enumerate(points):
            y = plot.top() + BAR_GAP + index * (line + BAR_GAP)
            painter.setPen(text_pen)
            name = metrics.elidedText(point.period, Qt.TextElideMode.ElideRight, names_w - 10)
            painter.drawText(QRectF(0, y, names_w - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            label = self._value_label(point.value, point.below)
            if point.value is None:
                painter.drawText(QRectF(plot.left() + 4, y, LABEL_ROOM, line),
                                 Qt.AlignmentFlag.AlignVCenter, label)
                continue
            bar = QRectF(plot.left(), y, x_of(point.value) - plot.left(), line)
            draw_bar(painter, bar, fill, point.below)
            painter.setPen(text_pen)
            painter.drawText(QRectF(bar.right() + 4, y, LABEL_ROOM, line),
                             Qt.AlignmentFlag.AlignVCenter, label)

        legend_y = plot.bottom() + line + 8
        for target in chart.targets:
            x = x_of(target.value)
            pen = QPen(TARGET_GREY, 1.5)
            pen.setDashPattern([float(d) for d in TARGET_DASH])
            painter.setPen(pen)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.drawLine(QPointF(plot.left(), legend_y + line / 2),
                             QPointF(plot.left() + 40, legend_y + line / 2))
            italic = painter.font()
            italic.setItalic(True)
            painter.save()
            painter.setFont(italic)
            painter.setPen(text_pen)
            painter.drawText(QPointF(plot.left() + 48, legend_y + line / 2 + metrics.ascent() / 2 - 1),
                             _("Mục tiêu {value}").format(
                                 value=value_text(target.value, chart.unit, self.precision)))
            painter.restore()
            legend_y += line
        draw_bar(painter, QRectF(plot.left(), legend_y + 2, 40, line - 4), fill, below=True)
        painter.setPen(text_pen)
        painter.drawText(QPointF(plot.left() + 48, legend_y + line / 2 + metrics.ascent() / 2 - 1),
                         _(BELOW_WORDS))
        painter.end()


def draw_bar(painter: QPainter, bar: QRectF, fill: QColor, below: bool) -> None:
    """A filled bar; below target, a white one hatched in the same colour (a pattern, which
    a grey print or a colour-blind reader still tells apart)."""
    painter.save()
    painter.setPen(QPen(fill.darker(150), 1))
    if below:
        painter.setBrush(colour("chart_background"))
        painter.drawRect(bar)
        painter.setBrush(QBrush(fill.darker(120), Qt.BrushStyle.BDiagPattern))
    else:
        painter.setBrush(fill)
    painter.drawRect(bar)
    painter.restore()
