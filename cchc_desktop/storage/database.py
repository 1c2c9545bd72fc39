"""Opening the data file: SQLite pragmas, schema upgrades through Alembic, sessions.

Every connection runs with foreign keys on, WAL journaling and synchronous=NORMAL
(in WAL mode a commit survives a crash of the app; only an OS crash may lose the
last commits, never corrupt the file). A file written by a newer version of the app
is refused untouched.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sqlalchemy_exc
from sqlalchemy.orm import Session, sessionmaker

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import is_damaged_database, os_reason, sqlite_reason
from cchc_desktop.i18n import _
from cchc_desktop.storage.errors import storage_error

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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
    A NOT NULL, CHECK or foreign key failure is a bug of the app and stays one.
    """
    wrapped = exc if isinstance(exc, sqlite3.IntegrityError) else getattr(exc, "orig", None)
    if not isinstance(wrapped, sqlite3.IntegrityError) or "unique" not in str(wrapped).lower():
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
    cursor.close()


def alembic_config(connection: Any | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


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
    """One open data file."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

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
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    def upgrade(self, revision: str = "head") -> None:
        with self.engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)

    def downgrade(self, revision: str) -> None:
        with self.engine.begin() as connection:
            command.downgrade(alembic_config(connection), revision)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back if it raises.

        A full disk, a read-only or locked file becomes a StorageWriteError with the
        clerk's sentence, a row another writer has just added a ConflictingWriteError;
        the transaction is rolled back, so nothing is half-written.
        """
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (sqlalchemy_exc.IntegrityError, sqlite3.IntegrityError) as exc:
            conflict = _conflict(exc)
            if conflict is None:
                raise
            raise conflict from exc
        except (sqlalchemy_exc.OperationalError, sqlite3.OperationalError, OSError) as exc:
            known = storage_error(exc, strict=True)
            if known is None:
                raise
            raise known from exc

    def close(self) -> None:
        self.engine.dispose()
