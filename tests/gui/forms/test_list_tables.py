"""gui/forms/list_tables.py on its own promises: a table shows the report's list (tasks,
proposals, documents) cell by cell, each edit, row added or removed replaces the list through
one undo step that the data file gets, the table follows the list when it changes elsewhere,
and a locked report's table takes no edit.

Beside tests/gui/forms/test_refused_entries.py (a refused date stays in its cell, Esc, rows
removed carry their refused text, a rebuilt table), test_in_place.py (cells kept in place,
sizes) and tests/gui/test_evidence_dialog.py (the tasks' evidence column): here the table is
built alone on a session of the sample report, and driven by keys and clicks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QTableWidgetItem
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.report import IssuedDocument, Proposal, ReportStatus, TaskStatus
from cchc_desktop.gui.forms.list_specs import DOCUMENTS, PROPOSALS, TASKS, ListSpec
from cchc_desktop.gui.forms.list_tables import ListTable
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def table_of(qtbot: QtBot, spec: ListSpec, session: ReportSession, section: str = "cddh") -> ListTable:
    table = ListTable(spec, section, session)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    return table


def cell_editor(table: ListTable) -> QLineEdit:
    """The editor open on the current cell (offscreen, no window is active to hold the focus)."""
    assert table.table.state() == QAbstractItemView.State.EditingState
    [editor] = [e for e in table.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    return editor


def type_in_cell(qtbot: QtBot, table: ListTable, row: int, col: int, text: str) -> None:
    """Go to the cell, type over it (the first key opens the editor) and press Enter."""
    table.table.setCurrentCell(row, col)
    table.table.setFocus(Qt.FocusReason.MouseFocusReason)
    type_text(table.table, text[0])
    editor = cell_editor(table)
    type_text(editor, text[1:])
    commit(qtbot, table, editor)


def commit(qtbot: QtBot, table: ListTable, editor: QLineEdit) -> None:
    """Enter in the cell's editor: the delegate commits the text once events are processed."""
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.table.state() != QAbstractItemView.State.EditingState, timeout=2000)


def item(table: ListTable, row: int, col: int) -> QTableWidgetItem:
    cell = table.table.item(row, col)
    assert cell is not None, (row, col)
    return cell


def texts(table: ListTable, col: int) -> list[str]:
    return [item(table, row, col).text() for row in range(table.table.rowCount())]


def test_the_tasks_are_shown_with_their_choices_and_an_evidence_column(qtbot: QtBot,
                                                                      session: ReportSession) -> None:
    table = table_of(qtbot, TASKS, session)
    model = table.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Nhiệm vụ", "Tình trạng", "Nguồn", "Kiểm chứng"]
    assert texts(table, 0) == [
        "Hoàn thành rà soát, công bố danh mục thủ tục hành chính cấp xã sau sắp xếp",
        "Kiểm tra công tác cải cách hành chính tại 06 bộ phận chuyên môn",
        "Tổ chức khảo sát sự hài lòng của người dân"]
    status = table.table.cellWidget(0, 1)
    origin = table.table.cellWidget(0, 2)
    assert isinstance(status, QComboBox) and isinstance(origin, QComboBox)
    assert status.currentData() == "done"
    assert origin.currentText() == "Kỳ trước chuyển sang"
    assert texts(table, 3) == ["", "", ""]                  # no document attached yet
    assert item(table, 0, 3).toolTip() == "Chưa có tài liệu kiểm chứng. Bấm để đính kèm."
    assert table.cells(1) == ["Kiểm tra công tác cải cách hành chính tại 06 bộ phận chuyên môn",
                              "in_progress", "plan"]


def test_a_proposal_typed_in_its_cell_is_one_undo_step_saved_to_the_file(
        qtbot: QtBot, session: ReportSession, store: ReportStore) -> None:
    table = table_of(qtbot, PROPOSALS, session, "kien_nghi")
    assert table.table.columnCount() == 3                  # proposals carry no evidence
    steps = session.undo_stack.count()
    type_in_cell(qtbot, table, 1, 1, "Ủy ban nhân dân tỉnh Đồng Tháp")
    assert session.report.proposals[1] == Proposal(
        "Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân tỉnh Đồng Tháp",
        "Nâng cấp đường truyền phục vụ Bộ phận Một cửa.")
    assert session.undo_stack.count() == steps + 1
    assert session.close()
    assert store.load_report(session.report_id).proposals[1].to == "Ủy ban nhân dân tỉnh Đồng Tháp"
    session.undo_stack.undo()
    assert item(table, 1, 1).text() == "Sở Khoa học và Công nghệ"   # the table follows undo


