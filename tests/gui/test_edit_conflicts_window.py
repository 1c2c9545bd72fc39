"""The window when another clerk wrote a figure first: both values and who, the clerk's
choice written (or not), nothing lost either way (gui/conflict_prompt.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cchc_desktop.domain.report import Task
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.helpers import field, fill, type_into, type_text, wait_saved

CODE = "cddh.kh.tong"


def _other_clerk_writes(db_path: Path, report_id: int, value: int) -> None:
    database = Database.open(db_path)
    try:
        other = ReportStore(database)
        seen = other.load_report(report_id).values.get(CODE)
        other.set_value(report_id, CODE, Decimal(value), expected=seen)
    finally:
        database.close()


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_figure_another_clerk_wrote_first_is_settled_by_the_clerk(
        qtbot, window, new_report, store, db_path, keep_mine) -> None:  # type: ignore[no-untyped-def]
    typed = field(window, CODE)
    type_into(qtbot, typed, "60")
    wait_saved(qtbot, window)
    _other_clerk_writes(db_path, new_report.report_id, 70)
    asked: list[EditConflict] = []

    def choose(_parent, conflict):  # type: ignore[no-untyped-def]
        asked.append(conflict)
        # While the clerk decides, the edit is not saved and the window does not say it is.
        assert window.session.saver.pending and not window.session.saver.flush()
        assert window.ui.statusbar.save_label.text().startswith("Chưa lưu")
        return keep_mine

    window.conflicts.choose = choose
    type_into(qtbot, typed, "66")
    qtbot.waitUntil(lambda: len(window.conflicts.settled) == 1, timeout=10000)
    [conflict] = asked
    assert (conflict.shown_theirs, conflict.shown_mine) == ("70", "66")
    assert conflict.other.user                     # the history names who wrote 70
    wait_saved(qtbot, window)
    stored = store.load_report(new_report.report_id).values[CODE]
    if keep_mine:
        assert stored == Decimal(66) and typed.edit.text() == "66"
    else:
        assert stored == Decimal(70)
        qtbot.waitUntil(lambda: typed.edit.text() == "70", timeout=5000)
        assert new_report.value(CODE) == Decimal(70)
    # Either way the next edit is written without a second question: the session knows now.
    type_into(qtbot, typed, "80")
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).values[CODE] == Decimal(80)
    assert len(asked) == 1


def test_the_question_names_both_values_and_who(qtbot, window, new_report, db_path,  # type: ignore[no-untyped-def]
                                                monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def exec_(box: QMessageBox) -> int:
        shown.append(box.text())
        box.buttons()[0].click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    typed = field(window, CODE)
    type_into(qtbot, typed, "60")
    wait_saved(qtbot, window)
    _other_clerk_writes(db_path, new_report.report_id, 70)
    type_into(qtbot, typed, "66")
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "Giá trị bạn nhập: 66" in shown[0] and ": 70" in shown[0] and "vừa được" in shown[0]


def _other_clerk_adds_a_task(db_path: Path, report_id: int, text: str) -> None:
    database = Database.open(db_path)
    try:
        other = ReportStore(database)
        seen = other.load_report(report_id).tasks
        other.replace_lists(report_id, tasks=[*seen, Task(text)], expected={"tasks": seen})
    finally:
        database.close()


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_list_another_clerk_saved_first_is_settled_by_the_clerk(
        qtbot, window, new_report, store, db_path, keep_mine) -> None:  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    tasks = next(t for t in window.current_page().lists if t.spec.kind == "tasks")
    tasks.add_button.click()
    tasks.table.item(0, 0).setText("Rà soát quy trình nội bộ")
    wait_saved(qtbot, window)
    _other_clerk_adds_a_task(db_path, new_report.report_id, "Việc của người kia")
    asked: list[EditConflict] = []

    def choose(_parent, conflict):  # type: ignore[no-untyped-def]
        asked.append(conflict)
        # While the clerk decides, the table's save is not done and the window says so.
        assert window.session.saver.pending and not window.session.saver.flush()
        assert window.ui.statusbar.save_label.text().startswith("Chưa lưu")
        return keep_mine

    window.conflicts.choose = choose
    tasks.table.item(0, 0).setText("Rà soát quy trình một cửa")
    qtbot.waitUntil(lambda: len(window.conflicts.settled) == 1, timeout=10000)
    [conflict] = asked
    assert (conflict.entity, conflict.label) == ("list", "Danh sách nhiệm vụ")
    assert (conflict.shown_theirs, conflict.shown_mine) == ("2 nhiệm vụ", "1 nhiệm vụ")
    assert conflict.other.user
    wait_saved(qtbot, window)
    stored = [t.text for t in store.load_report(new_report.report_id).tasks]
    if keep_mine:
        assert stored == ["Rà soát quy trình một cửa"] and tasks.table.rowCount() == 1
    else:
        assert stored == ["Rà soát quy trình nội bộ", "Việc của người kia"]
        qtbot.waitUntil(lambda: tasks.table.rowCount() == 2, timeout=5000)
        assert tasks.table.item(1, 0).text() == "Việc của người kia"
        assert [t.text for t in new_report.report.tasks] == stored
    # Either way the next save is written without a second question: the session knows now.
    tasks.table.item(0, 0).setText("Rà soát lần cuối")
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).tasks[0].text == "Rà soát lần cuối"
    assert len(asked) == 1


NOTE_CODE = "cddh.kiem_tra.da_kiem_tra"


@pytest.mark.parametrize("keep_mine", [True, False])
def test_a_justification_another_clerk_wrote_first_is_settled_by_the_clerk(
        qtbot, window, new_report, store, db_path, keep_mine) -> None:  # type: ignore[no-untyped-def]
    fill(qtbot, window, {"cddh.kiem_tra.ke_hoach": "3", NOTE_CODE: "5"})
    wait_saved(qtbot, window)
    panel = window.findings
    panel.list.setCurrentRow(0)
    assert panel.current_finding().codes[0] == NOTE_CODE
    database = Database.open(db_path)
    try:
        ReportStore(database).set_note(new_report.report_id, NOTE_CODE, "Lý do của người kia.",
                                       expected="")
    finally:
        database.close()
    asked: list[EditConflict] = []

    def choose(_parent, conflict):  # type: ignore[no-untyped-def]
        asked.append(conflict)
        assert window.ui.statusbar.save_label.text().startswith("Chưa lưu")
        return keep_mine

    window.conflicts.choose = choose
    type_text(panel.note, "Kiểm tra đột xuất 02 bộ phận.")
    qtbot.waitUntil(lambda: len(window.conflicts.settled) == 1, timeout=10000)
    [conflict] = asked
    assert conflict.entity == "note" and "người kia" in conflict.shown_theirs
    wait_saved(qtbot, window)
    stored = store.load_report(new_report.report_id).notes[NOTE_CODE]
    if keep_mine:
        assert stored == "Kiểm tra đột xuất 02 bộ phận."
    else:
        assert stored == "Lý do của người kia."
        qtbot.waitUntil(lambda: panel.note.toPlainText() == "Lý do của người kia.", timeout=5000)
    assert len(asked) == 1
