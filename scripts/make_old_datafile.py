"""Writes tests/data/datafiles/schema-<head>.sqlite3 with the app version of this tree.

Run it before adding a schema revision, on the tree as it was (e.g. a `git archive` of the
last commit), so that tests/storage/test_old_files.py opens a file the previous version made:
    PYTHONPATH=<old tree> python scripts/make_old_datafile.py tests/data/datafiles
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.storage.database import Database, head_revision
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def main(folder: str) -> None:
    root = Path(__file__).resolve().parents[1]
    target = Path(folder) / f"schema-{head_revision()}.sqlite3"
    target.unlink(missing_ok=True)
    database = Database.open(target)
    store = ReportStore(database)
    store.save_own_unit(OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa",
                                parent="Ủy ban nhân dân tỉnh Đồng Tháp", place="Mỹ An"))
    report, _template = read_report(root / "tests" / "data" / "xa-my-an-2026-Q1.json")
    report_id = store.save_report(report)
    # Two edits in the history; the plan's parts still add up to its total.
    store.set_value(report_id, "cddh.kh.hoan_thanh", Decimal(43))
    store.set_value(report_id, "cddh.kh.dang_thuc_hien", Decimal(19))
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    print(target)


if __name__ == "__main__":
    main(sys.argv[1])