def test_a_row_added_opens_its_first_cell_for_typing(qtbot: QtBot, session: ReportSession) -> None:
    table = table_of(qtbot, DOCUMENTS, session)
    table.add_button.click()
    assert table.table.rowCount() == 3
    assert (table.table.currentRow(), table.table.currentColumn()) == (2, 0)
    editor = cell_editor(table)                            # the new row's first cell is edited
    type_text(editor, "41/QĐ-UBND")
    commit(qtbot, table, editor)
    type_in_cell(qtbot, table, 2, 1, "14/9/2026")
    assert session.report.documents[2] == IssuedDocument("41/QĐ-UBND", dt.date(2026, 9, 14), "",
                                                         "cddh")
    assert item(table, 2, 1).text() == "14/09/2026"   # shown as the report holds it
    assert table.message.isHidden()


def test_a_choice_picked_changes_the_task_and_undo_brings_it_back(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    table = table_of(qtbot, TASKS, session)
    status = table.table.cellWidget(2, 1)
    assert isinstance(status, QComboBox)
    status.setCurrentIndex(status.findData("done"))
    assert session.report.tasks[2].status is TaskStatus.DONE
    assert session.report.tasks[2].text == "Tổ chức khảo sát sự hài lòng của người dân"
    session.undo_stack.undo()
    assert [task.status for task in session.report.tasks] == [
        TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.NOT_STARTED]
    assert status.currentData() == "not_started"          # the same combo box, set back
    assert table.table.cellWidget(2, 1) is status


def test_the_current_row_is_removed_and_nothing_without_one(qtbot: QtBot, session: ReportSession) -> None:
    table = table_of(qtbot, PROPOSALS, session, "kien_nghi")
    table.table.setCurrentCell(-1, -1)
    table.remove_button.click()
    assert len(session.report.proposals) == 2              # no row chosen: nothing removed
    table.table.setCurrentCell(0, 2)
    table.remove_button.click()
    assert [p.to for p in session.report.proposals] == ["Sở Khoa học và Công nghệ"]
    assert texts(table, 2) == ["Nâng cấp đường truyền phục vụ Bộ phận Một cửa."]


def test_the_table_follows_a_list_changed_elsewhere(qtbot: QtBot, session: ReportSession) -> None:
    table = table_of(qtbot, DOCUMENTS, session)
    first = item(table, 0, 0)
    session.set_list("documents", [
        IssuedDocument("20/KH-UBND", dt.date(2026, 1, 6), "Kế hoạch cải cách hành chính năm 2026",
                       "cddh")])
    assert table.table.rowCount() == 1
    assert item(table, 0, 0) is first                 # updated in place
    assert texts(table, 1) == ["06/01/2026"]
    session.set_list("proposals", [])                      # another list: this table is left alone
    assert table.table.rowCount() == 1


def test_a_final_report_takes_no_edit_in_its_tables(qtbot: QtBot, session: ReportSession) -> None:
    session.set_status(ReportStatus.FINAL)
    table = table_of(qtbot, TASKS, session)
    assert not table.add_button.isEnabled() and not table.remove_button.isEnabled()
    assert not table.table.cellWidget(0, 1).isEnabled()
    table.table.setCurrentCell(0, 0)
    table.table.setFocus(Qt.FocusReason.MouseFocusReason)
    type_text(table.table, "X")
    assert table.table.state() != QAbstractItemView.State.EditingState   # no editor opened
    assert session.report.tasks[0].text.startswith("Hoàn thành rà soát")
    table.set_read_only(False)
    assert table.add_button.isEnabled() and table.table.cellWidget(0, 1).isEnabled()


def test_a_refused_cell_is_found_by_its_key_and_other_keys_are_not(qtbot: QtBot,
                                                                   session: ReportSession) -> None:
    table = table_of(qtbot, DOCUMENTS, session)
    type_in_cell(qtbot, table, 1, 1, "30/02/2026")
    correction = session.correction("documents/1/1")
    assert correction is not None
    assert correction.label == "Ngày ban hành, dòng 2 (Văn bản chỉ đạo, điều hành đã ban hành trong kỳ)"
    assert correction.page == "cddh"
    assert session.report.documents[1].date == dt.date(2026, 1, 20)   # the saved date kept
    table.table.setCurrentCell(0, 0)
    assert table.focus_cell("documents/1/1")
    assert (table.table.currentRow(), table.table.currentColumn()) == (1, 1)
    for key in ("documents/5/1", "tasks/1/1", "documents/x/1", "documents", "tthc.hs.xa.tiep_nhan"):
        assert not table.focus_cell(key), key
