"""The report's life, for every writer: which status may follow which, and with what."""

from __future__ import annotations

import pytest
from factories import make_report, template

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.lifecycle import (
    ReportLockedError,
    TransitionError,
    check_editable,
    check_transition,
    readiness,
    status_for_stored,
)
from cchc_desktop.domain.report import ReportStatus

D, F, S = ReportStatus.DRAFT, ReportStatus.FINAL, ReportStatus.SUBMITTED
PLAN = {"cddh.kh.tong": 66, "cddh.kh.hoan_thanh": 42, "cddh.kh.dang_thuc_hien": 20,
        "cddh.kh.chua_thuc_hien": 4}


@pytest.mark.parametrize(("old", "new", "reason", "allowed"), [
    (D, F, "", True), (F, S, "", True), (F, D, "Sửa số liệu", True), (S, D, "Sở yêu cầu", True),
    (D, S, "", False), (S, F, "", False), (F, D, "", False), (S, D, "  ", False),
])
def test_the_order_of_the_statuses(old, new, reason, allowed) -> None:  # type: ignore[no-untyped-def]
    if allowed:
        check_transition(old, new, reason=reason)
    else:
        with pytest.raises((TransitionError, ReportLockedError)):
            check_transition(old, new, reason=reason)


def test_an_error_blocks_final_and_submitted_but_not_reopening() -> None:
    report = make_report(PLAN | {"cddh.kh.tong": 70})
    findings = build_context(report, template()).findings
    with pytest.raises(TransitionError, match="còn 1 lỗi"):
        check_transition(D, F, findings=findings)
    check_transition(F, D, reason="Sửa lỗi", findings=findings)
    assert status_for_stored(F, findings) is D
    assert status_for_stored(F, build_context(make_report(PLAN), template()).findings) is F


def test_only_a_draft_takes_changes() -> None:
    check_editable(D)
    for status in (F, S):
        with pytest.raises(ReportLockedError, match="Mở lại để sửa"):
            check_editable(status, "Quý I năm 2026")


def test_readiness_lists_empty_sections_figures_and_unexplained_warnings() -> None:
    report = make_report(PLAN | {"cddh.kiem_tra.ke_hoach": 3, "cddh.kiem_tra.da_kiem_tra": 5},
                         texts={"cddh": "Đã ban hành Kế hoạch CCHC năm 2026."})
    ready = readiness(template(), report, build_context(report, template()).findings)
    assert not ready.blocked and not ready.complete
    assert not any(title.startswith("I. ") for title in ready.sections_without_text)
    assert "II.1. Cải cách thể chế" in ready.sections_without_text
    assert "Số văn bản QPPL đã ban hành" in ready.empty_indicators
    assert "Tổng số nhiệm vụ trong kế hoạch CCHC năm" not in ready.empty_indicators
    # Commune report: the district's rows of per-level tables are not asked for.
    assert not any("cấp huyện" in label for label in ready.empty_indicators)
    assert [f.rule for f in ready.unjustified_warnings] == ["cddh.kiem_tra.khong_vuot_ke_hoach"]
    report.notes["cddh.kiem_tra.da_kiem_tra"] = "Kiểm tra đột xuất 2 đơn vị."
    again = readiness(template(), report, build_context(report, template()).findings)
    assert again.unjustified_warnings == ()
