"""Every edit reaches the data file within a second, without a Save button.

Edits are applied to the report in memory at once (the form and the findings follow
the keyboard) and queued here; the queue is written to SQLite after a short pause
in typing, so that one figure typed digit by digit is one write and one history row.

A write that fails (full disk, read-only folder, file locked by another program,
USB stick pulled out) keeps the edit queued in memory: `failed` is emitted once for
the whole run of failures (one message, not one per keystroke), and the queue is
written again every RETRY_MS and whenever the clerk types, until it succeeds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from cchc_desktop.domain.errors import KnownError

Writer = Callable[[], None]
# The clerk's sentence for a write that failed, or None for a bug (storage/errors.storage_error,
# given by the session: the window does not reach the storage layer itself).
Explain = Callable[[BaseException], KnownError | None]


class AutoSaver(QObject):
    saved = Signal(object)          # the local time of the write
    pending_changed = Signal(bool)  # True while edits wait to be written
    failed = Signal(object)         # the KnownError that stopped a write (once per run of failures)

    QUIET_MS = 400     # write after this pause in typing...
    LONGEST_MS = 900   # ...but never later than this after the first unsaved edit
    RETRY_MS = 5000    # while writes fail, try again this often

    def __init__(self, parent: QObject | None = None, *, explain: Explain) -> None:
        super().__init__(parent)
        self._explain = explain
        self._pending: dict[Hashable, Writer] = {}
        self._quiet = QTimer(self, singleShot=True, interval=self.QUIET_MS)
        self._longest = QTimer(self, singleShot=True, interval=self.LONGEST_MS)
        self._quiet.timeout.connect(self.flush)
        self._longest.timeout.connect(self.flush)
        self._retry = QTimer(self, singleShot=True, interval=self.RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None
        self.last_error: KnownError | None = None   # set while writes fail
        self._flushing = False
        # Edits the data refused because someone else wrote first: unsaved until the clerk
        # chooses (gui/conflict_prompt.py), never shown as saved meanwhile.
        self._held: set[Hashable] = set()

    @property
    def failing(self) -> bool:
        return self.last_error is not None

    @property
    def pending(self) -> bool:
        return bool(self._pending) or self.held

    @property
    def held(self) -> bool:
        return bool(self._held)

    def hold(self, key: Hashable) -> None:
        """The edit of `key` waits for the clerk's choice: it counts as unsaved."""
        self._held.add(key)
        self.pending_changed.emit(True)

    def release(self, key: Hashable) -> None:
        """The clerk chose for `key` (its new write, if any, is queued before this)."""
        self._held.discard(key)
        if not self.pending:
            self.pending_changed.emit(False)

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
        """Write everything queued now. Returns False if a write failed (the rest stays queued)
        or an edit waits for the clerk's choice."""
        self._quiet.stop()
        self._longest.stop()
        if not self._pending:
            return not self.held
        if self._flushing:  # called again from a message shown while writing
            return False
        self._flushing = True
        try:
            while self._pending:
                key = next(iter(self._pending))
                writer = self._pending[key]
                try:
                    writer()
                except Exception as exc:
                    error = self._explain(exc)
                    if error is None:
                        raise
                    self._retry.start()
                    first = self.last_error is None
                    self.last_error = error
                    if first:
                        self.failed.emit(error)
                    return False
                if self._pending.get(key) is writer:
                    del self._pending[key]
        finally:
            self._flushing = False
        self._retry.stop()
        self.last_error = None
        self.last_saved = dt.datetime.now()
        self.pending_changed.emit(self.held)
        self.saved.emit(self.last_saved)
        return not self.held
