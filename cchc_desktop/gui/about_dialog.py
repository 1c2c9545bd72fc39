"""Trợ giúp > Giới thiệu CCHC Desktop: the program's icon, name and version, and what it does.

The form is ui/about_dialog.ui; the version comes from the package, not from the form.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QStyle, QWidget

from cchc_desktop import __version__
from cchc_desktop.gui.designer.ui_about_dialog import Ui_AboutDialog
from cchc_desktop.paths import APP_NAME


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        # The size Qt gives the icon of its own message boxes, which this box used to be.
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon = (parent.windowIcon() if parent is not None else QApplication.windowIcon())
        self.ui.icon.setPixmap(icon.pixmap(size, size))
        self.ui.version.setText(f"{APP_NAME} {__version__}")


def show_about(parent: QWidget | None) -> None:
    dialog = AboutDialog(parent)
    dialog.exec()
    dialog.deleteLater()
