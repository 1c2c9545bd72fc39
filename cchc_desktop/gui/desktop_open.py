"""Opening a file or a folder in the PC's own program (file manager, PDF reader, mail program)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_url(path: Path) -> bool:
    """The folder in the file manager, a file in its program (patched in the tests).

    False when the PC has no program for it (no mail program set up, no file manager): the
    caller says so and shows the path, never leaves the clerk with a button that did nothing.
    """
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
