"""Báo cáo > Lịch sử thay đổi... of a report with 10,000 changes: time until its rows are painted.

Makes a data file whose report has N changes (figures, notes, narratives, statuses, in the
proportions of a report edited for years), opens the report as the window does
(ReportSession) and times report_prompts.report_history, the menu's action, from the
call until the dialog's table has painted its first rows. Prints median, min and max
of several openings, beside the figure before the lazy model (0.67 s at 10,000).
Goal: <= 100 ms.

    .venv/bin/python benchmarks/bench_history.py            # 10,000 changes, 7 openings
    .venv/bin/python benchmarks/bench_history.py 50000 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))                      # this worktree's code
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

BEFORE = 0.67      # seconds at 10,000 changes, QTableWidget filled with every change
GOAL = 0.100
FILTERS = ("k", "kế hoạch", "kế hoạch bổ sung", "")   # typed one after the other


def fill(store: object, report_id: int, count: int) -> None:
    """`count` changes of the report, written straight into the change log."""
    from cchc_desktop.storage.models import ChangeRow

    template = store.registry.default()  # type: ignore[attr-defined]
    codes = [code for code, indicator in template.indicators.items() if not indicator.derived]
    sections = list(template.section_ids())
    statuses = ["draft", "final", "submitted", "draft"]
    start = dt.datetime(2023, 1, 1, 8, 0)
    rows = []
    for n in range(count):
        at = start + dt.timedelta(minutes=7 * n)
        user = ("cb-minh", "cb-lan", "vt-hoa")[n % 3]
        kind = n % 20
        if kind < 14:
            rows.append(ChangeRow(report_id=report_id, at=at, user=user, entity="value",
                                  key=codes[n % len(codes)], old_value=str(n % 500) if n > 40 else None,
                                  new_value=str((n * 7) % 1000)))
        elif kind < 16:
            rows.append(ChangeRow(report_id=report_id, at=at, user=user, entity="note",
                                  key=codes[n % len(codes)], old_value=None,
                                  new_value=f"Giải trình số liệu lần {n}: số hồ sơ tăng do sáp nhập."))
        elif kind < 19:
            rows.append(ChangeRow(report_id=report_id, at=at, user=user, entity="text",
                                  key=sections[n % len(sections)],
                                  old_value="Ban hành Kế hoạch số 20/KH-UBND. " * (n % 9),
                                  new_value="Ban hành Kế hoạch số 20/KH-UBND. " * (n % 9 + 1)))
        else:
            rows.append(ChangeRow(report_id=report_id, at=at, user=user, entity="status",
                                  key="status", old_value=statuses[n % 4],
                                  new_value=statuses[(n + 1) % 4],
                                  reason="Sửa số liệu theo Kế hoạch bổ sung" if n % 3 else ""))
    with store.database.session() as session:  # type: ignore[attr-defined]
        session.add_all(rows)


class FirstPaint(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def open_once(session: object, typed: tuple[str, ...] = ()) -> list[float]:
    """Seconds from the menu's action to the first rows painted, then from typing each of
    `typed` in the filter to its rows painted."""
    from cchc_desktop.gui import report_prompts
    from cchc_desktop.gui.history_dialog import HistoryDialog

    took: list[float] = []

    def shown(dialog: HistoryDialog) -> int:
        watcher = FirstPaint()
        dialog.table.viewport().installEventFilter(watcher)
        dialog.show()
        while not watcher.painted:
            QApplication.processEvents()
        took.append(time.perf_counter() - started)
        for text in typed:
            watcher.painted = False
            begun = time.perf_counter()
            dialog.filter.setText(text)
            while not watcher.painted:
                QApplication.processEvents()
            took.append(time.perf_counter() - begun)
        dialog.table.viewport().removeEventFilter(watcher)
        dialog.close()
        return 0

    original = HistoryDialog.exec
    HistoryDialog.exec = shown  # type: ignore[method-assign, assignment]
    try:
        started = time.perf_counter()
        report_prompts.report_history(None, session)  # type: ignore[arg-type]
    finally:
        HistoryDialog.exec = original  # type: ignore[method-assign]
    QApplication.processEvents()
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.gui.session import ReportSession
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

    with tempfile.TemporaryDirectory() as folder:
        store = ReportStore(Database.open(Path(folder) / "xa.sqlite3"))
        store.save_own_unit(OwnUnit(Unit("xa-thu", "UBND xã Thử", "xa").code, "UBND xã Thử", "xa"))
        report_id = store.create_report(2026, "Y")
        fill(store, report_id, args.count)
        session = ReportSession(store, report_id)
        open_once(session)            # the first opening imports the dialog's modules
        times = sorted(open_once(session)[0] for _ in range(args.runs))
        typed = open_once(session, FILTERS)[1:]
        session.close()
        store.database.close()
    print(f"load average {os.getloadavg()[0]:.1f}; {args.count} changes, {args.runs} openings")
    print(f"history shown (first rows painted): median {1000 * statistics.median(times):.0f} ms, "
          f"min {1000 * times[0]:.0f} ms, max {1000 * times[-1]:.0f} ms; "
          f"before {1000 * BEFORE:.0f} ms at 10,000; goal {1000 * GOAL:.0f} ms")
    print("filter typed, until its rows are painted: " + ", ".join(
        f"'{text}' {1000 * seconds:.0f} ms" for text, seconds in zip(FILTERS, typed, strict=True)))
    del app


if __name__ == "__main__":
    main()
