"""A list saved as the difference from what the data file holds (storage/list_rows.py): the
file ends up holding exactly the list, in order, whatever the edit was, and writes only the
rows that changed."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.domain.report import IssuedDocument, Proposal, Task, TaskOrigin, TaskStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    return ReportStore(Database.open(data_file))


def _documents(count: int) -> list[IssuedDocument]:
    return [IssuedDocument(f"{n}/KH-UBND", dt.date(2026, 1, 1 + n % 28), f"Kế hoạch số {n}", "cddh")
            for n in range(count)]


def _stored(path: Path, table: str, report_id: int) -> list[tuple[object, ...]]:
    """(id, position) of the list's rows as SQLite holds them, by position."""
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT id, position FROM {table} WHERE report_id = ? "
                                  "ORDER BY position", (report_id,)).fetchall()


def test_every_kind_of_edit_leaves_exactly_the_list(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    documents = _documents(8)
    store.replace_lists(report_id, documents=documents)
    edits = [
        [*documents[:3], IssuedDocument("3/QĐ-UBND", None, "Sửa trích yếu", ""), *documents[4:]],
        documents[:2] + documents[3:],          # a row removed in the middle
        documents + _documents(3),              # rows added at the end
        documents[5:],                          # rows removed at the front
        list(reversed(documents)),              # every row moved
        [],                                     # emptied
        documents[:1],
    ]
    for edited in edits:
        store.replace_lists(report_id, documents=edited)
        assert store.load_report(report_id).documents == edited
        positions = [position for _id, position in _stored(store.database.path, "report_documents",
                                                            report_id)]
        assert positions == list(range(len(edited)))


def test_one_cell_edited_rewrites_one_row(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    tasks = [Task(f"Nhiệm vụ {n}", TaskStatus.IN_PROGRESS, TaskOrigin.PLAN) for n in range(300)]
    store.replace_lists(report_id, tasks=tasks)
    before = _stored(store.database.path, "report_tasks", report_id)
    tasks[137] = Task("Nhiệm vụ 137 (đã sửa)", TaskStatus.DONE, TaskOrigin.PLAN)
    store.replace_lists(report_id, tasks=tasks)
    # The same rows (ids) stay: nothing was deleted and inserted again.
    assert _stored(store.database.path, "report_tasks", report_id) == before
    assert store.load_report(report_id).tasks == tasks


def test_each_list_keeps_its_history_line(store: ReportStore) -> None:
    report_id = store.save_report(sample_report())
    store.replace_lists(report_id, proposals=[Proposal("Phòng Nội vụ", "Sở Nội vụ", "Tập huấn")],
                        tasks=[Task("Việc một")])
    changes = [(c.entity, c.new) for c in store.history(report_id)][-2:]
    assert changes == [("tasks", "1"), ("proposals", "1")]
    assert store.load_report(report_id).proposals == [Proposal("Phòng Nội vụ", "Sở Nội vụ", "Tập huấn")]
