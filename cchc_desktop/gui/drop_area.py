"""The place to drop the units' files or a folder of them (Báo cáo > Tổng hợp đơn vị trực thuộc).

Its text and shape are set where it is placed (ui/consolidation_dialog.ui); its look in both
states is QLabel#dropArea in resources/style/app.qss.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QWidget

from cchc_desktop.gui.style import set_flag


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local files and folders carried by a drag; other URLs (web links) are ignored."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropArea(QLabel):
    """Takes a drag of local files or folders and says so by its "active" look."""

    dropped = Signal(list)   # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropArea")   # the name app.qss styles
        self.setAcceptDrops(True)
        self._style(False)

    def _style(self, active: bool) -> None:
        set_flag(self, "active", active)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            self._style(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: Any) -> None:
        self._style(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._style(False)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)
