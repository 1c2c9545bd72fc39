"""How fast the frozen bundle starts (printed, not asserted).

    .venv/bin/python benchmarks/bench_frozen_start.py [BUNDLE_EXE] [--runs N]

BUNDLE_EXE defaults to packaging/out/dist/cchc-desktop/cchc-desktop (bash
packaging/build_linux.sh makes it). Each run is a fresh process, offscreen, with a fresh HOME
and XDG folders. What is measured, from just before the process is started:

* `--version`: until the process exits (bootloader, Python, argparse; no Qt, no data file).
* window, new data file: until the app enters its event loop with the main window shown,
  on a first start (the data file is created and migrated by Alembic). The time comes from
  CCHC_STARTUP_PROBE=1 (packaging/launcher.py), which prints it and quits at that point.
* window, existing data file: the same on a second start with the same data file.

The files are in the page cache after the first run: these are warm-cache figures (dropping
the cache needs root on the host, which a container does not have).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXE = ROOT / "packaging" / "out" / "dist" / "cchc-desktop" / "cchc-desktop"
PROBE = re.compile(r"CCHC_STARTUP_PROBE launcher=([\d.]+) shown=([\d.]+) windows=(.*)")


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "QT_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), QT_QPA_PLATFORM="offscreen",
               CCHC_STARTUP_PROBE="1")
    return env


def time_version(exe: Path, home: Path) -> float:
    started = time.time()
    subprocess.run([str(exe), "--version"], env=_environment(home), check=True,
                   stdout=subprocess.DEVNULL)
    return time.time() - started


def time_window(exe: Path, home: Path) -> tuple[float, float]:
    """(seconds to the shown window, of which before the launcher's first line)."""
    started = time.time()
    result = subprocess.run([str(exe)], env=_environment(home), capture_output=True, text=True,
                            timeout=60, check=False)
    match = PROBE.search(result.stderr)
    if result.returncode != 0 or not match or "CCHC Desktop" not in match.group(3):
        raise SystemExit(f"the frozen app did not show its window (exit {result.returncode}):\n"
                         f"{result.stderr}")
    return float(match.group(2)) - started, float(match.group(1)) - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("exe", nargs="?", type=Path, default=DEFAULT_EXE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.exe.exists():
        print(f"{args.exe} is missing: run bash packaging/build_linux.sh", file=sys.stderr)
        return 1

    version, fresh, fresh_boot, existing = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder)
            version.append(time_version(args.exe, home))
            shown, boot = time_window(args.exe, home)
            fresh.append(shown)
            fresh_boot.append(boot)
            if not (home / "data" / "CCHC Desktop" / "cchc.sqlite3").exists():
                raise SystemExit("the frozen app did not create its data file")
            existing.append(time_window(args.exe, home)[0])

    def line(label: str, values: list[float]) -> str:
        return (f"{label:<44} median {statistics.median(values):.2f} s  "
                f"min {min(values):.2f} s  max {max(values):.2f} s")

    print(f"Frozen start of {args.exe} ({args.runs} runs, offscreen, warm page cache)")
    print(line("cchc-desktop --version (to exit)", version))
    print(line("window shown, new data file (first start)", fresh))
    print(line("  of which bootloader + Python start", fresh_boot))
    print(line("window shown, existing data file", existing))
    return 0


if __name__ == "__main__":
    sys.exit(main())
