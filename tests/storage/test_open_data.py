"""open_data: one door to the data wherever it is, a data file or a PostgreSQL server.

For a data file: opened for writing with its lock (one writer), or for reading without an
upgrade; the server's module, and with it the driver, is never imported for a file.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factories import sample_report

from cchc_desktop.addresses import parse_location
from cchc_desktop.storage.database import DataFileError
from cchc_desktop.storage.instance_lock import AlreadyOpenError
from cchc_desktop.storage.open_data import open_for_reading_at, open_for_writing_at
from cchc_desktop.storage.repository import ReportStore

DATA = Path(__file__).parents[1] / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_data_file_opened_for_writing_is_created_and_held_by_one_writer(
        data_file: Path) -> None:
    with open_for_writing_at(data_file) as opened:
        assert opened.path == data_file and opened.lock is not None
        report_id = ReportStore(opened.database).save_report(sample_report())
        with pytest.raises(AlreadyOpenError):
            open_for_writing_at(data_file)
    # the lock went with the close: another writer may open it now
    with open_for_writing_at(parse_location(str(data_file))) as again:
        assert ReportStore(again.database).load_report(report_id) == sample_report()


def test_a_data_file_opened_for_reading_needs_no_lock_and_is_not_written(
        data_file: Path) -> None:
    with open_for_writing_at(data_file) as opened:
        report_id = ReportStore(opened.database).save_report(sample_report())
        before = _digest(data_file)
        database = open_for_reading_at(data_file)   # while the writer holds it
        try:
            assert ReportStore(database).load_report(report_id) == sample_report()
        finally:
            database.close()
        assert _digest(data_file) == before


def test_a_missing_data_file_cannot_be_opened_for_reading(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="Không có tệp dữ liệu"):
        open_for_reading_at(tmp_path / "khong-co.sqlite3")
    assert not (tmp_path / "khong-co.sqlite3").exists()


def test_an_older_data_file_is_refused_for_reading_and_upgraded_for_writing(
        tmp_path: Path) -> None:
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0005.sqlite3", path)
    before = _digest(path)
    # read as it is, every query failed with SQL in the message ('no such table: ...')
    with pytest.raises(DataFileError, match="phiên bản CCHC Desktop cũ hơn tạo và cần nâng cấp"):
        open_for_reading_at(path)
    assert _digest(path) == before, "reading never upgrades"
    with open_for_writing_at(path) as opened:
        assert ReportStore(opened.database).list_reports()
    database = open_for_reading_at(path)
    database.close()


def test_a_file_that_is_not_a_data_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.sqlite3"
    path.write_bytes(b"Day khong phai tep du lieu" * 100)
    before = _digest(path)
    for opening in (open_for_reading_at, open_for_writing_at):
        with pytest.raises(DataFileError):
            opening(path)
        assert _digest(path) == before


def test_a_data_file_never_loads_the_servers_module(data_file: Path) -> None:
    with open_for_writing_at(data_file):
        pass
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cchc_desktop.storage.open_data import open_for_reading_at, open_for_writing_at\n"
        f"path = Path({str(data_file)!r})\n"
        "open_for_reading_at(path).close()\n"
        "open_for_writing_at(path).close()\n"
        "print(sorted(m for m in sys.modules if m == 'cchc_desktop.storage.server'"
        " or m.startswith('psycopg')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=120)
    assert result.stdout.strip() == "[]"


def test_a_server_location_opens_the_servers_database(postgres_url: str) -> None:
    location = parse_location(postgres_url)
    with open_for_writing_at(location) as opened:
        assert opened.lock is None            # the server keeps its own
        report_id = ReportStore(opened.database).save_report(sample_report())
    database = open_for_reading_at(location)
    try:
        assert ReportStore(database).load_report(report_id) == sample_report()
    finally:
        database.close()
