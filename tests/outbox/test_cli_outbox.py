"""`cchc-desktop send` and `cchc-desktop outbox`, run as a clerk runs them, against the real server:
the first test in a real process (`process_cli`), the others through cchc_desktop.cli.main in
this process (tests/in_process_cli.py: the same exit codes and texts, the password variable and
the keyring backend set for the call and put back)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import in_process_cli
from smtp_server import PASSWORD, USER

from cchc_desktop.storage.database import Database

PROVINCE = "vanthu@snv.dongthap.gov.vn"


ENV = {"SMTP_PASSWORD": PASSWORD, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in this process, the password in SMTP_PASSWORD, no keyring on this PC."""
    return in_process_cli.cli(*args, env=ENV)


def process_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in a new process, as the clerk runs it."""
    return subprocess.run([sys.executable, "-m", "cchc_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **ENV})


def server_options(smtp_server) -> list[str]:  # type: ignore[no-untyped-def]
    return ["--smtp", f"127.0.0.1:{smtp_server.port}", "--from", "vanthu@xa-my-an.gov.vn",
            "--user", USER, "--password-env", "SMTP_PASSWORD", "--starttls",
            "--cafile", str(smtp_server.cafile)]


def test_send_without_a_data_file_sends_once(smtp_server, package) -> None:  # type: ignore[no-untyped-def]
    result = process_cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã gửi Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)" in result.stdout
    assert len(smtp_server.mailbox.accepted) == 1


def test_send_through_the_outbox_never_twice(smtp_server, store, report_id, package, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "cchc.sqlite3"
    store.database.close()
    first = cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server),
                "--db", db, "--save-account")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Đã đưa lần gửi 0 vào hộp thư đi." in first.stdout and "Đã gửi lần gửi 0: 250" in first.stdout
    again = cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server), "--db", db)
    assert again.returncode == 2
    assert "đã có trong hộp thư đi (đã gửi đi)" in again.stdout + again.stderr
    listed = cli("outbox", "--db", db)
    assert listed.returncode == 0 and "đã gửi lúc" in listed.stdout and PROVINCE in listed.stdout
    assert len(smtp_server.mailbox.accepted) == 1
    assert PASSWORD not in db.read_bytes().decode("latin-1"), "no password in the data file"


def test_outbox_flush_with_the_server_down_says_it_will_retry(smtp_server, store, report_id,  # type: ignore[no-untyped-def]
                                                             package, tmp_path) -> None:
    db = tmp_path / "cchc.sqlite3"
    store.database.close()
    smtp_server.stop()
    queued = cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server),
                 "--db", db, "--save-account")
    assert queued.returncode == 1, queued.stdout + queued.stderr
    assert "Chưa kết nối được máy chủ thư" in queued.stdout and "Sẽ thử lại lúc" in queued.stdout
    listed = cli("outbox", "--db", db)
    assert "chờ gửi: Chưa kết nối được máy chủ thư" in listed.stdout
    assert smtp_server.mailbox.accepted == []
    # A data file with no mail account says so; a data file that is not there is not made.
    no_account = tmp_path / "chua-co-tai-khoan.sqlite3"
    Database.open(no_account).close()
    wrong = cli("outbox", "--db", no_account, "--flush")
    assert wrong.returncode == 2 and "Chưa có tài khoản thư" in wrong.stdout + wrong.stderr
    missing = tmp_path / "khong-co.sqlite3"
    wrong = cli("outbox", "--db", missing, "--flush")
    assert wrong.returncode == 2 and "Không có tệp dữ liệu" in wrong.stderr
    assert not missing.exists()


def test_send_split_of_a_package_that_fits_is_one_message(smtp_server, package) -> None:  # type: ignore[no-untyped-def]
    result = cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server), "--split")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Đã gửi Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0) tới" in result.stdout
    assert "(thư 1/" not in result.stdout and len(smtp_server.mailbox.accepted) == 1
    both = cli("send", package.zip_path, "--to", PROVINCE, *server_options(smtp_server), "--split",
               "--zip-only")
    assert both.returncode == 2 and "--split" in both.stderr
