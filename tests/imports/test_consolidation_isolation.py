"""Tổng hợp: every file on its own, within a time budget; a bad one is listed, the others summed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import time
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import DocumentInfo, ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.imports.subordinates import apply_consolidation, prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.submission.package import build_package

COMMUNES = [Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa"),
            Unit("xa-c", "UBND xã C", "xa")]


@pytest.fixture
def province(data_file: Path) -> tuple[ReportStore, int]:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh"))
    store.set_subordinate_units(COMMUNES)
    return store, store.create_report(2026, "Q3")


def _commune(unit: Unit, online: int):  # type: ignore[no-untyped-def]
    return make_report(records(online=online, in_person=0, early=online), unit=unit, year=2026,
                       kind="Q3", document=DocumentInfo(number="3", date=dt.date(2026, 9, 18)))


def _file(folder: Path, unit: Unit, online: int) -> Path:
    path = folder / f"{unit.code}.json"
    write_report(_commune(unit, online), template(), path)
    return path


def test_a_corrupt_file_is_listed_and_the_others_are_summed(province, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, report_id = province
    good = [_file(tmp_path, COMMUNES[0], 100), _file(tmp_path, COMMUNES[1], 300)]
    corrupt = tmp_path / "xa-hong.xlsx"
    corrupt.write_bytes(b"PK\x03\x04" + os.urandom(600))
    truncated = tmp_path / "xa-cut.json"
    truncated.write_text(good[0].read_text("utf-8")[:200], "utf-8")
    preview = prepare_consolidation(store, report_id, [good[0], corrupt, truncated, good[1]])
    assert [item.path for item in preview.accepted] == good
    assert [r.path for r in preview.refused] == [corrupt, truncated]
    assert all(r.path.name in r.message for r in preview.refused)
    apply_consolidation(store, preview)
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 400


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")
def test_a_named_pipe_is_refused_at_once_and_the_others_go_on(province, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # A named pipe with no writer: opening it would block for ever, as a dead network share
    # does. The reader looks at what the file is before opening it (cchc_desktop/reading.py);
    # the budget that kills a worker stuck anyway is tested in tests/test_isolation.py.
    store, report_id = province
    good = _file(tmp_path, COMMUNES[0], 100)
    hanging = tmp_path / "xa-treo.json"
    os.mkfifo(hanging)
    started = time.monotonic()
    preview = prepare_consolidation(store, report_id, [hanging, good], budget=1.5)
    assert time.monotonic() - started < 20
    assert [item.path for item in preview.accepted] == [good]
    [refused] = preview.refused
    assert refused.path == hanging and "không phải một tệp thông thường" in refused.message
    assert "xa-treo.json" in refused.message


def test_a_package_zip_is_checked_whole_before_its_figures_count(province, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store, report_id = province
    report = dataclasses.replace(_commune(COMMUNES[2], 50), status=ReportStatus.FINAL)
    (tmp_path / "goi").mkdir()
    package = build_package(build_context(report, template()), tmp_path / "goi")
    assert package.zip_path is not None
    broken = tmp_path / "goi-hong.zip"
    data = bytearray(package.zip_path.read_bytes())
    data[len(data) // 3] ^= 0xFF             # one byte damaged in transit
    broken.write_bytes(bytes(data))
    good = _file(tmp_path, COMMUNES[0], 100)
    preview = prepare_consolidation(store, report_id, [package.zip_path, broken, good])
    assert sorted(i.submission.report.unit.code for i in preview.accepted) == ["xa-a", "xa-c"]
    [refused] = preview.refused
    assert refused.path == broken and "goi-hong.zip" in refused.message
