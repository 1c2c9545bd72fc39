"""Writes tests/data/datafiles/schema-<head>.sqlite3 with the app version of this tree.

Run it before adding a schema revision, on the tree as it was (e.g. a `git archive` of the
last commit), so that tests/storage/test_old_files.py opens a file the previous version made:
    PYTHONPATH=<old tree> python scripts/make_old_datafile.py tests/data/datafiles

The file holds the own unit, the sample report (Q1 2026) with two edits in the history, and,
from schema 0007 on, two consolidations: 6 tháng 2026 with the unit's own figures typed
before it, and Năm 2026 with none.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.imports.subordinates import consolidate_submissions
from cchc_desktop.storage.database import Database, head_revision
from cchc_desktop.storage.repository import OwnUnit, ReportStore, StoredSubmission

OWN = OwnUnit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa",
              parent="Ủy ban nhân dân tỉnh Đồng Tháp", place="Mỹ An")
HAMLETS = [Unit("ap-my-thuan", "Ấp Mỹ Thuận", "xa", OWN.name),
           Unit("ap-my-hoa", "Ấp Mỹ Hòa", "xa", OWN.name)]
# The unit's own figures of 6 tháng 2026, typed before the hamlets' reports are summed.
OWN_FIGURES = {"tthc.hs.xa.moi_truc_tuyen": Decimal(7), "cddh.hai_long": Decimal("91.5")}


def _hamlet_report(store: ReportStore, unit: Unit, kind: str, online: int) -> StoredSubmission:
    period = Period.default(2026, kind)
    report = Report(template_ref=store.registry.default().ref, unit=unit, period=period,
                    values={"tthc.hs.xa.moi_truc_tuyen": Decimal(online)})
    received = dt.datetime.combine(period.deadline, dt.time(9))
    return StoredSubmission(None, report, received, f"{unit.code}-{kind}.json", f"{online:064d}")


def _consolidate(store: ReportStore, kind: str, own: dict[str, Decimal],
                 hamlets: list[tuple[Unit, int]]) -> None:
    report_id = store.create_report(2026, kind)
    for code, value in own.items():
        store.set_value(report_id, code, value)
    incoming = [_hamlet_report(store, unit, kind, online) for unit, online in hamlets]
    # Up to schema 0007 (the version that made schema-0007.sqlite3): store.apply_consolidation.
    consolidate_submissions(store, report_id, incoming)


def main(folder: str) -> None:
    root = Path(__file__).resolve().parents[1]
    target = Path(folder) / f"schema-{head_revision()}.sqlite3"
    target.unlink(missing_ok=True)
    database = Database.open(target)
    store = ReportStore(database)
    store.save_own_unit(OWN)
    report, _template = read_report(root / "tests" / "data" / "xa-my-an-2026-Q1.json")
    report_id = store.save_report(report)
    # Two edits in the history; the plan's parts still add up to its total.
    store.set_value(report_id, "cddh.kh.hoan_thanh", Decimal(43))
    store.set_value(report_id, "cddh.kh.dang_thuc_hien", Decimal(19))
    store.set_subordinate_units(HAMLETS)
    _consolidate(store, "H1", OWN_FIGURES, [(HAMLETS[0], 100), (HAMLETS[1], 40)])
    _consolidate(store, "Y", {}, [(HAMLETS[0], 210)])
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    print(target)


if __name__ == "__main__":
    main(sys.argv[1])
