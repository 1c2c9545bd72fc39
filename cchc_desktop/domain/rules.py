"""Validation: the template's rules applied to a report's figures, giving findings.

Each finding names the figures in a sentence a clerk understands. Besides the
template's rules, the narrative is read for rates quoted with their fraction
("42/66 nhiệm vụ, đạt 63%") and each is checked against the fraction, since that
is where hand-made reports slip most often.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from cchc_desktop.domain.figures import Figures, compute_figures, sum_known
from cchc_desktop.domain.formatting import (
    format_number,
    format_percent,
    format_rate_with_fraction,
)
from cchc_desktop.domain.rates import compute_rate, round_half_up
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Rule, RuleKind, Severity, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.i18n import _

TEXT_RATE_RULE = "van_ban.ty_le_trich_dan"
TEXT_DENOMINATOR_RULE = "van_ban.mau_so_ty_le"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    codes: tuple[str, ...]
    message: str
    section: str = ""
    justified: bool = False   # a warning the clerk explained in a note

    def as_json(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity.value, "codes": list(self.codes),
                "message": self.message, "section": self.section, "justified": self.justified}


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


# "42/66 nhiệm vụ, đạt tỷ lệ 63%", "23.958/ 47.430 đạt 50,5%": a fraction, at most a few
# words, "đạt", optional "tỷ lệ", then a percentage.
_QUOTED_RATE = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(?P<den>\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?P<between>[^/%\n]{0,60}?)\bđạt(?:\s+tỷ\s+lệ)?\s+(?P<pct>\d+(?:,\d+)?)\s*%",
    re.IGNORECASE,
)


def _vi_decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def check_quoted_rates(section_id: str, text: str, precision: int) -> list[Finding]:
    """Rates quoted with their fraction in a narrative text that do not match the fraction.

    The quoted rate is compared at its own number of decimals, so "đạt 24%" for
    22.471/93.459 (24,04%) is accepted and "42/66, đạt 63%" (63,64%) is not.
    """
    findings = []
    for match in _QUOTED_RATE.finditer(text):
        try:
            numerator, denominator = _vi_decimal(match["num"]), _vi_decimal(match["den"])
            quoted = _vi_decimal(match["pct"])
        except InvalidOperation:
            continue
        if denominator == 0:
            continue
        quoted_decimals = len(match["pct"].partition(",")[2])
        exact = compute_rate(numerator, denominator, 6).value
        assert exact is not None
        if round_half_up(exact, quoted_decimals) == quoted:
            continue
        correct = compute_rate(numerator, denominator, precision).value
        excerpt = match.group(0).strip()
        message = _("Văn bản ghi \u201c{excerpt}\u201d nhưng {num}/{den} là {correct}.").format(
            excerpt=excerpt, num=match["num"], den=match["den"],
            correct=format_percent(correct, precision))
        findings.append(Finding(TEXT_RATE_RULE, Severity.WARNING, (), message, section_id))
    return findings


def _denominator_words(template: Template, codes: tuple[str, ...]) -> str:
    """'số hồ sơ đã giải quyết', or 'tổng a và b' for a sum of figures."""
    if len(codes) == 1:
        label = str(template.indicators[codes[0]].label)
        return label[:1].lower() + label[1:]
    return _("tổng {items}").format(items=_join([template.indicators[c].phrase for c in codes]))


def check_quoted_denominators(template: Template, figures: Figures, section_id: str, text: str,
                              precision: int) -> list[Finding]:
    """Rates quoted over the wrong total: the numerator of a rate over another figure.

    "giải quyết đúng hạn 1.421/1.557 hồ sơ" divides by the records received, while the
    on-time rate is taken over the records resolved (1.428): the arithmetic is right and
    the rate is not. A quoted fraction is flagged when its numerator is a rate's numerator
    and its denominator is another figure of the report, not the rate's denominator.
    """
    report_figures = {value for value in figures.values.values() if value is not None}
    findings = []
    for match in _QUOTED_RATE.finditer(text):
        try:
            numerator, denominator = _vi_decimal(match["num"]), _vi_decimal(match["den"])
        except InvalidOperation:
            continue
        if denominator not in report_figures:
            continue
        for indicator in template.rates():
            rate = figures.rates.get(indicator.code)
            if (rate is None or rate.value is None or rate.numerator != numerator
                    or rate.denominator in (None, denominator)):
                continue
            message = _("Văn bản ghi \u201c{excerpt}\u201d nhưng {label} tính trên {denominator} "
                        "({den}): {rate}.").format(
                excerpt=match.group(0).strip(), label=indicator.full_label.lower(),
                denominator=_denominator_words(template, indicator.denominator),
                den=format_number(rate.denominator, 3),
                rate=format_rate_with_fraction(rate))
            findings.append(Finding(TEXT_DENOMINATOR_RULE, Severity.WARNING, (indicator.code,),
                                    message, section_id))
            break
    return findings


def evaluate(template: Template, report: Report, figures: Figures | None = None,
             opening: OpeningReport | None = None) -> list[Finding]:
    """Every finding of the report, errors first, in template order within a severity."""
    figures = figures or compute_figures(template, report.values, report.precision)
    checker = _Checker(template, report, figures, opening)
    findings = [f for rule in template.rules if (f := checker.check(rule)) is not None]
    known_sections = template.section_ids()
    for section_id, text in report.texts.items():
        if section_id in known_sections:
            findings += check_quoted_rates(section_id, text, report.precision)
            findings += check_quoted_denominators(template, figures, section_id, text,
                                                  report.precision)
    from cchc_desktop.domain.header_checks import document_date_findings  # imports Finding
    findings += document_date_findings(report)
    order = {Severity.ERROR: 0, Severity.WARNING: 1}
    return sorted(findings, key=lambda f: order[f.severity])


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
