"""--db, --from and --to: a data file or a PostgreSQL server; a password never shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from postgres_server import unavailable

from cchc_desktop.addresses import AddressError, ServerAddress, mask_passwords, parse_location
from cchc_desktop.cli import main


@pytest.mark.parametrize(("text", "path"), [
    ("cchc.sqlite3", Path("cchc.sqlite3")), ("sqlite:///du-lieu/cchc.sqlite3", Path("du-lieu/cchc.sqlite3")),
    ("sqlite:////tmp/cchc.sqlite3", Path("/tmp/cchc.sqlite3")), ("C:\\Dữ liệu\\cchc.sqlite3",
                                                                 Path("C:\\Dữ liệu\\cchc.sqlite3"))])
def test_a_file_is_a_path_as_before(text: str, path: Path) -> None:
    assert parse_location(text) == path


def test_a_server_address_keeps_its_parts_and_hides_its_password() -> None:
    address = parse_location("postgresql://van.thu:p%40ss%20w@10.0.0.5:5433/cchc?sslmode=require")
    assert isinstance(address, ServerAddress)
    assert (address.user, address.host, address.port, address.database, address.options) == (
        "van.thu", "10.0.0.5", 5433, "cchc", (("sslmode", "require"),))
    assert address.password == "p@ss w"
    assert str(address) == address.masked() == "postgresql://van.thu:***@10.0.0.5:5433/cchc?sslmode=require"
    assert "p@ss" not in repr(address) and "p%40ss" not in repr(address)
    assert address.without_password().masked() == "postgresql://van.thu@10.0.0.5:5433/cchc?sslmode=require"
    assert address.keyring_name() == "van.thu@10.0.0.5:5433/cchc"


@pytest.mark.parametrize("text", ["postgresql://user@host", "postgresql:///cchc",
                                  "mysql://user:bí-mật@host/cchc", "postgresql://u:bí-mật@h:cổng/cchc"])
def test_an_address_that_is_neither_is_refused_in_vietnamese_without_its_password(text: str) -> None:
    with pytest.raises(AddressError) as refused:
        parse_location(text)
    assert "bí-mật" not in refused.value.message
    assert "postgresql://người_dùng@máy_chủ" in refused.value.message


def test_the_command_line_refuses_a_bad_address_before_any_work(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", "mysql://u:bí-mật@h/cchc", "status", "--period", "2026-Q1"])
    assert stopped.value.code == 2
    said = capsys.readouterr().err
    assert "Không hiểu mysql://u:***@h/cchc" in said and "bí-mật" not in said


def test_passwords_in_any_message_are_masked() -> None:
    text = ("connection to postgresql://a:b1@host/db failed; retry postgres://x@y/z or "
            "'postgresql://c:d%40e@[::1]:5/f?sslmode=require'")
    assert mask_passwords(text) == (
        "connection to postgresql://a:***@host/db failed; retry postgres://x@y/z or "
        "'postgresql://c:***@[::1]:5/f?sslmode=require'")


def test_without_a_server_the_tests_skip_saying_why_but_fail_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no PostgreSQL server: no initdb"):
        unavailable("no initdb")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI needs a PostgreSQL server"):
        unavailable("no initdb")
