"""Findings about the report's own header: a document date outside the signing window.

A report is signed after its data cut-off and sent by the deadline. A date before the
cut-off's end means figures counted after the signature; a date after the deadline
means a late report. Both are possible in real life (a report signed early on purpose,
a deadline moved by the superior body), so they are warnings, not errors.
"""

from __future__ import annotations

from cchc_desktop.domain.dates import format_vn_date
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Severity
from cchc_desktop.i18n import _

HEADER_SECTION = "header"   # the key of the header page in the window
DATE_BEFORE_CUT_OFF_RULE = "van_ban.ngay_truoc_chot_so_lieu"
DATE_AFTER_DEADLINE_RULE = "van_ban.ngay_sau_han_gui"


def document_date_findings(report: Report) -> list[Finding]:
    """Warnings for a document date before the data cut-off's end or after the deadline."""
    day, period = report.document.date, report.period
    if day is None:
        return []
    if day < period.end:
        message = _("Ngày ban hành {date} trước ngày chốt số liệu {end}: số liệu đến ngày {end} "
                    "chưa thể có khi ký báo cáo.").format(date=format_vn_date(day),
                                                          end=format_vn_date(period.end))
        return [Finding(DATE_BEFORE_CUT_OFF_RULE, Severity.WARNING, (), message, HEADER_SECTION)]
    if day > period.deadline:
        message = _("Ngày ban hành {date} sau hạn gửi báo cáo {deadline}.").format(
            date=format_vn_date(day), deadline=format_vn_date(period.deadline))
        return [Finding(DATE_AFTER_DEADLINE_RULE, Severity.WARNING, (), message, HEADER_SECTION)]
    return []
