"""Trend charts as data: a unit's rates across the periods of its reports, with their targets.

One model feeds the window (gui/trend_chart_widget.py) and the PDF (documents/trend_charts.py),
so both show the same points. It is computed from reports already loaded: the store collects
them (storage/reports.py `unit_reports`), this module stays pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.periods import REGULAR_KINDS, Period
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.template_rules import TargetRule
from cchc_desktop.i18n import Language, _, spoken_language

# The main rates of a report, each concept by the codes the shipped templates give it, first
# found wins. A template names its indicators, not which of them a leader looks at first; until
# templates declare that, the list of issue 20 lives here (codes a template lacks are skipped).
MAIN_RATE_CANDIDATES: tuple[tuple[str, ...], ...] = (
    ("tthc.hs.tong.ty_le_dung_han", "tthc.hs.xa.ty_le_dung_han"),      # on-time resolution
    ("tthc.hs.tong.ty_le_truc_tuyen", "cds.hs_truc_tuyen.ty_le",
     "tthc.hs.xa.ty_le_truc_tuyen"),                                   # online submission
    ("tthc.so_hoa.ty_le",),                                            # digitisation
    ("cddh.kh.ty_le_hoan_thanh",),                                     # task completion
)
PERCENT = "%"


@dataclass(frozen=True)
class Point:
    period: str                 # 'Quý I/2026': the short label of the report's period
    value: Decimal | None       # None: not entered, or a zero denominator


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
    """The main rates the template has, in the order of MAIN_RATE_CANDIDATES."""
    codes = []
    for candidates in MAIN_RATE_CANDIDATES:
        found = next((code for code in candidates if code in template.indicators), None)
        if found is not None:
            codes.append(found)
    return codes


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
