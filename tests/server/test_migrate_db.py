"""migrate-db: an office's data file to its PostgreSQL server and back, every row as it was.

Against the session's real server (tests/conftest.py), through the command as a clerk's IT
person types it. The data file is the one 0007 made (two consolidations, own figures,
subordinate units pointing at their superior), upgraded on the way, plus what this
version adds: a trusted root certificate (bytes), a status change, more history.
"""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA
from postgres_server import PASSWORD, PASSWORD_USER, Server
from sqlalchemy import create_engine
from submission.trust_pki import make_ca, write_pem
from table_rows import table_rows

from cchc_desktop.addresses import parse_server
from cchc_desktop.cli import main
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.server import connect, open_server
from cchc_desktop.storage.transfer import stored_tables
from cchc_desktop.storage.trust_store import TrustStore

OLD_FILE = DATA / "datafiles" / "schema-0007.sqlite3"


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    path = tmp_path / "so-noi-vu.sqlite3"
    shutil.copy(OLD_FILE, path)
    store = ReportStore(Database.open(path))
    report_id = store.find_report_id("xa-my-an", 2026, "Q1")
    assert report_id is not None
    store.set_value(report_id, "tcc.dtc.giai_ngan", Decimal("2987.456"))
    store.set_text(report_id, "cddh", "Đoạn sửa trước khi chuyển lên máy chủ.")
    store.set_status(report_id, ReportStatus.FINAL)
    TrustStore(store.database).import_certificates(
        write_pem(path.parent / "goc.pem", make_ca("Vietnam National Root CA thử").cert))
    store.database.close()
    return path


def _raw(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of a data file as SQLite keeps it: text, numbers and bytes, no conversion."""
    with sqlite3.connect(path) as connection:
        return {table.name: connection.execute(
            f'SELECT * FROM "{table.name}" ORDER BY {", ".join(c.name for c in table.primary_key)}'
        ).fetchall() for table in stored_tables()}


def _rows_of(url_or_path: str | Path) -> dict[str, list[tuple[object, ...]]]:
    if isinstance(url_or_path, Path):
        engine = create_engine(f"sqlite:///{url_or_path}")
    else:
        engine = create_engine(url_or_path.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        return table_rows(engine)
    finally:
        engine.dispose()


def test_a_data_file_to_the_server_and_back_loses_nothing(
        office_file: Path, postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-db", "--from", f"sqlite:///{office_file}", "--to", postgres_url]) == 0
    said = capsys.readouterr().out
    assert "Đã chuyển" in said and postgres_url in said
    back = tmp_path / "tro-ve.sqlite3"
    assert main(["migrate-db", "--from", postgres_url, "--to", f"sqlite:///{back}"]) == 0
    original = _rows_of(office_file)
    assert original["units"] and any(row[7] is not None for row in original["units"]), \
        "a unit points at its superior: the copy of a table that refers to itself is tested"
    assert original["trust_anchors"] and original["report_own_values"]
    assert _rows_of(postgres_url) == original, "on the server, every row as in the file"
    assert _rows_of(back) == original, "back in a file, every row as at the start"
    assert _raw(back) == _raw(office_file), "and byte for byte as SQLite stores them"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_server_goes_on_from_the_copied_ids(office_file: Path, postgres_url: str) -> None:
    assert main(["migrate-db", "--from", str(office_file), "--to", postgres_url]) == 0
    store = ReportStore(open_server(parse_server(postgres_url)))
    try:
        report_id = store.create_report(2026, "Q3")
        store.set_value(report_id, "cddh.kh.tong", Decimal(12))
        assert store.load_report(report_id).values["cddh.kh.tong"] == 12
        assert store.history(report_id, "cddh.kh.tong")[-1].new == "12"
    finally:
        store.database.close()


def test_a_target_that_has_data_is_refused_and_left_as_it_was(
        office_file: Path, postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate-db", "--from", str(office_file), "--to", postgres_url]) == 0
    before = _rows_of(postgres_url)
    capsys.readouterr()
    assert main(["migrate-db", "--from", str(office_file), "--to", postgres_url]) == 2
    assert "đã có dữ liệu" in capsys.readouterr().err
    assert _rows_of(postgres_url) == before
    other = tmp_path / "khac.sqlite3"
    shutil.copy(office_file, other)
    assert main(["migrate-db", "--from", postgres_url, "--to", str(other)]) == 2
    assert "đã có dữ liệu" in capsys.readouterr().err
    assert _raw(other) == _raw(office_file)


def test_a_copy_that_fails_half_way_leaves_the_target_without_a_table(
        office_file: Path, postgres_url: str, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A figure an old version let in (the triggers of 0006 came later): the server refuses it.
    with sqlite3.connect(office_file) as connection:
        connection.execute("DROP TRIGGER bounded_report_values_value_update")
        connection.execute("UPDATE report_values SET value = 'NaN' WHERE code = 'cddh.kh.tong'")
    assert main(["migrate-db", "--from", str(office_file), "--to", postgres_url]) == 2
    said = capsys.readouterr().err
    assert "Không chuyển được dữ liệu" in said and "Đích không bị thay đổi" in said
    server = connect(parse_server(postgres_url))
    try:
        assert server.table_names() == set(), "the schema was rolled back with the rows"
    finally:
        server.close()
    # The same data back into a file: no file, no half-built file beside it.
    with sqlite3.connect(office_file) as connection:
        connection.execute("UPDATE report_values SET value = '66' WHERE code = 'cddh.kh.tong'")
    assert main(["migrate-db", "--from", str(office_file), "--to", postgres_url]) == 0
    server = open_server(parse_server(postgres_url))
    with server.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE report_values DISABLE TRIGGER USER")
        connection.exec_driver_sql("UPDATE report_values SET value = 'NaN' WHERE code = 'cddh.kh.tong'")
    server.close()
    target = tmp_path / "moi.sqlite3"
    assert main(["migrate-db", "--from", postgres_url, "--to", str(target)]) == 2
    assert "Không chuyển được dữ liệu" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(("moi", ".moi"))] == []


def test_the_password_in_an_address_is_used_and_never_shown(
        office_file: Path, postgres_server: Server, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    postgres_server.execute(f'CREATE DATABASE "mat_khau" OWNER {PASSWORD_USER}')
    plain = postgres_server.url("mat_khau", PASSWORD_USER)
    assert main(["migrate-db", "--from", str(office_file), "--to", plain]) == 2
    refused = capsys.readouterr().err
    assert "thiếu hoặc sai mật khẩu" in refused and "PGPASSWORD" in refused
    from urllib.parse import quote  # the password as a URL carries it

    with_password = plain.replace("@", f":{quote(PASSWORD, safe='')}@", 1)
    assert main(["migrate-db", "--from", str(office_file), "--to", with_password]) == 0
    said = capsys.readouterr()
    assert PASSWORD not in said.out + said.err and quote(PASSWORD, safe="") not in said.out
    assert f"{PASSWORD_USER}:***@" in said.out
    monkeypatch.setenv("PGPASSWORD", PASSWORD)      # libpq's own way: read by the driver
    assert main(["--db", plain, "status", "--period", "2026-Q1"]) == 0
    assert "Hoàn thành" in capsys.readouterr().out
