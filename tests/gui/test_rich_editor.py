"""The narrative box as clerks write: bold and italics (buttons, Ctrl+B / Ctrl+I), lists,
tables and footnotes shown as they are stored and saved as they are shown; undo across them;
a paste from Word or LibreOffice keeps what the report prints and says what it dropped; text
of the old Vietnamese encodings arrives in Unicode."""

from __future__ import annotations

from factories import sample_report
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.legacy_text import LegacyEncoding
from cchc_desktop.domain.rich_text import Cell, Footnote, ListBlock, Paragraph, RichText, Run, Table
from cchc_desktop.gui.forms.rich_document import document_of, read
from tests.gui.helpers import type_text, wait_saved

# "Các cơ quan, đơn vị" as a .VnTime document holds it (TCVN3 bytes read as Latin-1).
TCVN3_TEXT = "C\xb8c c\xac quan, \xae\xacn v\xde"

FORMATTED = RichText((
    Paragraph((Run("Đã ban hành "), Run("3 kế hoạch", bold=True), Run(" và "),
               Run("2 quyết định", italic=True), Footnote("Kế hoạch số 20, 21, 22."))),
    ListBlock(False, ((Run("rà soát thủ tục"),), (Run("số hóa hồ sơ"),))),
    ListBlock(True, ((Run("bước một"),),)),
    Table((1, 3, 2), 1, (
        (Cell((Run("STT"),), rowspan=2), Cell((Run("Lĩnh vực"),), rowspan=2),
         Cell((Run("Hồ sơ"),))),
        (Cell((Run("tiếp nhận"),)),),
        (Cell((Run("1"),)), Cell((Run("Hộ tịch"),)), Cell((Run("1.237"),))))),
    Paragraph((Run("Sau bảng."),)),
))


def editor_of(window, section: str = "cddh"):  # type: ignore[no-untyped-def]
    window.show_page(section)
    return window.current_page().narratives[0]


def test_every_kind_of_structure_survives_the_box_unchanged(qtbot: QtBot) -> None:
    assert read(document_of(FORMATTED)) == FORMATTED


def test_a_formatted_section_is_shown_formatted_and_saved_as_shown(qtbot, window, store, commune) -> None:  # type: ignore[no-untyped-def]
    report = sample_report()
    report.set_narrative("cddh", FORMATTED)
    report_id = store.save_report(report)
    window.open_report(report_id)
    editor = editor_of(window)
    assert editor.narrative() == FORMATTED
    assert editor.edit.document().rootFrame().childFrames(), "the table is shown as a table"
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.edit, " Thêm.")
    wait_saved(qtbot, window)
    stored = store.load_report(report_id).rich["cddh"]
    assert stored.blocks[:-1] == FORMATTED.blocks[:-1]
    assert stored.blocks[-1] == Paragraph((Run("Sau bảng. Thêm."),))
    assert stored.tables()[0].header_rows == 1


def test_ctrl_b_and_buttons_make_bold_italic_and_undo_takes_it_back(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.edit.setFocus()
    type_text(editor.edit, "Kết quả ")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor.edit, "nổi bật")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    type_text(editor.edit, " và ")
    editor.italic_button.click()
    type_text(editor.edit, "cần lưu ý")
    expected = Paragraph((Run("Kết quả "), Run("nổi bật", bold=True), Run(" và "),
                          Run("cần lưu ý", italic=True)))
    assert editor.narrative().blocks == (expected,)
    wait_saved(qtbot, window)
    assert store.load_report(window.session.report_id).rich["cddh"].blocks == (expected,)
    window.undo_group.undo()
    assert window.session.report.narrative("cddh").is_empty()
    assert editor.narrative().is_empty()


