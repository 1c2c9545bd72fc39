"""Settings: the own unit (as on first run) and the language of the window."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.gui.setup_dialog import UnitForm
from cchc_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import ReportStore

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))   # each named in its own language
LANGUAGE_SETTING = "language"


class SettingsDialog(QDialog):
    def __init__(self, store: ReportStore, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Cài đặt"))
        self.setMinimumWidth(640)
        self.store = store
        layout = QVBoxLayout(self)
        tabs = QTabWidget(self)
        self.unit_form = UnitForm(store, today, tabs)
        tabs.addTab(self.unit_form, _("Đơn vị"))
        general = QWidget(tabs)
        form = QFormLayout(general)
        self.language = QComboBox(general)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        form.addRow(_("Ngôn ngữ giao diện"), self.language)
        tabs.addTab(general, _("Chung"))
        layout.addWidget(tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        if not self.unit_form.validate():
            return
        self.unit_form.save()
        self.store.set_setting(LANGUAGE_SETTING, self.chosen_language())
        super().accept()
