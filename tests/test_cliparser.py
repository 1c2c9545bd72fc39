"""cliparser.py promises an ArgumentParser whose own texts (usage, headings, errors) are in the
user's language without touching any other library's gettext: argparse's `_` is swapped only
while one of its methods runs; English keeps argparse's own words; a command's arguments
are added late (`populate`), the first time its parser parses or formats anything. Beside
tests/test_cli_startup.py, which checks what --help imports, this file builds parsers of
its own."""

from __future__ import annotations

import argparse
import gettext

import pytest

from cchc_desktop.cliparser import Parser, text
from cchc_desktop.i18n import set_language


def _parser() -> Parser:
    parser = Parser(prog="thu")
    parser.add_argument("file", metavar="TỆP")
    parser.add_argument("--period", choices=("Q1", "H1"))
    parser.add_argument("--pair", nargs=2)
    return parser


def _error(parser: Parser, argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as raised:
        parser.parse_args(argv)
    assert raised.value.code == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_argparses_texts_are_vietnamese_and_unknown_ones_stay() -> None:
    assert text("options") == "tùy chọn"
    assert text("the following arguments are required: %s") == "thiếu đối số bắt buộc: %s"
    assert text("a message argparse never had") == "a message argparse never had"
    set_language("en")
    assert text("options") == "options" and text("usage: ") == "usage: "


def test_errors_are_said_in_vietnamese_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    parser = _parser()
    assert _error(parser, [], capsys) == "thu: lỗi: thiếu đối số bắt buộc: TỆP"
    assert _error(parser, ["a.json", "--period", "Q2"], capsys) == (
        "thu: lỗi: đối số --period: lựa chọn không hợp lệ: 'Q2' (chọn một trong: 'Q1', 'H1')")
    assert _error(parser, ["a.json", "--pair", "1"], capsys) == (
        "thu: lỗi: đối số --pair: cần 2 giá trị")
    assert _error(parser, ["a.json", "--khac"], capsys) == "thu: lỗi: đối số không nhận ra: --khac"


def test_the_help_has_its_headings_in_the_users_language() -> None:
    help_text = _parser().format_help()
    assert help_text.startswith("cách dùng: thu [-h]")
    assert "\nđối số:\n  TỆP\n" in help_text
    assert "\ntùy chọn:\n  -h, --help " in help_text and "hiện hướng dẫn này rồi thoát" in help_text
    set_language("en")
    english = _parser().format_help()
    assert english.startswith("usage: thu [-h]") and "\noptions:\n" in english
    assert "show this help message and exit" in english


def test_argparses_own_gettext_is_given_back_after_each_call() -> None:
    parser = _parser()
    parser.format_usage()
    parser.parse_args(["a.json"])
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]


def test_a_commands_arguments_are_added_once_and_only_when_used() -> None:
    calls: list[str] = []

    def populate(parser: Parser) -> None:
        calls.append("populate")
        parser.add_argument("--year", type=int)

    top = Parser(prog="thu")
    commands = top.add_subparsers(dest="command")
    commands.add_parser("board", populate=populate)
    commands.add_parser("other")
    assert top.parse_args(["other"]).command == "other"
    assert calls == []
    assert top.parse_args(["board", "--year", "2026"]).year == 2026
    assert top.parse_args(["board"]).year is None
    assert calls == ["populate"]