def test_ctrl_i_in_the_text_is_italic_not_the_window_import(qtbot, window, new_report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened = []
    window.ui.act_import_previous.triggered.connect(lambda *_: opened.append(True))
    editor = editor_of(window)
    window.activateWindow()
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    type_text(editor.edit, "nghiêng")
    assert opened == []
    assert editor.narrative().blocks == (Paragraph((Run("nghiêng", italic=True),)),)


def test_lists_and_a_table_from_the_toolbar_are_saved_as_structure(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.edit.setFocus()
    type_text(editor.edit, "rà soát")
    editor.bullet_button.click()
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    type_text(editor.edit, "số hóa")
    assert editor.narrative().blocks == (ListBlock(False, ((Run("rà soát"),), (Run("số hóa"),))),)
    editor.numbered_button.click()     # the same list, numbered now
    assert editor.narrative().blocks == (ListBlock(True, ((Run("rà soát"),), (Run("số hóa"),))),)
    editor.edit.selectAll()
    editor.numbered_button.click()     # and back to paragraphs
    assert editor.narrative().blocks == (Paragraph((Run("rà soát"),)), Paragraph((Run("số hóa"),)))
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    editor.edit.insert_new_table(2, 3)
    editor.edit.moveCursor(QTextCursor.MoveOperation.Start)
    while editor.edit.textCursor().currentTable() is None:
        editor.edit.moveCursor(QTextCursor.MoveOperation.NextBlock)
    type_text(editor.edit, "STT")
    table = editor.narrative().tables()[0]
    assert (table.columns, len(table.rows), table.header_rows) == (3, 2, 1)
    assert table.rows[0][0].content == (Run("STT"),)
    editor.edit.table_action("add_row")
    assert len(editor.narrative().tables()[0].rows) == 3
    wait_saved(qtbot, window)
    stored = store.load_report(window.session.report_id)
    assert stored.rich["cddh"].tables()[0].header_rows == 1
    assert "STT" in stored.texts["cddh"]      # the plain text the checks read


def test_a_footnote_is_inserted_edited_and_saved(qtbot, window, new_report, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QInputDialog

    answers = iter(["Gồm các xã Mỹ An, Mỹ Hòa.", "Gồm các xã Mỹ An, Mỹ Hòa, Tân Mỹ."])
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *args, **kwargs: (next(answers), True))
    editor = editor_of(window)
    editor.edit.setFocus()
    type_text(editor.edit, "Ba xã")
    editor.footnote_button.click()
    type_text(editor.edit, " đạt chuẩn.")
    assert editor.narrative().blocks == (Paragraph((
        Run("Ba xã"), Footnote("Gồm các xã Mỹ An, Mỹ Hòa."), Run(" đạt chuẩn."))),)
    cursor = editor.edit.textCursor()
    cursor.setPosition(len("Ba xã") + 1)
    editor.edit.setTextCursor(cursor)
    assert editor.edit.footnote_at_cursor() == "Gồm các xã Mỹ An, Mỹ Hòa."
    editor.ask_footnote()      # "Sửa chú thích...": the same footnote, its text changed
    assert editor.narrative().footnotes() == [
        "Gồm các xã Mỹ An, Mỹ Hòa, Tân Mỹ."]
    wait_saved(qtbot, window)
    assert store.load_report(window.session.report_id).rich["cddh"].footnotes() == [
        "Gồm các xã Mỹ An, Mỹ Hòa, Tân Mỹ."]


def paste(editor, html: str, text: str = "") -> None:  # type: ignore[no-untyped-def]
    data = QMimeData()
    data.setHtml(html)
    data.setText(text)
    editor.edit.setFocus()
    editor.edit.insertFromMimeData(data)


# What Word puts on the clipboard, reduced: styles, fonts, a colour, an image, a table.
WORD_HTML = """<html><body>
<p class=MsoNormal><b><span style='font-family:"Times New Roman";color:#C00000'>Kết quả</span></b>
<span style='font-family:".VnTime"'>C\xb8c c\xac quan</span> <i>tiếp tục</i>
<img width=20 height=20 src="file:///C:/Temp/image001.png"></p>
<ul><li>rà soát</li><li>số hóa</li></ul>
<table border=1><tr><td>Lĩnh vực</td><td>Hồ sơ</td></tr><tr><td>Hộ tịch</td><td>1.237</td></tr></table>
</body></html>"""


def test_word_paste_keeps_bold_italic_lists_tables_says_what_lost(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    paste(editor, WORD_HTML, "Kết quả ...")
    narrative = editor.narrative()
    first = narrative.blocks[0]
    assert isinstance(first, Paragraph)
    assert Run("Kết quả", bold=True) in first.content
    assert any(isinstance(r, Run) and r.italic and r.text == "tiếp tục" for r in first.content)
    assert "Các cơ quan" in narrative.plain_text()       # the .VnTime run in Unicode
    assert narrative.blocks[1] == ListBlock(False, ((Run("rà soát"),), (Run("số hóa"),)))
    table = narrative.tables()[0]
    assert table.header_rows == 1 and table.rows[1][1].content == (Run("1.237"),)
    note = editor.paste_note
    assert note.isVisibleTo(window)
    assert "1 hình ảnh" in note.text() and "màu chữ" in note.text()
    assert "Unicode" in note.text()
    wait_saved(qtbot, window)
    assert store.load_report(window.session.report_id).rich["cddh"] == narrative


def test_a_tcvn3_plain_paste_arrives_as_unicode_and_is_saved_so(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.edit.setFocus()
    QGuiApplication.clipboard().setText(TCVN3_TEXT)
    editor.edit.paste()
    assert editor.edit.toPlainText() == "Các cơ quan, đơn vị"
    assert editor.edit.last_conversion is LegacyEncoding.TCVN3
    assert "TCVN3" in editor.paste_note.text()
    wait_saved(qtbot, window)
    assert store.load_report(window.session.report_id).texts["cddh"] == "Các cơ quan, đơn vị"


def test_a_unicode_paste_is_left_as_it_is(qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.edit.setFocus()
    QGuiApplication.clipboard().setText("Hòa nhập, Noël, naïve")
    editor.edit.paste()
    assert editor.edit.toPlainText() == "Hòa nhập, Noël, naïve"
    assert editor.edit.last_conversion is None
    assert not editor.paste_note.isVisibleTo(window)


def test_a_plain_narrative_stays_plain_text_in_the_data_file(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.edit.setFocus()
    type_text(editor.edit, "Đoạn một.")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return)
    type_text(editor.edit, "Đoạn hai.")
    wait_saved(qtbot, window)
    stored = store.load_report(window.session.report_id)
    assert stored.texts["cddh"] == "Đoạn một.\n\nĐoạn hai."
    assert stored.rich == {}


def test_a_read_only_report_disables_the_toolbar(qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    editor = editor_of(window)
    editor.set_read_only(True)
    assert not any(button.isEnabled() for button in editor.buttons())
    editor.edit.setFocus()
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert not editor.edit.is_bold()
