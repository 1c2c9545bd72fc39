"""Opening the data file: SQLite pragmas, schema upgrades through Alembic, sessions.

Every connection runs with foreign keys on, WAL journaling and synchronous=NORMAL
(in WAL mode a commit survives a crash of the app; only an OS crash may lose the
last commits, never corrupt the file). A file written by a newer version of the app
is refused untouched.

Alembic is imported only to upgrade (or downgrade): a file already at HEAD_REVISION, the
usual case, is recognised by reading its alembic_version row with plain SQL. Alembic and
the migration scripts it parses cost a third of a second and several MB at each start;
tests/storage/test_schema_revisions.py checks the constants against the scripts.

The WAL is kept small: SQLite folds it back into the file every 1000 pages, but leaves the
-wal file at its largest size (4 MB, twenty times a year's data) unless told otherwise;
journal_size_limit truncates it after each fold, and checkpoint() folds it back entirely
when the window is idle (gui/wal_keeper.py).
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.orm import Session, sessionmaker

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import is_damaged_database, os_reason, sqlite_reason
from cchc_desktop.i18n import _
from cchc_desktop.storage.changes import current_user
from cchc_desktop.storage.errors import privilege_error, storage_error

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The revisions of migrations/versions, oldest first; the last is the head. A new migration
# adds its id here (tests/storage/test_schema_revisions.py fails until it does).
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010", "0011",
             "0012", "0013", "0014")
HEAD_REVISION = REVISIONS[-1]
# The -wal file is cut back to this after each checkpoint (SQLite's default: never).
JOURNAL_SIZE_LIMIT = 1 << 20
UNIQUE_VIOLATION = "23505"   # the SQLSTATE of a UNIQUE constraint that failed (PostgreSQL)


class DataFileError(KnownError):
    """The data file cannot be opened: newer version, not a database, locked, no access."""


def unreadable(path: Path, exc: BaseException) -> DataFileError:
    """The clerk's sentence for a data file SQLite refused to read; the file was not changed."""
    reason = sqlite_reason(exc)
    if reason is None or is_damaged_database(exc):
        return DataFileError(_(
            "Tệp dữ liệu {name} bị hỏng hoặc không phải tệp dữ liệu CCHC Desktop; tệp không bị "
            "thay đổi. Hãy khôi phục một bản sao lưu (lệnh backups) hoặc chọn tệp khác.").format(
            name=path.name))
    return DataFileError(_("Không mở được tệp dữ liệu {name}: {reason}. Tệp không bị thay đổi."
                           ).format(name=path.name, reason=reason))


class ConflictingWriteError(KnownError):
    """A row the write adds is already there: another writer stored it at the same moment."""


def _conflict(exc: BaseException) -> KnownError | None:
    """The clerk's sentence for a UNIQUE constraint that failed, or None for another failure.

    Writers take turns (storage/instance_lock.py), so two of them inserting the same unit
    or report should not happen; if one ever does (a program that skipped the lock), the
    transaction is rolled back and the clerk is told to try again, not shown a traceback.
    A NOT NULL, CHECK or foreign key failure is a bug of the app and stays one. On a server
    the driver names the failure by its SQLSTATE (23505: unique_violation).
    """
    wrapped = exc if isinstance(exc, sqlite3.IntegrityError) else getattr(exc, "orig", None)
    unique = ((isinstance(wrapped, sqlite3.IntegrityError) and "unique" in str(wrapped).lower())
              or getattr(wrapped, "sqlstate", None) == UNIQUE_VIOLATION)
    if not unique:
        return None
    return ConflictingWriteError(_(
        "Không lưu được vì dữ liệu này vừa được một chương trình khác ghi vào tệp dữ liệu cùng "
        "lúc ({detail}). Không có gì bị ghi dở; hãy mở lại tệp dữ liệu và thử lại.").format(
            detail=wrapped))


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
    cursor.close()


def alembic_config(connection: Any | None = None) -> Config:
    from alembic.config import Config  # only to upgrade: see the module's comment

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return HEAD_REVISION


