"""The one way to open a data file for writing, for the window and the command line alike.

In this order: the file must be a regular file (or not exist yet); the instance lock
(one writer per file); a look at the file without changing a byte of it, which refuses
another program's SQLite file and a file of a newer version; a restore point before any
schema upgrade; the upgrade; then the file is marked as a CCHC data file.

A CCHC data file carries SQLite's `application_id` (APPLICATION_ID, "CCHC") and a
`user_version` that counts the schema upgrades it has had (SCHEMA_GENERATION). Files made
before the marks existed have neither; they are recognised by their tables and their
Alembic revision, upgraded after a restore point, and marked.
"""

from __future__ import annotations

import contextlib
import enum
import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import os_reason
from cchc_desktop.i18n import _
from cchc_desktop.storage.backups import create_backup
from cchc_desktop.storage.database import (
    Database,
    DataFileError,
    head_revision,
    known_revisions,
    unreadable,
)
from cchc_desktop.storage.instance_lock import InstanceLock, LockOwner

APPLICATION_ID = 0x43434843          # "CCHC" in ASCII
SQLITE_MAGIC = b"SQLite format 3\x00"
_OWN_TABLES = {"alembic_version", "reports", "units", "report_values"}


def schema_generation() -> int:
    """How many schema revisions this version knows: the user_version of its files."""
    return len(known_revisions())


class FileKind(enum.Enum):
    MISSING = "missing"       # no file yet, or an empty one: created here
    CURRENT = "current"       # a CCHC data file of this version
    OLDER = "older"           # a CCHC data file that needs an upgrade
    NEWER = "newer"           # made by a newer version: refused
    FOREIGN = "foreign"       # another program's file: refused


@dataclass(frozen=True)
class FileLook:
    kind: FileKind
    revision: str | None = None


def check_regular_file(path: Path) -> None:
    """A data file is a regular file: never a folder, a device, a pipe or a link to one."""
    try:
        info = os.stat(path)  # follows links: what would be opened
    except FileNotFoundError:
        if path.is_symlink():
            raise DataFileError(_("Tệp dữ liệu {name} là liên kết tới một tệp không còn tồn tại."
                                  ).format(name=path.name)) from None
        return
    except OSError as exc:
        raise DataFileError(_("Không đọc được tệp dữ liệu {name}: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(_("{name} là một thư mục, không phải tệp dữ liệu; hãy chọn một tệp "
                              ".sqlite3.").format(name=path.name))
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(_("{name} không phải một tệp thông thường (thiết bị, đường ống...); "
                              "không mở được làm tệp dữ liệu.").format(name=path.name))


def _header(path: Path) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(100)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes the file nor leaves anything beside it.

    mode=ro reads a WAL file's recent pages from its -wal, but creates -wal and -shm files
    when they are missing; without a -wal there is nothing to read there, and
    immutable=1 reads the file alone.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, timeout=5)


def look_at(path: Path) -> FileLook:
    """What kind of file `path` is, read without changing one byte of it."""
    check_regular_file(path)
    if not path.exists() or path.stat().st_size == 0:
        return FileLook(FileKind.MISSING)
    header = _header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return FileLook(FileKind.FOREIGN)
    try:
        with contextlib.closing(_read_only(path)) as connection:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            if application_id not in (0, APPLICATION_ID):
                return FileLook(FileKind.FOREIGN)
            user_version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables and application_id == 0 and not tables >= _OWN_TABLES:
                return FileLook(FileKind.FOREIGN)
            if "alembic_version" in tables:
                found = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = found[0] if found else None
            # A file cut short or with damaged pages can have a sound first page: look at all.
            if tables and connection.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
    except sqlite3.DatabaseError as exc:
        raise unreadable(path, exc) from exc
    if application_id == 0 and not tables:
        return FileLook(FileKind.MISSING)       # an empty SQLite file: nothing to keep
    if application_id == 0 and not tables >= _OWN_TABLES:
        return FileLook(FileKind.FOREIGN)
    if user_version > schema_generation() or (revision is not None
                                              and revision not in known_revisions()):
        return FileLook(FileKind.NEWER, revision)
    if revision == head_revision():
        return FileLook(FileKind.CURRENT, revision)
    return FileLook(FileKind.OLDER, revision)


