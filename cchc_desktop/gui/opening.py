"""The data file opens behind the shown window, on a worker thread, while the window answers.

Opening loads SQLAlchemy (a third of a second) and reads the file; on the GUI thread that
froze a painted window. Here the work runs on the thread pool and the GUI thread runs an
event loop meanwhile: the window paints, moves, answers a click, and its start page says
"Đang mở tệp dữ liệu..." (gui/start_page.py) until the store is handed over. The steps are
those of storage/datafile.py (the lock is already held, a restore point before any upgrade,
an upgrade only when needed), unchanged; only the thread they run on is new.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop

from cchc_desktop.gui.report_controller import open_data_file
from cchc_desktop.gui.worker import run_in_background
from cchc_desktop.storage.instance_lock import InstanceLock

if TYPE_CHECKING:
    from cchc_desktop.domain.template import TemplateRegistry
    from cchc_desktop.storage.repository import ReportStore

# While the worker imports and reads, it gives the GUI thread the interpreter at least this
# often (seconds; Python's default is 0.005): each call the window makes into Python waits
# for it, and painting the window makes many.
SWITCH_INTERVAL = 0.001


@dataclass(frozen=True)
class OpenedFile:
    store: ReportStore
    saved_language: str


def _open(path: Path, lock: InstanceLock, registry: TemplateRegistry) -> OpenedFile:
    """On the worker thread: no widget is touched here."""
    # start-up: SQLAlchemy (~0.3 s) and the settings dialog load here, behind the shown window
    from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
    from cchc_desktop.storage.repository import ReportStore

    store = ReportStore(open_data_file(path, lock), registry=registry)
    try:
        return OpenedFile(store, store.setting(LANGUAGE_SETTING))
    except BaseException:
        store.database.close()
        raise


def open_behind_window(path: Path, lock: InstanceLock,
                       registry: TemplateRegistry) -> OpenedFile | BaseException:
    """Open the data file on a worker thread, running the window's events until it is open.

    Returns what opened, or the exception that stopped it (a DataFileError for the clerk).
    """
    outcome: list[OpenedFile | BaseException] = []
    loop = QEventLoop()

    def finished(result: OpenedFile | BaseException) -> None:
        outcome.append(result)
        loop.quit()

    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        run_in_background(lambda _progress: _open(path, lock, registry),
                          on_success=finished, on_failure=finished)
        if not outcome:
            loop.exec()
    finally:
        sys.setswitchinterval(interval)
    return outcome[0]
