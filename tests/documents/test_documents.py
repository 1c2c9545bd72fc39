"""documents/__init__.py: the name an exported file gets. Beside the case in
tests/documents/test_workbook.py (a typed code), the official codes: the unit's name goes
before its digits, the committee's words dropped, always ASCII, the period last."""

from __future__ import annotations

import dataclasses

from documents.doc_helpers import load_sample

from cchc_desktop.documents import FILE_PREFIX, export_file_name
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.units import Unit


def _named(unit: Unit, period: Period | None = None):  # type: ignore[no-untyped-def]
    report, _template = load_sample()
    return dataclasses.replace(report, unit=unit, period=period or report.period)


def test_an_official_code_follows_the_units_name_without_the_committee() -> None:
    commune = _named(Unit("28066", "Ủy ban nhân dân xã Mỹ An", "xa"))
    assert export_file_name(commune, ".pdf") == "BC-CCHC_xa-my-an-28066_2026-Q1.pdf"
    short = _named(Unit("29869", "UBND phường Cao Lãnh", "xa"))
    assert export_file_name(short, "xlsx") == "BC-CCHC_phuong-cao-lanh-29869_2026-Q1.xlsx"


def test_a_code_without_a_name_is_the_code_alone() -> None:
    assert export_file_name(_named(Unit("28066", "", "xa")), ".pdf") == "BC-CCHC_28066_2026-Q1.pdf"


def test_no_code_and_no_name_still_gives_a_name() -> None:
    assert export_file_name(_named(Unit("", "", "xa")), ".json") == "BC-CCHC_don-vi_2026-Q1.json"


def test_the_period_kind_and_year_close_the_name() -> None:
    year = _named(Unit("28066", "Xã Mỹ An", "xa"), Period.default(2025, "Y"))
    assert export_file_name(year, ".pdf") == "BC-CCHC_xa-my-an-28066_2025-Y.pdf"
    assert export_file_name(year, "").endswith("_2025-Y")      # no suffix: no dot


def test_every_name_is_ascii_and_starts_with_the_prefix() -> None:
    odd = _named(Unit("31078", "Đặc khu Phú Quốc / Kiên Giang", "xa"))
    name = export_file_name(odd, ".pdf")
    assert name == "BC-CCHC_dac-khu-phu-quoc-kien-giang-31078_2026-Q1.pdf"
    assert name.isascii() and name.startswith(f"{FILE_PREFIX}_")
