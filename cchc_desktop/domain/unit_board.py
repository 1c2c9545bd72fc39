"""The board of the units' main rates: for one period, each subordinate unit's main rates
against their targets, and the consolidating unit's own rate (a province, a district) from the
sums of its units' numerators and denominators.

The rates are the reports' own (domain/figures.py `compute_figures`: the same code the report,
its PDF and its workbook compute them with); the main rates are the template's `trends`, as the
trend charts have them (domain/trends.py). The sum row never averages rates: 1.421/1.428 records
resolved on time across the units is 99,51% however the units are sized, while the mean of their
rates weighs a commune of 20 records like a town of 2.000. Its bar chart is a domain/trends.py
Chart whose points are the units, so the window and the PDF draw the same bars.

Pure: the store collects the reports (imports/subordinates.py `board`), the window and the
documents draw what this module computes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.formatting import format_fraction, format_percent
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.rates import Rate, compute_rate
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.trends import PERCENT, Chart, Point, Series, TargetLine, main_rate_codes, target_of
from cchc_desktop.domain.units import Text, Unit
from cchc_desktop.i18n import N_, Language, spoken_language

MISSING = "—"            # no report, or a rate that cannot be computed
BELOW_MARK = "▼"         # below target: a sign, not a colour alone
BELOW_WORDS = N_("▼ dưới chỉ tiêu")


@dataclass(frozen=True)
class RateColumn:
    """One main rate of the board: its code, its label and the consolidating unit's target."""

    code: str
    words: Text                 # the indicator's label, in both languages
    target: Decimal | None

    def label(self, language: Language | None = None) -> str:
        return self.words.render(language or spoken_language())


@dataclass(frozen=True)
class UnitRate:
    """One unit's rate with the figures it came from, and the target it is held to."""

    rate: Rate | None           # None: the unit sent no report (or its template lacks the rate)
    target: Decimal | None

    @property
    def value(self) -> Decimal | None:
        return self.rate.value if self.rate is not None else None

    @property
    def below_target(self) -> bool:
        return self.value is not None and self.target is not None and self.value < self.target

    def text(self, language: Language | None = None) -> str:
        """'92,52%', '88,60% ▼' below target, '—' without a value."""
        if self.rate is None or self.rate.value is None:
            return MISSING
        locale = (language or spoken_language()).locale
        shown = format_percent(self.rate.value, self.rate.precision, locale=locale)
        return f"{shown} {BELOW_MARK}" if self.below_target else shown

    def fraction(self, language: Language | None = None) -> str:
        """'1.421/1.428': the numerator and denominator summed or entered; '' without them."""
        if self.rate is None:
            return ""
        return format_fraction(self.rate, locale=(language or spoken_language()).locale)


@dataclass(frozen=True)
class BoardLine:
    """A row of the board: one unit (or the sum of them all) and its main rates by code."""

    unit: Unit
    rates: dict[str, UnitRate]
    has_report: bool
    is_total: bool = False

    def name(self, language: Language | None = None) -> str:
        """The unit's name; the sum row's is the consolidating unit's, said to be a sum."""
        if not self.is_total:
            return self.unit.name
        words = (language or spoken_language()).gettext
        return words(N_("{unit} (tổng các đơn vị)")).format(unit=self.unit.name)

    @property
    def below_codes(self) -> list[str]:
        return [code for code, rate in self.rates.items() if rate.below_target]

    @property
    def below_target(self) -> bool:
        return bool(self.below_codes)


@dataclass(frozen=True)
class UnitBoard:
    unit: Unit                  # the consolidating unit
    period: Period
    columns: list[RateColumn]
    lines: list[BoardLine]      # the subordinate units, in the order of the data file
    total: BoardLine            # the consolidating unit's rates from the sums of the lines

    def column(self, code: str) -> RateColumn:
        return next(c for c in self.columns if c.code == code)

    @property
    def reported(self) -> list[BoardLine]:
        return [line for line in self.lines if line.has_report]


def unit_board(consolidating: Report, template: Template,
               units: Sequence[tuple[Unit, Report | None]],
               template_for: Callable[[str], Template]) -> UnitBoard:
    """The board of `units` (each with its stored report of the period, or None) for the
    report `consolidating` of their superior, made with `template`.

    A unit is held to its own report's target when it set one, else to its superior's (the
    consolidating report's, else the template's default). The total row's rate is
    compute_rate(Σ numerators, Σ denominators) over the units whose rate has both figures.
    """
    codes = main_rate_codes(template)
    columns = [RateColumn(code, template.indicators[code].label,
                          target_of(consolidating, template, code)) for code in codes]
    targets = {c.code: c.target for c in columns}
    lines = []
    for unit, report in units:
        if report is None:
            lines.append(BoardLine(unit, {code: UnitRate(None, targets[code]) for code in codes},
                                   has_report=False))
            continue
        rates = compute_figures(template_for(report.template_ref), report.values,
                                report.precision).rates
        lines.append(BoardLine(unit, {
            code: UnitRate(rates.get(code), report.targets.get(code, targets[code]))
            for code in codes}, has_report=True))
    precision = consolidating.precision
    total_rates = {}
    for code in codes:
        numerators, denominators = [], []
        for line in lines:
            rate = line.rates[code].rate
            if rate is not None and rate.numerator is not None and rate.denominator is not None:
                numerators.append(rate.numerator)
                denominators.append(rate.denominator)
        summed = compute_rate(sum(numerators, Decimal(0)), sum(denominators, Decimal(0)),
                              precision) if numerators else None
        total_rates[code] = UnitRate(summed, targets[code])
    total = BoardLine(consolidating.unit, total_rates, has_report=any(line.has_report for line in lines),
                      is_total=True)
    return UnitBoard(consolidating.unit, consolidating.period, columns, lines, total)


def rate_chart(board: UnitBoard, code: str, lines: Sequence[BoardLine] | None = None, *,
               total: bool = False, language: Language | None = None) -> Chart:
    """The bar chart of one rate: a point per unit (in the order of `lines`, by default the
    board's), with the sum row's last if `total`, the target as the chart's target line. A
    domain/trends.py Chart, whose points are labelled with the units' names, not periods."""
    column = board.column(code)
    label = column.label(language)
    shown = list(board.lines if lines is None else lines) + ([board.total] if total else [])
    points = [Point(line.name(language), line.rates[code].value, line.rates[code].below_target)
              for line in shown]
    targets = [TargetLine(code, label, column.target)] if column.target is not None else []
    return Chart(label, PERCENT, [Series(code, label, points)], targets)
