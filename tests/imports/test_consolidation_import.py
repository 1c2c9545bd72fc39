"""Báo cáo > Tổng hợp đơn vị trực thuộc without the window: a province today, a district before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.domain.admin_units import catalogue
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.report import DocumentInfo, Proposal, SubmissionStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.imports import subordinates
from cchc_desktop.imports.subordinates import apply_consolidation, board, prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COMMUNES = [Unit("xa-a", "UBND xã A", "xa"), Unit("xa-b", "UBND xã B", "xa"),
            Unit("xa-c", "UBND xã C", "xa")]


@pytest.fixture
def province(data_file: Path) -> tuple[ReportStore, int]:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                parent="Ủy ban nhân dân tỉnh Thử"))
    store.set_subordinate_units(COMMUNES)
    report_id = store.create_report(2026, "Q3")
    store.set_value(report_id, "tthc.hs.tinh.moi_truc_tuyen", Decimal(500))
    store.set_text(report_id, "cddh", "Sở Nội vụ tham mưu UBND tỉnh ...")
    return store, report_id


def commune_file(folder: Path, unit: Unit, values: dict[str, int], *, day: dt.date,
                 revision: int = 0, year: int = 2026, kind: str = "Q3", **fields) -> Path:  # type: ignore[no-untyped-def]
    report = make_report(values, unit=unit, year=year, kind=kind, revision=revision,
                         document=DocumentInfo(number="3", date=day), **fields)
    path = folder / f"{unit.code}-r{revision}.json"
    write_report(report, template(), path)
    return path


def test_board_sums_and_annexes(province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    files = [
        commune_file(tmp_path, COMMUNES[0], records(online=100, in_person=100, early=150,
                                                    on_time=30, late=20), day=dt.date(2026, 9, 18),
                     proposals=[Proposal("", "Sở Nội vụ", "Tập huấn nghiệp vụ một cửa")]),
        commune_file(tmp_path, COMMUNES[1], records(online=300, in_person=100, early=390,
                                                    on_time=10), day=dt.date(2026, 9, 23)),
    ]
    preview = prepare_consolidation(store, report_id, [tmp_path])  # a dropped folder
    assert [item.path.name for item in preview.accepted] == [f.name for f in files]
    assert preview.refused == []
    apply_consolidation(store, preview)
    report = store.load_report(report_id)
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 400
    assert report.values["tthc.hs.tinh.moi_truc_tuyen"] == 500   # its own level kept
    figures = compute_figures(template(), report.values)
    # (150+30+390+10)/(200+400) resolved = 96,67%; the mean of 90% and 100% would be 95%.
    assert figures.get("tthc.hs.xa.ty_le_dung_han") == Decimal("96.67")
    assert report.texts == {"cddh": "Sở Nội vụ tham mưu UBND tỉnh ..."}
    assert [(p.from_unit, p.text) for p in report.proposals] == [
        ("UBND xã A", "Tập huấn nghiệp vụ một cửa")]
    assert [(s.code, s.status) for s in report.subunits] == [
        ("xa-a", SubmissionStatus.ON_TIME), ("xa-b", SubmissionStatus.LATE),
        ("xa-c", SubmissionStatus.MISSING)]
    rows = {row.unit.code: row for row in board(store, report_id)}
    assert rows["xa-a"].status is SubmissionStatus.ON_TIME
    assert rows["xa-b"].label == "Trễ hạn"
    assert rows["xa-c"].report is None and rows["xa-c"].label == "Không báo cáo"
    assert rows["xa-a"].report is not None and rows["xa-a"].report.values[
        "tthc.hs.xa.moi_truc_tuyen"] == 100   # drill-down to the unit's figures


def test_consolidating_again_does_not_count_twice(province: tuple[ReportStore, int],
                                                  tmp_path: Path) -> None:
    store, report_id = province
    first = commune_file(tmp_path, COMMUNES[0], records(online=100), day=dt.date(2026, 9, 1))
    apply_consolidation(store, prepare_consolidation(store, report_id, [first]))
    second = commune_file(tmp_path, COMMUNES[1], records(online=40), day=dt.date(2026, 9, 2))
    apply_consolidation(store, prepare_consolidation(store, report_id, [second]))
    values = store.load_report(report_id).values
    assert values["tthc.hs.xa.moi_truc_tuyen"] == 140
    assert values["tthc.hs.tinh.moi_truc_tuyen"] == 500


def test_a_new_revision_replaces_only_after_confirmation(province: tuple[ReportStore, int],
                                                        tmp_path: Path) -> None:
    store, report_id = province
    apply_consolidation(store, prepare_consolidation(store, report_id, [
        commune_file(tmp_path, COMMUNES[0], records(online=100), day=dt.date(2026, 9, 1))]))
    corrected = commune_file(tmp_path, COMMUNES[0], records(online=120), day=dt.date(2026, 9, 3),
                             revision=1)
    preview = prepare_consolidation(store, report_id, [corrected])
    [item] = preview.new_revisions
    assert item.differences[0] == "Lần gửi 0 → 1"
    assert "Mới tiếp nhận trực tuyến (cấp xã): 100 → 120" in item.differences
    apply_consolidation(store, preview)                       # not confirmed: nothing replaced
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 100
    apply_consolidation(store, preview, replace_codes={"xa-a"})
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 120


def test_files_that_do_not_belong_are_refused_with_their_reason(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    stranger = commune_file(tmp_path, Unit("xa-z", "UBND xã Z", "xa"), {}, day=dt.date(2026, 9, 1))
    wrong_period = commune_file(tmp_path, COMMUNES[1], {}, day=dt.date(2026, 6, 1), kind="H1")
    broken = tmp_path / "hong.json"
    broken.write_text("{", "utf-8")
    good = commune_file(tmp_path, COMMUNES[2], records(online=7), day=dt.date(2026, 9, 1))
    preview = prepare_consolidation(store, report_id, [stranger, wrong_period, broken, good])
    messages = {r.path.name: r.message for r in preview.refused}
    assert "không phải đơn vị trực thuộc" in messages[stranger.name]
    assert "là báo cáo 6 tháng năm 2026, không phải Quý III năm 2026" in messages[wrong_period.name]
    assert "hong.json không phải là JSON hợp lệ" in messages["hong.json"]
    assert [item.path for item in preview.accepted] == [good]


def test_files_past_the_batch_limit_are_refused_by_name_not_dropped(
        province: tuple[ReportStore, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store, report_id = province
    # The country's communes fit in one batch (a province consolidating them all).
    assert subordinates.MAX_FILES >= len(
        [u for u in catalogue().current.units.values() if u.level == "xa"]) == 3321
    monkeypatch.setattr(subordinates, "MAX_FILES", 2)   # the limit, without 5,001 files
    files = [commune_file(tmp_path, unit, records(online=10), day=dt.date(2026, 9, 1))
             for unit in COMMUNES]
    preview = prepare_consolidation(store, report_id, [tmp_path])   # a dropped folder
    assert [item.path for item in preview.accepted] == files[:2]
    assert [(r.path, r.message) for r in preview.refused] == [
        (files[2], f"Tệp {files[2].name}: quá 2 tệp trong một lần tổng hợp; hãy tổng hợp tệp "
                   "này trong một lần sau.")]
    apply_consolidation(store, preview)
    report = store.load_report(report_id)
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 20
    assert [s.status for s in report.subunits][2] is SubmissionStatus.MISSING


def test_a_district_consolidated_its_communes_before_2025(data_file: Path, tmp_path: Path) -> None:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("huyen-co-do", "Ủy ban nhân dân huyện Cờ Đỏ", "huyen",
                                parent="Ủy ban nhân dân thành phố Cần Thơ"))
    store.set_subordinate_units(COMMUNES[:2])
    report_id = store.create_report(2024, "Q3")
    files = [commune_file(tmp_path, unit, records(online=10 * (i + 1)), day=dt.date(2024, 9, 10),
                          year=2024) for i, unit in enumerate(COMMUNES[:2])]
    apply_consolidation(store, prepare_consolidation(store, report_id, files))
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 30


def test_a_restore_point_is_made_before_consolidating(province: tuple[ReportStore, int],
                                                      tmp_path: Path) -> None:
    from cchc_desktop.storage.backups import list_backups

    store, report_id = province
    path = commune_file(tmp_path, COMMUNES[0], records(online=1), day=dt.date(2026, 9, 1))
    apply_consolidation(store, prepare_consolidation(store, report_id, [path]))
    [backup] = list_backups(store.database.path)
    assert backup.reason == "Trước khi tổng hợp 1 tệp"


def test_a_unit_without_figures_of_its_own_is_not_counted_twice(data_file: Path,
                                                                 tmp_path: Path) -> None:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh"))
    store.set_subordinate_units(COMMUNES)
    report_id = store.create_report(2026, "Q3")
    first = commune_file(tmp_path, COMMUNES[0], records(online=100), day=dt.date(2026, 9, 1))
    apply_consolidation(store, prepare_consolidation(store, report_id, [first]))
    again = commune_file(tmp_path, COMMUNES[0], records(online=130), day=dt.date(2026, 9, 2),
                         revision=1)
    apply_consolidation(store, prepare_consolidation(store, report_id, [again]),
                        replace_codes={"xa-a"})
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 130


def test_a_commune_spelling_its_name_another_way_is_still_that_commune(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    store, report_id = province
    respelled = commune_file(tmp_path, Unit("uy-ban-nhan-dan-xa-a", "Ủy ban nhân dân xã A", "xa"),
                             records(online=9), day=dt.date(2026, 9, 1))
    preview = prepare_consolidation(store, report_id, [respelled])
    assert preview.refused == []
    apply_consolidation(store, preview)
    assert store.load_report(report_id).values["tthc.hs.xa.moi_truc_tuyen"] == 9
    assert board(store, report_id)[0].status != SubmissionStatus.MISSING
    # Its code in the data file is ours, not the file's.
    assert {s.report.unit.code for s in store.subordinate_reports(2026, "Q3")} == {"xa-a"}


def test_the_units_own_figures_are_summed_again_not_added_twice(
        province: tuple[ReportStore, int], tmp_path: Path) -> None:
    from cchc_desktop.domain.extra_figures import ExtraFigure, rate_value

    store, report_id = province
    report = store.load_report(report_id)
    report.extra_figures = [
        ExtraFigure("cds", "cqdt.chu_ky_so", "Số chữ ký số đã cấp", "chữ ký số", Decimal(40)),
        ExtraFigure("tcc", "own.quy", "Quỹ thi đua của Sở", "triệu đồng", Decimal(4))]
    store.save_report(report)

    def signatures(value: int, total: int) -> list[ExtraFigure]:
        return [ExtraFigure("cds", "cqdt.chu_ky_so", "Chữ ký số", "chữ ký số", Decimal(value)),
                ExtraFigure("cds", "cqdt.qlvb.don_vi", "Đơn vị dùng QLVB", "đơn vị", Decimal(value)),
                ExtraFigure("cds", "cqdt.qlvb.tong_don_vi", "Tổng đơn vị", "đơn vị", Decimal(total)),
                ExtraFigure("cds", "cqdt.qlvb.ty_le", "Tỷ lệ dùng QLVB", "%", None,
                            ("cqdt.qlvb.don_vi", "cqdt.qlvb.tong_don_vi"))]

    commune_file(tmp_path, COMMUNES[0], {}, day=dt.date(2026, 9, 18), extra_figures=signatures(3, 4))
    commune_file(tmp_path, COMMUNES[1], {}, day=dt.date(2026, 9, 18), extra_figures=signatures(5, 6))
    commune_file(tmp_path, COMMUNES[2], {}, day=dt.date(2026, 9, 18), extra_figures=[])
    for _time in range(2):                                  # a second consolidation sums again
        apply_consolidation(store, prepare_consolidation(store, report_id, [tmp_path]))
        figures = {f.key: f for f in store.load_report(report_id).extra_figures}
        assert figures["cqdt.chu_ky_so"].value == 8                 # the communes' sum
        assert figures["cqdt.chu_ky_so"].label == "Số chữ ký số đã cấp"   # the Sở's label
        assert figures["own.quy"].value == 4                        # only the Sở has it
        assert rate_value(figures["cqdt.qlvb.ty_le"], figures.values()) == 80   # 8/10
