"""gui/forms/narrative.py promises: a section's narrative box shows the report's text, each
edit is an undoable change of the section's narrative (typing merged into one step), the box
follows changes made elsewhere, documents cited by type, number and date are highlighted as
they are typed, the issued documents are offered as citations ("Kế hoạch số 20/KH-UBND ngày
06/01/2026"), and the right-click menu offers the table's and the footnote's entries where
the cursor is, none of them when the report is locked.

Beside tests/gui/test_rich_editor.py (bold, lists, tables, footnotes and pastes in a whole
window, saved to the file) and tests/gui/forms/test_rich_edit.py (the box's own editing):
here the editor is built alone on a session of the sample report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.report import IssuedDocument, ReportStatus
from cchc_desktop.domain.rich_text import Paragraph, Run
from cchc_desktop.gui.forms.narrative import NarrativeEditor, TableDialog, citation
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import colour
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text

SAMPLE_FIRST = ("Ủy ban nhân dân xã ban hành Kế hoạch số 20/KH-UBND ngày 06/01/2026 về cải cách "
                "hành chính năm 2026 với 66 nhiệm vụ; đến nay hoàn thành 42/66 nhiệm vụ, đạt "
                "63,64%, 20 nhiệm vụ đang thực hiện.")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def editor_of(qtbot: QtBot, session: ReportSession, section: str = "cddh") -> NarrativeEditor:
    editor = NarrativeEditor(session.template.section(section), session)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def menu_names(menu: QMenu) -> list[str]:
    names = [action.objectName() for action in menu.actions() if action.objectName()]
    menu.deleteLater()
    return names


@pytest.mark.parametrize(("number", "date", "text"), [
    ("20/KH-UBND", dt.date(2026, 1, 6), "Kế hoạch số 20/KH-UBND ngày 06/01/2026"),
    ("03/QĐ-UBND", dt.date(2026, 9, 14), "Quyết định số 03/QĐ-UBND ngày 14/09/2026"),
    ("15/UBND-VP", None, "Công văn số 15/UBND-VP"),          # no type code: a letter
    (" 12/2026 ", None, "Văn bản số 12/2026"),
    ("07/TTr-UBND", dt.date(2026, 3, 1), "Tờ trình số 07/TTr-UBND ngày 01/03/2026"),
])
def test_a_document_is_cited_by_its_type_number_and_date(number: str, date: dt.date | None,
                                                         text: str) -> None:
    assert citation(IssuedDocument(number, date, "Trích yếu", "cddh")) == text


def test_the_box_shows_the_sections_text_and_offers_its_documents(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    editor = editor_of(qtbot, session)
    first = editor.narrative().blocks[0]
    assert first == Paragraph((Run(SAMPLE_FIRST),))
    assert editor.edit.accessibleName() == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
    assert editor.citation_choices() == ["Kế hoạch số 20/KH-UBND ngày 06/01/2026",
                                         "Kế hoạch số 35/KH-UBND ngày 20/01/2026"]


def test_typing_is_one_undo_step_of_the_section_saved_to_the_file(
        qtbot: QtBot, session: ReportSession, store: ReportStore) -> None:
    editor = editor_of(qtbot, session, "tcbm")
    steps = session.undo_stack.count()
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.edit, " Đã xong.")
    text = "Tiếp tục ổn định tổ chức bộ máy sau sắp xếp đơn vị hành chính cấp xã. Đã xong."
    assert session.report.narrative("tcbm").plain_text() == text
    assert session.undo_stack.count() == steps + 1
    assert session.undo_stack.undoText() == "Sửa văn bản mục \u201cCải cách tổ chức bộ máy\u201d"
    assert session.close()
    assert store.load_report(session.report_id).texts["tcbm"] == text
    session.undo_stack.undo()
    assert editor.edit.toPlainText() == \
        "Tiếp tục ổn định tổ chức bộ máy sau sắp xếp đơn vị hành chính cấp xã."


def test_the_box_follows_its_section_changed_elsewhere_and_only_its_own(
        qtbot: QtBot, session: ReportSession) -> None:
    editor = editor_of(qtbot, session, "cv")
    session.set_text("cv", "Cử 90 lượt cán bộ.")
    assert editor.edit.toPlainText() == "Cử 90 lượt cán bộ."
    session.set_text("tcc", "Giải ngân 3.000 triệu đồng.")
    assert editor.edit.toPlainText() == "Cử 90 lượt cán bộ."
    assert session.undo_stack.count() == 0        # showing a change is not an edit


def test_a_cited_document_is_highlighted_and_a_dash_line_marked(qtbot: QtBot,
                                                              session: ReportSession) -> None:
    editor = editor_of(qtbot, session, "cds")
    editor.edit.clear()
    type_text(editor.edit, "- Theo Quyết định số 03/QĐ-UBND ngày 14/9/2026 của xã.")
    formats = editor.edit.document().firstBlock().layout().formats()
    spans = {(f.start, f.length): f.format for f in formats}
    cited = "Quyết định số 03/QĐ-UBND ngày 14/9/2026"
    start = len("- Theo ")
    assert (start, len(cited)) in spans
    assert spans[(start, len(cited))].fontItalic()
    assert spans[(start, len(cited))].foreground().color() == colour("accent")
    assert spans[(0, 1)].fontWeight() == QFont.Weight.Bold      # the dash of a "- " line


def test_the_menu_offers_table_and_footnote_entries_where_the_cursor_is(
        qtbot: QtBot, session: ReportSession) -> None:
    editor = editor_of(qtbot, session, "uu_diem")
    assert menu_names(editor.context_menu())[-1] == "history"
    assert "add_row" not in menu_names(editor.context_menu())
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.edit.insert_footnote("Gồm các xã Mỹ An, Mỹ Hòa.")
    editor.edit.moveCursor(QTextCursor.MoveOperation.Left)
    assert menu_names(editor.context_menu())[0] == "edit_footnote"
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.edit.insert_new_table(2, 2)
    editor.edit.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
    editor.edit.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
    assert editor.edit.textCursor().currentTable() is not None
    menu = editor.context_menu()
    labels = [action.text() for action in menu.actions()[:7]]
    assert labels == ["Thêm dòng", "Thêm cột", "Xóa dòng", "Xóa cột", "Gộp các ô đã chọn", "Tách ô",
                      "Đến dòng này là dòng tiêu đề / bỏ dòng tiêu đề"]
    menu.actions()[1].trigger()                     # "Thêm cột"
    assert editor.narrative().tables()[0].columns == 3
    menu.deleteLater()
    editor.set_read_only(True)
    locked = menu_names(editor.context_menu())
    assert locked[-1] == "history"
    assert not {"edit_footnote", "add_row", "merge", "header"} & set(locked)


def test_a_locked_report_opens_its_box_read_only(qtbot: QtBot, session: ReportSession) -> None:
    session.set_status(ReportStatus.FINAL)
    editor = editor_of(qtbot, session, "han_che")
    assert editor.edit.isReadOnly()
    assert not any(button.isEnabled() for button in editor.buttons())
    type_text(editor.edit, "Thêm")
    assert editor.edit.toPlainText() == "Còn 07 hồ sơ giải quyết quá hạn do chờ kết quả đo đạc đất đai."


def test_the_table_and_citation_questions_insert_what_was_answered(
        qtbot: QtBot, session: ReportSession, monkeypatch: pytest.MonkeyPatch) -> None:
    def answer(dialog: TableDialog) -> QDialog.DialogCode:
        dialog.ui.rows.setValue(3)
        dialog.ui.columns.setValue(4)
        dialog.ui.headerRow.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TableDialog, "exec", answer)
    offered: list[list[str]] = []

    def pick(parent: object, title: str, label: str, items: list[str], *args: object) -> tuple[str, bool]:
        offered.append(items)
        return "  Kế hoạch số 35/KH-UBND ngày 20/01/2026 ", True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    editor = editor_of(qtbot, session, "phuong_huong")
    editor.edit.clear()
    editor.ask_citation()
    assert offered == [["Kế hoạch số 20/KH-UBND ngày 06/01/2026", "Kế hoạch số 35/KH-UBND ngày 20/01/2026"]]
    assert editor.edit.toPlainText() == "Kế hoạch số 35/KH-UBND ngày 20/01/2026"
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.ask_table()
    table = editor.narrative().tables()[0]
    assert (table.columns, len(table.rows), table.header_rows) == (4, 3, 0)
