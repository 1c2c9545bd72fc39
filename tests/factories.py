"""Factories that make valid reports, so each test states only what it cares about."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, shipped_templates
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import read_report

DATA = Path(__file__).parent / "data"


def template(ref: str = "cchc-2021") -> Template:
    return shipped_templates().get(ref)


def sample_report() -> Report:
    """The full commune report of tests/data (Q1 2026)."""
    return read_report(DATA / "xa-my-an-2026-Q1.json")[0]


def make_report(values: dict[str, Any] | None = None, *, year: int = 2026,
                kind: PeriodKind | str = "Q1", unit: Unit | None = None,
                texts: dict[str, str] | None = None, **fields: Any) -> Report:
    """A report of a commune with just the given figures (ints or decimal strings)."""
    return Report(
        template_ref=template().ref,
        unit=unit or Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", "Ủy ban nhân dân tỉnh Thử"),
        period=Period.default(year, kind),
        values={code: Decimal(str(value)) for code, value in (values or {}).items()},
        texts=texts or {},
        **fields,
    )


def records(level: str = "xa", *, carried: int = 0, online: int = 0, in_person: int = 0,
            early: int = 0, on_time: int = 0, late: int = 0, pending: int = 0,
            overdue_pending: int = 0, withdrawn: int = 0) -> dict[str, int]:
    """The records group (Biểu 06/VPCP/KSTT) of one level, by name."""
    base = f"tthc.hs.{level}"
    return {
        f"{base}.ky_truoc": carried, f"{base}.moi_truc_tuyen": online,
        f"{base}.moi_truc_tiep": in_person, f"{base}.da_giai_quyet.truoc_han": early,
        f"{base}.da_giai_quyet.dung_han": on_time, f"{base}.da_giai_quyet.qua_han": late,
        f"{base}.dang_giai_quyet.trong_han": pending,
        f"{base}.dang_giai_quyet.qua_han": overdue_pending, f"{base}.rut_tra_lai": withdrawn,
    }


def today() -> dt.date:
    return dt.date(2026, 3, 10)


# One commune's year for the trend charts: on-time 2/4 -> 3/4 -> 9/10 -> 95/100 records,
# online 1/4 -> 2/4 -> 5/10 -> 60/100, plan 1/10 -> 4/10 -> 7/10 -> 10/10; no digitisation
# in Q1 (missing point), then 30/60, 45/60, 60/60.
TREND_YEAR: tuple[tuple[str, dict[str, int]], ...] = (
    ("Q1", {**records(online=1, in_person=3, early=1, on_time=1, late=2),
            "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 1, "cddh.kh.dang_thuc_hien": 9}),
    ("H1", {**records(online=2, in_person=2, on_time=3, late=1),
            "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 4, "cddh.kh.dang_thuc_hien": 6,
            "tthc.so_hoa.phai_so_hoa": 60, "tthc.so_hoa.da_so_hoa": 30}),
    ("Q3", {**records(online=5, in_person=5, early=4, on_time=5, late=1),
            "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 7, "cddh.kh.dang_thuc_hien": 3,
            "tthc.so_hoa.phai_so_hoa": 60, "tthc.so_hoa.da_so_hoa": 45}),
    ("Y", {**records(online=60, in_person=40, early=45, on_time=50, late=5),
           "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 10,
           "tthc.so_hoa.phai_so_hoa": 60, "tthc.so_hoa.da_so_hoa": 60}),
)


def trend_reports(year: int = 2026, unit: Unit | None = None) -> list[Report]:
    """The four regular reports of TREND_YEAR, in a shuffled order (Y, Q1, Q3, H1)."""
    made = {kind: make_report(values, year=year, kind=kind, unit=unit) for kind, values in TREND_YEAR}
    return [made["Y"], made["Q1"], made["Q3"], made["H1"]]
