"""What an entered figure may be: the one check shared by forms and files.

The bounds every number obeys (finite, 15 significant digits...) are those of
domain/number_domain.py; the indicator's kind (domain/field_kinds.py) adds what it asks.
"""

from __future__ import annotations

from decimal import Decimal

from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Severity, Template
from cchc_desktop.i18n import _

UNREADABLE_RULE = "so_lieu.khong_doc_duoc"


def value_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why `value` cannot be stored for `indicator`, in a sentence; None when it can."""
    return indicator.field_kind.problem(indicator, value)


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
