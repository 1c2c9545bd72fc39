"""The schema comes from Alembic migrations, matches the models, and refuses newer files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from cchc_desktop.storage.database import Database, DataFileError, alembic_config, head_revision
from cchc_desktop.storage.models import Base


def test_fresh_file_is_created_by_the_migrations(data_file: Path) -> None:
    database = Database.open(data_file)
    assert database.current_revision() == head_revision()
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_pragmas_wal_and_foreign_keys(data_file: Path) -> None:
    database = Database.open(data_file)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_every_revision_upgrades_and_downgrades(data_file: Path) -> None:
    database = Database.open(data_file)
    script = ScriptDirectory.from_config(alembic_config())
    revisions = list(reversed(list(script.walk_revisions())))
    database.downgrade("base")
    with sqlite3.connect(data_file) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables <= {"alembic_version"}
    for revision in revisions:
        database.upgrade(revision.revision)
        assert database.current_revision() == revision.revision
    database.close()


def test_file_from_a_newer_version_is_refused_untouched(data_file: Path) -> None:
    Database.open(data_file).close()
    with sqlite3.connect(data_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = data_file.read_bytes()
    with pytest.raises(DataFileError, match="phiên bản CCHC Desktop mới hơn"):
        Database.open(data_file)
    assert data_file.read_bytes() == before


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.sqlite3"
    path.write_bytes(b"this is a Word document, not a database" * 10)
    before = path.read_bytes()
    with pytest.raises(DataFileError, match="không phải tệp dữ liệu"):
        Database.open(path)
    assert path.read_bytes() == before
