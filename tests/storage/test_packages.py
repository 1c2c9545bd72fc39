"""packages: the packages made of a report and the revision each carries.

A package whose content differs from an earlier one never carries the same revision; the
same content is the same revision again; a revision already used is never reused.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

A, B, C = "a" * 64, "b" * 64, "c" * 64


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def test_the_first_package_carries_the_reports_revision(store: ReportStore) -> None:
    report_id = store.save_report(replace(sample_report(), revision=2))
    plan = store.plan_revision(report_id, A)
    assert (plan.revision, plan.previous, plan.unchanged) == (2, None, False)


def test_the_same_content_is_the_same_revision_again(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 0, A, '{"v": 1}', "xa-0.zip")
    plan = store.plan_revision(report_id, A)
    assert plan.revision == 0 and plan.unchanged
    assert plan.previous is not None and plan.previous.name == "xa-0.zip"


def test_other_content_takes_one_more_than_any_revision_made(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 0, A, "{}", "xa-0.zip")
    plan = store.plan_revision(report_id, B)
    assert (plan.revision, plan.unchanged) == (1, False)
    store.record_package(report_id, 1, B, "{}", "xa-1.zip")
    # back to the first content: still a new revision, never 0 again
    assert store.plan_revision(report_id, A).revision == 2


def test_a_report_revision_above_the_last_package_counts(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 0, A, "{}", "xa-0.zip")
    store.save_report(replace(store.load_report(report_id), revision=5))
    assert store.plan_revision(report_id, B).revision == 6


def test_recording_a_package_makes_its_revision_the_reports_and_logs_it(
        store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 3, A, '{"x": 1}', "xa-3.zip")
    assert store.load_report(report_id).revision == 3
    [package] = store.packages(report_id)
    assert (package.revision, package.data_sha256, package.snapshot, package.name) == (
        3, A, '{"x": 1}', "xa-3.zip")
    assert package.user and package.created_at is not None
    [change] = [c for c in store.history(report_id) if c.entity == "package"]
    assert (change.key, change.old, change.new, change.reason) == ("revision", "0", "3",
                                                                   "xa-3.zip")


def test_packages_are_listed_oldest_revision_first(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    for revision, digest in ((2, C), (0, A), (1, B)):
        store.record_package(report_id, revision, digest, "{}", f"xa-{revision}.zip")
    assert [p.revision for p in store.packages(report_id)] == [0, 1, 2]
    assert store.packages(report_id + 1) == []


def test_a_revision_used_for_other_content_is_refused(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 1, A, "{}", "xa-1.zip")
    with pytest.raises(ReportError, match="Lần gửi 1 đã được đóng gói với nội dung khác"):
        store.record_package(report_id, 1, B, "{}", "xa-1b.zip")
    assert [p.data_sha256 for p in store.packages(report_id)] == [A]


def test_recording_the_same_package_again_changes_nothing(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.record_package(report_id, 1, A, "{}", "xa-1.zip")
    history = len(store.history(report_id))
    store.record_package(report_id, 1, A, "{}", "xa-1-lai.zip")
    assert [p.name for p in store.packages(report_id)] == ["xa-1.zip"]
    assert len(store.history(report_id)) == history


def test_a_submitted_report_still_takes_its_packages_revision(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    with sqlite3.connect(store.database.path) as connection:
        connection.execute("UPDATE reports SET status = 'submitted' WHERE id = ?", (report_id,))
    store.record_package(report_id, 4, A, "{}", "xa-4.zip")
    report = store.load_report(report_id)
    assert (report.revision, report.status) == (4, ReportStatus.SUBMITTED)


def test_a_package_of_a_missing_report_is_refused(store: ReportStore) -> None:
    with pytest.raises(ReportError, match="Không tìm thấy báo cáo số 42"):
        store.record_package(42, 0, A, "{}", "x.zip")
