"""The command line run in this process, reported as a finished process would be: the tests of
tests/cli/ that came from whole-process tests keep their assertions and lose 0.5 s a call."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

from cchc_desktop.cli import main
from cchc_desktop.i18n import current_language, set_language


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`cchc-desktop ARGS` through cchc_desktop.cli.main: its exit code, stdout and stderr;
    the language is put back afterwards, as a new process would start in it."""
    out, err = io.StringIO(), io.StringIO()
    language = current_language()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:             # argparse: --help, a bad option
            code = exc.code if isinstance(exc.code, int) else 2
        finally:
            set_language(language)
    return subprocess.CompletedProcess(["cchc-desktop", *map(str, args)], code, out.getvalue(),
                                       err.getvalue())
