"""gui/outbox_dialog.py: Hộp thư đi, each revision queued with its state in words, and what to
do about it: Gửi ngay, Gửi lại for a failed one, Sao chép nội dung thư for webmail.

Beside tests/gui/test_outbox_window.py, which opens it from the window after a real send and
checks the wording of waiting, retrying and failed items; here the dialog on its own on a real
data file's outbox: times in the PC's time zone (Asia/Ho_Chi_Minh), the rows and the buttons
they enable, the server's answer, the password asked once, a failed item sent again to a real
SMTP server (tests/smtp_server.py), and the mail text copied.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from smtp_server import PASSWORD, SmtpServer, smtp_server

from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.outbox_dialog import OutboxDialog, mail_text, state_text
from cchc_desktop.gui.outbox_keeper import OutboxKeeper
from cchc_desktop.gui.services import MailOutbox
from cchc_desktop.storage.outbox import OutboxItem
from cchc_desktop.storage.repository import ReportStore

__all__ = ["smtp_server"]
PROVINCE, ARCHIVE = "vanthu@snv.dongthap.gov.vn", "luu@xa-my-an.gov.vn"
SUBJECT = "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi {n})"


@pytest.fixture(autouse=True)
def _in_vietnam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The PC's clock in Việt Nam (UTC+7), and no keyring on it."""
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)
    monkeypatch.undo()
    time.tzset()


def message(n: int) -> bytes:
    # Not folded: Python before 3.13 folds a long encoded subject losing a space ("xãMỹ An"), which
    # the app's own messages avoid (submission/email_draft._Subject).
    mail = EmailMessage(policy=policy.SMTP.clone(max_line_length=998))
    mail["From"], mail["To"], mail["Cc"] = "vanthu@xa-my-an.gov.vn", PROVINCE, ARCHIVE
    mail["Subject"] = SUBJECT.format(n=n)
    mail.set_content("Kính gửi Sở Nội vụ tỉnh Đồng Tháp,\nỦy ban nhân dân xã Mỹ An gửi báo cáo.")
    mail.add_attachment(b"PK\x03\x04", maintype="application", subtype="zip",
                        filename="BC-CCHC_xa-my-an_2026-Q1.zip")
    return mail.as_bytes()


def queue(store: ReportStore, report_id: int, n: int) -> OutboxItem:
    return store.queue_message(report_id, n, f"<r{n}@xa-my-an>", f"{PROVINCE}, {ARCHIVE}",
                               SUBJECT.format(n=n), message(n))


@pytest.fixture
def keeper(qtbot) -> Iterator[OutboxKeeper]:  # type: ignore[no-untyped-def]
    made = OutboxKeeper()
    yield made
    made.bind(None)
    qtbot.waitUntil(lambda: made.job is None, timeout=30000)


def dialog(qtbot, keeper: OutboxKeeper, folders: dict[int, Path] | None = None) -> OutboxDialog:  # type: ignore[no-untyped-def]
    shown = OutboxDialog(keeper, folders)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def rows(shown: OutboxDialog) -> list[list[str]]:
    table = shown.ui.table
    return [[cell.text() if (cell := table.item(r, c)) is not None else "" for c in range(3)]
            for r in range(table.rowCount())]


def test_times_are_the_pcs_and_each_state_is_said() -> None:
    base = OutboxItem(1, 1, 0, "<m>", PROVINCE, "BC", 10, "sent", 1, None, "", "250 Ok",
                      dt.datetime(2026, 12, 2, 9), dt.datetime(2026, 12, 2, 10, 3))
    assert state_text(base) == "đã gửi lúc 17:03 02/12/2026", "10:03 UTC is 17:03 in Việt Nam"
    late = dataclasses.replace(base, sent_at=dt.datetime(2026, 12, 31, 18, 30))
    assert state_text(late) == "đã gửi lúc 01:30 01/01/2027", "past midnight: the next day"
    assert state_text(dataclasses.replace(base, state="sending")) == "đang gửi"
    retry = dataclasses.replace(base, state="waiting", sent_at=None, last_error="Mất kết nối mạng.",
                                next_attempt_at=dt.datetime(2026, 12, 2, 10, 5))
    assert state_text(retry) == "chờ gửi lại lúc 17:05: Mất kết nối mạng."
    assert state_text(dataclasses.replace(retry, last_error="")) == "chờ gửi", \
        "brought forward by Gửi ngay: no error to say"


def test_the_mail_text_for_webmail_has_the_copies_and_the_plain_body() -> None:
    text = mail_text(message(0))
    assert text.splitlines() == [
        f"Người nhận: {PROVINCE}", f"Đồng gửi: {ARCHIVE}", f"Tiêu đề: {SUBJECT.format(n=0)}", "",
        "Kính gửi Sở Nội vụ tỉnh Đồng Tháp,", "Ủy ban nhân dân xã Mỹ An gửi báo cáo."]
    bare = mail_text(b"Subject: BC\r\nContent-Type: application/zip\r\n\r\nPK")
    assert bare.splitlines() == ["Người nhận: ", "Tiêu đề: BC", ""], "no text part, no To"


