"""Crash safety: edits through the storage layer while the process is killed at random.

Each run starts a child process that opens the data file and types figures into one
field through ReportStore.set_value (the same call the window makes for every edit),
reporting each edit on stdout once it returned, i.e. once it was committed. The parent
kills the child with SIGKILL at a random moment, reopens the file, runs
PRAGMA integrity_check and compares the stored figure with the edits reported.

Printed: runs, corrupt files (must be 0), acknowledged edits lost (must be 0), and the
largest loss in seconds of typing: the time between the last edit on disk and the kill
(must be <= 1 s: the window saves within a second).

    .venv/bin/python benchmarks/crash_safety.py --kills 1000
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = r"""
import sys, time
from decimal import Decimal
from pathlib import Path
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
store = ReportStore(Database.open(Path(sys.argv[1])))
report_id, code, start = int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
print("ready", flush=True)
i = start
while True:
    i += 1
    typed = time.time()
    store.set_value(report_id, code, Decimal(i))
    print(i, typed, flush=True)
"""


@dataclass
class Result:
    runs: int = 0
    corrupt: int = 0
    acknowledged_lost: int = 0
    worst_loss_seconds: float = 0.0
    edits: int = 0


def _prepare(folder: Path) -> tuple[Path, int, str]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from factories import make_report

    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import ReportStore

    path = folder / "crash.sqlite3"
    store = ReportStore(Database.open(path))
    report_id = store.save_report(make_report({"cddh.kh.tong": 0}))
    store.database.close()
    return path, report_id, "cddh.kh.tong"


def run(kills: int, *, seed: int = 1, max_delay: float = 0.6) -> Result:
    rng = random.Random(seed)
    result = Result()
    with tempfile.TemporaryDirectory() as folder:
        path, report_id, code = _prepare(Path(folder))
        stored = 0
        for _run in range(kills):
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path), str(report_id), code, str(stored)],
                stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
            assert child.stdout is not None
            if child.stdout.readline().strip() != "ready":
                raise RuntimeError("the child did not start")
            # Kill while typing, not while starting: wait for the first committed edit.
            first = child.stdout.readline()
            time.sleep(rng.uniform(0.0, max_delay))
            killed_at = time.time()
            child.send_signal(signal.SIGKILL)
            output, _ = child.communicate()
            # A line cut by the kill was never fully reported: it does not count as acknowledged.
            acknowledged = [fields for line in (first + output).splitlines()
                            if len(fields := line.split()) == 2]
            last_ack = int(acknowledged[-1][0]) if acknowledged else stored
            typed_at = {int(i): float(t) for i, t in acknowledged}
            result.runs += 1
            with sqlite3.connect(path) as connection:
                check = connection.execute("PRAGMA integrity_check").fetchone()[0]
                value = connection.execute(
                    "SELECT value FROM report_values WHERE report_id=? AND code=?",
                    (report_id, code)).fetchone()
            if check != "ok":
                result.corrupt += 1
                continue
            now_stored = int(value[0]) if value else 0
            if now_stored < last_ack:
                result.acknowledged_lost += last_ack - now_stored
            # Typing lost: from the last edit on disk to the kill. The edit after it (if it
            # was typed) is what the clerk loses.
            lost_from = typed_at.get(now_stored + 1, typed_at.get(now_stored, killed_at))
            result.worst_loss_seconds = max(result.worst_loss_seconds,
                                            max(0.0, killed_at - lost_from))
            result.edits += max(0, now_stored - stored)
            stored = now_stored
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    result = run(args.kills, seed=args.seed)
    print(f"runs: {result.runs}")
    print(f"edits committed: {result.edits}")
    print(f"corrupt files: {result.corrupt}")
    print(f"acknowledged edits lost: {result.acknowledged_lost}")
    print(f"largest loss: {result.worst_loss_seconds:.3f} s of typing")
    print(f"time: {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
