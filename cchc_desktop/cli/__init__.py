"""The `cchc-desktop` command: the window, and check / export / import / consolidate / package.

Exit codes: 0 success; 1 the report has error-level findings (check), or some files were
refused and the rest consolidated (consolidate: each refused file is listed on stderr);
2 the input could not be used (bad file, bad option; consolidate: no file usable; a workbook
whose visible sheets differ from its hidden data, without --use-visible or --use-hidden);
3 refused by the state of the data (a final or submitted report that must be reopened, a
data file another program has open). `verify` has its own: 0 the package is valid and its
signer trusted, or it is unsigned (allowed, and said so); 1 intact but the signer is not
trusted (self-signed, unknown issuer, another certificate than the unit's pinned one);
2 invalid (tampered, mismatched, unreadable): refused. Every message is in the user's language.

A command pays only for itself: this module and the parser import no library beyond
argparse, and each command's module (imported when it runs, from COMMANDS) brings what
that command needs, plus what only some of its options need through its `prepare(args)`;
`--version` and `--help` load neither the data layer nor the document writers.

Python's cyclic garbage collector is kept off while the command's modules are imported
(they allocate hundreds of thousands of objects, none of them garbage, and the collector
would walk them again and again: 75 ms of a 0.45 s export); the modules' objects are then
frozen out of its reach (gc.freeze) and it is switched on again for the command's own work.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from cchc_desktop.cli.parser import build_parser
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import SUPPORTED_LANGUAGES, _, set_language

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_REFUSED = 0, 1, 2, 3
Handler = Callable[[argparse.Namespace], int]

# command -> (module of cchc_desktop.cli, function): imported only when the command runs
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("reports", "check_command"),
    "export": ("reports", "export_command"),
    "import": ("datafile", "import_command"),
    "status": ("datafile", "status_command"),
    "backups": ("datafile", "backups_command"),
    "consolidate": ("consolidating", "consolidate_command"),
    "convert": ("converting", "convert_command"),
    "templates": ("templates", "templates_command"),
    "par-index": ("par_index", "par_index_command"),
    "package": ("sending", "package_command"),
    "verify": ("verifying", "verify_command"),
    "trust": ("trust", "trust_command"),
    "send": ("mailing", "send_command"),
    "outbox": ("mailing", "outbox_command"),
    "migrate-db": ("migrating", "migrate_db_command"),
    "trends": ("trends", "trends_command"),
    "board": ("board", "board_command"),
    "server-roles": ("server_roles", "server_roles_command"),
}


def main(argv: Sequence[str] | None = None) -> int:
    collecting = gc.isenabled()
    gc.disable()
    try:
        handler, args = _prepared(list(sys.argv[1:] if argv is None else argv))
    except BaseException:
        # --help, --version, a bad option: the process ends (its modules frozen, as below);
        # a caller in the same process gets its collector back unfrozen.
        if argv is None:
            gc.freeze()
        if collecting:
            gc.enable()
        raise
    gc.freeze()
    if collecting:
        gc.enable()
    try:
        if handler is None:
            from cchc_desktop.gui.app import run  # start-up: Qt only for the window, never a command

            return run(db_path=args.db, language=args.lang)
        return _run(handler, args)
    finally:
        # Run as the process (argv from sys.argv), the modules stay frozen: the collector's
        # last pass at exit skips them (45 ms). A caller in the same process (the tests)
        # gets its collector back as it was.
        if argv is not None:
            gc.unfreeze()


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except BrokenPipeError:
        # The reader of the output went away (`... | head`): nothing to tell anyone.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 Python flushes stdout at exit
        return EXIT_OK
    except KnownError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED if _is_refusal(exc) else EXIT_BAD_INPUT
    except Exception as exc:
        # A full disk, a locked or damaged data file met after it was opened: the clerk's
        # sentence, not a traceback. Anything else is a bug and keeps its traceback.
        known = _known_failure(exc)
        if known is None:
            raise
        print(known.message, file=sys.stderr)
        return EXIT_BAD_INPUT


def _prepared(argv: list[str]) -> tuple[Handler | None, argparse.Namespace]:
    """The parsed arguments and their command's handler, every module it needs imported."""
    _configure_streams()
    language = _language_from(argv)
    if language in SUPPORTED_LANGUAGES:    # any other value is the parser's error, in Vietnamese
        set_language(language)
    args = build_parser().parse_args(argv)
    if args.command is None:
        return None, args
    module_name, function = COMMANDS[args.command]
    module = importlib.import_module(f"{__name__}.{module_name}")
    prepare = getattr(module, "prepare", None)
    if prepare is not None:
        prepare(args)
    return cast(Handler, getattr(module, function)), args


def _known_failure(exc: Exception) -> KnownError | None:
    # start-up: only when a command fails; --version and check must not load storage
    from cchc_desktop.storage.errors import storage_error

    if isinstance(exc, OSError):
        from cchc_desktop.fileio import describe_os_error  # start-up: only when a command fails

        if exc.filename:
            return KnownError(describe_os_error(Path(exc.filename), exc))
        from cchc_desktop.failures import os_reason  # start-up: only when a command fails

        return KnownError(_("Không đọc ghi được tệp: {reason}.").format(reason=os_reason(exc)))
    return storage_error(exc, strict=True)


def _is_refusal(error: KnownError) -> bool:
    # start-up: only when a command is refused; lifecycle (~70 ms) and storage stay unloaded
    from cchc_desktop.domain.lifecycle import ReportLockedError, TransitionError
    from cchc_desktop.storage.instance_lock import AlreadyOpenError

    return isinstance(error, (ReportLockedError, TransitionError, AlreadyOpenError))


def _configure_streams() -> None:
    # Windows consoles default to a legacy code page; Vietnamese needs UTF-8.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _language_from(argv: list[str]) -> str | None:
    """--lang must act before the parser builds its (translated) help texts."""
    for index, item in enumerate(argv):
        if item.startswith("--lang="):
            return item.partition("=")[2]
        if item == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None
