"""imports/previous.py, Tệp > Nhập kỳ trước without the window: preview first, then all or nothing.

The module promises a preview that changes nothing and lists each change in Vietnamese,
a refusal naming the file when it is another unit's or not the period just before, the
missing report of the opening period said, a workbook edited in Excel applied only after
the clerk chose its figures, and one save after a restore point. (The workbook's own
differences are tested in tests/exchange/test_visible_differences.py.)
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from openpyxl import load_workbook

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.exchange.workbook import DATA_SHEET
from cchc_desktop.imports.previous import apply_previous_import, choose_values, prepare_previous_import
from cchc_desktop.storage.backups import list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

UNIT = Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", "Ủy ban nhân dân tỉnh Thử")


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit(UNIT.code, UNIT.name, "xa", parent=UNIT.parent, place="Thử"))
    return store


def _file(tmp_path: Path, name: str, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    write_report(make_report(unit=UNIT, **kwargs), template(), path)
    return path


def test_preview_lists_the_changes_and_cancel_changes_nothing(store: ReportStore,
                                                              tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    before = store.load_report(report_id)
    source = _file(tmp_path, "nam-2023.json", values=records(pending=120, overdue_pending=3)
                   | {"cds.may_tinh.tong": 54}, year=2023, kind="Y",
                   texts={"phuong_huong": "1. Số hóa hồ sơ.\n2. Khảo sát hài lòng."})
    preview = prepare_previous_import(store, report_id, source)
    lines = preview.lines()
    assert "Số hồ sơ kỳ trước chuyển qua (cấp xã): (trống) → 123 (Số cuối kỳ báo cáo Năm 2023)" \
        in lines
    assert "Nhiệm vụ cần theo dõi: Khảo sát hài lòng." in lines
    assert store.load_report(report_id) == before          # the preview changed nothing
    apply_previous_import(store, preview, include_texts=True)
    after = store.load_report(report_id)
    assert after.values["tthc.hs.xa.ky_truoc"] == 123
    assert after.texts["phuong_huong"].startswith("1. Số hóa")
    assert len(after.tasks) == 2


def test_six_months_takes_carried_over_from_the_year_report_in_the_data_file(
        store: ReportStore, tmp_path: Path) -> None:
    store.save_report(make_report(records(pending=70), unit=UNIT, year=2023, kind="Y"))
    report_id = store.create_report(2024, "H1")
    q1 = _file(tmp_path, "quy-1.json", values=records(pending=10) | {"cddh.kh.tong": 30},
               year=2024, kind="Q1")
    preview = prepare_previous_import(store, report_id, q1)
    values = {c.code: c.new for c in preview.plan.values}
    assert values["tthc.hs.xa.ky_truoc"] == 70 and values["cddh.kh.tong"] == 30
    assert any("Năm 2023 có trong tệp dữ liệu" in note for note in preview.notes)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"year": 2024, "kind": "Q3"}, r"kỳ Quý I năm 2024 cần báo cáo kỳ liền trước \(Năm 2023\)"),
    ({"year": 2023, "kind": "Y", "unit": Unit("xa-khac", "UBND xã Khác", "xa")},
     "là báo cáo của UBND xã Khác"),
])
def test_wrong_file_is_refused_naming_it(store: ReportStore, tmp_path: Path,
                                         kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    report_id = store.create_report(2024, "Q1")
    path = tmp_path / "sai.json"
    write_report(make_report(**({"unit": UNIT} | kwargs)), template(), path)
    with pytest.raises(ReportError, match=message) as caught:
        prepare_previous_import(store, report_id, path)
    assert "sai.json" in caught.value.message


def test_a_file_naming_the_unit_another_way_imports(store: ReportStore, tmp_path: Path) -> None:
    """Found: 'UBND xã Thử' and 'Ủy ban nhân dân xã Thử' were two units, with no way past."""
    report_id = store.create_report(2024, "Q1")
    path = tmp_path / "nam-2023.json"
    other_spelling = Unit("uy-ban-nhan-dan-xa-thu", "UBND Xã Thử", "xa", "UBND tỉnh Thử")
    write_report(make_report(records(pending=5), unit=other_spelling, year=2023, kind="Y"),
                 template(), path)
    preview = prepare_previous_import(store, report_id, path)
    apply_previous_import(store, preview, include_texts=False)
    assert store.load_report(report_id).values["tthc.hs.xa.ky_truoc"] == 5


def test_a_file_of_another_unit_is_refused_naming_both(store: ReportStore, tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    path = tmp_path / "khac.json"
    write_report(make_report(unit=Unit("28066", "Ủy ban nhân dân xã Mỹ An", "xa"), year=2023, kind="Y"),
                 template(), path)
    with pytest.raises(ReportError) as caught:
        prepare_previous_import(store, report_id, path)
    assert caught.value.message == (
        "Tệp khac.json là báo cáo của Ủy ban nhân dân xã Mỹ An (mã 28066), không phải của "
        "Ủy ban nhân dân xã Thử (mã xa-thu).")


def test_the_units_own_figures_come_without_their_values(store: ReportStore,
                                                         tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    figures = [ExtraFigure("cds", "cqdt.thu_dien_tu", "Số tài khoản thư điện tử công vụ đã cấp",
                           "tài khoản", Decimal(40)),
               ExtraFigure("cds", "cqdt.qlvb.ty_le", "Tỷ lệ dùng hệ thống quản lý văn bản", "%",
                           None, ("cqdt.qlvb.don_vi", "cqdt.qlvb.tong_don_vi"))]
    source = _file(tmp_path, "nam-2023.json", values=records(pending=1), year=2023, kind="Y",
                   extra_figures=figures)
    preview = prepare_previous_import(store, report_id, source)
    assert any("Số tài khoản thư điện tử công vụ đã cấp" in line for line in preview.lines())
    apply_previous_import(store, preview, include_texts=False)
    after = store.load_report(report_id).extra_figures          # read back from the data file
    assert [(f.key, f.label, f.unit, f.value, f.rate_of) for f in after] == [
        (f.key, f.label, f.unit, None, f.rate_of) for f in figures]


PENDING = "tthc.hs.xa.dang_giai_quyet.trong_han"
CARRIED = "tthc.hs.xa.ky_truoc"


def _retyped_workbook(tmp_path: Path, code: str, value: int) -> Path:
    """Last year's workbook with the figure `code` retyped in its visible sheet, as in Excel."""
    path = tmp_path / "nam-2023.xlsx"
    report = make_report(records(pending=120), unit=UNIT, year=2023, kind="Y")
    write_workbook(build_context(report, template()), path)
    workbook = load_workbook(path)
    [(sheet, cell)] = [(str(row[1]), str(row[2])) for row in workbook[DATA_SHEET].iter_rows(
        min_col=4, max_col=6, values_only=True) if row[0] == code]
    workbook[sheet][cell] = value
    workbook.save(path)
    return path


