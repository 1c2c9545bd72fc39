"""Everything a view of one report needs at once: figures, findings and comparison columns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.evidence_items import EvidenceItem
from cchc_desktop.domain.figures import Figures, compute_figures
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rules import Finding, OpeningReport, evaluate
from cchc_desktop.domain.template import Template


@dataclass(frozen=True)
class ComparisonColumn:
    """Figures of another report shown beside this one (previous period, same period last year)."""

    label: str                                  # 'Quý I năm 2026'
    values: Mapping[str, Decimal | None]        # entered and derived, by code


@dataclass(frozen=True)
class ReportContext:
    report: Report
    template: Template
    figures: Figures
    findings: list[Finding]
    previous: ComparisonColumn | None = None
    last_year: ComparisonColumn | None = None
    opening: OpeningReport | None = field(default=None)
    opening_period: Period | None = None       # to word the opening's label in a document's language
    # The documents the report's figures and tasks rest on (domain/evidence_items.py), with
    # their files: what the PDF annex lists and the submission package carries.
    evidence: tuple[EvidenceItem, ...] = ()


def build_context(report: Report, template: Template, *,
                  previous: Report | None = None, last_year: Report | None = None,
                  opening: Report | None = None) -> ReportContext:
    """Compute the figures and findings of `report`, and of the reports it is compared with."""
    figures = compute_figures(template, report.values, report.precision)

    def column(other: Report | None) -> ComparisonColumn | None:
        if other is None:
            return None
        values = compute_figures(template, other.values, report.precision).values
        return ComparisonColumn(other.period.label, values)

    opening_view = None
    if opening is not None:
        opening_values = compute_figures(template, opening.values, report.precision).values
        opening_view = OpeningReport(opening.period.label, opening_values)
    findings = evaluate(template, report, figures, opening_view)
    return ReportContext(report, template, figures, findings, column(previous), column(last_year),
                         opening_view, opening.period if opening is not None else None)
