"""Reports in the data file: lossless storage, single edits, history, status and lock."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from factories import sample_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import Report, ReportStatus, Task, TaskStatus
from cchc_desktop.exchange.json_format import dumps, report_to_dict
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import LockedReportError, OwnUnit, ReportStore


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def test_json_to_sqlite_to_json_loses_nothing(store: ReportStore, sample_path: Path) -> None:
    report = sample_report()
    report_id = store.save_report(report)
    store.database.close()
    reopened = ReportStore(Database.open(store.database.path))
    again = reopened.load_report(report_id)
    assert again == report
    assert dumps(again, template()) == dumps(report, template())
    original = json.loads(sample_path.read_text("utf-8"))
    round_trip = report_to_dict(again, template())
    assert round_trip["values"] == original["values"]
    assert round_trip["texts"] == original["texts"]


def test_values_are_decimals_not_floats(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_value(report_id, "tcc.dtc.giai_ngan", Decimal("0.1"))
    store.set_value(report_id, "tcc.dtc.ke_hoach", Decimal("0.3"))
    values = store.load_report(report_id).values
    assert values["tcc.dtc.giai_ngan"] + values["tcc.dtc.ke_hoach"] == Decimal("0.4")


def test_every_edit_is_in_the_history(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_value(report_id, "cddh.kh.tong", Decimal(70))
    store.set_value(report_id, "cddh.kh.tong", None)
    store.set_text(report_id, "cddh", "Đoạn mới.")
    changes = store.history(report_id, "cddh.kh.tong")
    assert [(c.old, c.new) for c in changes] == [("66", "70"), ("70", None)]
    assert changes[0].user
    assert "cddh.kh.tong" not in store.load_report(report_id).values
    assert store.history(report_id, "cddh")[-1].new == "Đoạn mới."


def test_wrong_values_are_refused(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    with pytest.raises(ReportError, match="không được âm"):
        store.set_value(report_id, "cddh.kh.tong", Decimal(-2))
    with pytest.raises(ReportError, match="không có trong mẫu"):
        store.set_value(report_id, "khong.co", Decimal(2))
    assert store.load_report(report_id).values["cddh.kh.tong"] == 66


def test_submitted_report_is_locked_until_unlocked_with_a_reason(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.set_status(report_id, ReportStatus.FINAL)
    store.set_status(report_id, ReportStatus.SUBMITTED)
    with pytest.raises(LockedReportError):
        store.set_value(report_id, "cddh.kh.tong", Decimal(1))
    with pytest.raises(LockedReportError, match="lý do"):
        store.set_status(report_id, ReportStatus.DRAFT)
    store.set_status(report_id, ReportStatus.DRAFT, reason="Sở Nội vụ yêu cầu sửa số liệu")
    store.set_value(report_id, "cddh.kh.tong", Decimal(1))
    [unlock] = [c for c in store.history(report_id) if c.entity == "status" and c.old == "submitted"]
    assert unlock.reason == "Sở Nội vụ yêu cầu sửa số liệu"


def test_new_report_starts_from_the_unit_settings(store: ReportStore) -> None:
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa",
                                parent="Ủy ban nhân dân tỉnh Đồng Tháp", place="Mỹ An",
                                signer_authority="TM. ỦY BAN NHÂN DÂN", signer_title="CHỦ TỊCH",
                                signer_name="Nguyễn Văn An"))
    report_id = store.create_report(2026, "H1")
    report = store.load_report(report_id)
    assert report.document.place == "Mỹ An" and report.signer.name == "Nguyễn Văn An"
    assert report.document.subject == ("Kết quả thực hiện công tác cải cách hành chính "
                                       "6 tháng đầu năm 2026")
    assert [s.period.key for s in store.list_reports("xa-my-an")] == ["2026-H1"]
    assert store.find_report_id("xa-my-an", 2026, "H1") == report_id


def test_lists_are_replaced_in_order(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.replace_lists(report_id, tasks=[Task("Việc hai", TaskStatus.DONE), Task("Việc một")])
    assert [t.text for t in store.load_report(report_id).tasks] == ["Việc hai", "Việc một"]


def test_subordinate_units_dropped_stay_inactive(store: ReportStore) -> None:
    from cchc_desktop.domain.units import Unit

    store.save_own_unit(OwnUnit("so-noi-vu", "Sở Nội vụ", "tinh"))
    store.set_subordinate_units([Unit("a", "Xã A", "xa"), Unit("b", "Xã B", "xa")])
    store.set_subordinate_units([Unit("b", "Xã B", "xa")])
    assert [u.code for u in store.subordinate_units()] == ["b"]
    assert [u.code for u in store.subordinate_units(include_inactive=True)] == ["a", "b"]


def _carry_over(store: ReportStore, target_id: int, previous: Report, *, include_texts: bool) -> None:
    """The carry-over as the window applies it: planned in the domain, saved by the store."""
    from cchc_desktop.domain.carry_over import plan_carry_over
    from cchc_desktop.imports.previous import PreviousImportPreview, apply_previous_import

    plan = plan_carry_over(template(), store.load_report(target_id), previous=previous,
                           opening=previous)
    preview = PreviousImportPreview(target_id, store.database.path, previous, plan)
    apply_previous_import(store, preview, include_texts=include_texts)


def test_carry_over_is_applied_in_one_save_with_its_reasons(store: ReportStore) -> None:
    from factories import make_report, records

    previous = make_report(records(pending=40, overdue_pending=2) | {"cds.may_tinh.tong": 54},
                           year=2025, kind="Y", texts={"phuong_huong": "1. Việc một.\n2. Việc hai."})
    target_id = store.save_report(make_report({"cds.may_tinh.tong": 50}, year=2026, kind="Q1",
                                              tasks=[Task("Việc của quý")]))
    _carry_over(store, target_id, previous, include_texts=False)
    after = store.load_report(target_id)
    assert after.values["tthc.hs.xa.ky_truoc"] == 42
    assert after.values["cds.may_tinh.tong"] == 54
    assert [t.text for t in after.tasks] == ["Việc của quý", "Việc một.", "Việc hai."]
    assert after.texts == {}
    context = store.context(target_id)
    assert context.previous is not None and context.previous.label == "Năm 2025"
    assert context.previous.values["tthc.hs.xa.dang_giai_quyet"] == 42
    [change] = store.history(target_id, "cds.may_tinh.tong")
    assert (change.old, change.new) == ("50", "54")
    assert change.reason == "Số đầu kỳ, lấy từ báo cáo Năm 2025"
    assert [(c.entity, c.new) for c in store.history(target_id, "carry_over")] == [
        ("carry_over", "Năm 2025")]


def test_a_failing_carry_over_changes_nothing(store: ReportStore, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from factories import make_report, records

    from cchc_desktop.storage import reports
    from cchc_desktop.storage.errors import StorageWriteError

    previous = make_report(records(pending=40) | {"cds.may_tinh.tong": 54}, year=2025, kind="Y",
                           texts={"cddh": "Năm 2025 đã ..."})
    target_id = store.save_report(make_report({"cds.may_tinh.tong": 50}, year=2026, kind="Q1"))
    before = store.load_report(target_id)

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(reports, "replace_comparison", broken)   # the last write of the save
    with pytest.raises(StorageWriteError, match="Không ghi được vào tệp dữ liệu: ổ đĩa đã đầy"):
        _carry_over(store, target_id, previous, include_texts=True)
    assert store.load_report(target_id) == before
    monkeypatch.undo()
    _carry_over(store, target_id, previous, include_texts=True)
    assert store.load_report(target_id).texts == {"cddh": "Năm 2025 đã ..."}


def test_context_takes_comparisons_from_sibling_reports(store: ReportStore) -> None:
    from factories import make_report

    unit_q1 = make_report({"cddh.kh.tong": 60}, year=2026, kind="Q1")
    store.save_report(unit_q1)
    last_year = make_report({"cddh.kh.tong": 50}, year=2025, kind="H1")
    store.save_report(last_year)
    h1_id = store.save_report(make_report({"cddh.kh.tong": 66}, year=2026, kind="H1"))
    context = store.context(h1_id)
    assert context.previous is not None and context.previous.label == "Quý I năm 2026"
    assert context.previous.values["cddh.kh.tong"] == 60
    assert context.last_year is not None and context.last_year.values["cddh.kh.tong"] == 50


def test_a_full_disk_is_a_known_error_and_nothing_is_half_written(store: ReportStore,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from cchc_desktop.storage.errors import StorageWriteError
    from cchc_desktop.storage.models import ChangeRow

    report_id = store.save_report(sample_report())
    before = store.load_report(report_id)
    original_init = ChangeRow.__init__

    def full_disk(self, **kwargs):  # type: ignore[no-untyped-def]
        original_init(self, **kwargs)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(ChangeRow, "__init__", full_disk)
    with pytest.raises(StorageWriteError, match="ổ đĩa đã đầy"):
        store.set_value(report_id, "cddh.kh.tong", Decimal(1))
    monkeypatch.undo()
    assert store.load_report(report_id) == before


def test_a_bug_in_sql_is_not_dressed_up_as_a_known_error(store: ReportStore) -> None:
    import sqlalchemy

    with pytest.raises(sqlalchemy.exc.OperationalError), store.database.session() as session:
        session.execute(sqlalchemy.text("SELECT * FROM khong_co_bang"))


def test_replacing_a_final_report_needs_a_reason_and_keeps_the_old_values(store: ReportStore) -> None:
    from dataclasses import replace as copy_with

    from cchc_desktop.domain.lifecycle import ReportLockedError
    from cchc_desktop.storage.backups import list_backups

    report_id = store.save_report(sample_report())
    store.set_status(report_id, ReportStatus.FINAL)
    smaller = copy_with(sample_report(), values={"cddh.kh.tong": Decimal(1)})
    with pytest.raises(ReportLockedError, match="Mở lại để sửa"):
        store.save_report(smaller)
    assert len(store.load_report(report_id).values) > 50, "nothing replaced"
    store.save_report(smaller, reason="Nhập tệp", reopen_reason="Thay bằng số liệu đã sửa")
    assert store.load_report(report_id).values == {"cddh.kh.tong": Decimal(1)}
    history = store.history(report_id)
    [reopen] = [c for c in history if c.entity == "status" and c.new == "draft"]
    assert (reopen.old, reopen.reason) == ("final", "Thay bằng số liệu đã sửa")
    gone = {c.key: c.old for c in history if c.entity == "value" and c.new is None}
    assert gone["cddh.kh.hoan_thanh"] == "42", "every old value is in the history"
    assert any(b.reason.startswith("Trước khi mở lại báo cáo") for b in list_backups(store.database.path))


def test_a_file_saying_final_over_an_error_is_stored_as_a_draft(store: ReportStore) -> None:
    from dataclasses import replace as copy_with

    wrong = copy_with(sample_report(), status=ReportStatus.FINAL)
    wrong.values["cddh.kh.tong"] = Decimal(99)
    report_id = store.save_report(wrong)
    assert store.load_report(report_id).status is ReportStatus.DRAFT
    [note] = [c for c in store.history(report_id) if c.entity == "status"]
    assert (note.old, note.new) == ("final", "draft")
