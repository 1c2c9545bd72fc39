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
