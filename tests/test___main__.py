"""__main__.py promises that `python -m cchc_desktop` is the `cchc-desktop` command. Beside
tests/test_cli_startup.py (what --version imports), one real process is enough here."""

from __future__ import annotations

import subprocess
import sys

from cchc_desktop import __version__


def test_python_m_cchc_desktop_says_its_version() -> None:
    result = subprocess.run([sys.executable, "-m", "cchc_desktop", "--version"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60,
                            check=False)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, f"cchc-desktop {__version__}\n", "")
