"""The command line, run as a script would run it, on real files: the first test in a real
process (`python -m cchc_desktop`, the interpreter's start and the console's encoding
included), the others through cchc_desktop.cli.main in this process (tests/in_process_cli.py,
the same exit codes and texts without the 0.5 s start of each process). tests/test_cli_scenario.py,
tests/test_cli_consolidate.py and tests/test_hostile_files.py use the same `cli`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from in_process_cli import cli

from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

__all__ = ["cli"]


def process_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m cchc_desktop ARGS` in a new process, as a clerk's script runs it."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "cchc_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, check=False)


def _inconsistent(sample_path: Path, tmp_path: Path) -> Path:
    data = json.loads(sample_path.read_text("utf-8"))
    data["values"]["tthc.hs.xa.rut_tra_lai"] = 72  # 70 more than the records allow
    path = tmp_path / "sai.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_check_prints_rates_and_exits_0_without_errors(sample_path: Path) -> None:
    result = process_cli("check", sample_path)
    assert result.returncode == 0, result.stderr
    assert "Tỷ lệ giải quyết đúng và trước hạn (cấp xã): 1.421/1.428, đạt 99,51%" in result.stdout
    assert "[CẢNH BÁO] (đã giải trình) Viên chức có mặt (31)" in result.stdout


def test_check_finds_the_inconsistency_and_exits_1(sample_path: Path, tmp_path: Path) -> None:
    result = cli("check", _inconsistent(sample_path, tmp_path))
    assert result.returncode == 1
    assert ("[LỖI] Cấp xã: Số hồ sơ tiếp nhận (1.557) khác tổng đã giải quyết, đang giải quyết "
            "và rút/trả lại (1.627): chênh lệch 70.") in result.stdout


def test_check_json_is_readable_by_a_script(sample_path: Path, tmp_path: Path) -> None:
    result = cli("check", _inconsistent(sample_path, tmp_path), "--format", "json")
    assert result.returncode == 1
    output = json.loads(result.stdout)
    assert output["rates"]["tthc.hs.xa.ty_le_dung_han"] == "99.51"
    assert output["rates"]["cddh.kh.ty_le_hoan_thanh"] == "63.64"
    assert output["rates"]["tthc.hs.tinh.ty_le_dung_han"] is None
    [error] = [f for f in output["findings"] if f["severity"] == "error"]
    assert error["rule"] == "tthc.hs.xa.tiep_nhan_bang_ket_qua"
    assert "tthc.hs.xa.rut_tra_lai" in error["codes"]


def test_check_with_previous_report_checks_the_carry_over(sample_path: Path, tmp_path: Path) -> None:
    previous = json.loads(sample_path.read_text("utf-8"))
    previous["period"] = {"year": 2025, "kind": "Y"}
    previous["values"]["tthc.hs.xa.dang_giai_quyet.trong_han"] = 30
    previous["values"]["tthc.hs.xa.dang_giai_quyet.qua_han"] = 2
    path = tmp_path / "nam-2025.json"
    path.write_text(json.dumps(previous, ensure_ascii=False), "utf-8")
    result = cli("check", sample_path, "--previous", path)
    assert result.returncode == 1
    assert "Số hồ sơ kỳ trước chuyển qua (42)" in result.stdout
    assert "(32): chênh lệch 10" in result.stdout


def test_check_flags_a_share_above_100_percent_and_the_narratives_slips(sample_path: Path,
                                                                        tmp_path: Path) -> None:
    data = json.loads(sample_path.read_text("utf-8"))
    data["values"]["tthc.ra_soat.da_ra_soat"] = 50
    data["values"]["tthc.ra_soat.giu_nguyen"] = 102
    data["values"]["tthc.ra_soat.don_gian_hoa"] = 0
    data["values"]["tthc.ra_soat.bai_bo"] = 0
    # A date is not a fraction; a bare percentage next to the on-time rate's name is checked.
    data["texts"]["tthc"] = ("Đến hết tháng 3/2026, tổng số hồ sơ là 1.557, đạt 46%. "
                             "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.")
    path = tmp_path / "vuot.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    result = cli("check", path)
    assert result.returncode == 1
    assert ("[LỖI] Tỷ lệ giữ nguyên 102/50 thủ tục, đạt 204,00%: tỷ lệ là phần của tổng nên "
            "không thể vượt 100%; kiểm tra lại số liệu.") in result.stdout
    assert ("[CẢNH BÁO] Văn bản ghi “Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%” nhưng tỷ lệ "
            "giải quyết đúng và trước hạn (cấp xã) là 1.421/1.428 hồ sơ, đạt 99,51%.") in result.stdout
    assert "3/2026" not in result.stdout
    output = json.loads(cli("check", path, "--format", "json").stdout)
    [share] = [f for f in output["findings"] if f["rule"] == "ty_le.vuot_100"]
    assert share["severity"] == "error"
    assert share["codes"] == ["tthc.ra_soat.ty_le_giu_nguyen", "tthc.ra_soat.giu_nguyen",
                              "tthc.ra_soat.da_ra_soat"]


def test_bad_file_gives_a_message_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "hong.json"
    path.write_text("{ not json", "utf-8")
    result = cli("check", path)
    assert result.returncode == 2
    assert "hong.json không phải là JSON hợp lệ" in result.stderr
    assert "Traceback" not in result.stderr


def test_english_messages(sample_path: Path, tmp_path: Path) -> None:
    result = cli("--lang", "en", "check", _inconsistent(sample_path, tmp_path))
    assert result.returncode == 1
    # A missing catalog fails here (scripts/setup.sh compiles it), never skips.
    assert "FINDINGS" in result.stdout, "the English catalog is not compiled: run scripts/setup.sh"
    assert "Commune level: Records received (1,557)" in result.stdout


def test_export_json_and_import_into_a_data_file(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ban-sao.json"
    assert cli("export", sample_path, "--json", out).returncode == 0
    assert json.loads(out.read_text("utf-8"))["values"] == json.loads(
        sample_path.read_text("utf-8"))["values"]
    db = tmp_path / "data.sqlite3"
    first = cli("import", out, "--db", db)
    assert first.returncode == 0, first.stderr
    again = cli("import", out, "--db", db)
    assert again.returncode == 2 and "--replace" in again.stderr
    store = ReportStore(Database.open(db))
    [summary] = store.list_reports()
    assert summary.period.key == "2026-Q1" and summary.unit_code == "xa-my-an"


def test_consolidate_sums_and_recomputes(sample_path: Path, tmp_path: Path) -> None:
    files = []
    for code, online in (("xa-a", 1000), ("xa-b", 3000)):
        data = json.loads(sample_path.read_text("utf-8"))
        data["unit"] = {"code": code, "name": f"UBND {code}", "level": "xa"}
        data["values"] = {"tthc.hs.xa.moi_truc_tuyen": online, "tthc.hs.xa.moi_truc_tiep": 1000,
                          "cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 3 if code == "xa-a" else 9}
        path = tmp_path / f"{code}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        files.append(path)
    out = tmp_path / "tong-hop.json"
    result = cli("consolidate", *files, "--unit-name", "Sở Nội vụ tỉnh Thử", "--period",
                 "2026-Q1", "--out", out)
    assert result.returncode == 0, result.stderr
    merged = json.loads(out.read_text("utf-8"))
    assert merged["values"]["tthc.hs.xa.moi_truc_tuyen"] == 4000
    assert [s["code"] for s in merged["subunits"]] == ["xa-a", "xa-b"]
    rates = json.loads(cli("check", out, "--format", "json").stdout)["rates"]
    assert rates["tthc.hs.xa.ty_le_truc_tuyen"] == "66.67"   # 4.000/6.000, not (50% + 75%)/2
    assert rates["cddh.kh.ty_le_hoan_thanh"] == "60.00"      # 12/20


def test_consolidate_refuses_another_period(sample_path: Path, tmp_path: Path) -> None:
    result = cli("consolidate", sample_path, "--unit-name", "Sở", "--period", "2026-Q3",
                 "--out", tmp_path / "x.json")
    assert result.returncode == 2
    assert "không cùng kỳ" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_commands_that_read_stored_reports_refuse_a_missing_data_file(tmp_path: Path) -> None:
    """A mistyped --db is named, and no empty data file is left behind in its place."""
    missing = tmp_path / "go-nham.sqlite3"
    for command in (["status", "--period", "2026-Q1"], ["board", "--year", "2026", "--period", "Q1"],
                    ["trends", "--out", str(tmp_path / "xu-huong.pdf")], ["outbox"]):
        result = cli(*command, "--db", missing)
        assert result.returncode == 2, (command, result.stderr)
        assert "Không có tệp dữ liệu" in result.stderr and "go-nham.sqlite3" in result.stderr
        assert "Traceback" not in result.stderr
        assert not missing.exists(), command