def refuse_unusable(path: Path, look: FileLook) -> None:
    if look.kind is FileKind.FOREIGN:
        raise DataFileError(_("Tệp {name} không phải tệp dữ liệu CCHC Desktop (có thể là tệp của "
                              "chương trình khác); tệp không bị thay đổi.").format(name=path.name))
    if look.kind is FileKind.NEWER:
        raise DataFileError(_("Tệp dữ liệu {name} được tạo bởi phiên bản CCHC Desktop mới hơn. "
                              "Hãy cập nhật ứng dụng; tệp không bị thay đổi.").format(name=path.name))


def mark(database: Database) -> None:
    """Write the marks of a CCHC data file, then fold the WAL back so the file's header has them."""
    with database.engine.connect() as connection:
        marks = (connection.exec_driver_sql("PRAGMA application_id").scalar(),
                 connection.exec_driver_sql("PRAGMA user_version").scalar())
    if marks == (APPLICATION_ID, schema_generation()):
        return
    with database.engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version = {schema_generation()}")
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


class OpenDataFile:
    """A data file open for writing: its database and the lock that makes us its only writer.

    Data on a server (storage/server.py) has no lock of ours: the server keeps its own.
    """

    def __init__(self, database: Database, lock: InstanceLock | None) -> None:
        self.database = database
        self.lock = lock

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def label(self) -> str:
        """Where the data is, as messages name it (a server's address without its password)."""
        return self.database.label

    def close(self) -> None:
        self.database.close()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> OpenDataFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_for_writing(path: Path, *, lock: InstanceLock | None = None, wait_seconds: float = 0.0,
                     on_wait: Callable[[LockOwner], None] | None = None) -> OpenDataFile:
    """Open (creating if needed) the data file at `path` for writing, upgraded and marked.

    `lock` is an instance lock already held on `path` (the window takes it before it shows);
    without one, it is taken here, waiting up to `wait_seconds` for another writer to
    finish (`on_wait` is told when the wait starts). Every refusal leaves the file exactly
    as it was.
    """
    path = Path(path)
    check_regular_file(path)
    own_lock = lock is None
    lock = lock or InstanceLock(path)
    lock.acquire(wait_seconds, on_wait)
    try:
        look = look_at(path)
        refuse_unusable(path, look)
        if path.exists() and not os.access(path, os.W_OK):
            raise DataFileError(_(
                "Tệp dữ liệu {name} chỉ cho phép đọc nên không lưu được thay đổi. Hãy bỏ thuộc "
                "tính chỉ đọc hoặc chép tệp sang thư mục khác; tệp không bị thay đổi.").format(
                    name=path.name))
        if look.kind is FileKind.OLDER:
            # The file exactly as the older version left it: no restore point, no upgrade.
            try:
                create_backup(path, _("Trước khi nâng cấp tệp dữ liệu"))
            except KnownError as exc:
                raise DataFileError(exc.message) from exc
        database = _open_and_upgrade(path)
        try:
            mark(database)
        except Exception:
            database.close()
            raise
    except BaseException:
        if own_lock:
            lock.release()
        raise
    return OpenDataFile(database, lock)


def _open_and_upgrade(path: Path) -> Database:
    database = Database.open(path, upgrade=False)
    try:
        if database.current_revision() != head_revision():
            database.upgrade()
    except Exception as exc:
        database.close()
        if isinstance(exc, DataFileError):
            raise
        if isinstance(exc, KnownError):
            raise DataFileError(exc.message) from exc
        wrapped = exc if isinstance(exc, sqlite3.DatabaseError) else getattr(exc, "orig", None)
        if isinstance(wrapped, sqlite3.DatabaseError):
            raise unreadable(path, wrapped) from exc
        raise
    return database


def open_for_reading(path: Path) -> Database:
    """Open an existing data file to look at it: refused if foreign, newer or older (no upgrade)."""
    path = Path(path)
    look = look_at(path)
    if look.kind is FileKind.MISSING:
        raise DataFileError(_("Không có tệp dữ liệu {path}.").format(path=path))
    refuse_unusable(path, look)
    if look.kind is FileKind.OLDER:
        # Read as it is, an older schema lacks tables and columns: every query would fail
        # with SQL in the message ('no such table: trust_anchors'), never upgraded here.
        raise DataFileError(_("Tệp dữ liệu {name} do phiên bản CCHC Desktop cũ hơn tạo và cần "
                              "nâng cấp: hãy mở tệp bằng ứng dụng để nâng cấp rồi thử lại; tệp "
                              "không bị thay đổi.").format(name=path.name))
    return Database.open(path, upgrade=False)
