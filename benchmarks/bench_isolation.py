"""What reading each file in a killable worker process costs (cchc_desktop.isolation).

Makes N subordinate workbooks (default 200) and times reading them: in this process (no
isolation: the floor), through run_isolated with 1 worker and with the default number of
workers, and the whole prepare_consolidation. Prints ms per file and the per-file overhead.

    .venv/bin/python benchmarks/bench_isolation.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_consolidation import make_files

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.imports.subordinates import prepare_consolidation
from cchc_desktop.isolation import run_isolated
from cchc_desktop.reportfiles import read_for_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    registry = shipped_templates()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        units = make_files(folder, count)
        files = sorted(folder.glob("*.xlsx"))
        rows = []
        started = time.perf_counter()
        for path in files:
            read_for_consolidation(registry, path)
        rows.append(("in this process (no isolation)", time.perf_counter() - started))
        started = time.perf_counter()
        run_isolated(read_for_consolidation, files[:1], context=registry, workers=1)
        startup = time.perf_counter() - started
        print(f"one file through one worker (start-up of a worker + 1 read): {startup:.2f} s")
        for workers in (1, None):
            started = time.perf_counter()
            outcomes = run_isolated(read_for_consolidation, files, context=registry,
                                    workers=workers)
            assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok][:3]
            rows.append((f"run_isolated, workers={workers or 'default'}",
                         time.perf_counter() - started))
        with tempfile.TemporaryDirectory() as data:
            store = ReportStore(Database.open(Path(data) / "tinh.sqlite3"))
            store.save_own_unit(OwnUnit("snv", "Sở Nội vụ tỉnh Thử", "tinh"))
            store.set_subordinate_units(units)
            report_id = store.create_report(2026, "Q3")
            started = time.perf_counter()
            preview = prepare_consolidation(store, report_id, files)
            rows.append(("prepare_consolidation (isolated)", time.perf_counter() - started))
            assert len(preview.accepted) == count, preview.refused[:3]
            store.database.close()
        floor = rows[0][1]
        marginal = (rows[1][1] - startup) / max(1, count - 1)
        print(f"marginal cost per file through a warm worker: {1000 * marginal:.1f} ms "
              f"(in process: {1000 * floor / count:.1f} ms)")
        print(f"{count} workbooks")
        print(f"{'':34s} total(s)  ms/file  overhead ms/file")
        for label, seconds in rows:
            print(f"{label:34s} {seconds:8.2f}  {1000 * seconds / count:7.1f}  "
                  f"{1000 * (seconds - floor) / count:8.1f}")


if __name__ == "__main__":
    main()
