"""Entry point of the frozen bundle: the same `cchc-desktop` command as the installed package.

Both executables of the bundle start here: `cchc-desktop` (console, for the command line)
and, on Windows, `CCHC Desktop` (windowed, for the shortcuts); see cchc_desktop.spec.

CCHC_STARTUP_PROBE=1 in the environment makes the window path report its start-up time and
quit instead of running the event loop: one line on stderr (or, in the windowed Windows
executable that has no stderr, in %TEMP%\\cchc-startup-probe.txt)

    CCHC_STARTUP_PROBE launcher=<epoch s> shown=<epoch s> windows=['<title>', ...]

`launcher` is when this script began (bundle unpacked, Python started); `shown` is when the
app entered its event loop, that is after MainWindow.show(), one processEvents() and the
data file opened (cchc_desktop.gui.app.run). The smoke test and
benchmarks/bench_frozen_start.py use it; the GUI code knows nothing about it.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

LAUNCHED = time.time()
PROBE_VARIABLE = "CCHC_STARTUP_PROBE"


def _report(line: str) -> None:
    if sys.stderr is not None:
        print(line, file=sys.stderr, flush=True)
    else:
        with open(os.path.join(tempfile.gettempdir(), "cchc-startup-probe.txt"), "a",
                  encoding="utf-8") as handle:
            handle.write(line + "\n")


def _install_startup_probe() -> None:
    # Only imported when probing: the command-line path must not pay for Qt.
    from PySide6.QtWidgets import QApplication

    def probed_exec(*_args: object) -> int:
        shown = time.time()
        titles = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()]
        _report(f"{PROBE_VARIABLE} launcher={LAUNCHED:.6f} shown={shown:.6f} windows={titles!r}")
        return 0 if titles else 3

    QApplication.exec = staticmethod(probed_exec)  # type: ignore[method-assign]


def main() -> int:
    # A worker process reading a unit's file (cchc_desktop.isolation) is this same executable
    # started again: freeze_support() makes it serve as the worker instead of opening the app.
    import multiprocessing

    multiprocessing.freeze_support()
    if os.environ.get(PROBE_VARIABLE) == "1":
        _install_startup_probe()
    from cchc_desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
