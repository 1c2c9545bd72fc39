"""Settings: the own unit (as on first run) and the language of the window.

The dialog's layout is ui/settings_dialog.ui; the unit tab holds the UnitForm of the first run.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from cchc_desktop.gui.designer.ui_settings_dialog import Ui_SettingsDialog
from cchc_desktop.gui.setup_dialog import UnitForm
from cchc_desktop.i18n import current_language

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import ReportStore

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))   # each named in its own language
LANGUAGE_SETTING = "language"


def last_field(widget: QWidget) -> QWidget:
    """The last widget inside `widget` that tab stops at (`widget` itself if none)."""
    last, current = widget, widget.nextInFocusChain()
    while current is not None and current is not widget and widget.isAncestorOf(current):
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = current
        current = current.nextInFocusChain()
    return last


class SettingsDialog(QDialog):
    def __init__(self, store: ReportStore, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        # Made outside its tab and then moved in: the move takes away the focus the form may give
        # its name field, so the dialog opens on the tab bar.
        self.unit_form = UnitForm(store, today, self.ui.tabs)
        self.ui.unitTabLayout.addWidget(self.unit_form)
        self.language: QComboBox = self.ui.language
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        # The form is made after the rest: tab goes through its fields first, then the others.
        previous = last_field(self.unit_form)
        for widget in (self.language, *self.ui.buttons.buttons()):
            QWidget.setTabOrder(previous, widget)
            previous = widget
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        if not self.unit_form.validate():
            return
        self.unit_form.save()
        self.store.set_setting(LANGUAGE_SETTING, self.chosen_language())
        super().accept()
