"""cli/reports.py (check and export) promises a report file's rates with their fractions and
its findings, as text or JSON, exit 1 when a finding is an error; and export's documents
(JSON, workbook, PDF, with the unit's trends drawn from a data file) written only after every
output was checked, the writers imported only for the outputs asked. Beside tests/test_cli.py
and tests/test_cli_startup.py (the same commands as processes), this file runs the command's
entry in-process on small reports of its own."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text
from factories import make_report, records, template, trend_reports
from openpyxl import load_workbook

from cchc_desktop.cli import main
from cchc_desktop.cli.parser import build_parser
from cchc_desktop.cli.reports import prepare
from cchc_desktop.exchange.json_format import read_report, write_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

RECORDS = records(online=66, in_person=34, early=90, on_time=5, late=5)
WITHDRAWN = {"tthc.hs.xa.rut_tra_lai": 3}               # 3 more than the records allow
RATES = [
    "  Tỷ lệ giải quyết đúng và trước hạn (cấp xã): 95/100, đạt 95,00%",
    "  Tỷ lệ tiếp nhận trực tuyến (cấp xã): 66/100, đạt 66,00%",
    "  Tỷ lệ hồ sơ đã giải quyết (cấp xã): 100/100, đạt 100,00%",
]
WITHDRAWN_ERROR = (
    "  [LỖI] Cấp xã: Số hồ sơ tiếp nhận (100) khác tổng đã giải quyết, đang giải quyết và "
    "rút/trả lại (103): chênh lệch 3. Mỗi hồ sơ tiếp nhận phải đã giải quyết, đang giải quyết "
    "hoặc đã rút/trả lại.")


def _file(folder: Path, extra: dict[str, int] | None = None) -> Path:
    path = folder / "xa-thu.json"
    write_report(make_report({**RECORDS, **(extra or {})}), template(), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_prints_the_rates_with_fractions_and_no_finding(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "check", _file(tmp_path))
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0] == "Báo cáo Quý I năm 2026 - Ủy ban nhân dân xã Thử (mẫu cchc-2021@1)"
    assert lines[2:6] == ["TỶ LỆ", *RATES]
    assert lines[-2:] == ["PHÁT HIỆN (0)", "  Không có phát hiện nào."]
    assert not any("kế hoạch" in line for line in lines)   # rates with no figure are left out


def test_an_error_finding_is_printed_and_exits_1(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "check", _file(tmp_path, WITHDRAWN))
    assert code == 1
    assert out.splitlines()[-2:] == ["PHÁT HIỆN (1)", WITHDRAWN_ERROR]


def test_check_as_json_gives_rates_with_the_reports_decimals_and_the_findings(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "check", _file(tmp_path, WITHDRAWN),
                           "--format", "json")
    shown = json.loads(out)
    assert code == 1
    assert shown["rates"]["tthc.hs.xa.ty_le_dung_han"] == "95.00"
    assert shown["rates"]["tthc.hs.xa.ty_le_truc_tuyen"] == "66.00"
    assert shown["rates"]["cddh.kh.ty_le_hoan_thanh"] is None
    [finding] = shown["findings"]
    assert (finding["severity"], finding["rule"]) == ("error", "tthc.hs.xa.tiep_nhan_bang_ket_qua")


def test_check_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "--lang", "en", "check", _file(tmp_path))
    assert code == 0
    assert out.splitlines()[0] == "Report Q1 2026 - Ủy ban nhân dân xã Thử (template cchc-2021@1)"
    assert "RATES" in out and "66/100, or 66.00%" in out


def test_export_needs_an_output_and_a_pdf_for_its_trends(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _file(tmp_path)
    assert _run(capsys, "export", source) == (
        2, "", "Chọn ít nhất một đầu ra: --pdf, --xlsx hoặc --json.\n")
    assert _run(capsys, "export", source, "--json", tmp_path / "x.json", "--trends") == (
        2, "", "--trends kèm phụ lục vào báo cáo PDF: hãy ghi cả --pdf.\n")
    assert _run(capsys, "export", source, "--json", source)[2] == (
        "Không ghi đè tệp xa-thu.json: đó là tệp đang được đọc. Hãy chọn tên tệp đầu ra khác.\n")
    assert not (tmp_path / "x.json").exists()


def test_export_writes_json_and_a_workbook_read_back(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out_json, out_xlsx = tmp_path / "ra.json", tmp_path / "ra.xlsx"
    code, out, _err = _run(capsys, "export", _file(tmp_path), "--json", out_json,
                           "--xlsx", out_xlsx)
    assert code == 0
    assert out.splitlines() == [f"Đã ghi {out_json}", f"Đã ghi {out_xlsx}"]
    report, _tpl = read_report(out_json)
    assert report.values == make_report(RECORDS).values
    book = load_workbook(out_xlsx)
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows()
             for c in row if c.value is not None]
    assert any("Ủy ban nhân dân xã Thử" in c for c in cells)


def test_export_writes_a_pdf_that_says_the_report(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    code, out, _err = _run(capsys, "export", _file(tmp_path), "--pdf", pdf)
    assert code == 0 and out.startswith(f"Đã ghi {pdf} (") and out.endswith(" trang)\n")
    text = " ".join(pdf_text(pdf).split())
    assert "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026" in text
    assert "tỷ lệ giải quyết đúng và trước hạn: 95/100 hồ sơ, đạt 95,00%" in text


def test_prepare_imports_only_the_writers_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in ("cchc_desktop.documents.pdf_report", "cchc_desktop.documents.workbook"):
        monkeypatch.delitem(sys.modules, module, raising=False)
    prepare(build_parser().parse_args(["export", "a.json", "--xlsx", "a.xlsx"]))
    assert "cchc_desktop.documents.workbook" in sys.modules
    assert "cchc_desktop.documents.pdf_report" not in sys.modules


def test_export_trends_draws_the_units_periods_from_the_data_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, empty = tmp_path / "cchc.sqlite3", tmp_path / "trong.sqlite3"
    reports = trend_reports()
    database = Database.open(db)
    try:
        store = ReportStore(database)
        for report in reports:
            store.save_report(report)
    finally:
        database.close()
    source = tmp_path / "nam.json"
    write_report(reports[0], template(), source)
    pdf = tmp_path / "bao-cao.pdf"
    code, _out, _err = _run(capsys, "export", source, "--pdf", pdf, "--trends", "--db", db)
    text = " ".join(pdf_text(pdf).split())
    assert code == 0
    assert ("Phụ lục II XU HƯỚNG CÁC CHỈ TIÊU CHÍNH (Của Ủy ban nhân dân xã Thử, từ Quý I/2026 "
            "đến Năm/2026)") in text
    Database.open(empty).close()
    alone = tmp_path / "mot-ky.pdf"
    assert _run(capsys, "export", source, "--pdf", alone, "--trends", "--db", empty) == (
        2, "", "Không kèm được phụ lục xu hướng: cần ít nhất 2 kỳ báo cáo định kỳ của đơn vị "
               "trong tệp dữ liệu, mới có 1.\n")
    assert not alone.exists()
