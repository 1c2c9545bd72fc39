"""Trend charts on paper: a domain Chart (domain/trends.py) drawn as a reportlab Drawing.

Printed in black and white, a series is told by its marker and its dash pattern, and every
point carries its value ("92,52%"); the legend repeats marker and dash beside each label.
Targets are dotted lines labelled with their value. Numbers are written by
domain/formatting, in the document's language (Vietnamese).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.documents import fonts
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.domain.formatting import format_number, format_percent
from cchc_desktop.domain.trends import (
    PERCENT,
    TARGET_DASH,
    Chart,
    Point,
    SeriesStyle,
    axis_step,
    axis_top,
    series_style,
)
from cchc_desktop.i18n import Language

AXIS_SIZE = 9
LABEL_SIZE = 8
LEGEND_SIZE = 10
MARKER = 3.2            # half the marker's width, in points
LEGEND_LINE = 11        # height of one legend entry
PLOT_LEFT = 34          # room for the value axis's numbers
PLOT_BOTTOM = 22        # room for the period labels
PLOT_TOP = 20          # room for the labels of points at the top of the axis
TARGET_GREY = colors.Color(0.35, 0.35, 0.35)


def value_text(value: Decimal, unit: str, locale: str, precision: int = 2) -> str:
    if unit == PERCENT:
        return format_percent(value, precision, locale=locale)
    return format_number(value, precision, locale=locale)


def axis_text(value: Decimal, unit: str, locale: str) -> str:
    number = format_number(value, 2, locale=locale)
    return number + "%" if unit == PERCENT else number


def marker_shape(style: SeriesStyle, x: float, y: float, colour: colors.Color) -> Group:
    """A filled marker (an open white centre would vanish under a value label)."""
    group = Group()
    r = MARKER
    if style.marker == "square":
        group.add(Rect(x - r, y - r, 2 * r, 2 * r, fillColor=colour, strokeColor=colour))
    elif style.marker == "triangle":
        group.add(Polygon([x - r * 1.15, y - r, x + r * 1.15, y - r, x, y + r * 1.2],
                          fillColor=colour, strokeColor=colour))
    elif style.marker == "diamond":
        group.add(Polygon([x, y - r * 1.3, x + r * 1.3, y, x, y + r * 1.3, x - r * 1.3, y],
                          fillColor=colour, strokeColor=colour))
    elif style.marker == "cross":
        group.add(Line(x - r, y - r, x + r, y + r, strokeColor=colour, strokeWidth=1.6))
        group.add(Line(x - r, y + r, x + r, y - r, strokeColor=colour, strokeWidth=1.6))
    else:
        group.add(Circle(x, y, r, fillColor=colour, strokeColor=colour))
    return group


def _colour(style: SeriesStyle, grey: bool) -> colors.Color:
    return colors.black if grey else colors.HexColor(style.colour)


def chart_drawing(chart: Chart, width: float, height: float, *,
                  language: Language = DOCUMENT_LANGUAGE, grey: bool = False,
                  precision: int = 2) -> Drawing:
    """The chart in a `width` x `height` drawing, the legend below the plot (inside)."""
    fonts.register_fonts()      # the value labels' widths are measured while drawing
    locale = language.locale
    legend_height = LEGEND_LINE * (len(chart.series) + len(chart.targets)) + 6
    drawing = Drawing(width, height)
    plot_x, plot_y = PLOT_LEFT, PLOT_BOTTOM + legend_height
    plot_w = width - PLOT_LEFT - 10
    plot_h = height - plot_y - PLOT_TOP
    top = axis_top(chart)
    step = axis_step(top)
    periods = chart.periods

    def y_of(value: Decimal) -> float:
        return plot_y + float(value / top) * plot_h

    def x_of(index: int) -> float:
        slot = plot_w / max(len(periods), 1)
        return plot_x + slot * (index + 0.5)

    # value axis: grid lines with their numbers
    tick = Decimal(0)
    while tick <= top:
        y = y_of(tick)
        drawing.add(Line(plot_x, y, plot_x + plot_w, y, strokeColor=colors.Color(0.8, 0.8, 0.8),
                         strokeWidth=0.4))
        drawing.add(String(plot_x - 3, y - AXIS_SIZE / 3, axis_text(tick, chart.unit, locale),
                           fontName=fonts.REGULAR, fontSize=AXIS_SIZE, textAnchor="end"))
        tick += step
    drawing.add(Line(plot_x, plot_y, plot_x, plot_y + plot_h, strokeWidth=0.8))
    drawing.add(Line(plot_x, plot_y, plot_x + plot_w, plot_y, strokeWidth=0.8))
    for index, period in enumerate(periods):
        drawing.add(String(x_of(index), plot_y - AXIS_SIZE - 4, period, fontName=fonts.REGULAR,
                           fontSize=AXIS_SIZE, textAnchor="middle"))

    # targets: dotted lines, their value at the right end
    for target in chart.targets:
        y = y_of(target.value)
        drawing.add(Line(plot_x, y, plot_x + plot_w, y, strokeWidth=1.1,
                         strokeDashArray=list(TARGET_DASH), strokeColor=TARGET_GREY))
        text = language.gettext("Mục tiêu {value}").format(
            value=value_text(target.value, chart.unit, locale, precision))
        drawing.add(String(plot_x + 3, y - LABEL_SIZE, text, fontName=fonts.ITALIC, fontSize=LABEL_SIZE,
                           fillColor=TARGET_GREY))

    # series: lines through the known points (a gap where a value is missing)
    labels: dict[int, list[tuple[float, str, colors.Color]]] = {}
    for number, series in enumerate(chart.series):
        style = series_style(number)
        colour = _colour(style, grey)
        run: list[float] = []
        for index, point in enumerate([*series.points, None]):
            if point is None or point.value is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=1.3,
                                         strokeDashArray=list(style.dash) or None))
                run = []
                continue
            x, y = x_of(index), y_of(point.value)
            run += [x, y]
            drawing.add(marker_shape(style, x, y, colour))
            labels.setdefault(index, []).append(
                (y, value_text(point.value, chart.unit, locale, precision), colour))
    _place_value_labels(drawing, labels, x_of)

    # legend: marker + dash + label, then the targets
    y = legend_height - LEGEND_LINE
    for number, series in enumerate(chart.series):
        style = series_style(number)
        colour = _colour(style, grey)
        drawing.add(Line(plot_x, y + 3, plot_x + 28, y + 3, strokeColor=colour, strokeWidth=1.3,
                         strokeDashArray=list(style.dash) or None))
        drawing.add(marker_shape(style, plot_x + 14, y + 3, colour))
        drawing.add(String(plot_x + 34, y, series.label, fontName=fonts.REGULAR,
                           fontSize=LEGEND_SIZE))
        y -= LEGEND_LINE
    for target in chart.targets:
        drawing.add(Line(plot_x, y + 3, plot_x + 28, y + 3, strokeWidth=1.1,
                         strokeDashArray=list(TARGET_DASH), strokeColor=TARGET_GREY))
        text = f"{target.label}: {value_text(target.value, chart.unit, locale, precision)}"
        drawing.add(String(plot_x + 34, y, text, fontName=fonts.ITALIC, fontSize=LEGEND_SIZE))
        y -= LEGEND_LINE
    return drawing


def _place_value_labels(drawing: Drawing, labels: dict[int, list[tuple[float, str, colors.Color]]],
                        x_of: Callable[[int], float]) -> None:
    """Each point's value just above it; labels of one period pushed apart so none overlap."""
    gap = LABEL_SIZE + 1
    for index, items in labels.items():
        x = x_of(index)
        placed = -1e9
        for y, text, colour in sorted(items, key=lambda item: item[0]):
            at = max(y + MARKER + 2, placed + gap)
            width = stringWidth(text, fonts.REGULAR, LABEL_SIZE)
            # a white box under the figure keeps it legible over grid and lines
            drawing.add(Rect(x + 4, at - 1.5, width + 2, LABEL_SIZE + 1, fillColor=colors.white,
                             strokeColor=None))
            drawing.add(String(x + 5, at, text, fontName=fonts.REGULAR, fontSize=LABEL_SIZE,
                               fillColor=colour))
            placed = at


