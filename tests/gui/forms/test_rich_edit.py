"""gui/forms/rich_edit.py promises: the narrative's box makes bold and italic runs, lists and
tables of its own (never a table inside a table, at most 30 columns, always one row and one
column left), and a paste keeps what the report can print: a pasted table gets its header
row, a paste inside a cell brings only the text, text of the old Vietnamese encodings arrives
in Unicode, and one sentence says what was converted or left out.

Beside tests/gui/test_rich_editor.py, which drives the box in a whole window (Ctrl+B / Ctrl+I,
the toolbar's lists and a table, a footnote, a Word and a TCVN3 paste, read-only): here the
box is built alone, and its table actions, the edges of a paste and the sentences are tested.
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.legacy_text import LegacyEncoding
from cchc_desktop.domain.rich_text import MAX_COLUMNS, Paragraph, Run, Table
from cchc_desktop.gui.forms.rich_document import Dropped, read
from cchc_desktop.gui.forms.rich_edit import MAX_PASTED_HTML, RichEdit, paste_summary
from tests.gui.helpers import type_text


@pytest.fixture
def box(qtbot: QtBot) -> RichEdit:
    edit = RichEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.waitExposed(edit)
    return edit


def pasted(box: RichEdit, *, html: str = "", text: str = "") -> list[str]:
    """Paste as the clipboard would hand it over; the sentences the box emitted."""
    said: list[str] = []
    box.pasted.connect(said.append)
    data = QMimeData()
    if html:
        data.setHtml(html)
    if text:
        data.setText(text)
    box.insertFromMimeData(data)
    return said


def only_table(box: RichEdit) -> Table:
    [table] = read(box.document()).tables()
    return table


def into_first_cell(box: RichEdit) -> None:
    box.moveCursor(QTextCursor.MoveOperation.Start)
    while box.textCursor().currentTable() is None:
        box.moveCursor(QTextCursor.MoveOperation.NextBlock)


def test_bold_toggles_off_again_and_keeps_the_italic(qtbot: QtBot, box: RichEdit) -> None:
    box.toggle_italic()
    type_text(box, "cần ")
    QTest.keyClick(box, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert box.is_bold()
    type_text(box, "lưu ý")
    box.toggle_bold()
    assert not box.is_bold()
    type_text(box, " thêm")
    assert read(box.document()).blocks == (Paragraph((
        Run("cần ", italic=True), Run("lưu ý", bold=True, italic=True), Run(" thêm", italic=True))),)


def test_table_actions_add_remove_and_keep_one_row_and_one_column(qtbot: QtBot, box: RichEdit) -> None:
    box.insert_new_table(2, 2)
    into_first_cell(box)
    box.table_action("add_column")
    table = only_table(box)
    assert (table.columns, len(table.rows), table.widths) == (3, 2, (1, 1, 1))
    for action in ("remove_row", "remove_row", "remove_column", "remove_column", "remove_column"):
        into_first_cell(box)                  # a removed row can take the cursor out of the table
        box.table_action(action)              # the last row and the last column stay
    table = only_table(box)
    assert (table.columns, len(table.rows), table.widths) == (1, 1, (1,))
    box.table_action("add_row")
    assert len(only_table(box).rows) == 2


def test_merged_cells_are_split_again_and_the_header_moves_with_the_cursor(
        qtbot: QtBot, box: RichEdit) -> None:
    box.insert_new_table(3, 2, header_rows=0)
    into_first_cell(box)
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.NextCell, QTextCursor.MoveMode.KeepAnchor)
    box.setTextCursor(cursor)
    box.table_action("merge")
    assert only_table(box).rows[0][0].colspan == 2
    box.table_action("split")
    assert [cell.colspan for cell in only_table(box).rows[0]] == [1, 1]
    assert only_table(box).header_rows == 0
    cursor = box.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.NextRow)
    box.setTextCursor(cursor)
    box.table_action("header")               # "down to this row are headers"
    assert only_table(box).header_rows == 2
    box.table_action("header")               # again on a header row: no header rows
    assert only_table(box).header_rows == 0


def test_no_table_is_put_inside_a_table_nor_wider_than_thirty_columns(qtbot: QtBot, box: RichEdit) -> None:
    box.insert_new_table(1, 99)
    assert only_table(box).columns == MAX_COLUMNS
    into_first_cell(box)
    box.insert_new_table(2, 2)
    assert only_table(box).columns == MAX_COLUMNS   # still one table, of its own columns
    box.table_action("add_column")                 # no thirty-first column
    assert only_table(box).columns == MAX_COLUMNS


def test_a_pasted_table_gets_its_header_row_but_a_single_row_does_not(qtbot: QtBot, box: RichEdit) -> None:
    said = pasted(box, html="<table><tr><td>Lĩnh vực</td><td>Hồ sơ</td></tr>"
                            "<tr><td>Hộ tịch</td><td>1.237</td></tr></table>")
    assert said == [""]                              # kept whole: nothing to say
    assert only_table(box).header_rows == 1
    box.clear()
    pasted(box, html="<table><tr><td>Hộ tịch</td><td>1.237</td></tr></table>")
    assert only_table(box).header_rows == 0


def test_a_paste_inside_a_cell_brings_the_text_only(qtbot: QtBot, box: RichEdit) -> None:
    box.insert_new_table(1, 2)
    into_first_cell(box)
    pasted(box, html="<p>Hộ tịch</p><table><tr><td>cấp</td><td>xã</td></tr></table>")
    table = only_table(box)
    assert table.columns == 2 and len(table.rows) == 1
    [run] = table.rows[0][0].content
    assert run.text.split() == ["Hộ", "tịch", "cấp", "|", "xã"]   # on one line, no table nested


def test_plain_text_pastes_say_which_old_encoding_they_came_from(qtbot: QtBot, box: RichEdit) -> None:
    decomposed = unicodedata.normalize("NFD", "Hòa Bình")
    said = pasted(box, text=decomposed)
    assert box.toPlainText() == "Hòa Bình"
    assert box.last_conversion is LegacyEncoding.DECOMPOSED
    assert said == ["Đã chuyển chữ dán vào từ mã Unicode tổ hợp sang Unicode."]
    box.clear()
    assert pasted(box, text="C\xb8c c\xac quan, \xae\xacn v\xde") == [
        "Đã chuyển chữ dán vào từ mã TCVN3 (ABC) sang Unicode."]
    assert box.toPlainText() == "Các cơ quan, đơn vị"


def test_an_image_alone_pastes_nothing_and_huge_html_goes_in_as_text(qtbot: QtBot, box: RichEdit) -> None:
    data = QMimeData()
    data.setImageData(None)
    data.setData("image/png", b"\x89PNG")
    said: list[str] = []
    box.pasted.connect(said.append)
    box.insertFromMimeData(data)
    assert box.toPlainText() == "" and said == []
    huge = "<p><b>" + "x" * MAX_PASTED_HTML + "</b></p>"
    pasted(box, html=huge, text="Báo cáo quá dài")
    assert box.toPlainText() == "Báo cáo quá dài"       # not parsed, the text instead
    assert box.last_dropped is None


@pytest.mark.parametrize(("dropped", "sentence"), [
    (Dropped(), ""),
    (Dropped(images=2, colours=True), "Đã dán chữ đậm, nghiêng, danh sách và bảng; bỏ 2 hình ảnh, "
                                      "màu chữ và màu nền (báo cáo không in được)."),
    (Dropped(underline=True, converted=True),
     "Đã dán chữ đậm, nghiêng, danh sách và bảng; bỏ gạch chân (báo cáo không in được). "
     "Chữ phông cũ (.VnTime, VNI) đã được chuyển sang Unicode."),
    (Dropped(converted=True), "Chữ phông cũ (.VnTime, VNI) đã được chuyển sang Unicode."),
])
def test_the_paste_summary_says_what_was_lost_in_one_sentence(dropped: Dropped, sentence: str) -> None:
    assert paste_summary(dropped) == sentence
