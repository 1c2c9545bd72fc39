"""Consolidating N subordinate workbooks into a province's report: time and how it grows.

Prints the time of reading and checking the files (prepare) and of storing and summing
them (apply) for 100, 250 and 500 communes. Target on a 2-core machine: 500 files in
<= 5 s, growing linearly with the number of files.

    .venv/bin/python benchmarks/bench_consolidation.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from factories import make_report, records, template

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.domain.units import Unit
from cchc_desktop.imports.subordinates import apply_consolidation, prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def make_files(folder: Path, count: int) -> list[Unit]:
    units = []
    for index in range(count):
        unit = Unit(f"xa-{index:04d}", f"UBND xã số {index}", "xa")
        values = records(carried=index % 7, online=100 + index, in_person=50, early=120,
                         on_time=20 + index % 9, late=index % 3, pending=10 + index % 7 - index % 3
                         - index % 9 + 0, withdrawn=0)
        values |= {"cddh.kh.tong": 30, "cddh.kh.hoan_thanh": 10 + index % 20,
                   "cds.may_tinh.tong": 20 + index % 5, "tcc.dtc.giai_ngan": f"{index}.125"}
        report = make_report(values, unit=unit, year=2026, kind="Q3",
                             document=DocumentInfo(number="5", date=dt.date(2026, 9, 18)))
        write_workbook(build_context(report, template()), folder / f"{unit.code}.xlsx")
        units.append(unit)
    return units


def run(count: int, folder: Path, units: list[Unit]) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as data:
        store = ReportStore(Database.open(Path(data) / "tinh.sqlite3"))
        store.save_own_unit(OwnUnit("snv", "Sở Nội vụ tỉnh Thử", "tinh"))
        store.set_subordinate_units(units[:count])
        report_id = store.create_report(2026, "Q3")
        files = sorted(folder.glob("*.xlsx"))[:count]
        started = time.perf_counter()
        preview = prepare_consolidation(store, report_id, files)
        prepared = time.perf_counter()
        apply_consolidation(store, preview)
        applied = time.perf_counter()
        assert len(preview.accepted) == count, preview.refused[:3]
        store.database.close()
        return prepared - started, applied - prepared


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [100, 250, 500]
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        started = time.perf_counter()
        units = make_files(folder, max(counts))
        print(f"made {max(counts)} workbooks in {time.perf_counter() - started:.1f} s")
        print("files  prepare(s)  apply(s)  total(s)  ms/file")
        for count in counts:
            prepare, apply = run(count, folder, units)
            total = prepare + apply
            print(f"{count:5d}  {prepare:10.2f}  {apply:8.2f}  {total:8.2f}  {1000 * total / count:7.1f}")


if __name__ == "__main__":
    main()
