"""Restore points from the window: taken before a status change, listed and put back.

Restore points are made by storage/backups.py with SQLite's online backup API, or on a
PostgreSQL server by storage/server_backups.py with pg_dump (not at start-up there). The
window takes one at start-up (app.run), one before every status change (here, for
ReportSession.set_status) and the importers take one before an import or a
consolidation. Tệp > Khôi phục... lists them, newest first; putting one back first
saves the current state as a restore point, so a restore can itself be undone.
The dialog's layout is ui/restore_dialog.ui.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cchc_desktop.gui.designer.ui_restore_dialog import Ui_RestoreDialog
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.storage.backups import BackupInfo


def stamp(info: BackupInfo) -> str:
    return info.created_at.strftime("%d/%m/%Y %H:%M:%S")


def states_text(info: BackupInfo) -> str:
    return "; ".join(f"{r.get('period', '')}: {r.get('status', '')}" for r in info.reports)


class RestoreDialog(QDialog):
    """The restore points of the data (file or server); `chosen` is the one confirmed for restoring."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_RestoreDialog()
        ui.setupUi(self)
        self.backups = backups
        self.chosen: BackupInfo | None = None
        self.table: QTableWidget = ui.table
        self.empty: QLabel = ui.empty
        self.restore_button: QPushButton = ui.restoreButton
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setRowCount(len(backups))
        for row, info in enumerate(backups):
            states = states_text(info)
            for col, text in enumerate((stamp(info), info.reason, states)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.empty.setVisible(not backups)
        ui.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.confirm)
        ui.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected() is not None))
        self.table.doubleClicked.connect(lambda _index: self.confirm())
        if backups:
            self.table.selectRow(0)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select(self, info: BackupInfo) -> None:
        self.table.selectRow(self.backups.index(info))

    def confirm(self) -> bool:
        """Ask before restoring; accept the dialog with `chosen` set if the clerk agrees."""
        info = self.selected()
        if info is None:
            return False
        answer = QMessageBox.question(
            self, _("Khôi phục dữ liệu"),
            _("Đưa toàn bộ dữ liệu về thời điểm {time} ({reason})?\n\nMọi thay đổi sau "
              "thời điểm đó sẽ không còn trong dữ liệu. Trạng thái hiện tại sẽ được lưu thành "
              "một điểm khôi phục trước, nên có thể quay lại.").format(
                  time=stamp(info), reason=info.reason),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.chosen = info
        self.accept()
        return True
