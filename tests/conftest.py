"""Shared fixtures: the sample reports and a fresh data file per test."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import Server, ServerUnavailable, start_server, unavailable

# Qt must never look for a screen in the tests (CI has none).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Nothing a test writes lands in the user's own folders (restore points of a server's data,
# the template cache, Qt's settings): this session's own, which tests may narrow further.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="cchc-tests-data-")
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cchc-tests-cache-")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="cchc-tests-config-")

from cchc_desktop.i18n import set_language

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    """Every test starts in Vietnamese, the app's default, whatever the last one switched to."""
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def sample_path() -> Path:
    return DATA / "xa-my-an-2026-Q1.json"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite3"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """A PostgreSQL cluster of this test session's own (tests/postgres_server.py), started at
    the first test that needs it and stopped at the end. Without one the test is skipped,
    saying why, except in CI (CI=true), where it fails: CI must run the server's tests."""
    try:
        import psycopg  # noqa: F401  only the tests that need a server need the driver
    except ImportError:
        unavailable("psycopg is not installed (bash scripts/test.sh installs it)")
    try:
        server = start_server()
    except ServerUnavailable as exc:
        unavailable(str(exc))
    yield server
    server.stop()


_DATABASES = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: Server) -> str:
    """A new, empty database on the session's server: postgresql://cchc_test@127.0.0.1:PORT/tN."""
    return postgres_server.create_database(f"t{os.getpid()}_{next(_DATABASES)}")


@pytest.fixture(scope="session")
def postgres_head_database(postgres_server: Server) -> str:
    """A database of the session's server migrated to the current schema once, for the tests
    that only read and write data (postgres_head_url empties it before each)."""
    # the storage layer only for the tests that use a server
    from cchc_desktop.addresses import parse_server
    from cchc_desktop.storage.server import open_server

    url = postgres_server.create_database("cchc_head")
    open_server(parse_server(url)).close()
    return "cchc_head"


@pytest.fixture
def postgres_head_url(postgres_server: Server, postgres_head_database: str) -> str:
    """A database on the session's server at the current schema with no data (emptied, ids
    starting again at 1: a new database's migrations would cost half a second a test)."""
    from cchc_desktop.storage.models import Base  # the storage layer only for server tests

    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    postgres_server.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE", postgres_head_database)
    return postgres_server.url(postgres_head_database)
