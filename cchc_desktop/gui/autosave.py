"""Every edit reaches the data file within a second, without a Save button.

Edits are applied to the report in memory at once (the form and the findings follow
the keyboard) and queued here; the queue is written to SQLite after a short pause
in typing, so that one figure typed digit by digit is one write and one history row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from cchc_desktop.domain.errors import KnownError

Writer = Callable[[], None]


class AutoSaver(QObject):
    saved = Signal(object)          # the local time of the write
    pending_changed = Signal(bool)  # True while edits wait to be written
    failed = Signal(object)         # the KnownError that stopped a write

    QUIET_MS = 400     # write after this pause in typing...
    LONGEST_MS = 900   # ...but never later than this after the first unsaved edit

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Writer] = {}
        self._quiet = QTimer(self, singleShot=True, interval=self.QUIET_MS)
        self._longest = QTimer(self, singleShot=True, interval=self.LONGEST_MS)
        self._quiet.timeout.connect(self.flush)
        self._longest.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None

    @property
    def pending(self) -> bool:
        return bool(self._pending)

    def queue(self, key: Hashable, writer: Writer) -> None:
        """Schedule `writer`; a later writer for the same key replaces it (last value wins)."""
        was_empty = not self._pending
        self._pending.pop(key, None)
        self._pending[key] = writer
        self._quiet.start()
        if was_empty:
            self._longest.start()
            self.pending_changed.emit(True)

    def flush(self) -> bool:
        """Write everything queued now. Returns False if a write failed (the rest stays queued)."""
        self._quiet.stop()
        self._longest.stop()
        if not self._pending:
            return True
        while self._pending:
            key = next(iter(self._pending))
            try:
                self._pending[key]()
            except KnownError as exc:
                self.failed.emit(exc)
                return False
            del self._pending[key]
        self.last_saved = dt.datetime.now()
        self.pending_changed.emit(False)
        self.saved.emit(self.last_saved)
        return True
