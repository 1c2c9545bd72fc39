"""cli/datafile.py (import, status, backups) promises a report file put into the data file
only after it was read and checked; a report already there replaced only when told
(--replace), a final one only when reopened with a reason (--reopen), after a restore point;
a report with errors kept as a draft whatever its file says; status changes that follow the
lifecycle; the restore points listed newest first. Beside tests/test_cli_scenario.py (a whole
quarter through processes) and tests/storage/ (the data file itself), this file runs the
commands in-process on a data file in tmp_path."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template

from cchc_desktop.cli import main
from cchc_desktop.cli.datafile import no_restore_point
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

RECORDS = records(online=66, in_person=34, early=90, on_time=5, late=5)
IMPORTED = "Đã nhập báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Thử vào {db}\n"
STATUS = ["--unit", "xa-thu", "--period", "2026-Q1"]


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data file at the current schema, made once (its migrations cost 0.5 s)."""
    path = tmp_path_factory.mktemp("blank") / "cchc.sqlite3"
    Database.open(path).close()
    return path


@pytest.fixture
def db(blank: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cchc.sqlite3"
    shutil.copy(blank, path)
    return path


def _file(folder: Path, name: str, online: int = 66,
          status: ReportStatus = ReportStatus.DRAFT, withdrawn: int = 0) -> Path:
    values = {**RECORDS, "tthc.hs.xa.moi_truc_tuyen": online,
              "tthc.hs.xa.moi_truc_tiep": 100 - online, "tthc.hs.xa.rut_tra_lai": withdrawn}
    path = folder / name
    write_report(make_report(values, status=status), template(), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _stored(db: Path) -> tuple[ReportStatus, Decimal]:
    database = Database.open(db)
    try:
        store = ReportStore(database)
        report = store.find_report("xa-thu", 2026, "Q1")
        assert report is not None
        return report.status, report.values["tthc.hs.xa.moi_truc_tuyen"]
    finally:
        database.close()


def test_import_puts_the_report_in_and_refuses_a_second_without_replace(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "import", "--db", db, _file(tmp_path, "xa.json")) == (
        0, IMPORTED.format(db=db), "")
    assert _stored(db) == (ReportStatus.DRAFT, Decimal(66))
    assert _run(capsys, "import", "--db", db, _file(tmp_path, "moi.json", online=70)) == (
        2, "", "Tệp dữ liệu đã có báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Thử; dùng "
               "--replace để thay.\n")
    assert _stored(db) == (ReportStatus.DRAFT, Decimal(66))
    assert _run(capsys, "import", "--db", db, tmp_path / "moi.json", "--replace")[0] == 0
    assert _stored(db) == (ReportStatus.DRAFT, Decimal(70))


def test_an_unreadable_file_leaves_no_data_file_behind(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db, broken = tmp_path / "cchc.sqlite3", tmp_path / "hong.json"
    broken.write_text("{ khong phai json", "utf-8")
    code, _out, err = _run(capsys, "import", "--db", db, broken)
    assert code == 2 and "hong.json" in err
    assert not db.exists()


def test_a_final_report_is_replaced_only_when_reopened_with_a_reason(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "import", "--db", db, _file(tmp_path, "xa.json"))
    assert _run(capsys, "status", "--db", db, *STATUS, "--set", "final")[1] == (
        "Báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Thử: Hoàn thành, lần gửi 0; 0 lỗi, "
        "0 cảnh báo.\n")
    replacing = _file(tmp_path, "moi.json", online=70)
    assert _run(capsys, "import", "--db", db, replacing, "--replace") == (3, "", (
        "Báo cáo Quý I năm 2026 đã hoàn thành nên không sửa được. Muốn sửa, hãy chọn \u201cMở "
        "lại để sửa...\u201d và ghi lý do; lý do được ghi vào lịch sử báo cáo.\n"
        "Dòng lệnh: thêm --reopen \"lý do\" để mở lại và thay báo cáo.\n"))
    assert _stored(db) == (ReportStatus.FINAL, Decimal(66))
    assert _run(capsys, "import", "--db", db, replacing, "--reopen", "sửa số trực tuyến")[0] == 0
    assert _stored(db)[1] == Decimal(70)


def test_a_report_with_errors_is_kept_as_a_draft_and_cannot_be_made_final(
        db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "import", "--db", db,
                           _file(tmp_path, "sai.json", status=ReportStatus.FINAL, withdrawn=3))
    assert code == 0
    assert out == IMPORTED.format(db=db) + (
        "CẢNH BÁO: báo cáo còn lỗi nên được lưu ở trạng thái dự thảo (tệp ghi \u201cHoàn "
        "thành\u201d).\n")
    assert _stored(db)[0] is ReportStatus.DRAFT
    code, _out, err = _run(capsys, "status", "--db", db, *STATUS, "--set", "final")
    assert code == 3
    assert err.startswith("Báo cáo còn 1 lỗi phải sửa trước khi hoàn thành:")
    assert _run(capsys, "status", "--db", db, *STATUS)[1] == (
        "Báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Thử: Dự thảo, lần gửi 0; 1 lỗi, "
        "0 cảnh báo.\n")


def test_reopening_needs_a_reason(db: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "import", "--db", db, _file(tmp_path, "xa.json"))
    _run(capsys, "status", "--db", db, *STATUS, "--set", "final")
    assert _run(capsys, "status", "--db", db, *STATUS, "--set", "draft") == (
        3, "", "Mở lại báo cáo hoàn thành cần ghi rõ lý do.\n")
    code, out, _err = _run(capsys, "status", "--db", db, *STATUS, "--set", "draft",
                           "--reason", "sửa số liệu")
    assert code == 0 and ": Dự thảo, lần gửi 0;" in out


def test_the_restore_points_are_listed_newest_first(db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "backups", "--db", db) == (
        0, f"Chưa có bản sao lưu nào của {db}.\n", "")
    database = Database.open(db)
    try:        # the commune's own data file: each restore point names its reports' states
        ReportStore(database).save_own_unit(OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa"))
    finally:
        database.close()
    _run(capsys, "import", "--db", db, _file(tmp_path, "xa.json"))    # a new report: nothing to keep
    _run(capsys, "import", "--db", db, _file(tmp_path, "moi.json", online=70), "--replace")
    _run(capsys, "status", "--db", db, *STATUS, "--set", "final")
    code, out, _err = _run(capsys, "backups", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"2 bản sao lưu của {db} (mới nhất trước):"
    assert lines[1].endswith("  Trước khi đánh dấu hoàn thành — Quý I năm 2026  "
                             "[Quý I năm 2026: Dự thảo]")
    assert lines[3].endswith("  Trước khi nhập tệp moi.json  [Quý I năm 2026: Dự thảo]")
    assert Path(lines[2].strip()).is_file() and Path(lines[4].strip()).is_file()
    assert _run(capsys, "--lang", "en", "backups", "--db", db)[1].startswith(
        f"2 backup(s) of {db} (newest first):")


def test_a_server_without_pg_dump_is_told_it_has_no_restore_point() -> None:
    assert no_restore_point("postgresql://van_thu@may-chu/cchc") == (
        "Ghi chú: dữ liệu ở máy chủ postgresql://van_thu@may-chu/cchc nhưng máy này không có "
        "pg_dump nên không có điểm khôi phục trước thay đổi này. Hãy cài các công cụ dòng lệnh "
        "của PostgreSQL (gói postgresql-client, hoặc \u201cCommand Line Tools\u201d của bộ cài "
        "trên Windows).")
