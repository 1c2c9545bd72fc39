"""A clerk's quarter through the command line alone, each step with its exit code.

The same steps as the window's scenario (tests/gui/test_clerk_scenario.py): a report
filled and marked final; last period's file imported over it (refused, exit 3, then
reopened with a reason); a refused decimal; export; packaged twice with a change between
(revision 1 the second time); the restore points listed.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from test_cli import cli

from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


def _report_file(sample_path: Path, folder: Path, name: str, **changes: object) -> Path:
    data = json.loads(sample_path.read_text("utf-8"))
    for key, value in changes.items():
        if key == "values":
            data["values"].update(value)  # type: ignore[call-overload]
        else:
            data[key] = value
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def _values(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT code, value FROM report_values").fetchall())


def test_the_quarter_through_the_command_line(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    unit = json.loads(sample_path.read_text("utf-8"))["unit"]["code"]
    report = _report_file(sample_path, tmp_path, "bao-cao.json", status="draft",
                          recipients=["- UBND tỉnh Đồng Tháp;", "Sở Nội vụ tỉnh Đồng Tháp.",
                                      "- Lưu: VT."])

    # Fill: the report file goes into the data file.
    result = cli("import", report, "--db", db)
    assert result.returncode == 0, result.stderr
    filled = _values(db)
    assert len(filled) > 50

    # Mark final.
    result = cli("status", "--db", db, "--unit", unit, "--period", "2026-Q1", "--set", "final")
    assert result.returncode == 0, result.stderr
    assert "Báo cáo Quý I năm 2026 của Ủy ban nhân dân xã Mỹ An: Hoàn thành" in result.stdout

    # Last period's file imported over the final report: refused, nothing changed.
    other = _report_file(sample_path, tmp_path, "ky-truoc.json",
                         values={"cddh.kh.hoan_thanh": 40, "cddh.kh.dang_thuc_hien": 22})
    before = db.read_bytes()
    result = cli("import", other, "--db", db, "--replace")
    assert result.returncode == 3
    assert "đã hoàn thành nên không sửa được" in result.stderr
    assert "Mở lại để sửa" in result.stderr and "--reopen" in result.stderr
    assert _values(db) == filled
    del before

    # Reopened with a reason: imported, the old values kept in the history.
    result = cli("import", other, "--db", db, "--reopen", "Sở Nội vụ yêu cầu cập nhật số liệu")
    assert result.returncode == 0, result.stderr
    assert _values(db)["cddh.kh.hoan_thanh"] == "40"
    store = ReportStore(Database.open(db, upgrade=False))
    try:
        [report_id] = [r.id for r in store.list_reports()]
        history = store.history(report_id)
        reopened = [c for c in history if c.entity == "status" and c.new == "draft"]
        assert reopened[-1].reason == "Sở Nội vụ yêu cầu cập nhật số liệu"
        assert [(c.old, c.new) for c in history if c.key == "cddh.kh.hoan_thanh"][-1] == ("42", "40")
    finally:
        store.database.close()

    # A decimal in a whole-number field: refused naming the field, nothing saved.
    decimal = _report_file(sample_path, tmp_path, "so-le.json", values={"cddh.kh.tong": "66.5"})
    saved = _values(db)
    result = cli("import", decimal, "--db", db, "--replace")
    assert result.returncode == 2
    assert "cddh.kh.tong" in result.stderr or "Tổng số nhiệm vụ" in result.stderr
    assert _values(db) == saved

    # Package twice with a change between: revision 0, then 1 with what changed.
    out = tmp_path / "gui-di"
    result = cli("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Lần gửi 0: lần đóng gói đầu tiên của báo cáo này." in result.stdout
    again = cli("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--out", out)
    assert "Lần gửi 0: nội dung không đổi" in again.stdout
    changed = _report_file(sample_path, tmp_path, "sua.json",
                           values={"cddh.kh.hoan_thanh": 41, "cddh.kh.dang_thuc_hien": 21})
    assert cli("import", changed, "--db", db, "--replace").returncode == 0
    result = cli("package", "--db", db, "--unit", unit, "--period", "2026-Q1", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Lần gửi 1 (thay thế lần gửi 0). Thay đổi so với lần gửi 0:" in result.stdout
    assert "  - Số nhiệm vụ đã hoàn thành: 40 → 41" in result.stdout
    manifests = sorted(out.glob("*/manifest.json"))
    assert [json.loads(m.read_text("utf-8"))["revision"] for m in manifests] == [0, 1]
    hashes = {json.loads(m.read_text("utf-8"))["data_sha256"] for m in manifests}
    assert len(hashes) == 2 and all(len(h) == 64 for h in hashes)

    # Restore points: one before each import that replaced and before each status change.
    result = cli("backups", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "Trước khi đánh dấu hoàn thành — Quý I năm 2026" in result.stdout
    assert "Trước khi mở lại báo cáo Quý I năm 2026" in result.stdout
    assert "Trước khi nhập tệp ky-truoc.json" in result.stdout


def test_another_programs_sqlite_file_is_refused_unchanged(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "khac.sqlite3"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('An')")
    before = db.read_bytes()
    result = cli("import", sample_path, "--db", db)
    assert result.returncode == 2
    assert "không phải tệp dữ liệu CCHC Desktop" in result.stderr
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khac.sqlite3"]


def test_a_folder_as_data_file_is_refused_with_a_message(sample_path: Path, tmp_path: Path) -> None:
    result = cli("import", sample_path, "--db", tmp_path)
    assert result.returncode == 2
    assert "là một thư mục, không phải tệp dữ liệu" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_older_data_file_is_upgraded_after_a_restore_point_even_if_the_import_is_refused(
        sample_path: Path, tmp_path: Path) -> None:
    import shutil

    from factories import DATA

    db = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0003.sqlite3", db)
    result = cli("import", sample_path, "--db", db)   # the same period is already there
    assert result.returncode == 2
    listing = cli("backups", "--db", db).stdout
    assert "Trước khi nâng cấp tệp dữ liệu" in listing
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA application_id").fetchone() == (0x43434843,)
