"""The window takes no text that storage would refuse as too long for the exchange format
(exchange/text_limits.py): a refused write stays queued in gui/autosave.py and holds every
later save back, so each field stops at its limit or says why it is not saved.

- gui/header_page.py: the number, symbol, place, subject, authority, title and signer's name
  take no more than their limits; a recipient line too long shows the message and nothing of
  the header is saved;
- gui/findings_panel.py: a note too long is not pushed, the note's label says why;
- gui/forms/narrative.py: a section text too long is not queued, the box says why;
- gui/forms/list_specs.py (through list_tables.py): a list cell too long is refused like a
  wrong date, the saved value kept;
- gui/setup_dialog.py (the setup and the settings' unit tab): the unit's fields take no more
  than their limits, a subordinate unit's code too long is not saved.

Beside tests/storage/test_text_lengths.py (the store refusing) and
tests/exchange/test_text_limits.py (the limits and the message). Each widget is built alone
on a session of the sample report (tests/gui/forms/sample_data.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.report import Proposal, Task
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.text_limits import limit
from cchc_desktop.gui.findings_panel import FindingsPanel
from cchc_desktop.gui.forms.list_specs import PROPOSALS, TASKS, ListSpec
from cchc_desktop.gui.forms.list_tables import ListTable
from cchc_desktop.gui.forms.narrative import NarrativeEditor
from cchc_desktop.gui.header_page import HeaderPage
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.settings_dialog import SettingsDialog
from cchc_desktop.gui.setup_dialog import SetupDialog
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import TODAY
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def on_disk(store: ReportStore) -> ReportStore:
    """The data file read afresh: what a refused edit must have left alone."""
    return ReportStore(Database.open(store.database.path))


def saved(session: ReportSession) -> None:
    """What the saver holds written now (the clerk would wait for its timer)."""
    assert session.saver.flush() and not session.saver.pending


def too_long(field: str) -> str:
    return "x" * (limit(field) + 1)


# ---------------------------------------------------------------------- header page
def header_of(qtbot: QtBot, session: ReportSession) -> HeaderPage:
    page = HeaderPage(session)
    qtbot.addWidget(page)
    return page


def test_each_header_line_takes_no_more_than_its_limit(qtbot: QtBot,
                                                       session: ReportSession) -> None:
    page = header_of(qtbot, session)
    assert {name: getattr(page, name).maxLength() for name in (
        "number", "symbol", "place", "subject", "authority", "title", "signer_name")} == {
        "number": 20, "symbol": 50, "place": 100, "subject": 1000, "authority": 200,
        "title": 200, "signer_name": 200}
    page.number.setFocus()
    page.number.selectAll()
    type_text(page.number, "1234567890" * 2 + "345")       # 23 keys: the last 3 do nothing
    assert page.number.text() == "12345678901234567890"
    page.signer_name.setText("Nguyễn " * 40)                # a paste of 280 characters
    assert len(page.signer_name.text()) == 200
    saved(session)
    stored = on_disk(session.store).load_report(session.report_id)
    assert stored.document.number == "12345678901234567890"
    assert stored.signer.name == ("Nguyễn " * 40)[:200].strip()


def test_a_pasted_over_long_recipient_line_is_not_saved_and_says_why(
        qtbot: QtBot, session: ReportSession) -> None:
    page = header_of(qtbot, session)
    before = on_disk(session.store).load_report(session.report_id).recipients
    assert before and page.message.text() == ""
    page.recipients.setPlainText("\n".join([before[0], "Sở " + "x" * 498, "Lưu: VT"]))
    assert page.message.text() == "Một nơi nhận quá dài: 501 ký tự, tối đa 500 ký tự."
    assert not session.saver.pending, "nothing queued that storage would refuse"
    assert session.report.recipients == before
    assert on_disk(session.store).load_report(session.report_id).recipients == before
    page.number.setText("77")                   # another field: still not saved with it
    assert on_disk(session.store).load_report(session.report_id).document.number != "77"
    page.recipients.setPlainText("\n".join([before[0], "Sở " + "x" * 497, "Lưu: VT"]))
    assert page.message.text() == ""
    saved(session)
    stored = on_disk(session.store).load_report(session.report_id)
    assert stored.recipients == [before[0], "Sở " + "x" * 497, "Lưu: VT"]
    assert stored.document.number == "77"


# ---------------------------------------------------------------------- findings panel
def test_a_note_over_the_limit_is_not_pushed_and_the_label_says_why(
        qtbot: QtBot, store: ReportStore) -> None:
    session = ReportSession(store, sample_id())
    try:
        # more units checked than planned: a warning that a note may justify
        session.set_value("cddh.kiem_tra.ke_hoach", Decimal(3))
        session.set_value("cddh.kiem_tra.da_kiem_tra", Decimal(5))
        saved(session)
        panel = FindingsPanel()
        qtbot.addWidget(panel)
        panel.bind(session)
        row = next(i for i in range(panel.list.count())
                   if "Số đơn vị đã kiểm tra (5)" in panel.list.item(i).text())
        panel.list.setCurrentRow(row)
        assert panel.note.isEnabled() and panel.note_label.text() == "Giải trình:"
        finding = panel.current_finding()
        assert finding is not None
        code = finding.codes[0]
        steps = session.undo_stack.count()
        panel.note.setPlainText("g" * 5001)
        assert panel.note_label.text() == "Giải trình quá dài: 5001 ký tự, tối đa 5000 ký tự."
        assert code not in session.report.notes and session.undo_stack.count() == steps
        assert not session.saver.pending
        panel.note.setPlainText("g" * 5000)
        assert panel.note_label.text() == "Giải trình:"
        saved(session)
        assert on_disk(store).load_report(sample_id()).notes[code] == "g" * 5000
    finally:
        session.close()


# ---------------------------------------------------------------------- narrative
def test_a_section_text_over_the_limit_is_not_queued_and_the_box_says_why(
        qtbot: QtBot, session: ReportSession) -> None:
    editor = NarrativeEditor(session.template.section("cddh"), session)
    qtbot.addWidget(editor)
    before = on_disk(session.store).load_report(session.report_id).texts["cddh"]
    steps = session.undo_stack.count()
    assert editor.length_note.isHidden()
    editor.edit.setPlainText("v" * (limit("text") + 1))
    assert editor.length_note.text() == \
        "Nội dung một mục quá dài: 500001 ký tự, tối đa 500000 ký tự."
    assert not editor.length_note.isHidden()
    assert session.undo_stack.count() == steps and not session.saver.pending
    assert session.report.texts["cddh"] == before
    assert on_disk(session.store).load_report(session.report_id).texts["cddh"] == before
    cursor = editor.edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    cursor.deletePreviousChar()                 # one character less: it fits, and is saved
    assert editor.length_note.isHidden() and editor.length_note.text() == ""
    saved(session)
    assert on_disk(session.store).load_report(session.report_id).texts["cddh"] == \
        "v" * limit("text")


# ---------------------------------------------------------------------- list tables
def table_of(qtbot: QtBot, session: ReportSession, spec: ListSpec) -> ListTable:
    table = ListTable(spec, "cddh", session)
    qtbot.addWidget(table)
    return table


def paste_into(table: ListTable, row: int, col: int, text: str) -> None:
    """The cell's text replaced as a paste or an edit committed replaces it."""
    item = table.table.item(row, col)
    if item is None:
        item = QTableWidgetItem()
        table.table.setItem(row, col, item)
    item.setText(text)


