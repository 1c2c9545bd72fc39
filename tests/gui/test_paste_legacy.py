"""The narrative box: pasting text of an old Vietnamese encoding gives Unicode and says so; a
formatted section says that the box shows its plain text, and typing there makes it plain."""

from __future__ import annotations

from factories import sample_report
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QToolTip

from cchc_desktop.domain.legacy_text import LegacyEncoding
from cchc_desktop.domain.rich_text import Cell, Paragraph, RichText, Run, Table
from tests.gui.helpers import wait_saved

# "Các cơ quan, đơn vị" as a .VnTime document holds it (TCVN3 bytes read as Latin-1).
TCVN3_TEXT = "C\xb8c c\xac quan, \xae\xacn v\xde"


def test_a_tcvn3_paste_arrives_as_unicode_and_is_saved_so(qtbot, window, new_report, store) -> None:  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    editor.edit.setFocus()
    QGuiApplication.clipboard().setText(TCVN3_TEXT)
    editor.edit.paste()
    assert editor.edit.toPlainText() == "Các cơ quan, đơn vị"
    assert editor.edit.last_conversion is LegacyEncoding.TCVN3
    assert "TCVN3" in QToolTip.text()
    wait_saved(qtbot, window)
    assert store.load_report(window.session.report_id).texts["cddh"] == "Các cơ quan, đơn vị"


def test_a_unicode_paste_is_left_as_it_is(qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    QGuiApplication.clipboard().setText("Hòa nhập, Noël, naïve")
    editor.edit.paste()
    assert editor.edit.toPlainText() == "Hòa nhập, Noël, naïve"
    assert editor.edit.last_conversion is None


def test_a_formatted_section_says_so_and_typing_makes_it_plain(qtbot, window, store, commune) -> None:  # type: ignore[no-untyped-def]
    report = sample_report()
    report.set_narrative("cddh", RichText((
        Paragraph((Run("Đã ban hành "), Run("3 kế hoạch", bold=True))),
        Table((1, 2), 1, ((Cell((Run("STT"),)), Cell((Run("Tên"),))),)))))
    report_id = store.save_report(report)
    window.open_report(report_id)
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    assert editor.formatted_note.isVisibleTo(window)
    assert editor.edit.toPlainText() == report.rich["cddh"].plain_text()
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    editor.edit.insertPlainText(" Thêm.")
    wait_saved(qtbot, window)
    assert not editor.formatted_note.isVisibleTo(window)
    assert store.load_report(report_id).rich == {}
