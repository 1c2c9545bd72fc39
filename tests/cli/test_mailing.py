"""cli/mailing.py (send and outbox) promises a package mailed by SMTP with the server's reply
said; with --db, put in the data file's outbox first so one revision is never sent twice, and
retried later when the line is down (exit 1); a wrong password or a bad option refused (exit
2); the outbox listed with each message's state. The password comes from --password-env,
never the command line. Beside tests/outbox/test_cli_outbox.py (the same commands as
processes), this file runs them in-process against tests/smtp_server.py's real server."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from factories import sample_report, template
from in_process_cli import cli
from smtp_server import PASSWORD, USER, SmtpServer, smtp_server

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.package import SubmissionPackage, build_package

__all__ = ["smtp_server"]

PROVINCE = "vanthu@snv.dongthap.gov.vn"
SUBJECT = "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> SubmissionPackage:
    context = build_context(dataclasses.replace(sample_report(), status=ReportStatus.FINAL),
                            template())
    return build_package(context, tmp_path_factory.mktemp("goi"))


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data file holding the packaged report (made once: its schema costs 0.5 s)."""
    path = tmp_path_factory.mktemp("db") / "cchc.sqlite3"
    database = Database.open(path)
    try:
        ReportStore(database).save_report(dataclasses.replace(sample_report(),
                                                              status=ReportStatus.FINAL))
    finally:
        database.close()
    return path


@pytest.fixture
def db(made_once: Path, tmp_path: Path) -> Path:
    path = tmp_path / "cchc.sqlite3"
    shutil.copy(made_once, path)
    return path


@pytest.fixture(autouse=True)
def passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SMTP_SAI", "khong-phai-mat-khau")


def _options(server: SmtpServer, variable: str = "SMTP_PASSWORD") -> list[str]:
    return ["--to", PROVINCE, "--smtp", f"127.0.0.1:{server.port}", "--from",
            "vanthu@xa-my-an.gov.vn", "--user", USER, "--password-env", variable,
            "--cafile", str(server.cafile)]


def test_a_package_is_sent_and_the_servers_reply_said(smtp_server: SmtpServer,
                                                      package: SubmissionPackage) -> None:
    result = cli("send", package.zip_path, *_options(smtp_server))
    assert result.returncode == 0
    assert result.stdout == f"Đã gửi {SUBJECT} tới {PROVINCE}: 250 2.0.0 Ok: queued\n"
    assert len(smtp_server.mailbox.accepted) == 1
    assert smtp_server.mailbox.envelopes == [("vanthu@xa-my-an.gov.vn", [PROVINCE])]


def test_a_wrong_password_and_an_unset_variable_are_refused(smtp_server: SmtpServer,
                                                            package: SubmissionPackage) -> None:
    wrong = cli("send", package.zip_path, *_options(smtp_server, "SMTP_SAI"))
    assert (wrong.returncode, wrong.stdout) == (2, (
        "Máy chủ thư không nhận tên đăng nhập hoặc mật khẩu (535 5.7.8 Authentication "
        "credentials invalid). Hãy kiểm tra lại trong Công cụ > Tài khoản thư.\n"))
    unset = cli("send", package.zip_path, *_options(smtp_server, "SMTP_CHUA_DAT"))
    assert (unset.returncode, unset.stderr) == (2, "Biến môi trường SMTP_CHUA_DAT chưa được "
                                                   "đặt.\n")
    assert smtp_server.mailbox.accepted == []


def test_through_the_outbox_a_revision_is_sent_once(smtp_server: SmtpServer, db: Path,
                                                    package: SubmissionPackage) -> None:
    first = cli("send", package.zip_path, *_options(smtp_server), "--db", db, "--save-account")
    assert first.returncode == 0
    assert first.stdout.splitlines() == ["Đã đưa lần gửi 0 vào hộp thư đi.",
                                         "Đã gửi lần gửi 0: 250 2.0.0 Ok: queued"]
    again = cli("send", package.zip_path, *_options(smtp_server), "--db", db)
    assert (again.returncode, again.stderr) == (2, (
        "Lần gửi 0 của báo cáo này đã có trong hộp thư đi (đã gửi đi); mỗi lần gửi chỉ gửi một "
        "lần.\n"))
    listed = cli("outbox", "--db", db)
    assert listed.returncode == 0
    assert re.fullmatch(rf"{re.escape(SUBJECT)} → {PROVINCE}: đã gửi lúc \d\d/\d\d/\d{{4}} "
                        r"\d\d:\d\d \(UTC\)\n", listed.stdout)
    assert len(smtp_server.mailbox.accepted) == 1
    assert PASSWORD.encode() not in db.read_bytes()


def test_with_the_server_down_the_outbox_keeps_it_for_later(smtp_server: SmtpServer, db: Path,
                                                            package: SubmissionPackage) -> None:
    smtp_server.stop()
    queued = cli("send", package.zip_path, *_options(smtp_server), "--db", db, "--save-account")
    lines = queued.stdout.splitlines()
    assert queued.returncode == 1
    assert lines[0] == "Đã đưa lần gửi 0 vào hộp thư đi."
    assert re.fullmatch(r"Chưa gửi được lần gửi 0: Chưa kết nối được máy chủ thư .+ Sẽ thử lại "
                        r"lúc \d\d:\d\d:\d\d \(giờ UTC\)\.", lines[1])
    listed = cli("outbox", "--db", db).stdout
    assert listed.startswith(f"{SUBJECT} → {PROVINCE}: chờ gửi: Chưa kết nối được máy chủ thư")


def test_an_empty_outbox_and_one_without_an_account(tmp_path: Path,
                                                    package: SubmissionPackage) -> None:
    empty = tmp_path / "trong.sqlite3"
    Database.open(empty).close()
    assert cli("outbox", "--db", empty).stdout == "Hộp thư đi trống.\n"
    flushed = cli("outbox", "--db", empty, "--flush")
    assert (flushed.returncode, flushed.stderr) == (2, (
        "Chưa có tài khoản thư: dùng send --db ... --save-account, hoặc Công cụ > Tài khoản thư "
        "trong cửa sổ.\n"))
    other = cli("send", package.zip_path, "--to", PROVINCE, "--smtp", "127.0.0.1:2525", "--from",
                "vanthu@xa-my-an.gov.vn", "--plain", "--db", empty)
    assert (other.returncode, other.stderr) == (2, (
        "Tệp dữ liệu không có báo cáo 2026-Q1 của đơn vị xa-my-an mà gói này mang.\n"))
    assert cli("--lang", "en", "outbox", "--db", empty).stdout == "The outbox is empty.\n"