def test_a_task_cell_over_the_limit_is_refused_the_saved_text_kept(
        qtbot: QtBot, session: ReportSession) -> None:
    session.set_list("tasks", [Task("Nhiệm vụ đã lưu")])
    saved(session)
    table = table_of(qtbot, session, TASKS)
    paste_into(table, 0, 0, too_long("task.text"))
    assert table.message.text() == (
        "Dòng 1: Nội dung nhiệm vụ quá dài: 5001 ký tự, tối đa 5000 ký tự. Chưa được lưu; sửa "
        "lại hoặc nhấn Esc để lấy lại giá trị đã lưu.")
    assert table.table.item(0, 0).text() == too_long("task.text"), "the clerk's text stays"
    assert table.table.item(0, 0).toolTip().startswith("Nội dung nhiệm vụ quá dài")
    assert not session.saver.pending
    assert [t.text for t in session.report.tasks] == ["Nhiệm vụ đã lưu"]
    assert [t.text for t in on_disk(session.store).load_report(session.report_id).tasks] == [
        "Nhiệm vụ đã lưu"]
    paste_into(table, 0, 0, "t" * 5000)
    assert table.message.isHidden()
    saved(session)
    assert [t.text for t in on_disk(session.store).load_report(session.report_id).tasks] == [
        "t" * 5000]


def test_a_proposal_cell_over_the_limit_leaves_the_other_cells_saved(
        qtbot: QtBot, session: ReportSession) -> None:
    session.set_list("proposals", [Proposal("Xã", "Sở Nội vụ", "Kiến nghị")])
    saved(session)
    table = table_of(qtbot, session, PROPOSALS)
    paste_into(table, 0, 1, "S" * 301)
    assert table.message.text().startswith(
        "Dòng 1: Đơn vị phụ trách quá dài: 301 ký tự, tối đa 300 ký tự.")
    paste_into(table, 0, 2, "Kiến nghị mới")
    saved(session)
    assert on_disk(session.store).load_report(session.report_id).proposals == [
        Proposal("Xã", "Sở Nội vụ", "Kiến nghị mới")]
    table.table.setCurrentCell(0, 1)
    table.restore_cell(0, 1)                          # Esc: the saved text again
    assert table.table.item(0, 1).text() == "Sở Nội vụ" and table.message.isHidden()


