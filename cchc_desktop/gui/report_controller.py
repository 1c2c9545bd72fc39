"""The data file and the open report, for the window: open, start, close, save, change the
status, put a restore point back; and what the start page and the tree read from the file.

No widgets: the window asks the clerk, this does what was decided and says what changed
with signals. The window reaches the store only through here or through the report's
session (gui/session.py). SQLAlchemy (the store) is imported where first needed: at start it
loads on a worker thread behind the shown window (gui/opening.py); Alembic only when a data
file needs an upgrade (storage/database.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from cchc_desktop.domain.lifecycle import Readiness
from cchc_desktop.domain.report import Report, ReportStatus
from cchc_desktop.domain.template import Template, shipped_templates
from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.findings_panel import correction_text
from cchc_desktop.gui.services import Consolidation, MailOutbox, TrustRecords, UnitSettings
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.backups import BackupInfo, list_backups, restore_backup
from cchc_desktop.storage.instance_lock import InstanceLock

if TYPE_CHECKING:
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.presence import Presence
    from cchc_desktop.storage.repository import OwnUnit, ReportStore, ReportSummary


def open_data_file(path: Path, lock: InstanceLock) -> Database:
    """Open the data file through the one door every writer uses (storage/datafile.py).

    `lock` is the instance lock this process holds on `path`: the lock, then a restore
    point before any upgrade, then the upgrade. No restore point, no upgrade; a file of a
    newer version or of another program is refused untouched.
    """
    # Start-up time: datafile brings SQLAlchemy, loaded on the worker thread that opens the
    # file at start (gui/opening.py); this runs on that thread, so no widget is touched here.
    from cchc_desktop.storage.datafile import open_for_writing

    return open_for_writing(path, lock=lock).database


class ReportController(QObject):
    store_changed = Signal()            # a data file was opened, or opened again after a restore
    report_opened = Signal()            # `session` is the report just opened
    report_closed = Signal(object)      # the ReportSession just closed; `session` is None now

    def __init__(self, store: ReportStore | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session: ReportSession | None = None
        self.data_lock: InstanceLock | None = None   # held on the data file (gui/app.run)
        self._lock_taken_here = False

    def set_store(self, store: ReportStore) -> None:
        """The data file, once open: the window is shown before it, so that it appears at once."""
        self.store = store
        self.store_changed.emit()

    @property
    def file_open(self) -> bool:
        """False until app.run has opened the data file (the window is shown before)."""
        return self.store is not None

    # ------------------------------------------------------------------ what the data file holds
    def own_unit(self) -> OwnUnit | None:
        return self.store.own_unit() if self.store is not None else None

    def unit_reports(self, unit_code: str) -> tuple[list[Report], Callable[[str], Template]]:
        """One unit's reports and how to find their templates: what its trends are drawn from."""
        if self.store is None or not unit_code:
            return [], shipped_templates().get
        return self.store.unit_reports(unit_code), self.store.registry.get

    def subordinate_units(self) -> list[Unit]:
        return self.store.subordinate_units() if self.store is not None else []

    def reports(self, unit_code: str | None = None, year: int | None = None) -> list[ReportSummary]:
        return self.store.list_reports(unit_code, year) if self.store is not None else []

    def find_report(self, unit_code: str, year: int, kind: str) -> int | None:
        return self.store.find_report_id(unit_code, year, kind) if self.store is not None else None

    def is_own_unit(self, unit_code: str) -> bool:
        own = self.own_unit()
        return own is not None and own.code == unit_code

    def ensure_may_write(self) -> None:
        """KnownError for a viewer's login (storage: ReportStore.ensure_may_write)."""
        assert self.store is not None
        self.store.ensure_may_write()

    def create_report(self, year: int, kind: str) -> int:
        """A new report of the own unit for the period (the store fills in the unit's settings)."""
        assert self.store is not None
        return self.store.create_report(year, kind)

    def consolidates(self) -> bool:
        """The open report is the own unit's and the unit has subordinate units to consolidate."""
        return self.session is not None and self.is_own_unit(self.session.report.unit.code) \
            and bool(self.subordinate_units())

    @property
    def on_server(self) -> bool:
        """The data is on a PostgreSQL server: no file to copy or lock; restore points are pg_dump's."""
        return self.store is not None and self.store.database.is_server

    def presence(self) -> Presence | None:
        """Who else has a report open, on a server (storage/presence.py); None on a file."""
        if self.store is None or not self.on_server:
            return None
        from cchc_desktop.storage.presence import Presence  # a server's window only

        return Presence(self.store.database)

    def missing_server_tools(self) -> str | None:
        """On a server, what to install when this PC lacks pg_dump or pg_restore; else None."""
        if not self.on_server:
            return None
        # a server's window only (sqlalchemy, psycopg): storage/server_backups.py
        from cchc_desktop.storage.server_backups import missing_tools

        return missing_tools()

    def restore_points(self) -> list[BackupInfo]:
        """The data's restore points, newest first: the file's copies, or the server's dumps."""
        if self.store is None:
            return []
        if self.on_server:
            # a server's window only (sqlalchemy, psycopg): storage/server_backups.py
            from cchc_desktop.storage.server import ServerDatabase
            from cchc_desktop.storage.server_backups import list_server_backups

            assert isinstance(self.store.database, ServerDatabase)
            return list_server_backups(self.store.database.address)
        return list_backups(self.store.database.path)

    # ------------------------------------------------------------------ the open report
    def flush(self) -> bool:
        """Write the open report's pending edits; False while the disk refuses them."""
        return self.session is None or self.session.saver.flush()

    def open(self, report_id: int) -> ReportSession:
        """Open `report_id` in place of the open report (whose edits the caller has flushed)."""
        assert self.store is not None
        self.close()
        self.session = ReportSession(self.store, report_id, self)
        self.report_opened.emit()
        # The report, its template and the pages just built live until the report closes:
        # out of the collector's full passes, which walked all of them (150,000 objects with
        # lists of 300 rows) and froze a keystroke for 0.1-0.2 s every so often. Undone on close.
        gc.freeze()
        return self.session

    def close(self) -> bool:
        """Close the open report; False if some of its edits could not be written."""
        session = self.session
        if session is None:
            return True
        saved = session.close()
        self.session = None
        self.report_closed.emit(session)
        session.deleteLater()
        gc.unfreeze()   # what the closed report leaves in cycles can be collected again
        return saved

    def final_check(self) -> tuple[list[str], Readiness]:
        """What stands in the way of marking the open report final: the errors, which block it,
        then what is still missing (the clerk's call).

        A field still showing a refused text is not saved: the report would be final without
        what the clerk sees on screen, so those count as errors, first.
        """
        session = self.session
        assert session is not None
        session.flush_or_refuse()
        readiness = session.readiness()
        errors = [correction_text(c) for c in session.corrections()] + \
            [finding.message for finding in readiness.errors]
        return errors, readiness

    def set_status(self, status: ReportStatus, reason: str = "") -> None:
        assert self.session is not None
        self.session.set_status(status, reason)

    # ------------------------------------------------------------------ restore points
    def restore(self, chosen: BackupInfo) -> BackupInfo:
        """Put restore point `chosen` back as the data and open again what was open.

        The open report is closed and the file shut first; the file is opened again even if
        the restore fails. On a server, pg_restore in one transaction (storage/server_backups).
        Returns the restore point taken of the state just before.
        """
        store = self.store
        assert store is not None
        reopen = None
        if self.session is not None:
            report = self.session.report
            reopen = (report.unit.code, report.period.year, report.period.kind.value)
        self.close()
        if self.on_server:
            safety = self._restore_on_server(store, chosen)
        else:
            path = store.database.path
            store.database.close()
            try:
                safety = restore_backup(path, chosen)
            finally:
                self._reopen_data_file(store)
        report_id = self.find_report(*reopen) if reopen is not None else None
        if report_id is not None:
            self.open(report_id)
        return safety

    def _restore_on_server(self, store: ReportStore, chosen: BackupInfo) -> BackupInfo:
        """pg_restore into the server's database (one transaction) and a fresh store on it:
        nothing the old one read may outlive the data it was read from."""
        # a server's window only (sqlalchemy, psycopg): storage/server_backups.py
        from cchc_desktop.storage.repository import ReportStore
        from cchc_desktop.storage.server import ServerDatabase
        from cchc_desktop.storage.server_backups import restore_server_backup

        assert isinstance(store.database, ServerDatabase)
        try:
            return restore_server_backup(store.database, chosen)
        finally:
            self.set_store(ReportStore(store.database, registry=store.registry))

    def _reopen_data_file(self, old: ReportStore) -> None:
        # Start-up time: the store brings SQLAlchemy, loaded after the window shows.
        from cchc_desktop.storage.repository import ReportStore

        # The lock app.run holds, or one taken now for a window made without it (tests).
        if self.data_lock is None:
            self.data_lock, self._lock_taken_here = InstanceLock(old.database.path), True
        database = open_data_file(old.database.path, self.data_lock)
        self.set_store(ReportStore(database, registry=old.registry))

    def switch_to(self, store: ReportStore) -> bool:
        """Work on other data from now on (Tệp > Kết nối máy chủ...): the open report closed,
        the old data file closed and its lock given back. False (nothing switched) if the
        open report's last edits could not be written (the new data closed again)."""
        if not self.close():
            store.database.close()
            return False
        old = self.store
        if old is not None:
            old.database.close()
        if self.data_lock is not None:
            self.data_lock.release()
            self.data_lock, self._lock_taken_here = None, False
        self.set_store(store)
        return True

    def release(self) -> None:
        """The window closes: give back the lock this controller took itself, if any."""
        if self._lock_taken_here and self.data_lock is not None:
            if self.store is not None:
                self.store.database.close()
            self.data_lock.release()

    # ------------------------------------------------------------------ for the dialogs (gui/services.py)
    # What a dialog may ask of the data file beyond the open report: it is handed one of
    # these, never the store (tests/gui/test_store_access.py).
    def unit_settings(self) -> UnitSettings:
        """The own unit, its subordinate units and the settings: first run, Cài đặt."""
        assert self.store is not None
        return UnitSettings(self.store)

    def consolidation(self) -> Consolidation:
        """The open report's consolidation of its subordinate units (see consolidates())."""
        assert self.store is not None and self.session is not None
        return Consolidation(self.store, self.session.report_id)

    def mail_outbox(self) -> MailOutbox | None:
        """The data file's outbox and mail account; None before it is open."""
        return MailOutbox(self.store) if self.store is not None else None

    def trust(self) -> TrustRecords | None:
        """The data file's trusted roots, revocation lists and pins; None before it is open."""
        if self.store is None:
            return None
        # Start-up time: the trust store brings SQLAlchemy and cryptography.
        from cchc_desktop.storage.trust_store import TrustStore

        return TrustStore(self.store.database)
