"""Trợ giúp > Hướng dẫn sử dụng (F1): the short guide for a clerk's first hour, inside the app.

The guide is an HTML file shipped in resources/guide/, one per interface language
(huong-dan.vi.html, huong-dan.en.html), shown in a QTextBrowser: no web browser, no network.
The form is ui/guide_dialog.ui; the guide, the title and the size to the screen are set here.
The dialog is not modal, so that the clerk can keep it beside the window while following it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QWidget

from cchc_desktop.gui.designer.ui_guide_dialog import Ui_GuideDialog
from cchc_desktop.i18n import _, current_language
from cchc_desktop.paths import resources_dir

DEFAULT_LANGUAGE = "vi"


def guide_path(language: str | None = None) -> Path:
    """The guide in `language` (the interface's by default), the Vietnamese one if there is none."""
    folder = resources_dir() / "guide"
    path = folder / f"huong-dan.{language or current_language()}.html"
    return path if path.exists() else folder / f"huong-dan.{DEFAULT_LANGUAGE}.html"


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_GuideDialog()
        self.ui.setupUi(self)
        self.browser = self.ui.guide      # its links move within the guide, never out of the app
        # Room for the text, within a small screen's height too.
        available = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(760, available.width() * 9 // 10), min(620, available.height() * 85 // 100))
        self.load()

    def load(self) -> None:
        """The guide in the interface's language of now."""
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        self.setWindowTitle(self.browser.documentTitle() or _("Hướng dẫn sử dụng"))

    @property
    def title(self) -> str:
        return self.browser.documentTitle()


def show_guide(parent: QWidget, dialog: GuideDialog | None = None) -> GuideDialog:
    """Show the guide (the one already open, if any, brought forward in today's language)."""
    if dialog is None:
        dialog = GuideDialog(parent)
    else:
        dialog.load()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