# ---------------------------------------------------------------------- the unit's setup
def test_the_unit_fields_take_no_more_than_their_limits(qtbot: QtBot, store: ReportStore) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    authority, title = form.authority.lineEdit(), form.title.lineEdit()
    assert authority is not None and title is not None
    assert [edit.maxLength() for edit in (form.name, form.parent_body, form.place, form.symbol,
                                          authority, title, form.signer)] == [
        300, 300, 100, 50, 200, 200, 200]
    form.symbol.setFocus()
    form.symbol.selectAll()
    type_text(form.symbol, "BC-" + "U" * 50)
    assert form.symbol.text() == "BC-" + "U" * 47
    form.name.setText("Ủy ban nhân dân xã " + "Mỹ An " * 60)
    assert len(form.name.text()) == 300


def test_a_subordinate_unit_code_over_the_limit_is_not_saved(
        qtbot: QtBot, store: ReportStore) -> None:
    before = store.own_unit()
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.subunits_box.show()
    form.add_subunit(Unit("c" * 101, "Thôn Một", "thon"))
    dialog.accept()
    assert form.name_error.text() == (
        "Đơn vị trực thuộc Thôn Một: Mã đơn vị quá dài: 101 ký tự, tối đa 100 ký tự.")
    assert not form.name_error.isHidden() and dialog.result() == 0
    reopened = on_disk(store)
    assert reopened.own_unit() == before and reopened.subordinate_units() == []


def test_the_settings_unit_tab_keeps_the_limits_and_saves_a_signer_at_the_limit(
        qtbot: QtBot, store: ReportStore) -> None:
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.unit_form
    assert (form.place.maxLength(), form.signer.maxLength()) == (100, 200)
    form.signer.setFocus()
    form.signer.selectAll()
    type_text(form.signer, "Trần Thị Bích Ngọc " * 11)        # 209 keys: 200 are taken
    assert form.signer.text() == ("Trần Thị Bích Ngọc " * 11)[:200]
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    own = on_disk(store).own_unit()
    assert own is not None and own.signer_name == ("Trần Thị Bích Ngọc " * 11)[:200].strip()


def test_the_length_note_goes_when_the_report_s_text_is_shown_again(
        qtbot: QtBot, session: ReportSession) -> None:
    editor = NarrativeEditor(session.template.section("cddh"), session)
    qtbot.addWidget(editor)
    editor.edit.setPlainText("v" * (limit("text") + 1))
    assert not editor.length_note.isHidden()
    session.set_text("cddh", "Văn bản sửa ở nơi khác.")     # an undo, a conflict's choice
    assert editor.edit.toPlainText() == "Văn bản sửa ở nơi khác."
    assert editor.length_note.isHidden()
    saved(session)
    assert on_disk(session.store).load_report(session.report_id).texts["cddh"] == \
        "Văn bản sửa ở nơi khác."


def _older_versions_number(store: ReportStore, number: str) -> None:
    """A document number an older version let through (it saved any length), put straight
    into the data file as that version left it."""
    with sqlite3.connect(store.database.path) as raw:
        raw.execute("UPDATE reports SET doc_number = ?", (number,))


def test_a_longer_text_an_older_version_kept_is_shown_whole_and_never_cut_unseen(
        qtbot: QtBot, store: ReportStore) -> None:
    _older_versions_number(store, "1" * 25)
    session = ReportSession(store, sample_id())
    try:
        page = header_of(qtbot, session)
        assert page.number.text() == "1" * 25                 # whole, not cut to 20
        # Said as soon as the page shows it: the field marked, listed as being corrected.
        assert page.number.property("invalid") == "true"
        assert page.message.text() == "Số văn bản quá dài: 25 ký tự, tối đa 20 ký tự."
        [listed] = session.corrections()
        assert (listed.key, listed.label, listed.text, listed.page) == (
            "header/document.number", "Số văn bản", "1" * 25, "header")
        page.place.setText("Mỹ An Tây")                       # another field changed
        assert page.message.text() == "Số văn bản quá dài: 25 ký tự, tối đa 20 ký tự."
        assert not session.saver.pending
        stored = on_disk(store).load_report(sample_id())
        assert stored.document.number == "1" * 25 and stored.document.place != "Mỹ An Tây"
        page.number.setText("05")                            # the clerk shortens it
        assert page.message.text() == ""
        assert session.corrections() == () and page.number.property("invalid") == "false"
        saved(session)
        stored = on_disk(store).load_report(sample_id())
        assert (stored.document.number, stored.document.place) == ("05", "Mỹ An Tây")
    finally:
        session.close()


def test_a_unit_name_an_older_version_kept_is_shown_whole_and_said_too_long(
        qtbot: QtBot, store: ReportStore) -> None:
    with sqlite3.connect(store.database.path) as raw:
        raw.execute("UPDATE units SET name = ? WHERE is_own", ("Xã " + "Mỹ An " * 60,))
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.unit_form
    assert form.name.text() == "Xã " + "Mỹ An " * 60      # 363 characters, not cut to 300
    dialog.accept()
    assert dialog.result() == 0
    assert form.name_error.text() == "Tên đơn vị quá dài: 362 ký tự, tối đa 300 ký tự."
    own = on_disk(store).own_unit()
    assert own is not None and own.name == ("Xã " + "Mỹ An " * 60)
