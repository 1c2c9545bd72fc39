"""Validation: the template's rules applied to a report's figures, giving findings.

Each rule kind checks itself (domain/template_rules.py); each finding names the figures
involved, written as a sentence a clerk understands where it is shown (findings.py).
Besides the template's rules, a rate the template declares a share of its base
("share: true") is an error above 100%, and the narrative is audited for the rates it
quotes (narrative_audit.py), since that is where hand-made reports slip most often.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from cchc_desktop.domain.field_kinds import share_overflow
from cchc_desktop.domain.figures import Figures, compute_figures
from cchc_desktop.domain.findings import Amount, Finding, Name, Severity, Wording
from cchc_desktop.domain.header_checks import document_date_findings
from cchc_desktop.domain.narrative_audit import (
    TEXT_DENOMINATOR_RULE,
    TEXT_INDICATOR_RULE,
    TEXT_RATE_RULE,
    audit_report,
)
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Template
from cchc_desktop.domain.template_rules import OpeningReport, RuleFacts
from cchc_desktop.domain.values import unreadable_findings
from cchc_desktop.i18n import N_

SHARE_RULE = "ty_le.vuot_100"

__all__ = ["SHARE_RULE", "TEXT_DENOMINATOR_RULE", "TEXT_INDICATOR_RULE", "TEXT_RATE_RULE",
           "Finding", "OpeningReport", "evaluate", "has_errors", "share_overflow"]


def share_overflows(template: Template, figures: Figures) -> list[Finding]:
    """Shares of their base above 100%: 102 of 50 procedures kept cannot be."""
    findings = []
    for indicator in template.rates():
        rate = figures.rates.get(indicator.code)
        if rate is None or not share_overflow(indicator, rate.value):
            continue
        codes = tuple(dict.fromkeys((indicator.code, *indicator.numerator, *indicator.denominator)))
        # The fraction is written with the kind's phrase when shown (the unit of the base).
        fraction = Amount("numerator", rate.numerator, indicator.numerator, 3)
        base = Amount("denominator", rate.denominator, indicator.denominator, 3)
        value = Amount("value", rate.value, (indicator.code,), rate.precision, percent=True)
        wording = Wording(N_("{label} {rate}: tỷ lệ là phần của tổng nên không thể vượt 100%; "
                             "kiểm tra lại số liệu."),
                          (("label", Name(indicator, "full_label")),
                           ("rate", Wording(N_("{fraction}, đạt {percent}"), (
                               ("fraction", Wording("{numerator}/{denominator}{unit}", (
                                   ("numerator", fraction), ("denominator", base),
                                   ("unit", _unit(template, indicator))))),
                               ("percent", value))))))
        findings.append(Finding(SHARE_RULE, Severity.ERROR, codes, wording, indicator.section_id,
                                kind="share", figures=(value, fraction, base)))
    return findings


def _unit(template: Template, indicator: Indicator) -> Wording | str:
    """' hồ sơ': the unit of the rate's base (as field_kinds.rate_unit), written when shown."""
    counted = next((template.indicators[c] for c in indicator.denominator
                    if template.indicators[c].unit.vi), None)
    return Wording(" {unit}", (("unit", Name(counted, "unit")),)) if counted else ""


def evaluate(template: Template, report: Report, figures: Figures | None = None,
             opening: OpeningReport | None = None) -> list[Finding]:
    """Every finding of the report, errors first, in template order within a severity."""
    figures = figures or compute_figures(template, report.values, report.precision)
    facts = RuleFacts(template, report, figures, opening)
    findings = [f for rule in template.rules if (f := rule.check(facts)) is not None]
    findings += share_overflows(template, figures)
    findings += audit_report(template, report, figures)
    findings += document_date_findings(report)
    findings += unreadable_findings(template, report)
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted((noted(f, report.notes) for f in findings), key=lambda f: order[f.severity])


def noted(finding: Finding, notes: Mapping[str, str]) -> Finding:
    """A warning with a note on a figure it names is justified, whichever check made it: the
    template's rules say so themselves, the narrative's audit did not (its warning kept its
    icon and stayed "unjustified" when marking final, though the annex printed its note)."""
    if finding.severity is Severity.WARNING and not finding.justified \
            and any(notes.get(code, "").strip() for code in finding.codes):
        return replace(finding, justified=True)
    return finding


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
