"""Validation: the template's rules applied to a report's figures, giving findings.

Each finding names the figures in a sentence a clerk understands. Besides the
template's rules, a rate the template declares a share of its base ("share: true")
is an error above 100%, and the narrative is audited for the rates it quotes
(narrative_audit.py), since that is where hand-made reports slip most often.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.figures import Figures, compute_figures, sum_known
from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.formatting import (
    format_number,
    format_percent,
    format_rate_with_fraction,
)
from cchc_desktop.domain.header_checks import document_date_findings
from cchc_desktop.domain.narrative_audit import (
    TEXT_DENOMINATOR_RULE,
    TEXT_INDICATOR_RULE,
    TEXT_RATE_RULE,
    audit_report,
)
from cchc_desktop.domain.rates import HUNDRED
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Rule, RuleKind, Severity, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.domain.values import unreadable_findings
from cchc_desktop.i18n import _

SHARE_RULE = "ty_le.vuot_100"

__all__ = ["SHARE_RULE", "TEXT_DENOMINATOR_RULE", "TEXT_INDICATOR_RULE", "TEXT_RATE_RULE",
           "Finding", "OpeningReport", "evaluate", "has_errors", "share_overflow"]


@dataclass(frozen=True)
class OpeningReport:
    """The report whose closing stocks open this one, for the carry-over rules."""

    label: str
    values: Mapping[str, Decimal | None]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return _("{items} và {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])


class _Checker:
    def __init__(self, template: Template, report: Report, figures: Figures,
                 opening: OpeningReport | None) -> None:
        self.template = template
        self.report = report
        self.figures = figures
        self.opening = opening

    def indicator(self, code: str) -> Indicator:
        return self.template.indicators[code]

    def number(self, code_or_value: str | Decimal | None, like: str | None = None) -> str:
        value = self.figures.get(code_or_value) if isinstance(code_or_value, str) else code_or_value
        decimals = self.indicator(like).decimals if like else 3
        return format_number(value, decimals)

    def phrase(self, codes: Sequence[str]) -> str:
        phrases = [self.indicator(code).phrase for code in codes]
        if len(phrases) == 1:
            return phrases[0]
        return _("tổng {items}").format(items=_join(phrases))

    def prefix(self, rule: Rule) -> str:
        if not rule.level:
            return ""
        return _("{level}: ").format(level=level_catalogue().label(rule.level))

    def finding(self, rule: Rule, message: str) -> Finding:
        if rule.hint.vi:
            message = f"{message} {rule.hint}"
        section = self.indicator(rule.codes[0]).section_id if rule.codes else ""
        justified = rule.severity is Severity.WARNING and any(
            self.report.notes.get(code, "").strip() for code in rule.codes)
        return Finding(rule.id, rule.severity, rule.codes, message, section, justified)

    def check(self, rule: Rule) -> Finding | None:
        handler = {RuleKind.SUM: self.check_sum, RuleKind.LE: self.check_le,
                   RuleKind.CARRY_OVER: self.check_carry_over, RuleKind.TARGET: self.check_target}
        return handler[rule.kind](rule)

    def check_sum(self, rule: Rule) -> Finding | None:
        total = self.figures.get(rule.total)
        parts = sum_known(self.figures.values, rule.parts)
        if total is None or parts is None or total == parts:
            return None
        label = str(self.indicator(rule.total).label)
        message = _("{prefix}{total_label} ({total}) khác tổng {parts_label} ({parts}): "
                    "chênh lệch {diff}.").format(
            prefix=self.prefix(rule), total_label=label, total=self.number(total, rule.total),
            parts_label=_join([self.indicator(c).phrase for c in rule.parts]),
            parts=self.number(parts, rule.parts[0]),
            diff=self.number(abs(total - parts), rule.total))
        return self.finding(rule, message)

    def check_le(self, rule: Rule) -> Finding | None:
        left = sum_known(self.figures.values, rule.left)
        right = sum_known(self.figures.values, rule.right)
        if left is None or right is None or left <= right:
            return None
        message = _("{prefix}{left_label} ({left}) lớn hơn {right_label} ({right}): "
                    "vượt {diff}.").format(
            prefix=self.prefix(rule), left_label=_sentence(self.phrase(rule.left)),
            left=self.number(left, rule.left[0]), right_label=self.phrase(rule.right),
            right=self.number(right, rule.right[0]), diff=self.number(left - right, rule.left[0]))
        return self.finding(rule, message)

    def check_carry_over(self, rule: Rule) -> Finding | None:
        if self.opening is None:
            return None
        value = self.figures.get(rule.total)
        previous = sum_known(self.opening.values, rule.previous)
        if value is None or previous is None or value == previous:
            return None
        message = _("{prefix}{label} ({value}) khác {previous_label} của báo cáo {report} "
                    "({previous}): chênh lệch {diff}.").format(
            prefix=self.prefix(rule), label=str(self.indicator(rule.total).label),
            value=self.number(value, rule.total), previous_label=self.phrase(rule.previous),
            report=self.opening.label, previous=self.number(previous, rule.total),
            diff=self.number(abs(value - previous), rule.total))
        return self.finding(rule, message)

    def check_target(self, rule: Rule) -> Finding | None:
        value = self.figures.get(rule.total)
        target = self.report.targets.get(rule.total, rule.minimum)
        if value is None or target is None or value >= target:
            return None
        message = _("{prefix}{label} ({value}) thấp hơn mục tiêu {target}.").format(
            prefix=self.prefix(rule), label=str(self.indicator(rule.total).label),
            value=format_percent(value, self.report.precision),
            target=format_percent(target, self.report.precision))
        return self.finding(rule, message)

    def share_overflows(self) -> list[Finding]:
        """Shares of their base above 100%: 102 of 50 procedures kept cannot be."""
        findings = []
        for indicator in self.template.rates():
            rate = self.figures.rates.get(indicator.code)
            if rate is None or not share_overflow(indicator, rate.value):
                continue
            unit = next((str(self.indicator(c).unit) for c in indicator.denominator
                         if self.indicator(c).unit.vi), "")
            message = _("{label} {rate}: tỷ lệ là phần của tổng nên không thể vượt 100%; "
                        "kiểm tra lại số liệu.").format(
                label=indicator.full_label, rate=format_rate_with_fraction(rate, unit))
            codes = tuple(dict.fromkeys((indicator.code, *indicator.numerator,
                                         *indicator.denominator)))
            findings.append(Finding(SHARE_RULE, Severity.ERROR, codes, message,
                                    indicator.section_id))
        return findings


def share_overflow(indicator: Indicator, value: Decimal | None) -> bool:
    """A rate declared a share of its base (template 'share: true') above 100%."""
    return indicator.share and value is not None and value > HUNDRED


def evaluate(template: Template, report: Report, figures: Figures | None = None,
             opening: OpeningReport | None = None) -> list[Finding]:
    """Every finding of the report, errors first, in template order within a severity."""
    figures = figures or compute_figures(template, report.values, report.precision)
    checker = _Checker(template, report, figures, opening)
    findings = [f for rule in template.rules if (f := checker.check(rule)) is not None]
    findings += checker.share_overflows()
    findings += audit_report(template, report, figures)
    findings += document_date_findings(report)
    findings += unreadable_findings(template, report)
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(findings, key=lambda f: order[f.severity])


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