# ---------------------------------------------------------------------- bars: one rate, many units
BAR_HEIGHT = 10         # one unit's bar, in points
BAR_GAP = 4
BAR_LABEL_ROOM = 46     # right of the plot: the value at a bar's end ("100,00% ▼")
BARS_PER_DRAWING = 32   # a drawing never splits across pages: a long list takes several
HATCH_STEP = 2.5        # a bar below its target: white, with upright strokes


def bar_chart_drawings(chart: Chart, width: float, *, language: Language = DOCUMENT_LANGUAGE,
                       precision: int = 2, grey: bool = True) -> list[Drawing]:
    """A Chart whose points are units (domain/unit_board.py `rate_chart`) as horizontal
    bars, one unit a line, the target a dotted upright line across them; a bar below the
    unit's target is hatched and its value carries '▼' (readable in black and white).
    The same value axis as the line charts (axis_top, axis_step); several drawings of at
    most BARS_PER_DRAWING bars each for a long list of units."""
    fonts.register_fonts()      # the names' widths are measured before any page is laid out
    points = chart.series[0].points if chart.series else []
    chunks = [points[i:i + BARS_PER_DRAWING] for i in range(0, len(points), BARS_PER_DRAWING)]
    return [_bar_drawing(chart, chunk, width, language, precision, grey, legend=(n == len(chunks) - 1))
            for n, chunk in enumerate(chunks or [[]])]


