"""cli/trends.py promises the PDF annex of one unit's main indicators over its periods, from
the reports in a data file: the own unit's by default, another's with --unit; refused in words
when no unit is known or it has no report. Beside tests/documents/test_trends_pdf.py (the
document itself), this file runs the command in-process on tests/factories.py's four
periods of one commune."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text
from factories import trend_reports

from cchc_desktop.cli import main
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


@pytest.fixture(scope="module")
def commune(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file with the commune's four reports of 2026 and no own unit (read only here)."""
    path = tmp_path_factory.mktemp("trends") / "cchc.sqlite3"
    database = Database.open(path)
    try:
        store = ReportStore(database)
        for report in trend_reports():
            store.save_report(report)
    finally:
        database.close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_units_trends_are_written_as_a_pdf(commune: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pdf = tmp_path / "xu-huong.pdf"
    code, out, err = _run(capsys, "trends", "--db", commune, "--unit", "xa-thu", "--out", pdf)
    assert (code, err) == (0, "")
    assert out.startswith("Đã ghi xu hướng các chỉ tiêu chính của Ủy ban nhân dân xã Thử (")
    assert out.endswith(f" trang) vào {pdf}.\n")
    text = " ".join(pdf_text(pdf).split())
    assert ("Phụ lục XU HƯỚNG CÁC CHỈ TIÊU CHÍNH (Của Ủy ban nhân dân xã Thử, từ Quý I/2026 đến "
            "Năm/2026)") in text
    assert "Quý I/2026 6 tháng/2026 Quý III/2026 Năm/2026 Tỷ lệ hoàn thành kế hoạch" in text


def test_without_an_own_unit_the_unit_must_be_given(commune: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert _run(capsys, "trends", "--db", commune, "--out", out) == (
        2, "", "Hãy ghi --unit: tệp dữ liệu chưa khai báo đơn vị của mình.\n")
    assert _run(capsys, "trends", "--db", commune, "--unit", "xa-khac", "--out", out) == (
        2, "", "Tệp dữ liệu không có báo cáo nào của đơn vị xa-khac.\n")
    assert _run(capsys, "--lang", "en", "trends", "--db", commune, "--out", out) == (
        2, "", "Give --unit: the data file has no own unit declared.\n")
    assert not out.exists()


def test_the_own_unit_is_the_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "cchc.sqlite3"
    database = Database.open(db)
    try:
        ReportStore(database).save_own_unit(OwnUnit("xa-rong", "UBND xã Rỗng", "xa"))
    finally:
        database.close()
    assert _run(capsys, "trends", "--db", db, "--out", tmp_path / "x.pdf") == (
        2, "", "Tệp dữ liệu không có báo cáo nào của đơn vị xa-rong.\n")
