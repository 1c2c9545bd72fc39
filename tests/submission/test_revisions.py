"""revisions.py on its own, on a real data file: the first package carries the report's revision,
packing the same content again keeps its number, a changed report takes the next number with
one sentence per change since the last package, and the number and a snapshot are kept in the
data file so that a later plan compares with what was really sent."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.manifest import MANIFEST_NAME
from cchc_desktop.submission.revisions import package_from_store, plan_package


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))
    yield store
    store.database.close()


def _final(store: ReportStore, revision: int = 0) -> int:
    report = dataclasses.replace(sample_report(), status=ReportStatus.FINAL, revision=revision)
    return store.save_report(report)


def _revise(store: ReportStore, report_id: int, section: str, text: str) -> None:
    report = store.load_report(report_id)
    report.texts[section] = text
    store.save_report(report, reopen_reason="Sửa theo góp ý của cấp trên")


def _manifest_revision(folder: Path) -> int:
    return int(json.loads((folder / MANIFEST_NAME).read_text("utf-8"))["revision"])


def test_the_first_package_carries_the_reports_revision_and_nothing_changed(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = _final(store, revision=2)
    plan = plan_package(store, report_id)
    assert (plan.revision, plan.previous, plan.changes, plan.unchanged) == (2, None, (), False)
    result, used = package_from_store(store, report_id, tmp_path / "goi")
    assert used is not plan and used.revision == 2
    assert _manifest_revision(result.package.folder) == 2
    [record] = store.packages(report_id)
    assert (record.revision, record.data_sha256, record.name) == (2, plan.data_sha256,
                                                                 result.package.folder.name)


def test_the_same_content_packed_again_keeps_its_number(store: ReportStore, tmp_path: Path) -> None:
    report_id = _final(store)
    package_from_store(store, report_id, tmp_path / "lan-1")
    again = plan_package(store, report_id)
    assert again.unchanged and again.revision == 0 and again.changes == ()
    package_from_store(store, report_id, tmp_path / "lan-2", plan=again)
    assert [p.revision for p in store.packages(report_id)] == [0]


def test_a_changed_report_takes_the_next_number_and_says_what_changed(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = _final(store)
    package_from_store(store, report_id, tmp_path / "lan-1")
    _revise(store, report_id, "uu_diem", "Lãnh đạo xã quan tâm chỉ đạo sát sao, kịp thời.")
    plan = plan_package(store, report_id)
    assert plan.revision == 1 and not plan.unchanged
    assert plan.previous is not None and plan.previous.revision == 0
    assert len(plan.changes) == 1 and "Ưu điểm" in plan.changes[0]
    second, _plan = package_from_store(store, report_id, tmp_path / "lan-2", plan=plan)
    assert _manifest_revision(second.package.folder) == 1
    assert [p.revision for p in store.packages(report_id)] == [0, 1]
    assert store.load_report(report_id).revision == 1


def test_changes_are_counted_from_the_last_package_not_the_first(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = _final(store)
    package_from_store(store, report_id, tmp_path / "lan-1")
    _revise(store, report_id, "uu_diem", "Bản sửa thứ nhất.")
    package_from_store(store, report_id, tmp_path / "lan-2")
    _revise(store, report_id, "han_che", "Bản sửa thứ hai.")
    plan = plan_package(store, report_id)
    assert plan.revision == 2
    assert len(plan.changes) == 1 and "Hạn chế" in plan.changes[0]


def test_going_back_to_an_earlier_content_is_still_a_new_number(
        store: ReportStore, tmp_path: Path) -> None:
    # The superior unit already holds revision 1: sending revision 0's content again must
    # not reuse 0 (a reader would take it for the old file).
    report_id = _final(store)
    original = store.load_report(report_id).texts["uu_diem"]
    package_from_store(store, report_id, tmp_path / "lan-1")
    _revise(store, report_id, "uu_diem", "Nội dung khác.")
    package_from_store(store, report_id, tmp_path / "lan-2")
    _revise(store, report_id, "uu_diem", original)
    plan = plan_package(store, report_id)
    assert plan.revision == 2 and not plan.unchanged
    assert plan.data_sha256 == store.packages(report_id)[0].data_sha256
