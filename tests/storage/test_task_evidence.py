"""A task's documents follow the task when the checklist is edited or replaced
(storage/task_evidence.py), on a real data file: never left proving another task."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from factories import make_report
from reportlab.pdfgen import canvas

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.evidence import EvidenceMeta, TargetKind
from cchc_desktop.domain.report import Task
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.task_evidence import new_positions

CONTEXT = "report:2026-Q1"
TASKS = ["Rà soát thủ tục hành chính", "Số hóa hồ sơ", "Kiện toàn bộ phận một cửa"]


def _linked(tmp_path: Path, position: int) -> tuple[ReportStore, int, str]:
    """A report of three tasks, a plan attached to task `position` (1-based)."""
    store = ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))
    report = make_report(tasks=[Task(t) for t in TASKS])
    report_id = store.save_report(report)
    pdf = canvas.Canvas(str(tmp_path / "ke-hoach.pdf"))
    pdf.drawString(72, 720, "Kế hoạch")
    pdf.save()
    store.add_evidence_for(report.unit.code, EvidenceMeta("Kế hoạch số hóa"),
                           tmp_path / "ke-hoach.pdf", CONTEXT, TargetKind.TASK, str(position))
    return store, report_id, report.unit.code


def _proved(store: ReportStore, unit: str, report_id: int) -> list[str]:
    """The texts of the tasks that have a document."""
    tasks = store.load_report(report_id).tasks
    return [tasks[int(a.link.key) - 1].text for a in store.evidence_of(unit, CONTEXT)]


def test_a_row_removed_above_a_linked_task_moves_its_document_with_it(tmp_path: Path) -> None:
    store, report_id, unit = _linked(tmp_path, 2)
    store.replace_lists(report_id, tasks=[Task(TASKS[1]), Task(TASKS[2])])
    assert _proved(store, unit, report_id) == ["Số hóa hồ sơ"]
    store.replace_lists(report_id, tasks=[Task("Việc mới"), Task(TASKS[1]), Task(TASKS[2])])
    assert _proved(store, unit, report_id) == ["Số hóa hồ sơ"]


def test_a_linked_task_edited_in_place_keeps_its_document(tmp_path: Path) -> None:
    store, report_id, unit = _linked(tmp_path, 2)
    store.replace_lists(report_id, tasks=[Task(TASKS[0]), Task("Số hóa hồ sơ, kết quả"),
                                          Task(TASKS[2])])
    assert _proved(store, unit, report_id) == ["Số hóa hồ sơ, kết quả"]


def test_removing_a_linked_task_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    store, report_id, unit = _linked(tmp_path, 2)
    with pytest.raises(ReportError, match=r"Số hóa hồ sơ.*có tài liệu kiểm chứng"):
        store.replace_lists(report_id, tasks=[Task(TASKS[0]), Task(TASKS[2])])
    assert [t.text for t in store.load_report(report_id).tasks] == TASKS
    assert _proved(store, unit, report_id) == ["Số hóa hồ sơ"]


def test_a_report_replaced_by_an_import_keeps_each_document_on_its_task(tmp_path: Path) -> None:
    store, report_id, unit = _linked(tmp_path, 3)
    reordered = replace(store.load_report(report_id),
                        tasks=[Task(TASKS[2]), Task(TASKS[0]), Task(TASKS[1])])
    store.save_report(reordered)
    assert _proved(store, unit, report_id) == ["Kiện toàn bộ phận một cửa"]
    without = replace(reordered, tasks=[Task(TASKS[0])])
    with pytest.raises(ReportError, match="Kiện toàn bộ phận một cửa"):
        store.save_report(without)
    assert len(store.load_report(report_id).tasks) == 3


def test_tasks_are_matched_by_text_then_by_place() -> None:
    assert new_positions(["a", "b", "c"], ["b", "c"]) == {1: 0, 2: 1}
    assert new_positions(["a", "b", "c"], ["a", "B", "c"]) == {0: 0, 1: 1, 2: 2}
    assert new_positions(["a", "b"], ["b", "a"]) == {0: 1, 1: 0}
    assert new_positions(["a", "b", "c"], ["c", "a", "b"]) == {0: 1, 1: 2, 2: 0}
    assert 1 not in new_positions(["a", "b", "c"], ["a", "x", "y", "c"])
