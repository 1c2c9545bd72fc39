"""cli/common.py promises what several commands share: a report file read with a workbook's
differences never decided silently (--use-visible / --use-hidden), the inputs no output may
overwrite, the data location (the command's --db, the global one, else the user's default
file), a data file that must exist refused by name and left uncreated, the lock wait read
from CCHC_DESKTOP_LOCK_WAIT, and another writer waited for, then refused (exit 3). Beside
tests/test_cli_consolidate.py (the differences through `check` in a process), this file calls
the functions with arguments parsed by the real parser."""

from __future__ import annotations

import argparse
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest
from test_reportfiles import ONLINE, edited_workbook

from cchc_desktop.addresses import ServerAddress
from cchc_desktop.cli import main
from cchc_desktop.cli.common import (
    LOCK_WAIT_SECONDS,
    ask_password,
    check_outputs,
    data_location,
    inputs,
    lock_wait_seconds,
    open_store,
    read_choosing,
    report_context,
    stored_report_id,
)
from cchc_desktop.cli.parser import build_parser
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.i18n import set_language
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.datafile import open_for_writing
from cchc_desktop.storage.repository import OwnUnit


def _args(*argv: str | Path) -> argparse.Namespace:
    return build_parser().parse_args([str(a) for a in argv])


def _refusal(action: object) -> str:
    with pytest.raises(KnownError) as raised:
        action()  # type: ignore[operator]
    return raised.value.message


