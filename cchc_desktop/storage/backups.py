"""Restore points of the data file, made with SQLite's online backup API.

A file copy of a live WAL database can catch it half-written; the backup API copies a
consistent snapshot even while the app keeps working. Each restore point has a small
JSON description beside it (when, why, the reports' states) so the list can be shown
without opening every backup. Rotation keeps the newest ones and the newest of every
period, so that the state at each report's end is never rotated away.

Data on a PostgreSQL server has its restore points made by pg_dump instead
(storage/server_backups.py); restore_point() takes the right kind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.unit_names import slug
from cchc_desktop.failures import sqlite_reason
from cchc_desktop.fileio import atomic_write_text, describe_os_error
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.storage.database import Database

KEEP_NEWEST = 20
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<slug>[a-z0-9-]*)\.sqlite3$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime
    reason: str
    reports: list[dict[str, str]]   # [{"period": "Quý I năm 2026", "status": "draft"}, ...]

    @property
    def period_keys(self) -> set[str]:
        return {r.get("key", "") for r in self.reports}


def backup_folder(data_file: Path) -> Path:
    return data_file.parent / "sao-luu" / data_file.stem


def _report_states(connection: sqlite3.Connection) -> list[dict[str, str]]:
    try:
        rows = connection.execute(
            "SELECT r.year, r.kind, r.status, u.name FROM reports r JOIN units u "
            "ON u.id = r.unit_id WHERE u.is_own ORDER BY r.year, r.start").fetchall()
    except sqlite3.DatabaseError:
        return []

    states = []
    for year, kind, status, _unit in rows:
        label = Period.default(year, kind).label if kind != "ADHOC" else PeriodKind(kind).label
        states.append({"key": f"{year}-{kind}", "period": label,
                       "status": ReportStatus(status).label})
    return states


def create_backup(data_file: Path, reason: str, *, now: dt.datetime | None = None) -> BackupInfo:
    """Snapshot `data_file` into its backup folder, then rotate old restore points."""
    now = now or dt.datetime.now()
    folder = backup_folder(data_file)
    target = folder / f"{now:%Y%m%d-%H%M%S-%f}-{slug(reason, 40)}.sqlite3"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(data_file)
        try:
            destination = sqlite3.connect(target)
            with contextlib.closing(destination):
                source.backup(destination)
                states = _report_states(destination)
        finally:
            source.close()
        info = BackupInfo(target, now, reason, states)
        atomic_write_text(target.with_suffix(".json"), json.dumps(
            {"created_at": now.isoformat(), "reason": reason, "reports": states},
            ensure_ascii=False, indent=1))
    except OSError as exc:
        raise KnownError(_("Không tạo được bản sao lưu: {detail}").format(
            detail=describe_os_error(target, exc))) from exc
    except KnownError as exc:
        raise KnownError(_("Không tạo được bản sao lưu: {detail}").format(
            detail=exc.message)) from exc
    except sqlite3.Error as exc:
        with contextlib.suppress(OSError):
            target.unlink()
        raise KnownError(_("Không tạo được bản sao lưu: {detail}").format(
            detail=sqlite_reason(exc) or _("lỗi của SQLite ({detail})").format(detail=exc))) from exc
    rotate(data_file)
    return info


def restore_point(database: Database, reason: str) -> BackupInfo | None:
    """A restore point before a change that is not an ordinary edit; on a server, pg_dump's.

    None on a server whose PC lacks pg_dump: the change then goes ahead without one (it is
    one transaction and the history records it); refusing every import and consolidation
    on such a PC would be worse. The caller says so (cli/datafile.no_restore_point).
    """
    if not database.is_server:
        return create_backup(database.path, reason)
    # server_backups builds on this module (BackupInfo, the rotation): imported when used
    from cchc_desktop.storage import server_backups
    from cchc_desktop.storage.server import ServerDatabase

    try:
        server_backups.find_tool("pg_dump")
    except KnownError:
        return None
    assert isinstance(database, ServerDatabase)
    return server_backups.create_server_backup(database, reason)


def list_backups(data_file: Path) -> list[BackupInfo]:
    """Restore points, newest first."""
    return read_backup_folder(backup_folder(data_file), _NAME)


def read_backup_folder(folder: Path, name: re.Pattern[str]) -> list[BackupInfo]:
    """The restore points in `folder` whose file names match `name` (groups stamp and slug),
    newest first; each described by the JSON beside it, or by its name when that is missing
    or unreadable (a copy is still a restore point without its note). Shared with the
    server's restore points (storage/server_backups.py)."""
    found = []
    for path in folder.iterdir() if folder.is_dir() else []:
        match = name.match(path.name)
        if not match:
            continue
        try:
            meta = json.loads(path.with_suffix(".json").read_text("utf-8"))
            created, reason, reports = (dt.datetime.fromisoformat(meta["created_at"]),
                                        str(meta["reason"]), list(meta["reports"]))
        except (OSError, ValueError, KeyError, TypeError):
            created = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
            reason, reports = match["slug"], []
        found.append(BackupInfo(path, created, reason, reports))
    return sorted(found, key=lambda b: b.created_at, reverse=True)


def rotate(data_file: Path, keep: int = KEEP_NEWEST) -> list[Path]:
    """Delete restore points beyond the newest `keep`, except the newest one of each period."""
    removed = []
    for backup in rotation_victims(list_backups(data_file), keep):
        for path in (backup.path, backup.path.with_suffix(".json")):
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(backup.path)
    return removed


def rotation_victims(backups: list[BackupInfo], keep: int = KEEP_NEWEST) -> list[BackupInfo]:
    """Of `backups` (newest first), those beyond the newest `keep` that are not the newest of
    some period: the state at each report's end is never rotated away."""
    kept = set(b.path for b in backups[:keep])
    seen_periods: set[str] = set()
    for backup in backups:
        new_periods = backup.period_keys - seen_periods
        if new_periods:
            kept.add(backup.path)
            seen_periods |= backup.period_keys
    return [backup for backup in backups if backup.path not in kept]


def restore_backup(data_file: Path, backup: BackupInfo) -> BackupInfo:
    """Put `backup` back as the data file, after a restore point of the current state.

    The caller must have closed its connections (Database.close()) first.
    """
    current = create_backup(data_file, _("Trước khi khôi phục"))
    try:
        source = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        try:
            source.execute("PRAGMA quick_check").fetchone()
            destination = sqlite3.connect(data_file)
            with contextlib.closing(destination):
                source.backup(destination)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise KnownError(_("Không khôi phục được bản sao lưu {name}: {detail}").format(
            name=backup.path.name, detail=exc)) from exc
    return current
