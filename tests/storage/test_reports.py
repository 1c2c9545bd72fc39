"""storage/reports.py: reports found, saved whole (every change in the history, nothing outside
the number domain stored), moved along their life after a restore point, and read in context.

Beside tests/storage/test_repository.py, which round-trips the sample report, replaces a final
report with a reopen reason and stores a "final" file with an error as a draft, and
tests/storage/test_comparisons.py (the comparison columns themselves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from factories import make_report

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.lifecycle import ReportLockedError, TransitionError
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.backups import list_backups
from cchc_desktop.storage.repository import OwnUnit, ReportStore

TOTAL, DONE = "cddh.kh.tong", "cddh.kh.hoan_thanh"


def test_reports_are_listed_by_period_and_found_by_unit_year_and_kind(store: ReportStore) -> None:
    h1 = store.save_report(make_report({TOTAL: 20}, kind="H1"))
    q1 = store.save_report(make_report({TOTAL: 10}, kind="Q1"))
    store.save_report(make_report({TOTAL: 7}, kind="H1", year=2025))
    assert [r.period.label for r in store.list_reports()] == [
        "6 tháng năm 2025", "Quý I năm 2026", "6 tháng năm 2026"]
    assert [r.id for r in store.list_reports("xa-thu", 2026)] == [q1, h1]
    assert store.list_reports("xa-khac") == []
    assert store.find_report_id("xa-thu", 2026, "H1") == h1
    assert store.find_report_id("xa-thu", 2026, "Q3") is None
    found = store.find_report("xa-thu", 2025, "H1")
    assert found is not None and found.values == {TOTAL: Decimal(7)}
    with pytest.raises(ReportError, match="Không tìm thấy báo cáo số 99"):
        store.load_report(99)


def test_a_report_starts_from_the_own_unit_and_needs_one(store: ReportStore) -> None:
    with pytest.raises(KnownError, match="Hãy khai báo đơn vị của mình trước khi tạo báo cáo"):
        store.create_report(2026, "Q3")
    assert store.list_reports() == []
    store.save_own_unit(OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", place="Thử",
                                signer_title="CHỦ TỊCH", signer_name="Lê Văn A"))
    report_id = store.create_report(2026, "Q3")
    report = store.load_report(report_id)
    assert report.document.subject == (
        "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026")
    assert (report.document.place, report.document.symbol) == ("Thử", "BC-UBND")
    assert (report.signer.title, report.signer.name) == ("CHỦ TỊCH", "Lê Văn A")
    assert report.status is ReportStatus.DRAFT and report.values == {}
    assert [(c.entity, c.key, c.reason) for c in store.history(report_id)] == [
        ("report", "create", "Tạo báo cáo")]


def test_a_replacement_logs_each_changed_figure_with_its_reason(store: ReportStore) -> None:
    report_id = store.save_report(make_report({TOTAL: 10, DONE: 4}, texts={"cddh": "Cũ."}))
    store.save_report(make_report({TOTAL: 12, DONE: 4}, texts={"cddh": "Mới."}),
                      reason="Nhập tệp Word", value_reasons={TOTAL: "Kế hoạch điều chỉnh"},
                      summary=("import", "bao-cao.docx"))
    lines = [(c.entity, c.key, c.old, c.new, c.reason) for c in store.history(report_id)][1:]
    assert lines == [("import", "import", None, "bao-cao.docx", "Nhập tệp Word"),
                     ("value", TOTAL, "10", "12", "Kế hoạch điều chỉnh"),
                     ("text", "cddh", "Cũ.", "Mới.", "Nhập tệp Word")]


@pytest.mark.parametrize(("change", "message"), [
    ({"values": {TOTAL: Decimal(-3)}}, "cddh.kh.tong: không được âm"),
    ({"values": {"khong.co": Decimal(1)}}, "khong.co: mã không có trong mẫu"),
    ({"targets": {"khong.co": Decimal(1)}}, "mục tiêu khong.co: mã không có trong mẫu"),
    ({"revision": -1}, "lần gửi (revision) -1: "),
    ({"extra_figures": [ExtraFigure("cddh", "x" * 100, "Số xe", "", Decimal(-1))]},
     "số liệu bổ sung " + "x" * 80 + ": "),
])
def test_a_report_outside_the_number_domain_replaces_nothing(
        store: ReportStore, change: dict[str, object], message: str) -> None:
    good = make_report({TOTAL: 10})
    report_id = store.save_report(good)
    with pytest.raises(ReportError) as caught:
        store.save_report(replace(good, **change))  # type: ignore[arg-type]
    assert caught.value.message.startswith(message)
    assert store.load_report(report_id) == good
    assert len(store.history(report_id)) == 1


def test_an_ad_hoc_report_is_saved_beside_a_final_one_of_the_same_year(
        store: ReportStore) -> None:
    # Two ad-hoc reports of one year differ by their dates only: saving the second must not
    # be refused for the first being final, nor reopen it.
    first = replace(make_report({TOTAL: 10}), period=Period(
        2026, PeriodKind.ADHOC, dt.date(2026, 2, 1), dt.date(2026, 2, 28), dt.date(2026, 3, 5)))
    second = replace(make_report({TOTAL: 20}), period=Period(
        2026, PeriodKind.ADHOC, dt.date(2026, 5, 1), dt.date(2026, 5, 31), dt.date(2026, 6, 5)))
    first_id = store.save_report(first)
    store.set_status(first_id, ReportStatus.FINAL)
    second_id = store.save_report(second)
    store.save_report(replace(second, values={TOTAL: Decimal(21)}), reopen_reason="không cần")
    assert second_id != first_id
    assert store.load_report(first_id).status is ReportStatus.FINAL
    assert store.load_report(first_id).values == {TOTAL: Decimal(10)}
    assert store.load_report(second_id).values == {TOTAL: Decimal(21)}
    assert [c.entity for c in store.history(first_id)] == ["report", "status"]


def test_marking_final_makes_a_restore_point_and_errors_block_it(store: ReportStore) -> None:
    wrong = store.save_report(make_report({TOTAL: 10, DONE: 12}))
    with pytest.raises(TransitionError, match=r"^Báo cáo còn 2 lỗi phải sửa trước khi hoàn thành"):
        store.set_status(wrong, ReportStatus.FINAL)
    assert store.load_report(wrong).status is ReportStatus.DRAFT
    assert list_backups(store.database.path) == []
    store.set_value(wrong, DONE, Decimal(10))
    store.set_status(wrong, ReportStatus.FINAL)
    [point] = list_backups(store.database.path)
    assert point.reason == "Trước khi đánh dấu hoàn thành — Quý I năm 2026"
    assert [(c.old, c.new) for c in store.history(wrong) if c.entity == "status"] == [
        ("draft", "final")]


def test_a_report_goes_back_to_draft_only_with_a_reason(store: ReportStore) -> None:
    report_id = store.save_report(make_report({TOTAL: 10}))
    with pytest.raises(TransitionError, match="dự thảo, hoàn thành, đã gửi"):
        store.set_status(report_id, ReportStatus.SUBMITTED)
    store.set_status(report_id, ReportStatus.FINAL)
    with pytest.raises(ReportLockedError, match="cần ghi rõ lý do"):
        store.set_status(report_id, ReportStatus.DRAFT, reason="   ")
    with pytest.raises(ReportLockedError, match=r"^Báo cáo Quý I năm 2026 đã hoàn thành"):
        store.delete_report(report_id)
    assert store.load_report(report_id).status is ReportStatus.FINAL
    store.set_status(report_id, ReportStatus.DRAFT, reason="  Sửa số liệu  ")
    assert store.history(report_id)[-1].reason == "Sửa số liệu"
    assert sorted(b.reason for b in list_backups(store.database.path)) == [
        "Trước khi mở lại báo cáo — Quý I năm 2026",
        "Trước khi đánh dấu hoàn thành — Quý I năm 2026"]
    store.delete_report(report_id)
    assert store.list_reports() == []


def test_the_context_takes_earlier_periods_from_the_file_else_from_kept_columns(
        store: ReportStore) -> None:
    q1 = store.save_report(make_report({TOTAL: 10}, kind="Q1"))
    h1 = store.save_report(make_report({TOTAL: 20}, kind="H1"))
    store.save_report(make_report({TOTAL: 7}, kind="H1", year=2025))
    context = store.context(h1)
    assert context.previous is not None and context.last_year is not None
    assert (context.previous.label, context.previous.values[TOTAL]) == ("Quý I năm 2026", Decimal(10))
    assert (context.last_year.label, context.last_year.values[TOTAL]) == ("6 tháng năm 2025", Decimal(7))
    store.set_comparison(q1, "previous", "Quý IV năm 2025", {TOTAL: Decimal(5)})
    kept = store.context(q1).previous
    assert kept is not None and (kept.label, kept.values[TOTAL]) == ("Quý IV năm 2025", Decimal(5))
    assert store.context(q1).last_year is None
