"""imports/subordinates.py: the subordinate units' files checked one by one, then summed.

The module promises that a folder yields its report files only, that a unit is found by
its code or an older code, that every file is judged on its own (a second file of the same
unit in one batch, a file already received, an older revision or another template are each
refused with a Vietnamese reason while the good files go on), and that a workbook whose
visible sheet differs from its hidden data is summed only after the clerk's choice.

Beside tests/imports/test_consolidation_import.py (sums, annex, revisions confirmed, units
that do not belong, the batch limit, restore point), test_consolidation_isolation.py (files
read in worker processes) and test_broken_files.py (the hostile corpus), which this does not
repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import DocumentInfo, SubmissionStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.exchange.workbook_visible import VisibleDifference
from cchc_desktop.imports.subordinates import (
    BoardRow,
    UnitIndex,
    apply_consolidation,
    expand_paths,
    prepare_consolidation,
)
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COMMUNES = [Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa")]
ONLINE = "tthc.hs.xa.moi_truc_tuyen"


@pytest.fixture
def province(data_file: Path) -> tuple[ReportStore, int]:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh"))
    store.set_subordinate_units(COMMUNES)
    return store, store.create_report(2026, "Q3")


def _file(folder: Path, unit: Unit, online: int, *, revision: int = 0, name: str = "",
          ref: str = "cchc-2021") -> Path:
    report = make_report(records(online=online) if ref == "cchc-2021" else {}, unit=unit,
                         kind="Q3", revision=revision,
                         document=DocumentInfo(number="1", date=dt.date(2026, 9, 10)))
    report = replace(report, template_ref=template(ref).ref)
    path = folder / (name or f"{unit.code}-r{revision}.json")
    write_report(report, template(ref), path)
    return path


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_gives_its_report_files_only_and_a_named_file_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "nop"
    (folder / "con").mkdir(parents=True)
    for name in ("b.json", "A.XLSX", "c.zip", "~$A.XLSX", ".an.json", "ghi-chu.txt"):
        (folder / name).write_bytes(b"x")
    loose = tmp_path / "bao-cao.txt"          # named by the clerk: judged by the reader, not here
    loose.write_bytes(b"x")
    assert [p.name for p in expand_paths([folder, loose])] == [
        "A.XLSX", "b.json", "c.zip", "bao-cao.txt"]
    assert expand_paths([]) == []


def test_a_unit_is_found_by_its_code_an_older_code_or_its_name() -> None:
    units = [Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa"),
             Unit("xa-c", "UBND xã C", "xa")]
    # xa-c claims xa-b's code as its older one: the first unit claiming a code wins.
    index = UnitIndex(units, {"xa-a": ["cu-a"], "xa-c": ["xa-b"]})
    assert index.find(Unit("xa-b", "bất kỳ", "xa")) is units[1]
    assert index.find(Unit("cu-a", "tên cũ", "xa")) is units[0]
    assert index.find(Unit("khac", "Ủy ban nhân dân xã C", "xa")) is units[2]   # by its name
    assert index.find(Unit("khac", "UBND xã Z", "xa")) is None


def test_the_boards_label_names_the_error_findings_of_a_report_only() -> None:
    unit = COMMUNES[0]
    with_errors = BoardRow(unit, SubmissionStatus.LATE, dt.datetime(2026, 9, 30), "a.json",
                           1, 3, make_report())
    assert with_errors.label == "Trễ hạn, có 3 lỗi"
    assert replace(with_errors, error_count=0).label == "Trễ hạn"
    missing = BoardRow(unit, SubmissionStatus.MISSING, None, "", None, 2, None)
    assert missing.label == "Không báo cáo"


def test_each_file_is_judged_on_its_own_and_the_good_ones_go_on(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    first = _file(tmp_path, COMMUNES[0], 10)
    apply_consolidation(store, prepare_consolidation(store, report_id, [first]))
    batch = tmp_path / "lan-2"
    batch.mkdir()
    again = batch / "lai.json"
    again.write_bytes(first.read_bytes())                       # the same file once more
    twice = [_file(batch, COMMUNES[1], 5, name="b1.json"), _file(batch, COMMUNES[1], 6, name="b2.json")]
    other = _file(batch, COMMUNES[1], 0, name="b-2011.json", ref="cchc-2011")
    preview = prepare_consolidation(store, report_id, [again, *twice, other])
    assert [item.path for item in preview.accepted] == [twice[0]]
    assert {r.path.name: r.message for r in preview.refused} == {
        "lai.json": "Tệp lai.json: đã nhận tệp này rồi.",
        "b2.json": "Tệp b2.json: UBND xã B có hai tệp trong lần này (b1.json); chỉ chọn một tệp.",
        "b-2011.json": "Tệp b-2011.json: dùng mẫu cchc-2011@1, khác mẫu cchc-2021 của báo cáo "
                       "tổng hợp.",
    }
    assert preview.new_revisions == []


def test_an_older_revision_than_the_one_received_is_refused(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    apply_consolidation(store, prepare_consolidation(store, report_id, [
        _file(tmp_path, COMMUNES[0], 30, revision=2)]))
    before = _fingerprint(store.database.path)
    preview = prepare_consolidation(store, report_id, [_file(tmp_path, COMMUNES[0], 20, revision=1)])
    assert preview.accepted == []
    assert [r.message for r in preview.refused] == [
        "Tệp xa-a-r1.json: lần gửi 1 cũ hơn lần gửi 2 đã nhận."]
    assert _fingerprint(store.database.path) == before          # checking changes nothing


def test_a_hostile_file_is_refused_in_vietnamese_and_nothing_changes(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    fake = tmp_path / "xa-a.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\x00" * 64)             # a zip header and nothing else
    before = _fingerprint(store.database.path)
    preview = prepare_consolidation(store, report_id, [fake])
    assert preview.accepted == []
    [refused] = preview.refused
    assert refused.path == fake
    assert refused.message == ("Tệp xa-a.xlsx bị hỏng hoặc không trọn vẹn (có thể chép hoặc tải "
                               "về chưa xong). Hãy xin lại tệp gốc.")
    assert _fingerprint(store.database.path) == before
    assert store.subordinate_reports(2026, "Q3") == []


def test_a_sheet_differing_from_its_hidden_data_waits_for_the_clerks_choice(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    preview = prepare_consolidation(store, report_id, [_file(tmp_path, COMMUNES[0], 10)])
    [item] = preview.accepted
    item.visible_differences = [VisibleDifference(ONLINE, "Mới tiếp nhận trực tuyến", "Biểu 1",
                                                  "D6", Decimal(10), Decimal(12), "12")]
    with pytest.raises(ReportError) as raised:
        apply_consolidation(store, preview)
    assert str(raised.value) == ("Chưa chọn số liệu cho tệp có trang tính khác phần dữ liệu ẩn: "
                                 "xa-a-r0.json.")
    assert store.subordinate_reports(2026, "Q3") == []          # nothing applied
    apply_consolidation(store, preview, visible_choices={"xa-a": {ONLINE}})
    assert store.load_report(report_id).values[ONLINE] == 12    # the sheet's figure taken
