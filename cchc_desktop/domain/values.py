"""What an entered figure may be, by indicator kind: the one check shared by forms and files.

The bounds every number obeys (finite, 15 significant digits...) are those of
domain/number_domain.py; this adds what the indicator's kind asks.
"""

from __future__ import annotations

from decimal import Decimal

from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.number_domain import number_problem
from cchc_desktop.domain.rates import round_half_up
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, IndicatorKind, Severity, Template
from cchc_desktop.i18n import _

HUNDRED = Decimal(100)
UNREADABLE_RULE = "so_lieu.khong_doc_duoc"


def value_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why `value` cannot be stored for `indicator`, in a sentence; None when it can."""
    if indicator.derived:
        return _("là chỉ tiêu tính tự động, không nhập")
    # The bounds first: nothing below may round or compare a value of unchecked size.
    problem = number_problem(value)
    if problem:
        return problem
    if value < 0:
        return _("không được âm")
    if indicator.kind is IndicatorKind.COUNT and value != value.to_integral_value():
        return _("phải là số nguyên")
    if value != round_half_up(value, indicator.decimals):
        return _("có quá {n} chữ số thập phân").format(n=indicator.decimals)
    if indicator.kind is IndicatorKind.PERCENT and value > HUNDRED:
        return _("là tỷ lệ phần trăm nên không vượt quá 100")
    return None


def unreadable_findings(template: Template, report: Report) -> list[Finding]:
    """An error for each stored figure, target or revision the app could not use."""
    findings = []
    for field in report.unreadable:
        indicator = template.indicators.get(field.code)
        if field.kind == "revision":
            what = _("Lần gửi (revision)")
        elif field.kind == "target":
            what = _("Mục tiêu của {label} ({code})").format(
                label=indicator.label if indicator else field.code, code=field.code)
        else:
            what = _("{label} ({code})").format(
                label=indicator.label if indicator else field.code, code=field.code)
        message = _("{what}: giá trị lưu trong tệp dữ liệu '{stored}' {reason}; không dùng giá trị "
                    "này, hãy nhập lại.").format(what=what, stored=field.stored, reason=field.reason)
        findings.append(Finding(UNREADABLE_RULE, Severity.ERROR,
                                (field.code,) if field.code else (), message,
                                indicator.section_id if indicator else ""))
    return findings
