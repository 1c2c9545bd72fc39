"""Findings about the report's own header: a document date outside the signing window.

A report is signed after its data cut-off and sent by the deadline. A date before the
cut-off's end means figures counted after the signature; a date after the deadline
means a late report. Both are possible in real life (a report signed early on purpose,
a deadline moved by the superior body), so they are warnings, not errors.
"""

from __future__ import annotations

import datetime as dt

from cchc_desktop.domain.dates import format_vn_date
from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report
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


LATE_MARGIN = dt.timedelta(days=31)


def default_signing_day(period: Period, today: dt.date) -> dt.date:
    """The day the document-date calendar opens on when no date is written yet.

    A report is signed between its cut-off and its deadline, so today when today is
    there (or a little late: a report signed today after the deadline). Before the
    cut-off's end the report cannot be signed yet, and long after the deadline the
    clerk is typing up an old report: then the cut-off's end is the nearer guess.
    """
    if period.end <= today <= period.deadline + LATE_MARGIN:
        return today
    return period.end