def test_a_workbook_retyped_in_excel_waits_for_the_clerks_choice(store: ReportStore,
                                                                 tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    before = store.load_report(report_id)
    preview = prepare_previous_import(store, report_id, _retyped_workbook(tmp_path, PENDING, 200))
    assert not preview.decided
    assert [(d.code, d.hidden, d.visible) for d in preview.differences] == [(PENDING, 120, 200)]
    with pytest.raises(ReportError) as refused:
        apply_previous_import(store, preview, include_texts=False)
    assert refused.value.message == (
        "Tệp nam-2023.xlsx: số liệu trên trang tính khác phần dữ liệu ẩn; hãy chọn số liệu sẽ "
        "lấy trước khi nhập.")
    assert store.load_report(report_id) == before and list_backups(store.database.path) == []
    hidden = choose_values(store, preview, [])
    assert hidden.decided and {c.code: c.new for c in hidden.plan.values}[CARRIED] == 120
    visible = choose_values(store, hidden, [PENDING])     # the clerk changes their mind
    assert {c.code: c.new for c in visible.plan.values}[CARRIED] == 200
    apply_previous_import(store, visible, include_texts=False)
    assert store.load_report(report_id).values[CARRIED] == 200
    [backup] = list_backups(store.database.path)
    assert backup.reason == "Trước khi nhập kỳ trước (nam-2023.xlsx)"


def test_six_months_without_last_years_report_says_so_and_names_both_periods(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = store.create_report(2024, "H1")
    q1 = _file(tmp_path, "quy-1.json", values={"cddh.kh.tong": 30}, year=2024, kind="Q1")
    preview = prepare_previous_import(store, report_id, q1)
    assert preview.notes == ["Chưa có báo cáo Năm 2023 nên chưa lấy được số hồ sơ chuyển kỳ."]
    assert preview.lines()[-1] == preview.notes[0]
    stale = _file(tmp_path, "quy-3.json", year=2023, kind="Q3")
    with pytest.raises(ReportError) as refused:
        prepare_previous_import(store, report_id, stale)
    assert refused.value.message == (
        "Tệp quy-3.json là báo cáo Quý III năm 2023; kỳ 6 tháng năm 2024 cần báo cáo kỳ liền "
        "trước (Quý I năm 2024 hoặc Năm 2023).")


def test_a_file_of_the_older_template_is_matched_by_code_and_its_leftovers_listed(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    old = template("cchc-2011")
    report = replace(make_report({"cddh.kh.tong": 12, "cddh.khen_thuong.tap_the": 3}, unit=UNIT,
                                 year=2023, kind="Y"), template_ref=old.ref)
    path = tmp_path / "nam-2023-mau-cu.json"
    write_report(report, old, path)
    preview = prepare_previous_import(store, report_id, path)
    lines = preview.lines()
    assert "Tệp dùng mẫu cchc-2011@1; số liệu được đối chiếu theo mã sang mẫu cchc-2021@1." in lines
    assert "Số liệu không còn trong mẫu hiện tại (bỏ qua): cddh.khen_thuong.tap_the" in lines
    assert preview.plan.comparison["cddh.kh.tong"] == Decimal(12)
    assert f"Cột so sánh \u201cNăm 2023\u201d: {len(preview.plan.comparison)} số liệu" in lines


@pytest.mark.parametrize(("name", "content", "message"), [
    ("nam-2023.xlsx", b"PK\x03\x04" + b"\x00" * 40, "bị hỏng hoặc không trọn vẹn"),
    ("nam-2023.json", b"{\"format\": ", "không phải là JSON hợp lệ"),
    ("nam-2023.json", b"\xff\xfe\x00garbage", "không phải văn bản UTF-8"),
], ids=["zip-header-only", "cut-json", "not-text"])
def test_a_hostile_file_is_refused_in_vietnamese_and_nothing_changes(
        store: ReportStore, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    report_id = store.create_report(2024, "Q1")
    before = store.load_report(report_id)
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReportError) as refused:
        prepare_previous_import(store, report_id, path)
    assert message in refused.value.message and name in refused.value.message
    assert store.load_report(report_id) == before and list_backups(store.database.path) == []
