"""Pasting text of an old Vietnamese encoding into a narrative gives Unicode, and says so."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolTip

from cchc_desktop.domain.legacy_text import LegacyEncoding
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
