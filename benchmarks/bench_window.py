"""How fast the window starts and switches between sections (printed, not asserted).

    .venv/bin/python benchmarks/bench_window.py

Targets (issue #3): cold start to a shown window <= 1.0 s; switching between the
sections of a fully filled report <= 100 ms. The cold start runs in a fresh Python
process each time (import + QApplication + MainWindow.show() + processEvents), on a
data file that already holds the sample report.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"

# The same steps as cchc_desktop.gui.app.run: the window is shown first, then the data
# file opens behind it and fills the start page. Times are counted from the launch.
COLD_START = """
import sys, time
launched = float(sys.argv[2])
from pathlib import Path
from PySide6.QtWidgets import QApplication
from cchc_desktop.gui.app import LazyTemplates, prepare_application
from cchc_desktop.gui.main_window import MainWindow
app = QApplication(sys.argv[:1])
prepare_application(app)
window = MainWindow()
window.show()
app.processEvents()
shown = time.time() - launched
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
window.set_store(ReportStore(Database.open(Path(sys.argv[1])), registry=LazyTemplates()))
app.processEvents()
print(shown, time.time() - launched)
"""


def filled_data_file(folder: Path) -> tuple[Path, int]:
    from cchc_desktop.exchange.json_format import read_report
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

    path = folder / "bench.sqlite3"
    database = Database.open(path)
    store = ReportStore(database)
    report, _template = read_report(SAMPLE)
    store.save_own_unit(OwnUnit(report.unit.code, report.unit.name, report.unit.level))
    report_id = store.save_report(report)
    database.close()
    return path, report_id


def cold_start(path: Path, runs: int = 5) -> list[tuple[float, float]]:
    """(window shown, start page filled) in seconds from the launch of a fresh process."""
    times = []
    for _run in range(runs):
        result = subprocess.run([sys.executable, "-c", COLD_START, str(path), repr(time.time())],
                                check=True, capture_output=True, text=True,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        shown, filled = (float(x) for x in result.stdout.split())
        times.append((shown, filled))
    return times


def switching(path: Path, report_id: int, rounds: int = 5) -> tuple[dict[str, float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.gui.app import prepare_application
    from cchc_desktop.gui.main_window import MainWindow
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import ReportStore

    app = QApplication.instance() or QApplication(sys.argv[:1])
    prepare_application(app)
    database = Database.open(path)
    window = MainWindow(ReportStore(database))
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    window.open_report(report_id)
    app.processEvents()
    keys = [section.id for section, _depth in window.session.template.walk()]
    keys += [f"annex:{annex.id}" for annex in window.session.template.annexes]
    first: dict[str, float] = {}
    for key in keys:
        start = time.perf_counter()
        window.show_page(key)
        app.processEvents()
        first[key] = time.perf_counter() - start
    switches = []
    for _round in range(rounds):
        for key in keys:
            start = time.perf_counter()
            window.show_page(key)
            app.processEvents()
            switches.append(time.perf_counter() - start)
    window.close()
    database.close()
    return first, switches


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, report_id = filled_data_file(Path(folder))
        cold_start(path, runs=1)  # warm the OS file cache, as a second launch would be
        starts = cold_start(path)
        shown = [s for s, _f in starts]
        filled = [f for _s, f in starts]
        print(f"cold start to a shown window: median {statistics.median(shown):.3f} s, "
              f"max {max(shown):.3f} s over {len(starts)} runs (target <= 1.0 s)")
        print(f"cold start to the filled start page (data file open): median "
              f"{statistics.median(filled):.3f} s, max {max(filled):.3f} s")
        first, switches = switching(path, report_id)
        slowest = max(first, key=first.__getitem__)
        print(f"first visit of a section (form built): median "
              f"{statistics.median(first.values()) * 1000:.1f} ms, slowest {slowest} "
              f"{first[slowest] * 1000:.1f} ms")
        print(f"switch between built sections: median {statistics.median(switches) * 1000:.1f} ms, "
              f"max {max(switches) * 1000:.1f} ms over {len(switches)} switches (target <= 100 ms)")


if __name__ == "__main__":
    main()
