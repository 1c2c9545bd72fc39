"""cli/parser.py promises every command's arguments with their types, defaults and help in
Vietnamese: --db a data file or a PostgreSQL server (refused in words when it is neither, its
password never echoed), options that exclude each other refused, dates and years typed.
Beside tests/test_cli_startup.py (what --help imports) and tests/test_cliparser.py (the
parser's own texts), this file parses argument lists in-process."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cchc_desktop.addresses import ServerAddress
from cchc_desktop.cli.parser import build_parser
from cchc_desktop.i18n import set_language


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as raised:
        build_parser().parse_args(argv)
    assert raised.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_no_command_is_the_window_and_check_has_its_defaults() -> None:
    window = build_parser().parse_args([])
    assert (window.command, window.db, window.lang) == (None, None, None)
    check = build_parser().parse_args(["--lang", "en", "check", "xa.json"])
    assert (check.command, check.file, check.format, check.previous) == (
        "check", Path("xa.json"), "text", None)
    assert (check.use_visible, check.use_hidden, check.lang) == (False, False, "en")


def test_db_takes_a_file_or_a_server_and_refuses_anything_else(
        capsys: pytest.CaptureFixture[str]) -> None:
    parse = build_parser().parse_args
    assert parse(["--db", "sqlite:///tmp/cchc.sqlite3"]).db == Path("tmp/cchc.sqlite3")
    assert parse(["--db", "D:/CCHC/du-lieu.sqlite3"]).db == Path("D:/CCHC/du-lieu.sqlite3")
    server = parse(["status", "--db", "postgresql://van_thu@10.0.0.5:5433/cchc",
                    "--period", "2026-Q1"]).sub_db
    assert isinstance(server, ServerAddress)
    assert (server.user, server.host, server.port, server.database) == (
        "van_thu", "10.0.0.5", 5433, "cchc")
    message = _error(["--db", "mysql://van_thu:bi-mat@may/cchc"], capsys)
    assert message.startswith("cchc-desktop: lỗi: đối số --db: Không hiểu mysql://van_thu:***@may/cchc: "
                              "--db nhận một tệp dữ liệu")
    assert "bi-mat" not in message


def test_choices_and_required_options_are_refused_in_vietnamese(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _error(["board", "--year", "2026", "--period", "Q2"], capsys) == (
        "cchc-desktop board: lỗi: đối số --period: lựa chọn không hợp lệ: 'Q2' (chọn một "
        "trong: 'Q1', 'H1', 'Q3', 'Y')")
    assert _error(["board", "--period", "Q1", "--year", "hai nghìn"], capsys) == (
        "cchc-desktop board: lỗi: đối số --year: giá trị int không hợp lệ: 'hai nghìn'")
    assert _error(["status"], capsys) == (
        "cchc-desktop status: lỗi: thiếu đối số bắt buộc: --period")
    assert _error(["server-roles"], capsys) == (
        "cchc-desktop server-roles: lỗi: thiếu đối số bắt buộc: việc")
    assert _error(["khong-co"], capsys).startswith(
        "cchc-desktop: lỗi: đối số lệnh: lựa chọn không hợp lệ: 'khong-co' (chọn một trong: "
        "'check', 'export',")


def test_options_that_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert _error(["check", "a.xlsx", "--use-visible", "--use-hidden"], capsys) == (
        "cchc-desktop check: lỗi: đối số --use-hidden: không dùng được cùng đối số --use-visible")
    send = ["send", "goi.zip", "--to", "a@b.vn", "--smtp", "mail:587", "--from", "x@b.vn"]
    assert _error([*send, "--ssl", "--plain"], capsys) == (
        "cchc-desktop send: lỗi: đối số --plain: không dùng được cùng đối số --ssl")
    assert _error([*send, "--zip-only", "--split"], capsys).endswith(
        "không dùng được cùng đối số --zip-only")
    args = build_parser().parse_args([*send, "--ssl", "--read-receipt"])
    assert (args.ssl, args.plain, args.starttls, args.read_receipt, args.sender, args.cc) == (
        True, False, False, True, "x@b.vn", "")


def test_typed_values_dates_levels_and_repeated_options(
        capsys: pytest.CaptureFixture[str]) -> None:
    par = build_parser().parse_args(["par-index", "bo.yaml", "--date", "2026-09-14",
                                     "--year", "2025"])
    assert (par.date, par.year, par.format) == (dt.date(2026, 9, 14), 2025, "text")
    assert _error(["par-index", "bo.yaml", "--date", "14/09/2026"], capsys) == (
        "cchc-desktop par-index: lỗi: đối số --date: giá trị fromisoformat không hợp lệ: "
        "'14/09/2026'")
    consolidate = build_parser().parse_args(["consolidate", "a.json", "b.zip", "--unit-name",
                                             "UBND huyện Thử", "--period", "2026-Q1",
                                             "--out", "t.json"])
    assert (consolidate.files, consolidate.level, consolidate.parent) == (
        [Path("a.json"), Path("b.zip")], "tinh", "")
    trust = build_parser().parse_args(["trust", "--db", "t.sqlite3", "--add", "a.pem",
                                       "--add", "b.p7b", "--remove", "3f2a1b0c"])
    assert (trust.add, trust.remove, trust.list) == ([Path("a.pem"), Path("b.p7b")],
                                                     ["3f2a1b0c"], False)
    grant = build_parser().parse_args(["server-roles", "grant", "--db", "postgresql://a@h/d",
                                       "lan", "leader"])
    assert (grant.roles_action, grant.user, grant.role, grant.create_login,
            grant.password_env) == ("grant", "lan", "leader", False, "CCHC_LOGIN_PASSWORD")


def test_a_commands_help_is_vietnamese_or_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["board", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.startswith("cách dùng: cchc-desktop board [-h] [--db TỆP|URL] --year NĂM")
    assert "kỳ báo cáo: Q1, H1 (6 tháng), Q3 hoặc Y (năm)" in shown
    set_language("en")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["board", "--help"])
    english = " ".join(capsys.readouterr().out.split())
    assert english.startswith("usage: cchc-desktop board [-h] [--db")
    assert "Q1, H1" in english and "kỳ báo cáo" not in english
