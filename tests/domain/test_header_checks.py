"""The document date against the period: before the cut-off's end or after the deadline warns."""

from __future__ import annotations

import datetime as dt

import pytest
from factories import make_report, template

from cchc_desktop.domain.header_checks import (
    DATE_AFTER_DEADLINE_RULE,
    DATE_BEFORE_CUT_OFF_RULE,
    HEADER_SECTION,
    default_signing_day,
    document_date_findings,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.domain.rules import evaluate
from cchc_desktop.domain.template import Severity

D = dt.date
Q3 = Period.default(2026, "Q3")   # 15/06 - 14/09/2026, deadline 20/09/2026


@pytest.mark.parametrize(("day", "rule"), [
    (None, None),
    (D(2026, 9, 14), None),                       # signed on the cut-off's last day
    (D(2026, 9, 15), None),
    (D(2026, 9, 20), None),                       # on the deadline
    (D(2026, 9, 13), DATE_BEFORE_CUT_OFF_RULE),
    (D(2026, 6, 1), DATE_BEFORE_CUT_OFF_RULE),
    (D(2026, 9, 21), DATE_AFTER_DEADLINE_RULE),
    (D(2026, 9, 25), DATE_AFTER_DEADLINE_RULE),   # the 25/09/2026
])
def test_document_date_window(day: dt.date | None, rule: str | None) -> None:
    report = make_report(kind="Q3", document=DocumentInfo(date=day))
    findings = document_date_findings(report)
    assert [f.rule for f in findings] == ([rule] if rule else [])
    for finding in findings:
        assert finding.severity is Severity.WARNING and finding.section == HEADER_SECTION


def test_messages_name_both_dates() -> None:
    early = document_date_findings(make_report(kind="Q3", document=DocumentInfo(date=D(2026, 9, 1))))
    assert early[0].message.startswith("Ngày ban hành 01/09/2026 trước ngày chốt số liệu 14/09/2026")
    late = document_date_findings(make_report(kind="Q3", document=DocumentInfo(date=D(2026, 9, 25))))
    assert late[0].message == "Ngày ban hành 25/09/2026 sau hạn gửi báo cáo 20/09/2026."


def test_evaluate_includes_the_date_warning() -> None:
    report = make_report(kind="Q3", document=DocumentInfo(date=D(2026, 9, 25)))
    assert DATE_AFTER_DEADLINE_RULE in {f.rule for f in evaluate(template(), report)}


@pytest.mark.parametrize(("today", "opens_on"), [
    (D(2026, 9, 16), D(2026, 9, 16)),   # between the cut-off and the deadline: today
    (D(2026, 9, 14), D(2026, 9, 14)),
    (D(2026, 9, 25), D(2026, 9, 25)),   # a little late: still today
    (D(2026, 9, 1), D(2026, 9, 14)),    # before the cut-off's end: the end
    (D(2027, 3, 1), D(2026, 9, 14)),    # typing up an old report: the end
])
def test_calendar_default(today: dt.date, opens_on: dt.date) -> None:
    assert default_signing_day(Q3, today) == opens_on
