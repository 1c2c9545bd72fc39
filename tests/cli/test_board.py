"""cli/board.py promises the board of the subordinate units' main rates in one period: a line
per unit with '▼' below target, the sum row with its summed fractions, and the same board as
a PDF and a workbook; refused in words when the data file has no own unit, no subordinate
unit or no report of that period. Beside tests/documents/test_unit_board_documents.py (the
documents, and the command once as a process), this file runs the command in-process on the
province of tests/rate_board_data.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from documents.doc_helpers import pdf_text
from factories import make_report, records
from rate_board_data import COMMUNES, PLAN, PLAN_TARGET, SENT

from cchc_desktop.cli import main
from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.imports.subordinates import consolidate_submissions
from cchc_desktop.storage.consolidations import StoredSubmission
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COLUMNS = ("Tỷ lệ giải quyết đúng và trước hạn", "Tỷ lệ tiếp nhận trực tuyến",
           "Tỷ lệ số hóa hồ sơ", "Tỷ lệ hoàn thành kế hoạch")


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Sở Nội vụ's data file with its communes' Quý III/2026 consolidated (read only here):
    tests/rate_board_data.py's province, its reports summed as the files would be, without
    the files' worker processes (5 s)."""
    path = tmp_path_factory.mktemp("province") / "cchc.sqlite3"
    database = Database.open(path)
    try:
        store = ReportStore(database)
        store.save_own_unit(OwnUnit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh",
                                    parent="Ủy ban nhân dân tỉnh Thử"))
        store.set_subordinate_units(COMMUNES)
        report_id = store.create_report(2026, "Q3")
        store.save_report(replace(store.load_report(report_id), targets={PLAN: PLAN_TARGET}))
        consolidate_submissions(store, report_id, [StoredSubmission(
            None, make_report(values, unit=unit, year=2026, kind="Q3", targets=targets,
                              document=DocumentInfo(number="3", date=day)),
            dt.datetime.combine(day, dt.time()), f"{unit.code}.json")
            for unit, values, targets, day in SENT])
    finally:
        database.close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _line(*rates: str) -> str:
    return "; ".join(f"{column} {rate}" for column, rate in zip(COLUMNS, rates, strict=True))


def test_the_board_has_a_line_per_unit_and_the_sum_row_with_its_fractions(
        province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "board", "--db", province, "--year", "2026", "--period", "Q3")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Sở Nội vụ tỉnh Thử, Quý III năm 2026: 3/4 đơn vị đã gửi báo cáo",
        "- UBND xã An Bình: " + _line("90,00%", "50,00% ▼", "50,00%", "100,00%"),
        "- UBND xã Định An: " + _line("100,00%", "75,00%", "—", "30,00% ▼"),
        "- UBND xã Mỹ Hòa: " + _line("75,00% ▼", "10,00% ▼", "—", "—"),
        "- UBND xã Tân Thạnh: " + _line("—", "—", "—", "—"),
        "- Sở Nội vụ tỉnh Thử (tổng các đơn vị): " + _line("95,97%", "64,84%", "50,00%",
                                                            "65,00% ▼"),
        "(tổng tử số/tổng mẫu số: " + _line("595/620", "402/620", "30/60", "13/20") + ")",
    ]


def test_the_board_is_written_as_a_pdf_and_a_workbook(
        province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf, xlsx = tmp_path / "bang.pdf", tmp_path / "bang.xlsx"
    code, out, _err = _run(capsys, "board", "--db", province, "--year", "2026", "--period", "Q3",
                           "--pdf", pdf, "--xlsx", xlsx)
    lines = out.splitlines()
    assert code == 0
    assert lines[-2].startswith("Đã ghi bảng tổng hợp tỷ lệ (") and lines[-2].endswith(
        f" trang) vào {pdf}.")
    assert lines[-1] == f"Đã ghi bảng tổng hợp tỷ lệ vào {xlsx}."
    text = pdf_text(pdf, layout=False)
    assert "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ" in text and "595/620" in text
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet is not None
    rows = {row[1]: row for row in sheet.iter_rows(min_row=7, values_only=True)}
    assert rows["Sở Nội vụ tỉnh Thử (tổng các đơn vị)"][3:5] == (595, 620)


def test_a_period_without_the_report_is_refused_by_its_label(
        province: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "board", "--db", province, "--year", "2026", "--period", "Q1") == (
        2, "", "Tệp dữ liệu không có báo cáo Quý I năm 2026 của Sở Nội vụ tỉnh Thử.\n")


def test_no_own_unit_or_no_subordinate_is_refused(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cchc.sqlite3"
    database = Database.open(db)
    try:
        ReportStore(database).save_report(make_report(records(online=1, in_person=1)))
    finally:
        database.close()
    board: list[str | Path] = ["board", "--db", db, "--year", "2026", "--period", "Q1"]
    assert _run(capsys, *board) == (2, "", "Tệp dữ liệu chưa khai báo đơn vị của mình.\n")
    database = Database.open(db)
    try:
        ReportStore(database).save_own_unit(OwnUnit("xa-thu", "UBND xã Thử", "xa"))
    finally:
        database.close()
    assert _run(capsys, *board) == (2, "", "Đơn vị UBND xã Thử không có đơn vị trực thuộc.\n")
    assert _run(capsys, "--lang", "en", *board) == (2, "", "UBND xã Thử has no subordinate "
                                                           "units.\n")
