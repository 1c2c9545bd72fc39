"""The command line's parser in the user's language: help, usage and argument errors.

argparse writes its own texts ("usage:", "options", "the following arguments are
required") in English through `gettext.gettext`, bound as `argparse._` when argparse is
imported; installing a catalog for the process's default gettext domain would change
every other library's texts too. Instead, while one of this parser's methods runs,
argparse's `_` and `ngettext` are swapped for lookups in the table below (Vietnamese
msgids, translated through the app's catalog like every other text), and put back
afterwards. The group headings and the -h help are also set explicitly, so they stay
translated even if a future argparse looked its texts up another way.

In a language whose catalog lacks an entry, argparse's own English is kept: better
than Vietnamese for someone who asked for English.

A command's parser may be given its arguments late (`populate`): they are added the
first time that parser parses or formats anything, so `--version`, `--help` and one
command do not build every other command's options (nor read what their choices come
from, such as the level catalogue).
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

from cchc_desktop.i18n import DEFAULT_LANGUAGE, N_, _, current_language

# argparse's msgids (Python 3.11-3.13) and their Vietnamese.
_TEXTS: dict[str, str] = {
    "usage: ": N_("cách dùng: "),
    "positional arguments": N_("đối số"),
    "options": N_("tùy chọn"),
    "optional arguments": N_("tùy chọn"),
    "subcommands": N_("lệnh"),
    "show this help message and exit": N_("hiện hướng dẫn này rồi thoát"),
    "show program's version number and exit": N_("hiện số phiên bản rồi thoát"),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: lỗi: %(message)s\n"),
    "argument %(argument_name)s: %(message)s": N_("đối số %(argument_name)s: %(message)s"),
    "the following arguments are required: %s": N_("thiếu đối số bắt buộc: %s"),
    "unrecognized arguments: %s": N_("đối số không nhận ra: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_(
        "lựa chọn không hợp lệ: %(value)r (chọn một trong: %(choices)s)"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)"),
    "expected one argument": N_("cần một giá trị"),
    "expected at most one argument": N_("cần nhiều nhất một giá trị"),
    "expected at least one argument": N_("cần ít nhất một giá trị"),
    "invalid %(type)s value: %(value)r": N_("giá trị %(type)s không hợp lệ: %(value)r"),
    "ambiguous option: %(option)s could match %(matches)s": N_(
        "tùy chọn không rõ: %(option)s có thể là %(matches)s"),
    "not allowed with argument %s": N_("không dùng được cùng đối số %s"),
    "one of the arguments %s is required": N_("cần một trong các đối số %s"),
    "ignored explicit argument %r": N_("giá trị %r bị bỏ qua"),
    "unexpected option string: %s": N_("tùy chọn không mong đợi: %s"),
}
_PLURALS: dict[str, str] = {
    "expected %s argument": N_("cần %s giá trị"),
}


def text(message: str) -> str:
    """argparse's `message` in the user's language (itself when unknown)."""
    source = _TEXTS.get(message)
    if source is None:
        return message
    translated = _(source)
    if current_language() != DEFAULT_LANGUAGE and translated == source:
        return message        # no entry in the catalog: argparse's English
    return translated


def _plural(singular: str, plural: str, n: int) -> str:
    source = _PLURALS.get(singular)
    if source is None:
        return singular if n == 1 else plural
    translated = _(source)
    if current_language() != DEFAULT_LANGUAGE and translated == source:
        return singular if n == 1 else plural
    return translated


@contextlib.contextmanager
def _in_language() -> Iterator[None]:
    saved = (getattr(argparse, "_", None), getattr(argparse, "ngettext", None))
    argparse._ = text  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose every own text is in the user's language; errors exit 2."""

    def __init__(self, *args: Any, populate: Callable[[Parser], None] | None = None,
                 **kwargs: Any) -> None:
        with _in_language():
            super().__init__(*args, **kwargs)
        self._populate = populate
        self._positionals.title = text("positional arguments")
        self._optionals.title = text("options")
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = text("show this help message and exit")

    def _ready(self) -> None:
        populate, self._populate = self._populate, None
        if populate is not None:
            populate(self)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        self._ready()
        with _in_language():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        self._ready()
        with _in_language():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        self._ready()
        with _in_language():
            return super().format_usage()

    def format_help(self) -> str:
        self._ready()
        with _in_language():
            return super().format_help()

    def print_usage(self, file: Any = None) -> None:
        self._ready()
        with _in_language():
            super().print_usage(file)

    def error(self, message: str) -> NoReturn:
        self._ready()
        with _in_language():
            super().error(message)
