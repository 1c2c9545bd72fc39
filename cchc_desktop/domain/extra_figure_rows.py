"""The extra figures of a report as the documents print them: each with its value (a rate
computed from its two figures) and that value written in the document's locale.

A figure without a value (carried over and not entered yet, or a rate of a missing or zero
figure) is not printed: an empty "Số tài khoản thư điện tử:" line says nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.extra_figures import ExtraFigure, rate_value
from cchc_desktop.domain.formatting import format_number, format_percent
from cchc_desktop.domain.report import Report

# A figure a unit types may have more places than the template's precision (its own
# figures have no declared decimals): three keep what it typed, trailing zeros dropped.
ENTERED_DECIMALS = 3
RATE_DECIMALS = 2


@dataclass(frozen=True)
class ExtraRow:
    figure: ExtraFigure
    value: Decimal

    @property
    def is_rate(self) -> bool:
        return self.figure.is_rate

    def value_text(self, locale: str) -> str:
        """'92,52%' for a rate, '1.234,5' for a figure (its unit apart)."""
        if self.is_rate:
            return format_percent(self.value, RATE_DECIMALS, locale=locale)
        return format_number(self.value, ENTERED_DECIMALS, locale=locale)

    def line(self, locale: str) -> str:
        """'Số tài khoản thư điện tử công vụ đã cấp: 1.234 tài khoản', 'Tỷ lệ ...: 92,52%'."""
        unit = "" if self.is_rate else self.figure.unit.strip()
        text = self.value_text(locale)
        return f"{self.figure.label.strip()}: {text} {unit}".rstrip()


def extra_rows(report: Report, section_id: str | None = None) -> list[ExtraRow]:
    """The report's extra figures that have a value, in the report's order; of one section
    when `section_id` is given."""
    rows = []
    for figure in report.extra_figures:
        if section_id is not None and figure.section_id != section_id:
            continue
        value = rate_value(figure, report.extra_figures)
        if value is not None:
            rows.append(ExtraRow(figure, value))
    return rows
