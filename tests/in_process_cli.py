"""The command line run in this process, reported as a finished process would be: the tests
that ran `python -m cchc_desktop ...` as a new process keep their assertions and lose the
0.5-1 s of the interpreter's start and imports a call.

A call leaves nothing behind: the language, os.environ (exactly, keys added by the command
removed), the working folder, sys.stdin/stdout/stderr (the command may swap stdout for
os.devnull on a broken pipe), the root logger's handlers and level. Python's collector is
put back by cchc_desktop.cli.main itself when it is called with an argv. What a process
would do on its way out is reported as the process would: SystemExit becomes its exit code,
an uncaught exception a traceback on stderr and exit code 1. stdin is empty and not a
terminal, as under `subprocess.run(..., capture_output=True)` in CI.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator, Mapping
from pathlib import Path

from cchc_desktop.cli import main
from cchc_desktop.i18n import current_language, set_language


@contextlib.contextmanager
def environment(changes: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with CHANGES (None: the variable unset), restored exactly afterwards."""
    before = dict(os.environ)
    try:
        for name, value in changes.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        yield
    finally:
        for name in [name for name in os.environ if name not in before]:
            del os.environ[name]
        for name, value in before.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


@contextlib.contextmanager
def _keyring_backend(name: str | None) -> Iterator[None]:
    # PYTHON_KEYRING_BACKEND is read by a new process when keyring first loads; in this
    # process keyring may have loaded already, so the backend is set here and put back.
    if name is None:
        yield
        return
    import keyring  # optional package: only for a caller that names a keyring backend
    import keyring.core

    before = keyring.get_keyring()
    keyring.set_keyring(keyring.core.load_keyring(name))
    try:
        yield
    finally:
        keyring.set_keyring(before)


@contextlib.contextmanager
def _kept_state() -> Iterator[None]:
    language = current_language()
    cwd = os.getcwd()
    stdin, stdout, stderr = sys.stdin, sys.stdout, sys.stderr
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        set_language(language)
        os.chdir(cwd)
        sys.stdin, sys.stdout, sys.stderr = stdin, stdout, stderr
        root.handlers[:] = handlers
        root.setLevel(level)


def cli(*args: str | Path, env: Mapping[str, str | None] | None = None,
        cwd: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    """`cchc-desktop ARGS` through cchc_desktop.cli.main: its exit code, stdout and stderr.

    ENV: variables set (None: unset) for the call only; CWD: the folder it runs in."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    changes = dict(env or {})
    with _kept_state(), environment(changes), \
            _keyring_backend(changes.get("PYTHON_KEYRING_BACKEND")):
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = io.StringIO()              # a pipe, never a terminal: no password asked
        sys.stdout, sys.stderr = out, err
        try:
            code = main(argv)
        except SystemExit as exc:             # argparse: --help, a bad option
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:                             # sys.exit("message"): printed, exit code 1
                print(exc.code, file=err)
                code = 1
        except Exception:                     # as the interpreter would end: a traceback, 1
            traceback.print_exc(file=err)
            code = 1
        finally:
            if sys.stdout is not out:         # a broken pipe: main opened os.devnull
                sys.stdout.close()
    return subprocess.CompletedProcess(["cchc-desktop", *argv], code, out.getvalue(),
                                       err.getvalue())
