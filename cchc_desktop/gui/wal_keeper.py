"""After the clerk's edits are written, empty the data file's WAL once the window is quiet.

SQLite folds its write-ahead log back into the data file every 1000 pages, which leaves
up to 4 MB of -wal file beside a file of 200 KB for as long as the window is open
(storage/database.py limits what stays after a fold). Once no commit has come for a
QUIET_MS, the WAL is folded back whole and emptied: the data file alone holds everything,
which is also what a copy of it taken by hand (a USB stick, an e-mail) needs.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, QTimer

from cchc_desktop.gui.report_controller import ReportController


class WalKeeper(QObject):
    QUIET_MS = 1000   # autosave writes within a second of the last key: then quiet

    def __init__(self, controller: ReportController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._seen: tuple[int, int] | None = None   # (the open database, its commits) last tick
        self._folded: tuple[int, int] | None = None
        self._timer = QTimer(self, interval=self.QUIET_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def tick(self) -> None:
        store = self.controller.store
        if store is None:
            return
        database = store.database
        now = (id(database), database.commits)
        if now != self._seen:
            self._seen = now   # written since the last tick: wait for a quiet one
            return
        if now == self._folded:
            return
        from sqlalchemy import exc as sqlalchemy_exc  # loaded with the store, off the GUI thread

        try:
            if database.checkpoint():
                self._folded = now
        except (sqlalchemy_exc.SQLAlchemyError, sqlite3.Error, OSError):
            # Never data at risk (every commit is whole in the WAL); the autosave tells the
            # clerk about a file that cannot be written. Try again at the next quiet tick.
            pass
