"""One door to the data wherever it is: a data file (storage/datafile.py) or a PostgreSQL
server (storage/server.py), chosen by the location's kind (cchc_desktop/addresses.py).

The server's module, and with it the driver, is imported only for a server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cchc_desktop.addresses import DataLocation, ServerAddress
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.datafile import OpenDataFile, open_for_reading, open_for_writing
from cchc_desktop.storage.instance_lock import LockOwner

AskPassword = Callable[[str], str | None]


def open_for_writing_at(location: DataLocation, *, wait_seconds: float = 0.0,
                        on_wait: Callable[[LockOwner], None] | None = None,
                        ask: AskPassword | None = None) -> OpenDataFile:
    """The data open for writing, at the current schema (see open_for_writing, open_server)."""
    if isinstance(location, ServerAddress):
        from cchc_desktop.storage.server import open_server  # the driver only for a server

        return OpenDataFile(open_server(location, ask=ask), None)
    return open_for_writing(Path(location), wait_seconds=wait_seconds, on_wait=on_wait)


def open_for_reading_at(location: DataLocation, *, ask: AskPassword | None = None) -> Database:
    """The data open to look at, never upgraded: refused if another program's or newer."""
    if isinstance(location, ServerAddress):
        from cchc_desktop.storage.server import connect, refuse_unusable  # the driver only for a server

        database = connect(location, ask=ask)
        try:
            refuse_unusable(database)
        except BaseException:
            database.close()
            raise
        return database
    return open_for_reading(Path(location))
