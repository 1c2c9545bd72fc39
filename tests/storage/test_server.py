"""storage/server.py: the data on a PostgreSQL server, named by its masked address in every
message, its password handed only to the driver (and pg_dump's PGPASSWORD), and what only a
data file has refused in Vietnamese.

Against the session's real server (tests/conftest.py). Beside tests/server/, which runs the
store (test_server_repository.py), the migrations and foreign databases
(test_server_migrations.py) and the login prompts and keyring (test_server_cli.py) there.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from postgres_server import PASSWORD, PASSWORD_USER, Server

from cchc_desktop.addresses import ServerOnlyFileError, parse_server
from cchc_desktop.storage.database import HEAD_REVISION, DataFileError
from cchc_desktop.storage.server import connect, open_server, stored_password


def test_a_server_has_no_file_and_is_named_by_its_address(postgres_head_url: str) -> None:
    address = parse_server(postgres_head_url)
    database = open_server(address)
    try:
        assert database.is_server and database.label == postgres_head_url
        with pytest.raises(ServerOnlyFileError) as caught:
            database.path  # noqa: B018  the property is what refuses
        assert caught.value.message == (
            f"Dữ liệu đang ở máy chủ PostgreSQL {postgres_head_url}: việc này chỉ làm được với "
            "tệp dữ liệu SQLite.")
        assert database.checkpoint() is True
        assert database.current_revision() == HEAD_REVISION
        assert {"reports", "units", "report_values", "change_log"} <= database.table_names()
        assert database.login_name() == "cchc_test"
        assert database.read_only_login() is None, "the owner of the tables writes"
        assert database.libpq_environment() == {}
    finally:
        database.close()


def test_a_password_in_the_address_reaches_the_driver_only(
        postgres_server: Server, postgres_head_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    name = postgres_head_url.rsplit("/", 1)[1]
    url = postgres_server.url(name, f"{PASSWORD_USER}:{quote(PASSWORD)}")
    address = parse_server(url)
    assert stored_password(address) == PASSWORD
    database = connect(address)
    try:
        assert database.login_name() == PASSWORD_USER
        assert database.libpq_environment() == {"PGPASSWORD": PASSWORD}
        assert database.label == f"postgresql://{PASSWORD_USER}@127.0.0.1:" \
                                 f"{postgres_server.port}/{name}", "kept without it"
        shown = database.engine.url.render_as_string(hide_password=False)
        assert PASSWORD not in shown and quote(PASSWORD) not in shown
    finally:
        database.close()


def test_a_server_that_cannot_be_reached_is_told_without_the_password() -> None:
    address = parse_server("postgresql://nv_lan:bi-mat@127.0.0.1:1/cchc")   # nothing listens
    with pytest.raises(DataFileError) as caught:
        connect(address)
    assert caught.value.message.startswith(
        "Không kết nối được máy chủ dữ liệu postgresql://nv_lan:***@127.0.0.1:1/cchc: ")
    assert "bi-mat" not in caught.value.message
