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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

from cchc_desktop.addresses import ServerAddress
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


class PasswordBridge(QObject):
    """The worker's question for a password, answered on the GUI thread (a dialog there)."""

    asked = Signal(str)

    def __init__(self, ask: Callable[[str], str | None]) -> None:
        super().__init__()
        self._ask = ask
        self._answer: str | None = None
        # Blocking: the worker waits for the clerk's answer, the window goes on meanwhile.
        self.asked.connect(self._on_gui_thread, Qt.ConnectionType.BlockingQueuedConnection)

    def _on_gui_thread(self, prompt: str) -> None:
        self._answer = self._ask(prompt)

    def ask(self, prompt: str) -> str | None:
        self._answer = None
        self.asked.emit(prompt)
        return self._answer


@dataclass(frozen=True)
class OpenedFile:
    store: ReportStore
    saved_language: str


def _open(path: Path | ServerAddress, lock: InstanceLock | None, registry: TemplateRegistry,
          ask: Callable[[str], str | None] | None = None) -> OpenedFile:
    """On the worker thread: no widget is touched here (`ask` hands the question to the GUI)."""
    # start-up: SQLAlchemy (~0.3 s) and the settings dialog load here, behind the shown window
    from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
    from cchc_desktop.storage.repository import ReportStore

    if isinstance(path, ServerAddress):
        # The server's driver only for a server; no lock: the server keeps writers apart.
        from cchc_desktop.storage.open_data import open_for_writing_at

        database = open_for_writing_at(path, ask=ask).database
    else:
        assert lock is not None
        database = open_data_file(path, lock)
    store = ReportStore(database, registry=registry)
    try:
        return OpenedFile(store, store.setting(LANGUAGE_SETTING))
    except BaseException:
        store.database.close()
        raise


def open_behind_window(path: Path | ServerAddress, lock: InstanceLock | None,
                       registry: TemplateRegistry,
                       ask: Callable[[str], str | None] | None = None) -> OpenedFile | BaseException:
    """Open the data file (or the server's data) on a worker thread, running the window's
    events until it is open. `ask` is called on the GUI thread for a password the server wants.

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
        asker = PasswordBridge(ask) if ask is not None else None
        run_in_background(lambda _progress: _open(path, lock, registry,
                                                  asker.ask if asker is not None else None),
                          on_success=finished, on_failure=finished)
        if not outcome:
            loop.exec()
    finally:
        sys.setswitchinterval(interval)
    return outcome[0]
