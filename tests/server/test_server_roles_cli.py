"""cchc-desktop server-roles install / grant on the session's server, as the IT person runs it."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from postgres_server import Server

from cchc_desktop.cli import main

NEW_PASSWORD = "Mật khẩu mới 2026"


def _roles_of(server: Server, user: str) -> list[str]:
    with psycopg.connect(server.url()) as connection:
        rows = connection.execute(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = %s ORDER BY 1", (user,))
        return [str(row[0]) for row in rows]


def _password_of(server: Server, user: str) -> str:
    with psycopg.connect(server.url()) as connection:
        row = connection.execute("SELECT rolpassword FROM pg_authid WHERE rolname = %s",
                                 (user,)).fetchone()
        assert row is not None
        return str(row[0])


def test_the_it_person_installs_twice_and_gives_a_new_login_its_role(
        postgres_server: Server, postgres_url: str, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["server-roles", "install", "--db", postgres_url]) == 0
    assert main(["server-roles", "install", "--db", postgres_url]) == 0
    assert "Đã cài các vai trò cchc_viewer, cchc_clerk, cchc_leader" in capsys.readouterr().out

    postgres_server.execute("DROP ROLE IF EXISTS cli_hoa")
    assert main(["server-roles", "grant", "--db", postgres_url, "cli_hoa", "clerk",
                 "--create-login"]) == 2
    assert "CCHC_LOGIN_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("CCHC_LOGIN_PASSWORD", NEW_PASSWORD)
    assert main(["server-roles", "grant", "--db", postgres_url, "cli_hoa", "clerk",
                 "--create-login"]) == 0
    assert "cli_hoa có vai trò Chuyên viên (cchc_clerk)" in capsys.readouterr().out
    assert _roles_of(postgres_server, "cli_hoa") == ["cchc_clerk"]
    stored = _password_of(postgres_server, "cli_hoa")
    assert stored.startswith("SCRAM-SHA-256$") and NEW_PASSWORD not in stored

    assert main(["server-roles", "grant", "--db", postgres_url, "cli_hoa", "leader"]) == 0
    assert _roles_of(postgres_server, "cli_hoa") == ["cchc_leader"]


def test_a_login_without_rights_cannot_install(postgres_server: Server, postgres_url: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server-roles", "install", "--db", postgres_url]) == 0
    postgres_server.execute("DROP ROLE IF EXISTS cli_thuong")
    postgres_server.execute("CREATE ROLE cli_thuong LOGIN")
    postgres_server.execute("GRANT cchc_leader TO cli_thuong")
    plain = postgres_url.replace("cchc_test@", "cli_thuong@")
    capsys.readouterr()
    assert main(["server-roles", "install", "--db", plain]) != 0
    assert "cli_thuong không đủ quyền cài đặt vai trò" in capsys.readouterr().err


def test_a_data_file_has_no_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["server-roles", "install", "--db", f"sqlite:///{tmp_path / 'a.sqlite3'}"]) == 2
    assert "chỉ có trên máy chủ PostgreSQL" in capsys.readouterr().err


def test_a_clerk_at_the_command_line_imports_but_is_refused_final(
        postgres_server: Server, postgres_url: str, sample_path: Path,
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["server-roles", "install", "--db", postgres_url]) == 0
    monkeypatch.setenv("CCHC_LOGIN_PASSWORD", NEW_PASSWORD)
    assert main(["server-roles", "grant", "--db", postgres_url, "cli_cv_an", "clerk",
                 "--create-login"]) == 0
    clerk = postgres_url.replace("cchc_test@", "cli_cv_an@")
    assert main(["--db", clerk, "import", str(sample_path)]) == 0
    capsys.readouterr()
    assert main(["--db", clerk, "status", "--unit", "xa-my-an", "--period", "2026-Q1",
                 "--set", "final"]) == 2
    assert "Tài khoản máy chủ cli_cv_an không có quyền đổi trạng thái" in capsys.readouterr().err
    assert main(["--db", clerk, "status", "--unit", "xa-my-an", "--period", "2026-Q1"]) == 0
    assert "Dự thảo" in capsys.readouterr().out


def test_the_readmes_way_an_owner_with_createrole_not_a_superuser(
        postgres_server: Server, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    postgres_server.execute("DROP DATABASE IF EXISTS readme_office")
    postgres_server.execute("DROP ROLE IF EXISTS readme_it")
    postgres_server.execute("CREATE ROLE readme_it LOGIN CREATEROLE")
    postgres_server.execute("CREATE DATABASE readme_office OWNER readme_it")
    owner = postgres_server.url("readme_office", "readme_it")
    assert main(["server-roles", "install", "--db", owner]) == 0, capsys.readouterr().err
    monkeypatch.setenv("CCHC_LOGIN_PASSWORD", NEW_PASSWORD)
    assert main(["server-roles", "grant", "--db", owner, "readme_an", "clerk",
                 "--create-login"]) == 0, capsys.readouterr().err
    assert _roles_of(postgres_server, "readme_an") == ["cchc_clerk"]
    clerk = postgres_server.url("readme_office", "readme_an")
    assert main(["--db", clerk, "status", "--period", "2026-Q1", "--unit", "xa-a"]) == 2
    assert "không có báo cáo kỳ 2026-Q1" in capsys.readouterr().err, "read, not refused"