def _bar_drawing(chart: Chart, points: list[Point], width: float, language: Language,
                 precision: int, grey: bool, *, legend: bool) -> Drawing:
    locale = language.locale
    names = [p.period for p in points]
    name_w = min(max((stringWidth(n, fonts.REGULAR, AXIS_SIZE) for n in names), default=0) + 6,
                 width * 0.34)
    legend_h = 2 * LEGEND_LINE + 6 if legend else 0
    plot_h = len(points) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    height = plot_h + PLOT_BOTTOM + legend_h + 6
    drawing = Drawing(width, height)
    plot_x, plot_y = name_w, PLOT_BOTTOM + legend_h
    plot_w = width - name_w - BAR_LABEL_ROOM
    top = axis_top(chart)
    step = axis_step(top)
    fill = colors.Color(0.55, 0.55, 0.55) if grey else colors.HexColor(series_style(0).colour)

    def x_of(value: Decimal) -> float:
        return plot_x + float(value / top) * plot_w

    tick = Decimal(0)
    while tick <= top:
        x = x_of(tick)
        drawing.add(Line(x, plot_y, x, plot_y + plot_h, strokeColor=colors.Color(0.8, 0.8, 0.8),
                         strokeWidth=0.4))
        drawing.add(String(x, plot_y - AXIS_SIZE - 3, axis_text(tick, chart.unit, locale),
                           fontName=fonts.REGULAR, fontSize=AXIS_SIZE, textAnchor="middle"))
        tick += step
    drawing.add(Line(plot_x, plot_y, plot_x, plot_y + plot_h, strokeWidth=0.8))
    drawing.add(Line(plot_x, plot_y, plot_x + plot_w, plot_y, strokeWidth=0.8))
    for index, point in enumerate(points):
        y = plot_y + plot_h - (index + 1) * (BAR_HEIGHT + BAR_GAP)
        name = point.period
        while name and stringWidth(name, fonts.REGULAR, AXIS_SIZE) > name_w - 6:
            name = name[:-2] + "…"
        drawing.add(String(plot_x - 4, y + 2, name, fontName=fonts.REGULAR, fontSize=AXIS_SIZE,
                           textAnchor="end"))
        if point.value is None:
            drawing.add(String(plot_x + 4, y + 2, "—", fontName=fonts.REGULAR, fontSize=LABEL_SIZE))
            continue
        end = x_of(point.value)
        if point.below:
            drawing.add(_hatched(plot_x, y, end - plot_x, BAR_HEIGHT))
        else:
            drawing.add(Rect(plot_x, y, end - plot_x, BAR_HEIGHT, fillColor=fill, strokeColor=colors.black,
                             strokeWidth=0.5))
        text = value_text(point.value, chart.unit, locale, precision) + (" ▼" if point.below else "")
        drawing.add(String(end + 3, y + 2, text, fontName=fonts.REGULAR, fontSize=LABEL_SIZE))
    for target in chart.targets:
        x = x_of(target.value)
        drawing.add(Line(x, plot_y, x, plot_y + plot_h, strokeWidth=1.1,
                         strokeDashArray=list(TARGET_DASH), strokeColor=TARGET_GREY))
    if legend:
        y = legend_h - LEGEND_LINE
        for target in chart.targets:
            drawing.add(Line(plot_x, y + 3, plot_x + 28, y + 3, strokeWidth=1.1,
                             strokeDashArray=list(TARGET_DASH), strokeColor=TARGET_GREY))
            text = language.gettext("Mục tiêu {value}").format(
                value=value_text(target.value, chart.unit, locale, precision))
            drawing.add(String(plot_x + 34, y, text, fontName=fonts.ITALIC, fontSize=LEGEND_SIZE))
            y -= LEGEND_LINE
        drawing.add(_hatched(plot_x, y, 28, 8))
        drawing.add(String(plot_x + 34, y, language.gettext("▼ dưới chỉ tiêu"), fontName=fonts.REGULAR,
                           fontSize=LEGEND_SIZE))
    return drawing


def _hatched(x: float, y: float, w: float, h: float) -> Group:
    group = Group(Rect(x, y, w, h, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.5))
    at = x + HATCH_STEP
    while at < x + w:
        group.add(Line(at, y, at, y + h, strokeColor=colors.black, strokeWidth=0.5))
        at += HATCH_STEP
    return group
