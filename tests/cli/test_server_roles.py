"""cli/server_roles.py (server-roles) promises the IT person's two actions on a PostgreSQL
server: install the roles with their grants (said with the number of tables, the schema and
the server), and give a login its role, creating it with a password read only from an
environment variable; a data file has no roles and is refused in words. Beside
tests/server/test_server_roles_cli.py (rights, an owner that is not a superuser, a clerk's
login at work), this file checks the sentences, with the session's server once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from postgres_server import Server

from cchc_desktop.cli import main

NOT_A_SERVER = ("Vai trò chỉ có trên máy chủ PostgreSQL: hãy cho --db "
                "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu.\n")


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("action", [["install"], ["grant", "lan", "viewer"]])
def test_a_data_file_has_no_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  action: list[str]) -> None:
    db = tmp_path / "cchc.sqlite3"
    assert _run(capsys, "server-roles", action[0], "--db", db, *action[1:]) == (
        2, "", NOT_A_SERVER)
    assert not db.exists()


def test_the_refusal_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "--lang", "en", "server-roles", "install", "--db",
                tmp_path / "a.sqlite3") == (
        2, "", "Roles exist only on a PostgreSQL server: give --db "
               "postgresql://user@host/database.\n")


def test_install_then_grant_say_what_was_done_on_which_server(
        postgres_server: Server, postgres_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _err = _run(capsys, "server-roles", "install", "--db", postgres_url)
    found = re.fullmatch(r"Đã cài các vai trò cchc_viewer, cchc_clerk, cchc_leader và quyền "
                         r"trên (\d+) bảng của lược đồ public \((.+)\)\.\n", out)
    assert code == 0 and found is not None, out
    assert int(found[1]) >= 20
    server = found[2]
    assert server.endswith(postgres_url.rsplit("/", 1)[1])

    postgres_server.execute("DROP ROLE IF EXISTS cli_xem_lan")
    monkeypatch.delenv("CCHC_MAT_KHAU_LAN", raising=False)
    assert _run(capsys, "server-roles", "grant", "--db", postgres_url, "cli_xem_lan", "viewer",
                "--create-login", "--password-env", "CCHC_MAT_KHAU_LAN") == (
        2, "", "Hãy đặt mật khẩu của tài khoản mới vào biến môi trường CCHC_MAT_KHAU_LAN (không "
               "ghi mật khẩu trên dòng lệnh).\n")
    monkeypatch.setenv("CCHC_MAT_KHAU_LAN", "Mật khẩu của Lan 2026")
    assert _run(capsys, "server-roles", "grant", "--db", postgres_url, "cli_xem_lan", "viewer",
                "--create-login", "--password-env", "CCHC_MAT_KHAU_LAN") == (
        0, f"Tài khoản cli_xem_lan có vai trò Xem (cchc_viewer) trên {server}.\n", "")
    assert _run(capsys, "server-roles", "grant", "--db", postgres_url, "cli_xem_lan",
                "leader")[1] == (
        f"Tài khoản cli_xem_lan có vai trò Lãnh đạo (cchc_leader) trên {server}.\n")
