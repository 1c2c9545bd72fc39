"""The change log: who changed what in a report, when, from which value to which, and why.

A report edited for years has tens of thousands of changes: the history dialog reads them
through a ChangeLog, a page at a time and filtered in SQL, never all at once.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select, text
from sqlalchemy.orm import Session

from cchc_desktop.domain.number_domain import logged_text
from cchc_desktop.storage.models import ChangeRow

if TYPE_CHECKING:
    from cchc_desktop.storage.database import Database


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    user: str
    entity: str
    key: str
    old: str | None
    new: str | None
    reason: str
    id: int = 0


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


_LOGIN = "cchc_login"     # session.info's key of the server login, read once per session


def history_user(session: Session) -> str:
    """Who a history line names: the OS user on a data file; on a server the database login
    (what the server's roles judge), with the OS user when it is another name (an office
    sharing one login)."""
    person = current_user()
    if session.get_bind().dialect.name != "postgresql":
        return person
    login = session.info.get(_LOGIN)
    if login is None:
        login = str(session.execute(text("SELECT session_user")).scalar() or "")
        session.info[_LOGIN] = login
    if not person or person == login:
        return str(login)[:100]
    return f"{login} ({person})"[:100]


def value_text(value: Decimal | None) -> str | None:
    """A figure as the log keeps it."""
    return None if value is None else logged_text(value)


def log_change(session: Session, report_id: int, entity: str, key: str,
               old: str | None, new: str | None, reason: str = "") -> None:
    session.add(ChangeRow(report_id=report_id, user=history_user(session), entity=entity, key=key,
                          old_value=old, new_value=new, reason=reason))


def changes_of(session: Session, report_id: int, key: str | None = None) -> list[Change]:
    """The report's changes (of one key, if given), oldest first."""
    query = select(ChangeRow).where(ChangeRow.report_id == report_id)
    if key is not None:
        query = query.where(ChangeRow.key == key)
    return [Change(c.at, c.user, c.entity, c.key, c.old_value, c.new_value, c.reason, c.id)
            for c in session.scalars(query.order_by(ChangeRow.id))]


_COLUMNS = "at, user, entity, key, old_value, new_value, reason, id"
_COLUMN_NAMES = [name.strip() for name in _COLUMNS.split(",")]
_MATCH = "cchc_history_match"      # the SQL function a filter registers on its connection
_IN_CHUNK = 500                    # ids per IN (...): well under SQLite's parameter limit


class ChangeLog:
    """The changes of one report (of one field: `key` and `entities`), oldest first, read lazily.

    `ids()` is one query returning only the ids of the matching changes (a few ms for
    10,000), `changes(ids)` reads just the rows a view shows. A filter is a WHERE clause:
    `text(change)` is the row's searchable text (what the dialog shows, made by the caller,
    who knows the template's labels and number formats), registered as an SQL function for
    the query; SQLite calls it once per row and only the matching ids come back.

    The queries are plain SQL on the session's own SQLite connection: going through the
    ORM (or even SQLAlchemy's result rows) cost more than the query itself. On a server
    (storage/server.py) there is no SQL function of ours to register: the same query reads
    the key's or report's rows through SQLAlchemy Core and the filter runs here.
    """

    def __init__(self, database: Database, report_id: int, *, key: str | None = None,
                 entities: Sequence[str] = ()) -> None:
        self.database = database
        self.report_id = report_id
        self.key = key
        self.entities = tuple(entities)

    def of_field(self, key: str, entities: Sequence[str]) -> ChangeLog:
        """The changes of one field of the same report: its `key`, of these `entities`."""
        return ChangeLog(self.database, self.report_id, key=key, entities=entities)

    def _where(self) -> tuple[str, list[Any]]:
        where: list[str] = ["report_id = ?"]
        params: list[Any] = [self.report_id]
        if self.key is not None:
            where.append("key = ?")
            params.append(self.key)
        if self.entities:
            where.append(f"entity IN ({', '.join('?' * len(self.entities))})")
            params += self.entities
        return " AND ".join(where), params

    def ids(self, needle: str = "", text: Callable[[Change], str] | None = None) -> list[int]:
        """The ids of the changes, oldest first; with a `needle`, of those whose `text(change)`
        contains it (both as the caller folds them)."""
        if self.database.is_server:
            return self._server_ids(needle, text)
        where, params = self._where()
        with self.database.session() as session:
            connection = _sqlite(session)
            if needle and text is not None:
                def match(*fields: Any) -> int:
                    return int(needle in text(_change(fields)))

                connection.create_function(_MATCH, 8, match, deterministic=True)
                where += f" AND {_MATCH}({_COLUMNS}) = 1"
            rows = connection.execute(f"SELECT id FROM change_log WHERE {where} ORDER BY id", params)
            return [row[0] for row in rows.fetchall()]

    def changes(self, ids: Sequence[int]) -> list[Change]:
        """The changes with these ids, in the order of `ids`."""
        if self.database.is_server:
            return self._server_changes(ids)
        found: dict[int, Change] = {}
        with self.database.session() as session:
            connection = _sqlite(session)
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = list(ids[start:start + _IN_CHUNK])
                rows = connection.execute(f"SELECT {_COLUMNS} FROM change_log WHERE id IN "
                                          f"({', '.join('?' * len(chunk))})", chunk)
                for fields in rows.fetchall():
                    change = _change(fields)
                    found[change.id] = change
        return [found[i] for i in ids if i in found]

    def _query(self) -> Select[Any]:
        """The rows ids() reads on SQLite, as a query of SQLAlchemy Core (a server's)."""
        table = ChangeRow.__table__
        query = _columns().where(table.c.report_id == self.report_id)
        if self.key is not None:
            query = query.where(table.c.key == self.key)
        if self.entities:
            query = query.where(table.c.entity.in_(self.entities))
        return query.order_by(table.c.id)

    def _server_ids(self, needle: str, text: Callable[[Change], str] | None) -> list[int]:
        with self.database.session() as session:
            if not (needle and text is not None):
                return [row[0] for row in session.execute(
                    self._query().with_only_columns(ChangeRow.__table__.c.id))]
            return [change.id for change in map(_change, session.execute(self._query()))
                    if needle in text(change)]

    def _server_changes(self, ids: Sequence[int]) -> list[Change]:
        found: dict[int, Change] = {}
        table = ChangeRow.__table__
        with self.database.session() as session:
            for start in range(0, len(ids), _IN_CHUNK):
                chunk = list(ids[start:start + _IN_CHUNK])
                for fields in session.execute(_columns().where(table.c.id.in_(chunk))):
                    change = _change(fields)
                    found[change.id] = change
        return [found[i] for i in ids if i in found]


def _columns() -> Select[Any]:
    """The columns of _COLUMNS, quoted as the server needs ("user" is a keyword there)."""
    table = ChangeRow.__table__
    return select(*(table.c[name] for name in _COLUMN_NAMES))


def _sqlite(session: Session) -> sqlite3.Connection:
    """The session's own SQLite connection (inside its transaction)."""
    connection = session.connection().connection.dbapi_connection
    assert isinstance(connection, sqlite3.Connection)
    return connection


def _change(fields: Sequence[Any]) -> Change:
    """A change from the columns as SQLite keeps them (the time as ISO text, UTC), or as a
    server's driver gives them (the time as a datetime)."""
    at, user, entity, key, old, new, reason, change_id = fields
    when = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(at)
    return Change(when, user or "", entity, key or "", old, new,
                  reason or "", change_id)
