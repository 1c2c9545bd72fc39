"""A province whose four communes report Quý III/2026 (one never does), stored through the
real consolidation (files dropped, checked, summed): the board of the units' main rates of
tests/domain/test_unit_board.py, tests/gui/test_unit_board_dialog.py and the documents.

On-time records (trước hạn + đúng hạn over resolved): A 180/200 = 90%, B 400/400 = 100%,
C 15/20 = 75% (below the 90% target); the province 595/620 = 95,97%, while the mean of the
three rates is 88,33%. Online intake: A 100/200 = 50% (below its own 60% target, though the
province's is 50%), B 300/400 = 75%, C 2/20 = 10%; the province 402/620 = 64,84%. Plan
completion (the province asks 80%): A 10/10, B 3/10, C none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from factories import make_report, records, template

from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.imports.subordinates import apply_consolidation, prepare_consolidation
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COMMUNES = [Unit("xa-an-binh", "UBND xã An Bình", "xa"), Unit("xa-dinh-an", "UBND xã Định An", "xa"),
            Unit("xa-my-hoa", "UBND xã Mỹ Hòa", "xa"), Unit("xa-tan-thanh", "UBND xã Tân Thạnh", "xa")]
ON_TIME = "tthc.hs.tong.ty_le_dung_han"
ONLINE = "tthc.hs.tong.ty_le_truc_tuyen"
DIGITISED = "tthc.so_hoa.ty_le"
PLAN = "cddh.kh.ty_le_hoan_thanh"
PLAN_TARGET = Decimal(80)

# Each commune's figures, its own targets, the day its file came.
SENT = (
    (COMMUNES[0], {**records(online=100, in_person=100, early=150, on_time=30, late=20),
                   "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 10,
                   "tthc.so_hoa.phai_so_hoa": 60, "tthc.so_hoa.da_so_hoa": 30},
     {ONLINE: Decimal(60)}, dt.date(2026, 9, 18)),
    (COMMUNES[1], {**records(online=300, in_person=100, early=390, on_time=10),
                   "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 3, "cddh.kh.dang_thuc_hien": 7},
     {}, dt.date(2026, 9, 23)),
    (COMMUNES[2], records(online=2, in_person=18, early=10, on_time=5, late=5), {},
     dt.date(2026, 9, 19)),
)


def province_store(store: ReportStore, inbox: Path) -> int:
    """The Sở Nội vụ of `store` with its Quý III report, the communes' files consolidated."""
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                parent="Ủy ban nhân dân tỉnh Thử"))
    store.set_subordinate_units(COMMUNES)
    report_id = store.create_report(2026, "Q3")
    store.save_report(replace(store.load_report(report_id), targets={PLAN: PLAN_TARGET}))
    inbox.mkdir(exist_ok=True)
    for unit, values, targets, day in SENT:
        report = make_report(values, unit=unit, year=2026, kind="Q3", targets=targets,
                             document=DocumentInfo(number="3", date=day))
        write_report(report, template(), inbox / f"{unit.code}.json")
    preview = prepare_consolidation(store, report_id, [inbox])
    assert not preview.refused, preview.refused
    apply_consolidation(store, preview)
    return report_id