def test_an_empty_outbox_says_so_and_offers_nothing_to_copy(qtbot, keeper, store: ReportStore) -> None:  # type: ignore[no-untyped-def]
    keeper.bind(MailOutbox(store))
    shown = dialog(qtbot, keeper)
    assert shown.windowTitle() == "Hộp thư đi"
    assert rows(shown) == [] and shown.ui.detail.text() == "Hộp thư đi trống."
    assert not shown.ui.retry.isEnabled() and not shown.ui.copyMail.isEnabled()
    assert shown.ui.sendNow.text() == "Gửi ngay"
    assert not shown.send_now()
    assert shown.ui.detail.text() == ("Không có thư nào đang chờ gửi, hoặc chưa có tài khoản thư "
                                      "(Công cụ > Tài khoản thư).")


def test_each_revision_a_row_newest_first_one_address_a_line(  # type: ignore[no-untyped-def]
        qtbot, keeper, store: ReportStore, sample_report_id: int) -> None:
    first, second = queue(store, sample_report_id, 0), queue(store, sample_report_id, 1)
    store.mark_sent(first.id, "250 2.0.0 Ok: queued as 4F1", dt.datetime(2026, 12, 2, 10, 3))
    store.mark_failed(second.id, "Máy chủ thư từ chối: thư lớn hơn 10 MB.", "552 too big")
    keeper.bind(MailOutbox(store))
    shown = dialog(qtbot, keeper)
    assert rows(shown) == [
        [SUBJECT.format(n=1), f"{PROVINCE}\n{ARCHIVE}", "lỗi: Máy chủ thư từ chối: thư lớn hơn 10 MB."],
        [SUBJECT.format(n=0), f"{PROVINCE}\n{ARCHIVE}", "đã gửi lúc 17:03 02/12/2026"]]
    assert shown.ui.table.currentRow() == 0, "the newest selected"
    assert shown.ui.retry.isEnabled() and shown.ui.copyMail.isEnabled()
    assert shown.ui.detail.text() == "Máy chủ thư trả lời: 552 too big"
    table = shown.ui.table
    older = table.item(1, 0)
    assert older is not None
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(older).center())
    assert table.currentRow() == 1
    assert not shown.ui.retry.isEnabled(), "a sent item is not sent again"
    assert shown.ui.detail.text() == "Máy chủ thư trả lời: 250 2.0.0 Ok: queued as 4F1"


def test_gui_lai_asks_the_password_once_and_sends_the_failed_item_again(  # type: ignore[no-untyped-def]
        qtbot, keeper, store: ReportStore, sample_report_id: int, smtp_server: SmtpServer,
        monkeypatch) -> None:
    outbox = MailOutbox(store)
    outbox.save_account(smtp_server.account())
    item = queue(store, sample_report_id, 0)
    store.mark_failed(item.id, "Sai mật khẩu.")
    keeper.bind(outbox)
    shown = dialog(qtbot, keeper)
    answers = [("", False), (PASSWORD, True)]
    asked: list[str] = []

    def get_text(parent, title, label, echo):  # type: ignore[no-untyped-def]
        asked.append(f"{title}: {label}")
        assert echo == QLineEdit.EchoMode.Password
        return answers.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    assert not shown.send_now(), "the clerk cancelled the password"
    assert keeper.session_password is None
    qtbot.mouseClick(shown.ui.retry, Qt.MouseButton.LeftButton)
    assert asked == ["Mật khẩu hộp thư: Mật khẩu của vanthu@xa-my-an.gov.vn (chỉ giữ đến khi "
                     "đóng ứng dụng):"] * 2
    assert keeper.session_password == PASSWORD
    assert shown.ui.detail.text() == "Đang gửi..."
    qtbot.waitUntil(lambda: rows(shown)[0][2].startswith("đã gửi lúc "), timeout=30000)
    assert len(smtp_server.mailbox.accepted) == 1
    assert not shown.ui.retry.isEnabled()
    assert shown.send_now() is False and asked[2:] == [], "the password is kept for the session"


def test_copying_the_mail_opens_the_packages_folder_or_says_where_it_is(  # type: ignore[no-untyped-def]
        qtbot, keeper, store: ReportStore, sample_report_id: int, tmp_path: Path, monkeypatch) -> None:
    item = queue(store, sample_report_id, 0)
    folder = tmp_path / "BC-CCHC_xa-my-an_2026-Q1_r0"
    folder.mkdir()
    (folder / "bao-cao.pdf").write_bytes(b"%PDF")
    shown_folders: list[list[str]] = []

    def reveal(files: list[Path], where: Path) -> bool:     # the file manager, with the files selected
        shown_folders.append([f.name for f in files])
        return len(shown_folders) == 1

    monkeypatch.setattr(desktop_open, "reveal", reveal)
    keeper.bind(MailOutbox(store))
    shown = dialog(qtbot, keeper, {item.id: folder})
    qtbot.mouseClick(shown.ui.copyMail, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == mail_text(message(0))
    assert shown.ui.detail.text() == ("Đã sao chép người nhận, tiêu đề và nội dung thư: dán vào "
                                      "hộp thư trên web và đính kèm các tệp của gói.")
    qtbot.mouseClick(shown.ui.copyMail, Qt.MouseButton.LeftButton)
    assert shown.ui.detail.text() == ("Đã sao chép nội dung thư. Máy tính chưa mở được thư mục; "
                                      f"các tệp ở: {folder}")
    assert shown.ui.detail.property("tone") == "warning"
    assert shown_folders == [["bao-cao.pdf"]] * 2
