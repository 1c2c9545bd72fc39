"""Who else has a report open: "<tên> đang sửa báo cáo này", on a server only.

No table of ours and no heartbeat to clean up: the app holds one connection of its own
while a report is open and names it `cchc-desktop report=ID user=NAME` (application_name);
the server's pg_stat_activity lists every connection with its application_name and login,
to every user (only the query text is hidden from others), and forgets a connection the
moment it ends, so a PC that crashed or lost its cable is gone from the list by itself.

A data file has one writer at a time (storage/instance_lock.py): nothing to show there.
"""

from __future__ import annotations

import contextlib
import re

from sqlalchemy import Connection, text
from sqlalchemy import exc as sqlalchemy_exc

from cchc_desktop.storage.changes import current_user
from cchc_desktop.storage.database import Database

APPLICATION = "cchc-desktop"
# The server keeps 63 bytes of application_name and only printable ASCII: a Vietnamese
# OS user name would come back as escapes, so the name shown is the login's, the OS user
# only when it is plain ASCII.
_NAME_BYTES = 63
_OPEN = re.compile(r"^cchc-desktop report=(\d+)(?: user=(\S+))?$")


def _announcement(report_id: int, person: str) -> str:
    label = f"{APPLICATION} report={report_id}"
    plain = re.sub(r"[^A-Za-z0-9._@-]", "", person)
    if plain and plain == person:
        label = f"{label} user={plain}"
    return label[:_NAME_BYTES]


class Presence:
    """This app's "I have report N open" on the server, and who else has it open.

    One connection of the pool is kept while a report is open (announce(id)); announce(None)
    or close() gives it back named as any other of the app's connections. Every call is
    quiet on a server that went away: presence is a courtesy, never a reason to fail an edit.
    """

    def __init__(self, database: Database) -> None:
        self.database = database
        self._connection: Connection | None = None
        self.report_id: int | None = None

    @property
    def active(self) -> bool:
        return self.database.is_server

    def announce(self, report_id: int | None) -> None:
        """Say this app has `report_id` open (None: no report)."""
        self.report_id = report_id
        if not self.active:
            return
        if report_id is None:
            name = APPLICATION
        elif self.database.read_only_login() is not None:
            # A viewer reads: its connection says so, and no one is told it is editing.
            name = f"{APPLICATION} view={report_id}"
        else:
            name = _announcement(report_id, current_user())
        try:
            connection = self._held()
            connection.execute(text("SELECT set_config('application_name', :name, false)"),
                               {"name": name})
            connection.commit()    # a setting made in a rolled-back transaction is undone
        except sqlalchemy_exc.DBAPIError:
            self._drop()
        if report_id is None:
            self._release()

    def others_editing(self, report_id: int) -> list[str]:
        """The names of the others who have the report open now (this app excluded), sorted;
        [] on a data file or when the server cannot be asked."""
        if not self.active:
            return []
        if self.report_id == report_id and self._connection is None:
            self.announce(report_id)         # the server came back: say so again
        try:
            connection = self._held() if self._connection is not None else None
            if connection is not None:
                return _others(connection, report_id)
            with self.database.engine.connect() as fresh:
                return _others(fresh, report_id)
        except sqlalchemy_exc.DBAPIError:
            self._drop()
            return []

    def close(self) -> None:
        self.announce(None)

    def _held(self) -> Connection:
        if self._connection is None:
            self._connection = self.database.engine.connect()
        return self._connection

    def _release(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlalchemy_exc.DBAPIError):
                self._connection.close()
            self._connection = None

    def _drop(self) -> None:
        """Forget a connection the server broke (it is no longer listed anywhere)."""
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.invalidate()
                self._connection.close()
            self._connection = None


def _others(connection: Connection, report_id: int) -> list[str]:
    rows = connection.execute(text(
        "SELECT usename, application_name FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() "
        "AND application_name LIKE 'cchc-desktop report=%'")).all()
    connection.commit()
    names: set[str] = set()
    for login, application in rows:
        found = _OPEN.match(str(application or ""))
        if found is None or int(found.group(1)) != report_id:
            continue
        person = found.group(2)
        login = str(login or "")
        names.add(login if not person or person == login else f"{login} ({person})")
    return sorted(names)
