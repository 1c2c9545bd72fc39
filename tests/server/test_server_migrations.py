"""Every migration runs on PostgreSQL too, and does there what it does to a data file.

On the session's real server (tests/conftest.py): the schema from empty to each revision
and back; each old data file's rows (tests/data/datafiles, one per revision) put on a
server at that file's revision and upgraded there, compared row by row with the same file
upgraded as a data file; the bounds of migration 0006 refusing the same values on both.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from factories import DATA
from sqlalchemy import MetaData, create_engine, insert, select
from sqlalchemy import exc as sqlalchemy_exc
from table_rows import table_rows

from cchc_desktop.addresses import parse_server
from cchc_desktop.storage.database import REVISIONS, Database, DataFileError, head_revision
from cchc_desktop.storage.models import Base
from cchc_desktop.storage.server import ServerDatabase, connect, open_server

OLD_FILES = sorted((DATA / "datafiles").glob("schema-*.sqlite3"))


@pytest.fixture
def empty(postgres_url: str) -> Iterator[ServerDatabase]:
    database = connect(parse_server(postgres_url))
    yield database
    database.close()


def test_each_revision_upgrades_and_downgrades_on_the_server(empty: ServerDatabase) -> None:
    assert empty.current_revision() is None
    for revision in REVISIONS:
        empty.upgrade(revision)
        assert empty.current_revision() == revision
    with empty.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    for revision in reversed(("base", *REVISIONS[:-1])):
        empty.downgrade(revision)
        assert empty.current_revision() == (None if revision == "base" else revision)
    assert empty.table_names() <= {"alembic_version"}
    empty.upgrade()
    assert empty.current_revision() == head_revision()


def _put_on_server(old_file: Path, server: ServerDatabase) -> None:
    """The file's rows, exactly as stored, into the server's tables at the same revision.

    The server's triggers and foreign keys are off for the copy (session_replication_role,
    the test server's superuser may): an old file may hold what they refuse today."""
    source = create_engine(f"sqlite:///{old_file}")
    rows = MetaData()
    rows.reflect(source)
    target = MetaData()
    target.reflect(server.engine)
    with source.connect() as reading, server.engine.begin() as writing:
        writing.exec_driver_sql("SET LOCAL session_replication_role = replica")
        for table in rows.sorted_tables:
            if table.name == "alembic_version":
                continue
            found = [dict(row._mapping) for row in reading.execute(select(table))]
            if found:
                writing.execute(insert(target.tables[table.name]), found)
    source.dispose()


@pytest.mark.parametrize("old_file", OLD_FILES, ids=lambda p: p.stem)
def test_an_old_files_data_upgraded_on_the_server_is_what_the_file_becomes(
        old_file: Path, empty: ServerDatabase, tmp_path: Path) -> None:
    revision = old_file.stem.removeprefix("schema-")
    empty.upgrade(revision)
    _put_on_server(old_file, empty)
    empty.upgrade()
    path = tmp_path / old_file.name
    shutil.copy(old_file, path)
    upgraded = Database.open(path)
    try:
        on_file, on_server = table_rows(upgraded.engine), table_rows(empty.engine)
    finally:
        upgraded.close()
    assert on_file["report_values"], "the old file has figures to compare"
    if revision == "0007":
        assert on_file["report_own_values"], "0008 moved the own figures: compared too"
    assert on_server == on_file


BAD_VALUES = [("report_values", "NaN"), ("report_values", "1e5"), ("report_values", "-3"),
              ("report_values", "1.2.3"), ("report_values", ".5"), ("report_values", "5."),
              ("report_values", "1" * 25), ("report_targets", "100.5"),
              ("report_own_values", "abc")]
GOOD_VALUES = [("report_values", "0"), ("report_values", "2987.455"), ("report_values", "1" * 24),
               ("report_targets", "100"), ("report_targets", "99.99"), ("report_own_values", "7")]


def _add_report(execute: Callable[[str], object]) -> None:
    """A unit and its report, in plain SQL both engines read alike."""
    execute("INSERT INTO units (id, code, name, level, kind, parent_name, is_own, active, place, "
            "doc_symbol, signer_authority, signer_title, signer_name, superior_email, created_at, "
            "legacy_code, code_status) VALUES (1, 'xa-a', 'Xã A', 'xa', '', '', true, true, '', '', "
            "'', '', '', '', '2026-01-01 00:00:00', '', '')")
    execute("INSERT INTO reports (id, unit_id, template_ref, year, kind, start, \"end\", deadline, "
            "revision, status, precision, doc_number, doc_symbol, doc_place, subject, "
            "signer_authority, signer_title, signer_name, recipients, created_at, updated_at, "
            "source_name, source_sha256) VALUES (1, 1, 'cchc-2021', 2026, 'Q1', '2026-01-01', "
            "'2026-03-31', '2026-04-05', 0, 'draft', 2, '', '', '', '', '', '', '', '[]', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '', '')")


@pytest.mark.parametrize(("table", "value"), BAD_VALUES + GOOD_VALUES)
def test_the_bounds_of_0006_refuse_the_same_values_on_both_engines(
        table: str, value: str, postgres_head_url: str, data_file: Path) -> None:
    refused = (table, value) in BAD_VALUES
    Database.open(data_file).close()
    with sqlite3.connect(data_file) as connection:
        _add_report(connection.execute)
    insert_value = f"INSERT INTO {table} (report_id, code, value) VALUES (1, 'x.y', '{value}')"
    with sqlite3.connect(data_file) as connection:
        if refused:
            with pytest.raises(sqlite3.IntegrityError, match="out of bounds"):
                connection.execute(insert_value)
        else:
            connection.execute(insert_value)
    server = open_server(parse_server(postgres_head_url))
    try:
        with server.engine.begin() as connection:
            _add_report(connection.exec_driver_sql)
        if refused:
            with pytest.raises(sqlalchemy_exc.IntegrityError, match="out of bounds"), \
                    server.engine.begin() as connection:
                connection.exec_driver_sql(insert_value)
        else:
            with server.engine.begin() as connection:
                connection.exec_driver_sql(insert_value)
    finally:
        server.close()


def test_a_revision_above_9999_is_refused_on_the_server(postgres_head_url: str) -> None:
    server = open_server(parse_server(postgres_head_url))
    try:
        with server.engine.begin() as connection:
            _add_report(connection.exec_driver_sql)
        with pytest.raises(sqlalchemy_exc.IntegrityError, match="revision out of range"), \
                server.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE reports SET revision = 10000")
    finally:
        server.close()


def test_a_database_of_a_newer_version_is_refused_untouched(empty: ServerDatabase,
                                                            postgres_url: str) -> None:
    empty.upgrade()
    with empty.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DataFileError, match="phiên bản CCHC Desktop mới hơn"):
        open_server(parse_server(postgres_url))
    assert empty.current_revision() == "9999_future"


def test_another_programs_database_is_refused_untouched(empty: ServerDatabase,
                                                        postgres_url: str) -> None:
    with empty.engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id integer PRIMARY KEY)")
    with pytest.raises(DataFileError, match="bảng của chương trình khác"):
        open_server(parse_server(postgres_url))
    assert empty.table_names() == {"invoices"}