def known_revisions() -> set[str]:
    return set(REVISIONS)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _check_is_database(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLAlchemy or Alembic touch it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise DataFileError(_("Tệp {name} không phải tệp dữ liệu CCHC Desktop.").format(
            name=path.name))


class Database:
    """One open data file (a PostgreSQL server is storage/server.py's ServerDatabase)."""

    # What only a data file has: restore points as file copies, the instance lock, the WAL.
    is_server = False

    def __init__(self, path: Path, engine: Engine) -> None:
        self._path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.commits = 0   # counted for the idle checkpoint (gui/wal_keeper.py)
        # The session of an open `together()` block on this thread, which session() joins.
        self._joined = threading.local()
        event.listen(engine, "commit", self._committed)

    def login_name(self) -> str:
        """Who the data is written as: the OS user (a server's login is ServerDatabase's)."""
        return current_user()

    def read_only_login(self) -> str | None:
        """The login, when the data may only be read by it (a server's viewer); None when it
        may write. A data file is written by whoever may open it."""
        return None

    def _committed(self, _connection: Any) -> None:
        self.commits += 1

    @property
    def path(self) -> Path:
        """The data file (a server has none: its ServerDatabase refuses, saying why)."""
        return self._path

    @property
    def label(self) -> str:
        """Where the data is, as a message names it: the file's path, or the server's address."""
        return str(self._path)

    @classmethod
    def open(cls, path: Path, *, upgrade: bool = True) -> Database:
        """Open (creating if needed) the data file at `path`, migrated to the current schema."""
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataFileError(_("Không tạo được thư mục dữ liệu {folder}: {reason}.").format(
                folder=path.parent, reason=os_reason(exc))) from exc
        _check_is_database(path)
        engine = make_engine(path)
        database = cls(path, engine)
        try:
            current = database.current_revision()
            if current is not None and current not in known_revisions():
                engine.dispose()
                raise DataFileError(_(
                    "Tệp dữ liệu {name} được tạo bởi phiên bản CCHC Desktop mới hơn. "
                    "Hãy cập nhật ứng dụng; tệp không bị thay đổi.").format(name=path.name))
            if upgrade and current != head_revision():
                database.upgrade()
        except sqlite3.DatabaseError as exc:
            engine.dispose()
            raise unreadable(path, exc) from exc
        except Exception as exc:
            engine.dispose()
            wrapped = getattr(exc, "orig", None)
            if isinstance(wrapped, sqlite3.DatabaseError):
                raise unreadable(path, wrapped) from exc
            raise
        return database

    def current_revision(self) -> str | None:
        """The file's schema revision, read with plain SQL (what Alembic reads, without Alembic)."""
        with self.engine.connect() as connection:
            if not self._has_version_table(connection):
                return None
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        if len(rows) > 1:
            raise DataFileError(_("Tệp dữ liệu {name} có nhiều phiên bản lược đồ cùng lúc; tệp "
                                  "không bị thay đổi.").format(name=self._name()))
        return str(rows[0][0]) if rows else None

    def _has_version_table(self, connection: Connection) -> bool:
        return connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first() is not None

    def _name(self) -> str:
        return self._path.name

    def upgrade(self, revision: str = "head") -> None:
        from alembic import command  # only to upgrade: see the module's comment

        with self.engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)

    def downgrade(self, revision: str) -> None:
        from alembic import command  # only to downgrade (tests): see the module's comment

        with self.engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)

    def checkpoint(self) -> bool:
        """Fold the WAL back into the data file and empty it; False if a reader held it back.

        Safe at any moment: a commit is whole in the WAL or in the file. A connection in the
        middle of a read (another window's look at the file, a restore point being copied)
        keeps the WAL as it is; the next idle moment tries again.
        """
        with self.engine.connect() as connection:
            busy, _frames, _moved = connection.exec_driver_sql(
                "PRAGMA wal_checkpoint(TRUNCATE)").one()
        return not busy

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        A full disk, a read-only or locked file becomes a StorageWriteError with the
        clerk's sentence, a row another writer has just added a ConflictingWriteError;
        the transaction is rolled back, so nothing is half-written.
        """
        joined: Session | None = getattr(self._joined, "session", None)
        if joined is not None:
            # Inside together(): the enclosing block commits or rolls back, and turns the
            # database's errors into the clerk's sentences.
            yield joined
            return
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (sqlalchemy_exc.IntegrityError, sqlite3.IntegrityError) as exc:
            conflict = _conflict(exc)
            if conflict is None:
                raise
            raise conflict from exc
        except (sqlalchemy_exc.ProgrammingError, sqlalchemy_exc.InternalError) as exc:
            refused = privilege_error(exc, self.login_name())
            if refused is None:
                raise
            raise refused from exc
        except (sqlalchemy_exc.OperationalError, sqlite3.OperationalError, OSError) as exc:
            known = storage_error(exc, strict=True)
            if known is None:
                raise
            raise known from exc

    @contextlib.contextmanager
    def together(self) -> Iterator[Session]:
        """Several of the store's edits as one transaction: every session() opened on this
        thread inside the block is this one, so one refused edit leaves all of them unwritten
        (an import applied field by field through the ordinary edits, imports/word_apply.py)."""
        if getattr(self._joined, "session", None) is not None:
            raise RuntimeError("together() blocks do not nest")
        with self.session() as session:
            self._joined.session = session
            try:
                yield session
            finally:
                self._joined.session = None

    def close(self) -> None:
        self.engine.dispose()
