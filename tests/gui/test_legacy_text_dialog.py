"""Công cụ > Chuyển mã văn bản: text of the old encodings shown before and after, the
encoding found or chosen, copied or inserted into the section's text as Unicode."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.legacy_text import LegacyEncoding
from cchc_desktop.gui.legacy_text_dialog import LegacyTextDialog
from tests.gui.helpers import wait_saved

# "Các cơ quan, đơn vị" as a .VnTime document holds it (TCVN3 bytes read as Latin-1), and
# "Cải cách" typed with VNI-Times.
TCVN3_TEXT = "C\xb8c c\xac quan, \xae\xacn v\xde"
VNI_TEXT = "Caûi caùch"


def test_tcvn3_is_found_shown_converted_and_copied(qtbot: QtBot) -> None:
    dialog = LegacyTextDialog()
    qtbot.addWidget(dialog)
    assert dialog.insert_button is None          # nowhere to insert without a report
    assert not dialog.copy_button.isEnabled()
    dialog.ui.before.setPlainText(TCVN3_TEXT)
    assert dialog.converted_text() == "Các cơ quan, đơn vị"
    assert "TCVN3" in dialog.ui.summary.text()
    assert "4 từ" in dialog.ui.summary.text()    # Các, cơ, đơn, vị
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Các cơ quan, đơn vị"


def test_the_chosen_encoding_overrides_detection_and_unicode_is_left_alone(qtbot: QtBot) -> None:
    dialog = LegacyTextDialog()
    qtbot.addWidget(dialog)
    dialog.ui.before.setPlainText(VNI_TEXT)
    assert dialog.converted_text() == "Cải cách"
    dialog.ui.before.setPlainText("Cải cách hành chính")
    assert dialog.converted_text() == "Cải cách hành chính"
    assert "không có gì phải chuyển" in dialog.ui.summary.text()
    dialog.ui.before.setPlainText("Ca\u0309i ca\u0301ch")      # decomposed: marks apart
    assert dialog.converted_text() == "Cải cách"
    assert len(dialog.converted_text()) == len("Cải cách")
    index = dialog.ui.encoding.findData(LegacyEncoding.TCVN3.value)
    dialog.ui.encoding.setCurrentIndex(index)
    dialog.ui.before.setPlainText(TCVN3_TEXT)
    assert "Chuyển theo" in dialog.ui.summary.text()


def test_from_the_tools_menu_into_the_text(qtbot, window, new_report, store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    shown: list[LegacyTextDialog] = []

    def run(dialog: LegacyTextDialog) -> int:
        shown.append(dialog)
        dialog.ui.before.setPlainText(TCVN3_TEXT)
        assert dialog.insert_button is not None
        dialog.insert_button.click()
        return 1

    monkeypatch.setattr(LegacyTextDialog, "exec", run)
    assert window.ui.act_legacy_text in window.ui.menu_tools.actions()
    window.ui.act_legacy_text.trigger()
    assert shown
    wait_saved(qtbot, window)
    assert "Các cơ quan, đơn vị" in store.load_report(window.session.report_id).texts["cddh"]
    QApplication.processEvents()
