"""gui/forms/rich_document.py promises: a narrative's structure shown in a QTextDocument is
read back as the same structure, and a document from elsewhere (a paste from Word or
LibreOffice, as HTML) is read as what the structure can say: bold and italic runs, flat lists
(numbered or not), tables with header rows, relative widths and merged cells, footnotes;
whatever else it holds (images, colours, underlining) is left out and counted in `Dropped`,
old-font runs (.VnTime) turned into Unicode.

Beside tests/gui/test_rich_editor.py, which round-trips every kind of block once and drives
the editor of a whole window; here the documents are built and read alone, no window.
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor, QTextDocument, QTextTable
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.rich_text import Cell, Footnote, ListBlock, Paragraph, RichText, Run, Table
from cchc_desktop.gui.forms.rich_document import (
    FOOTNOTE_MARK,
    document_of,
    fill,
    footnote_format,
    read,
    read_pasted,
)
from cchc_desktop.gui.style import colour

# "Các cơ quan" as a .VnTime document holds it (TCVN3 bytes read as Latin-1).
TCVN3_TEXT = "C\xb8c c\xac quan"


def html_document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    return document


def first_table(document: QTextDocument) -> QTextTable:
    [frame] = document.rootFrame().childFrames()
    assert isinstance(frame, QTextTable)
    return frame


def test_html_runs_are_read_as_bold_and_italic_with_line_breaks_as_spaces(qtbot: QtBot) -> None:
    document = html_document(
        "<p>  Đã <b>ban hành</b> <span style='font-weight:600'>3 kế hoạch</span><br>và "
        "<i>2 quyết định</i>.  </p><p></p><p>   </p><p><strong>Kết quả</strong></p>")
    assert read(document) == RichText((
        Paragraph((Run("Đã "), Run("ban hành", bold=True), Run(" "), Run("3 kế hoạch", bold=True),
                   Run(" và "), Run("2 quyết định", italic=True), Run("."))),
        Paragraph((Run("Kết quả", bold=True),)),      # empty paragraphs are not kept
    ))


def test_lists_keep_their_kind_and_a_list_after_a_list_stays_apart(qtbot: QtBot) -> None:
    document = html_document(
        "<ul><li>rà soát thủ tục</li><li></li><li>số hóa hồ sơ</li></ul>"
        "<ol type='a'><li>bước một</li></ol><ol><li>bước hai</li></ol><p>Hết.</p>")
    assert read(document).blocks == (
        ListBlock(False, ((Run("rà soát thủ tục"),), (Run("số hóa hồ sơ"),))),  # no empty item
        ListBlock(True, ((Run("bước một"),),)),           # a, b, c is numbered too
        ListBlock(True, ((Run("bước hai"),),)),
        Paragraph((Run("Hết."),)),
    )


def test_a_pasted_table_keeps_its_merged_cells_and_widths_in_lowest_terms(qtbot: QtBot) -> None:
    document = html_document(
        "<table width='100%'><tr><td width='25%' rowspan='2'>STT</td><td width='75%'>Lĩnh vực</td></tr>"
        "<tr><td>Hộ tịch<br>cấp xã</td></tr></table>")
    [table] = read(document).blocks
    assert table == Table((1, 3), 0, (
        (Cell((Run("STT"),), rowspan=2), Cell((Run("Lĩnh vực"),))),
        (Cell((Run("Hộ tịch cấp xã"),)),),
    ))


def test_a_table_without_widths_has_equal_columns_and_a_header_row_is_kept(qtbot: QtBot) -> None:
    document = html_document("<table><thead><tr><th>Chỉ tiêu</th><th>Kỳ này</th><th>Kỳ trước</th>"
                             "</tr></thead><tr><td>Hồ sơ</td><td>1.237</td><td>1.102</td></tr></table>")
    [table] = read(document).tables()
    assert table.widths == (1, 1, 1)
    assert table.header_rows == 1
    assert [cell.content for cell in table.rows[1]] == [(Run("Hồ sơ"),), (Run("1.237"),),
                                                        (Run("1.102"),)]


def test_a_column_added_to_a_stored_table_gives_up_the_stored_widths(qtbot: QtBot) -> None:
    stored = RichText((Table((1, 3, 2), 1, ((Cell((Run("a"),)), Cell((Run("b"),)), Cell((Run("c"),))),)),))
    document = document_of(stored)
    assert read(document).tables()[0].widths == (1, 3, 2)   # exact, not rounded percentages
    first_table(document).appendColumns(1)   # Qt gives the new column the last one's 33,3%
    # Read from the percentages Qt keeps (16,7 + 50 + 33,3 + 33,3), each of their total.
    assert read(document).tables()[0].widths == (12, 38, 25, 25)


def test_header_rows_are_shaded_and_the_others_not(qtbot: QtBot) -> None:
    rows = tuple((Cell((Run(f"{r}.{c}"),)), Cell((Run("x"),))) for r, c in ((1, 1), (2, 1), (3, 1)))
    document = document_of(RichText((Table((1, 1), 2, rows),)))
    table = first_table(document)
    shades = [table.cellAt(row, 0).format().background().color().name() for row in range(3)]
    header = colour("table_header_background").name()
    assert shades[:2] == [header, header]
    assert table.cellAt(2, 0).format().background().style().name == "NoBrush"


def test_footnote_marks_are_read_as_footnotes_even_side_by_side(qtbot: QtBot) -> None:
    document = document_of(RichText((Paragraph((Run("Đã ban hành 3 kế hoạch"),)),)))
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(FOOTNOTE_MARK * 2, footnote_format("Kế hoạch số 20, 21, 22."))
    assert read(document).blocks == (Paragraph((
        Run("Đã ban hành 3 kế hoạch"), Footnote("Kế hoạch số 20, 21, 22."),
        Footnote("Kế hoạch số 20, 21, 22."))),)
    assert read(document).footnotes() == ["Kế hoạch số 20, 21, 22."] * 2


def test_fill_replaces_what_the_document_showed(qtbot: QtBot) -> None:
    document = document_of(RichText((Paragraph((Run("Cũ"),)), ListBlock(False, ((Run("cũ"),),)))))
    fill(document, RichText((Paragraph((Run("Mới", italic=True),)),)))
    assert document.toPlainText() == "Mới"
    assert read(document) == RichText((Paragraph((Run("Mới", italic=True),)),))
    fill(document, RichText(()))
    assert read(document).is_empty()


def test_a_paste_says_what_it_left_out_and_converts_old_fonts(qtbot: QtBot) -> None:
    narrative, dropped = read_pasted(html_document(
        f"<p><span style='color:#ff0000'>Đỏ</span> <u>gạch</u> <span style='color:#000000'>đen</span>"
        f" <span style='font-family:\".VnTime\"'>{TCVN3_TEXT}</span>"
        "<img src='a.png'><img src='b.png'></p>"))
    assert narrative.plain_text() == "Đỏ gạch đen Các cơ quan"
    assert (dropped.images, dropped.colours, dropped.underline, dropped.converted) == (2, True, True, True)
    assert dropped.any_lost()
    plain, kept = read_pasted(html_document("<p><b>Kết quả</b> <span style='color:#000000'>tốt</span></p>"))
    assert plain.blocks == (Paragraph((Run("Kết quả", bold=True), Run(" tốt"))),)
    assert not kept.any_lost() and not kept.converted   # black text is text as typed
    assert read(html_document(f"<p><span style='font-family:\".VnTime\"'>{TCVN3_TEXT}</span></p>")) \
        .plain_text() == TCVN3_TEXT                      # only a paste is converted