def test_a_retyped_workbook_is_refused_until_the_clerk_chooses(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = edited_workbook(tmp_path, 9999)
    assert _refusal(lambda: read_choosing(path, _args("check", path))) == (
        "Tệp xa-c.xlsx: chọn --use-visible (lấy số trên trang tính) hoặc --use-hidden (lấy số "
        "trong phần dữ liệu ẩn).")
    warning = capsys.readouterr().err.splitlines()
    assert warning[0] == ("CẢNH BÁO: tệp xa-c.xlsx có 1 số liệu trên trang tính khác phần dữ "
                          "liệu ẩn (đã sửa bằng Excel?):")
    assert warning[1].startswith("  - ") and "dữ liệu ẩn 66, trang tính 9.999" in warning[1]
    hidden, _tpl = read_choosing(path, _args("check", path, "--use-hidden"))
    visible, _tpl = read_choosing(path, _args("check", path, "--use-visible"))
    assert (hidden.values[ONLINE], visible.values[ONLINE]) == (Decimal(66), Decimal(9999))


def test_a_json_file_has_nothing_to_choose_and_previous_gives_the_carry_over(
        sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(sample_path.read_text("utf-8"))
    data["period"] = {"year": 2025, "kind": "Y"}
    data["values"]["tthc.hs.xa.dang_giai_quyet.trong_han"] = 30
    data["values"]["tthc.hs.xa.dang_giai_quyet.qua_han"] = 2
    previous = tmp_path / "nam-2025.json"
    previous.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    context = report_context(_args("check", sample_path, "--previous", previous))
    assert capsys.readouterr().err == ""
    assert context.previous is not None and context.previous.label == "Năm 2025"
    assert context.last_year is None
    carried = [finding_text(f) for f in context.findings if "Số hồ sơ kỳ trước chuyển qua" in
               finding_text(f)]
    assert len(carried) == 1 and "(42)" in carried[0] and "(32): chênh lệch 10" in carried[0]
    alone = report_context(_args("check", sample_path))
    assert not any("kỳ trước chuyển qua" in finding_text(f) for f in alone.findings)

def test_the_inputs_are_every_file_read_and_the_data_file(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    args = _args("--db", db, "export", "xa.json", "--previous", "q4.json", "--last-year",
                 "q1-2025.json", "--pdf", "x.pdf")
    assert inputs(args) == [db, Path("xa.json"), Path("q4.json"), Path("q1-2025.json")]
    server = _args("consolidate", "a.json", "b.zip", "--unit-name", "Huyện", "--period",
                   "2026-Q1", "--out", "t.json")
    server.db = ServerAddress("may-chu", "cchc")
    assert inputs(server) == [Path("a.json"), Path("b.zip")]
    source = tmp_path / "xa.json"
    source.write_text("{}", "utf-8")
    args = _args("--db", db, "export", source, "--json", source)
    assert _refusal(lambda: check_outputs([source], args)) == (
        "Không ghi đè tệp xa.json: đó là tệp đang được đọc. Hãy chọn tên tệp đầu ra khác.")


def test_the_data_location_is_the_commands_the_global_or_the_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_location(_args("status", "--period", "2026-Q1")) == (
        tmp_path / "CCHC Desktop" / "cchc.sqlite3")
    assert data_location(_args("--db", "a.sqlite3", "status", "--period", "2026-Q1")) == Path(
        "a.sqlite3")
    assert data_location(_args("--db", "a.sqlite3", "status", "--db", "b.sqlite3",
                               "--period", "2026-Q1")) == Path("b.sqlite3")


def test_a_data_file_that_must_exist_is_refused_and_not_created(tmp_path: Path) -> None:
    db = tmp_path / "go-nham.sqlite3"
    assert _refusal(lambda: open_store(_args("status", "--db", db, "--period", "2026-Q1"),
                                       existing=True)) == (
        f"Không có tệp dữ liệu {db}. Hãy kiểm tra đường dẫn (--db), hoặc nhập báo cáo vào tệp "
        "trước (cchc-desktop import).")
    assert not db.exists()


def test_a_report_not_in_the_data_file_is_named_with_its_unit(tmp_path: Path) -> None:
    args = _args("status", "--db", tmp_path / "cchc.sqlite3", "--period", "2026-Q1")
    opened, store = open_store(args)
    with opened:
        assert _refusal(lambda: stored_report_id(store, args)) == (
            "Tệp dữ liệu không có báo cáo kỳ 2026-Q1 của đơn vị (chưa khai báo).")
        store.save_own_unit(OwnUnit("xa-thu", "UBND xã Thử", "xa"))
        report_id = store.create_report(2026, "Q1")
        assert stored_report_id(store, args) == report_id
        args.unit = "xa-khac"
        set_language("en")
        assert _refusal(lambda: stored_report_id(store, args)) == (
            "The data file has no 2026-Q1 report of the unit xa-khac.")


@pytest.mark.parametrize(("value", "seconds"), [("", LOCK_WAIT_SECONDS), ("  ", 30.0),
                                                ("0", 0.0), ("2,5", 2.5), ("86400", 86400.0)])
def test_the_lock_wait_comes_from_the_environment(value: str, seconds: float,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DESKTOP_LOCK_WAIT", value)
    assert lock_wait_seconds() == seconds


@pytest.mark.parametrize("value", ["ba mươi", "-1", "86401", "nan"])
def test_a_lock_wait_that_is_no_number_of_seconds_is_refused(
        value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_DESKTOP_LOCK_WAIT", value)
    assert _refusal(lock_wait_seconds) == (
        "Biến môi trường CCHC_DESKTOP_LOCK_WAIT phải là số giây chờ, từ 0 đến 86400 (đang là "
        f"\u201c{value}\u201d).")


def test_without_a_terminal_no_password_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("mat-khau\n"))
    assert ask_password("Mật khẩu: ") is None


def test_a_data_file_held_by_another_writer_is_waited_for_then_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    db = tmp_path / "cchc.sqlite3"
    Database.open(db).close()
    monkeypatch.setenv("CCHC_DESKTOP_LOCK_WAIT", "0,2")
    held = open_for_writing(db)           # the window (this process) has it open
    try:
        code = main(["status", "--db", str(db), "--period", "2026-Q1"])
    finally:
        held.close()
    err = capsys.readouterr().err.splitlines()
    assert code == 3
    assert err[0] == (f"Tệp dữ liệu đang được chương trình khác ghi (PID {os.getpid()}); chờ "
                      "tối đa 0,2 giây...")
    assert err[1].startswith("Tệp dữ liệu này đang được một chương trình CCHC Desktop khác ghi (")
    assert "đã chờ 0,2 giây mà tệp vẫn chưa được trả lại" in err[1]
