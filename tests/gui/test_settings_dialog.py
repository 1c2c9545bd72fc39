"""gui/settings_dialog.py: Công cụ > Cài đặt offers the window's languages, each named in its
own language, with the current one chosen; Lưu keeps the one chosen in the data file, Esc keeps
nothing; a unit without a name keeps the dialog open and saves none of it; Tab goes through
the unit's fields, then the language, the signing set-up and the buttons.

Beside tests/gui/test_first_run.py (the unit tab edits the unit), tests/gui/test_settings_signing.py
and test_settings_signature_image.py (the seal, the signature image, the timestamp server);
here the language, the refusals and the keyboard's way through the dialog.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QWidget

from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING, SettingsDialog, last_field
from cchc_desktop.storage.repository import ReportStore

TODAY = dt.date(2026, 3, 16)


def shown(qtbot, store: ReportStore) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_english_chosen_by_keys_is_kept_in_the_data_file(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, store)
    combo = dialog.language
    assert [combo.itemText(i) for i in range(combo.count())] == ["Tiếng Việt", "English"]
    assert dialog.chosen_language() == "vi"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert dialog.chosen_language() == "en"
    save = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save is not None and save.text() == "Lưu"
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.setting(LANGUAGE_SETTING) == "en"
    assert store.own_unit().name == commune.name, "the unit saved as it was"


def test_esc_keeps_nothing(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, store)
    dialog.language.setCurrentIndex(1)
    dialog.unit_form.signer.setText("Lê Văn Tám")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert store.setting(LANGUAGE_SETTING) == ""
    assert store.own_unit().signer_name == "Trần Thị Bích Ngọc"


def test_a_unit_without_a_name_keeps_the_dialog_open_and_saves_nothing(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, store)
    dialog.unit_form.name.clear()
    dialog.language.setCurrentIndex(1)
    dialog.ui.tsaUrl.setText("http://timestamp.ca.gov.vn")
    dialog.accept()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.unit_form.name_error.text() == "Hãy nhập tên đơn vị."
    assert store.setting(LANGUAGE_SETTING) == ""
    assert store.own_unit().name == commune.name


def test_tab_goes_from_the_units_last_field_to_the_language(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    dialog = shown(qtbot, store)
    last = last_field(dialog.unit_form)
    assert dialog.unit_form.isAncestorOf(last) and last.focusPolicy() & Qt.FocusPolicy.TabFocus
    dialog.ui.tabs.setCurrentIndex(0)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    last.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is last
    # the language and the signing set-up are on other tabs: from the unit's tab, Tab goes on
    # to the dialog's buttons, never back into the form
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() in dialog.ui.buttons.buttons()
    chain: list[QWidget] = []
    widget = last.nextInFocusChain()
    while widget is not None and widget is not last and len(chain) < 8:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    assert chain[:6] == [dialog.language, dialog.ui.chooseSeal, dialog.ui.clearSeal,
                         dialog.ui.chooseSignature, dialog.ui.clearSignature, dialog.ui.tsaUrl]
    alone = QLineEdit()
    qtbot.addWidget(alone)
    assert last_field(alone) is alone, "a widget with nothing inside is its own last field"
