"""The storage tests' data file: an empty one at the current schema, migrated once per session
(0.3-0.5 s), each test writing on a copy of it (tests/storage/test_migrations.py tests the
migrating itself)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("migrated") / "empty.sqlite3"
    Database.open(path).close()
    return path


@pytest.fixture
def store(migrated: Path, data_file: Path) -> ReportStore:
    shutil.copy(migrated, data_file)
    return ReportStore(Database.open(data_file))
