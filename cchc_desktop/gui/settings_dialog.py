"""Settings: the own unit (as on first run), the language of the window, and the unit's
signing set-up (its seal image, the signer's signature image and the timestamp server, kept
in the data file).

The dialog's layout is ui/settings_dialog.ui; the unit tab holds the UnitForm of the first run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.designer.ui_settings_dialog import Ui_SettingsDialog
from cchc_desktop.gui.setup_dialog import UnitForm
from cchc_desktop.i18n import _, current_language

if TYPE_CHECKING:
    from cchc_desktop.gui.services import UnitSettings

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))   # each named in its own language
LANGUAGE_SETTING = "language"
SEAL_DIR_SETTING = "seal_dir"   # the folder the seal image was last chosen in
SIGNATURE_DIR_SETTING = "signature_image_dir"   # likewise for the signer's signature image


def last_field(widget: QWidget) -> QWidget:
    """The last widget inside `widget` that tab stops at (`widget` itself if none)."""
    last, current = widget, widget.nextInFocusChain()
    while current is not None and current is not widget and widget.isAncestorOf(current):
        if current.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = current
        current = current.nextInFocusChain()
    return last


class SettingsDialog(QDialog):
    def __init__(self, units: UnitSettings, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = units
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        # Made outside its tab and then moved in: the move takes away the focus the form may give
        # its name field, so the dialog opens on the tab bar.
        self.unit_form = UnitForm(units, today, self.ui.tabs)
        self.ui.unitTabLayout.addWidget(self.unit_form)
        self.language: QComboBox = self.ui.language
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current_language())))
        self._signing_setup()
        # The form is made after the rest: tab goes through its fields first, then the others.
        previous = last_field(self.unit_form)
        signing = (self.ui.chooseSeal, self.ui.clearSeal, self.ui.chooseSignature,
                   self.ui.clearSignature, self.ui.tsaUrl)
        for widget in (self.language, *signing, *self.ui.buttons.buttons()):
            QWidget.setTabOrder(previous, widget)
            previous = widget
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    # ------------------------------------------------------------------ Chữ ký số
    def _signing_setup(self) -> None:
        # Deferred: the set-up checks a seal with the signing code (reportlab, Pillow), which
        # the window's start need not load.
        from cchc_desktop.submission.appearance_settings import stored_setup

        setup = stored_setup(self.units)
        self.ui.sealPath.setText(setup.seal_path)
        self.ui.signaturePath.setText(setup.signature_path)
        self.ui.tsaUrl.setText(setup.tsa_url)
        self.ui.chooseSeal.clicked.connect(self._choose_seal)
        self.ui.clearSeal.clicked.connect(lambda: self.choose_seal(""))
        self.ui.chooseSignature.clicked.connect(self._choose_signature)
        self.ui.clearSignature.clicked.connect(lambda: self.choose_signature(""))

    def _choose_seal(self) -> None:
        current = self.ui.sealPath.text()
        path = file_dialogs.open_file(self, self.units, SEAL_DIR_SETTING, _("Chọn ảnh con dấu"),
                                      _("Ảnh PNG (*.png)"), select=Path(current) if current else None)
        if path is not None:
            self.choose_seal(str(path))

    def choose_seal(self, path: str) -> bool:
        """Take `path` as the seal if it is a transparent PNG; else say why and keep the old one."""
        # start-up: the signing code (reportlab, Pillow) loads only to check a seal
        from cchc_desktop.submission.signing import load_seal_png

        return self._take_png(path, load_seal_png, self.ui.sealPath)

    def _take_png(self, path: str, load: Callable[[Path], object], field: QLineEdit) -> bool:
        """`path` into `field` if `load` takes it (or it is empty); else its reason shown."""
        if path:
            try:
                load(Path(path))
            except KnownError as exc:
                self.ui.signingMessage.setText(exc.message)
                return False
        self.ui.signingMessage.clear()
        field.setText(path)
        return True

    def _choose_signature(self) -> None:
        current = self.ui.signaturePath.text()
        path = file_dialogs.open_file(self, self.units, SIGNATURE_DIR_SETTING,
                                      _("Chọn ảnh chữ ký của người ký"), _("Ảnh PNG (*.png)"),
                                      select=Path(current) if current else None)
        if path is not None:
            self.choose_signature(str(path))

    def choose_signature(self, path: str) -> bool:
        """Take `path` as the signer's signature image if it is a transparent PNG; else say why
        and keep the old one."""
        # start-up: the signing code (Pillow) loads only to check an image
        from cchc_desktop.submission.signature_image import load_signature_png

        return self._take_png(path, load_signature_png, self.ui.signaturePath)

    def _save_signing(self) -> bool:
        # start-up: the signing code (reportlab, Pillow) loads only to save a seal
        from cchc_desktop.submission.appearance_settings import SigningSetup, save_setup

        try:
            save_setup(self.units, SigningSetup(self.ui.sealPath.text(), self.ui.tsaUrl.text(),
                                                self.ui.signaturePath.text()))
        except KnownError as exc:
            self.ui.tabs.setCurrentWidget(self.ui.signingTab)
            self.ui.signingMessage.setText(exc.message)
            return False
        return True

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        if not self.unit_form.validate():
            return
        if not self._save_signing():
            return
        self.unit_form.save()
        self.units.set_setting(LANGUAGE_SETTING, self.chosen_language())
        super().accept()
