"""The sample report's data file for the form tests that build a widget alone: made once per
test process, then copied for each test (a copy opens in milliseconds, a new data file with
the sample saved in it takes about half a second).

It holds the clerk's unit (tests/gui/conftest.py's commune_unit) and the sample report of
tests/data (Quý I 2026 of Ủy ban nhân dân xã Mỹ An), as the fixtures store, commune and
sample_report_id together make it.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import SAMPLE, commune_unit

_made: list[tuple[Path, int]] = []   # the file made for this process and the report's id


def _original() -> tuple[Path, int]:
    if not _made:
        folder = Path(tempfile.mkdtemp(prefix="cchc-forms-sample-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "cchc.sqlite3"
        database = Database.open(path)
        try:
            store = ReportStore(database)
            store.save_own_unit(commune_unit())
            report_id = store.save_report(read_report(SAMPLE)[0])
        finally:
            database.close()
        _made.append((path, report_id))
    return _made[0]


def sample_id() -> int:
    """The sample report's id in every copy."""
    return _original()[1]


def sample_store(folder: Path) -> Iterator[ReportStore]:
    """A store on a copy of the sample's data file in `folder`, closed after the test."""
    original, _report_id = _original()
    path = folder / "cchc.sqlite3"
    shutil.copyfile(original, path)
    database = Database.open(path)
    try:
        yield ReportStore(database)
    finally:
        database.close()
