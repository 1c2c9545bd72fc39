"""Trend charts as data: a unit's rates across the periods of its reports, with their targets.

One model feeds the window (gui/trend_chart_widget.py) and the PDF (documents/trend_charts.py),
so both show the same points. It is computed from reports already loaded: the store collects
them (storage/reports.py `unit_reports`), this module stays pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.periods import REGULAR_KINDS, Period
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.template_rules import TargetRule
from cchc_desktop.i18n import Language, _, spoken_language

PERCENT = "%"
MIN_PERIODS = 2     # a trend needs two points: one period is no line (the history's chart, the annex)


@dataclass(frozen=True)
class SeriesStyle:
    """How a series is told apart without colour: its marker and its dash pattern (in points,
    on/off), the same in the window and on paper; the colour is only a help on a screen."""

    marker: str                 # circle | square | triangle | diamond | cross
    dash: tuple[int, ...]       # () is a solid line
    colour: str                 # Okabe-Ito, safe for colour-blind readers


SERIES_STYLES = (
    SeriesStyle("circle", (), "#0072B2"),
    SeriesStyle("square", (6, 3), "#D55E00"),
    SeriesStyle("triangle", (10, 2, 2, 2), "#009E73"),
    SeriesStyle("diamond", (3, 2), "#CC79A7"),
    SeriesStyle("cross", (12, 4), "#000000"),
)
TARGET_DASH = (1, 2)            # targets: a grey dotted line, labelled on the line


def series_style(index: int) -> SeriesStyle:
    return SERIES_STYLES[index % len(SERIES_STYLES)]


def axis_top(chart: Chart) -> Decimal:
    """The value axis's top: 100 for rates, more for a rate above 100 (a revenue beyond its
    estimate), rounded up to a step of 20; the largest value or target otherwise."""
    values = [p.value for s in chart.series for p in s.points if p.value is not None]
    values += [t.value for t in chart.targets]
    top = max(values, default=Decimal(0))
    if chart.unit == PERCENT:
        top = max(top, Decimal(100))
    step = axis_step(top)
    return -(-top // step) * step if top > 0 else Decimal(100)


def axis_step(top: Decimal) -> Decimal:
    """A round step giving about five grid lines up to `top`."""
    step = Decimal(1)
    while top / step > 6:
        for factor in (2, Decimal("2.5"), 2):
            step *= factor
            if top / step <= 6:
                break
    return step


@dataclass(frozen=True)
class Point:
    period: str                 # 'Quý I/2026': the short label of the report's period
    value: Decimal | None       # None: not entered, or a zero denominator
    # Below its own target (a unit's bar on the board of domain/unit_board.py, whose point
    # is a unit, not a period): drawn with a pattern and '▼', never by colour alone.
    below: bool = False


@dataclass(frozen=True)
class Series:
    code: str
    label: str
    points: list[Point]


@dataclass(frozen=True)
class TargetLine:
    code: str                   # the series it belongs to
    label: str                  # 'Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn'
    value: Decimal


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str
    series: list[Series]
    targets: list[TargetLine] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return [point.period for point in self.series[0].points] if self.series else []

    @property
    def has_values(self) -> bool:
        return any(point.value is not None for s in self.series for point in s.points)


def short_period_label(period: Period, language: Language | None = None) -> str:
    """'Quý I/2026', '6 tháng/2026', 'Năm 2026': short enough for an axis."""
    language = language or spoken_language()
    return language.gettext("{kind}/{year}").format(kind=period.kind.label_in(language),
                                                   year=period.year)


def chronological(reports: Sequence[Report]) -> list[Report]:
    """The regular reports in the order they were written: Q1, 6 months, Q3, year, next Q1.
    Ad-hoc reports cover spans of their own, so they are no point of a trend."""
    regular = [r for r in reports if r.period.kind in REGULAR_KINDS]
    return sorted(regular, key=lambda r: (r.period.year, REGULAR_KINDS.index(r.period.kind)))


def main_rate_codes(template: Template) -> list[str]:
    """The main rates the template declares (its `trends`: on-time resolution, online
    submission, digitisation, plan completion in the shipped ones)."""
    return list(template.trends)


def target_of(report: Report, template: Template, code: str) -> Decimal | None:
    """The report's own target for `code`, else the template's default one (as the rules do)."""
    if code in report.targets:
        return report.targets[code]
    for rule in template.rules:
        if isinstance(rule, TargetRule) and rule.total == code:
            return rule.minimum
    return None


def trend_chart(reports: Sequence[Report], template_for: Callable[[str], Template],
                codes: Sequence[str] | None = None, *, title: str | None = None,
                language: Language | None = None) -> Chart:
    """The chart of `codes` (default: the main rates of the newest report's template) across
    the regular reports, each computed with its own template; targets from the newest report."""
    ordered = chronological(reports)
    if not ordered:
        return Chart(title or _("Xu hướng các chỉ tiêu chính"), PERCENT, [])
    templates = [template_for(r.template_ref) for r in ordered]
    newest, newest_template = ordered[-1], templates[-1]
    codes = list(codes) if codes is not None else main_rate_codes(newest_template)
    values = [compute_figures(t, r.values, r.precision).values for r, t in zip(ordered, templates,
                                                                               strict=True)]
    labels = [short_period_label(r.period, language) for r in ordered]
    series, targets = [], []
    for code in codes:
        indicator = newest_template.indicators.get(code) or next(
            (t.indicators[code] for t in templates if code in t.indicators), None)
        label = indicator.full_label if indicator is not None else code
        points = [Point(period, figures.get(code)) for period, figures in zip(labels, values,
                                                                             strict=True)]
        series.append(Series(code, label, points))
        target = target_of(newest, newest_template, code)
        if target is not None:
            targets.append(TargetLine(code, _("Mục tiêu: {label}").format(label=label), target))
    return Chart(title or _("Xu hướng các chỉ tiêu chính"), PERCENT, series, targets)


def indicator_history(reports: Sequence[Report], template_for: Callable[[str], Template],
                      code: str, *, language: Language | None = None) -> Chart:
    """One indicator across the periods: the chart beside the field's history."""
    chart = trend_chart(reports, template_for, [code], language=language)
    title = chart.series[0].label if chart.series else code
    unit = PERCENT
    ordered = chronological(reports)
    if ordered:
        indicator = template_for(ordered[-1].template_ref).indicators.get(code)
        if indicator is not None and not indicator.field_kind.percentage:
            unit = str(indicator.unit)
    return Chart(title, unit, chart.series, chart.targets)


def regular_period_count(periods: Iterable[Period]) -> int:
    """How many points a trend of these periods has: the regular ones (chronological)."""
    return sum(1 for period in periods if period.kind in REGULAR_KINDS)


def trend_unavailable(periods: Iterable[Period]) -> str | None:
    """Why no trend can be drawn from these periods, in a sentence; None when it can."""
    count = regular_period_count(periods)
    if count >= MIN_PERIODS:
        return None
    return _("cần ít nhất {needed} kỳ báo cáo định kỳ của đơn vị trong tệp dữ liệu, mới có "
             "{count}").format(needed=MIN_PERIODS, count=count)


def replacing(reports: Sequence[Report], report: Report) -> list[Report]:
    """The unit's reports with `report` in place of the stored one of its period (or added):
    a report's trends annex shows the figures of the report it is printed with."""
    key = (report.unit.code, report.period)
    return [r for r in reports if (r.unit.code, r.period) != key] + [report]


def field_trend(reports: Sequence[Report], template_for: Callable[[str], Template], code: str, *,
                language: Language | None = None) -> Chart | None:
    """The chart beside a figure's history: indicator_history when the unit has at least two
    regular periods and the figure a value in one of them; None otherwise (no empty frame)."""
    if trend_unavailable(r.period for r in reports) is not None:
        return None
    chart = indicator_history(reports, template_for, code, language=language)
    return chart if chart.has_values else None


def single_charts(chart: Chart) -> list[Chart]:
    """One chart per series, each with its own target: the main chart taken apart."""
    return [Chart(series.label, chart.unit, [series],
                  [t for t in chart.targets if t.code == series.code])
            for series in chart.series]
