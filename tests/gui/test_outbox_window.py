"""Báo cáo > Gửi báo cáo qua thư in the window: the package into the outbox, sent to a real SMTP
server (tests/smtp_server.py), its state shown in Hộp thư đi and said above the page."""

from __future__ import annotations

import dataclasses
import email
from email import policy
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from smtp_server import PASSWORD, smtp_server

from cchc_desktop.gui import desktop_open, mail_actions
from cchc_desktop.gui.outbox_dialog import OutboxDialog, mail_text, state_text
from tests.gui.file_answers import answer_file_dialogs

__all__ = ["smtp_server"]
PROVINCE = "vanthu@snv.dongthap.gov.vn"


def test_a_report_sent_through_the_outbox(qtbot, window, sample_report_id, smtp_server,  # type: ignore[no-untyped-def]
                                          monkeypatch, tmp_path: Path) -> None:
    settings = window.controller.unit_settings()
    settings.save_own_unit(dataclasses.replace(settings.own_unit(), superior_email=PROVINCE))
    window.open_report(sample_report_id)
    outbox = window.controller.mail_outbox()
    outbox.save_account(smtp_server.account())
    window.outbox_keeper.session_password = PASSWORD      # a PC without a keyring: typed once
    answer_file_dialogs(monkeypatch, folder=tmp_path / "goi")

    def answer(box: QMessageBox) -> int:                  # "Ký số": the default, "Không ký"
        box.defaultButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    opened: list[Path] = []
    monkeypatch.setattr(desktop_open, "open_url", lambda path: opened.append(path) or True)
    errors: list[str] = []
    monkeypatch.setattr(mail_actions, "show_known_error",
                        lambda parent, error, title="": errors.append(error.message))
    shown: list[list[str]] = []

    def look(dialog: OutboxDialog) -> int:
        qtbot.waitUntil(lambda: bool(smtp_server.mailbox.accepted) and window.outbox_keeper.job is None,
                        timeout=30000)
        dialog.refresh()
        shown.append([dialog.ui.table.item(0, col).text() for col in range(3)])
        dialog.copy_mail()
        return 0

    monkeypatch.setattr(OutboxDialog, "exec", look)
    assert window.send_report()
    qtbot.waitUntil(lambda: bool(shown) or bool(errors), timeout=60000)
    assert errors == []
    subject, to, state = shown[0]
    assert subject == "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
    assert to.startswith(PROVINCE) and state.startswith("đã gửi lúc ")
    [received] = smtp_server.mailbox.accepted
    message = email.message_from_bytes(received, policy=policy.default)
    assert {p.get_filename() for p in message.iter_attachments()} >= {"manifest.json"}
    assert window.notice.isVisible() and window.notice.message.text().startswith("Đã gửi: ")
    clipboard = QApplication.clipboard().text()
    assert clipboard.startswith(f"Người nhận: {PROVINCE}") and "Tiêu đề: Báo cáo CCHC" in clipboard
    assert [p.name for p in opened] == ["BC-CCHC_xa-my-an_2026-Q1_r0"], "the package's folder opened"
    # The same revision again: refused, said, nothing sent twice.
    assert window.send_report()
    qtbot.waitUntil(lambda: bool(errors), timeout=60000)
    assert "đã có trong hộp thư đi (đã gửi đi)" in errors[0]
    assert len(smtp_server.mailbox.accepted) == 1
    assert len(outbox.items()) == 1


def test_the_outbox_says_each_state_in_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from cchc_desktop.storage.outbox import OutboxItem

    base = OutboxItem(1, 1, 0, "<m>", PROVINCE, "BC", 10, "waiting", 0, None, "", "",
                      dt.datetime(2026, 12, 2, 9), None)
    assert state_text(base) == "chờ gửi"
    later = dataclasses.replace(base, next_attempt_at=dt.datetime(2026, 12, 2, 9, 5),
                                last_error="Chưa kết nối được máy chủ thư")
    assert state_text(later).startswith("chờ gửi lại lúc ") and "Chưa kết nối" in state_text(later)
    failed = dataclasses.replace(base, state="failed", last_error="Sai mật khẩu.")
    assert state_text(failed) == "lỗi: Sai mật khẩu."
    assert mail_text(b"To: a@b.vn\r\nSubject: x\r\n\r\nnoi dung\r\n").startswith("Người nhận: a@b.vn")


def test_a_package_over_the_accounts_limit_goes_as_several_messages(  # type: ignore[no-untyped-def]
        qtbot, window, sample_report_id, smtp_server, monkeypatch, tmp_path: Path) -> None:
    from cchc_desktop.outbox import mail

    settings = window.controller.unit_settings()
    settings.save_own_unit(dataclasses.replace(settings.own_unit(), superior_email=PROVINCE))
    window.open_report(sample_report_id)
    outbox = window.controller.mail_outbox()
    outbox.save_account(smtp_server.account())
    window.outbox_keeper.session_password = PASSWORD
    answer_file_dialogs(monkeypatch, folder=tmp_path / "goi")
    # The account's server takes 240 kB (a limit in whole MB is too large for the test's package).
    monkeypatch.setattr(mail, "_limit", lambda account, limit: limit or 240_000)
    asked: list[list[str]] = []

    def answer(box: QMessageBox) -> int:
        if "lớn hơn giới hạn" in box.text():              # Thư quá lớn: the clerk splits it
            asked.append([b.text() for b in box.buttons()])
            next(b for b in box.buttons() if b.text() == "Chia thành nhiều thư").click()
        else:
            box.defaultButton().click()                   # "Ký số"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(desktop_open, "open_url", lambda path: True)
    errors: list[str] = []
    monkeypatch.setattr(mail_actions, "show_known_error",
                        lambda parent, error, title="": errors.append(error.message))
    shown: list[list[str]] = []

    def look(dialog: OutboxDialog) -> int:
        qtbot.waitUntil(lambda: len(smtp_server.mailbox.accepted) == len(outbox.items())
                        and window.outbox_keeper.job is None, timeout=30000)
        dialog.refresh()
        shown.extend([dialog.ui.table.item(row, 0).text() for row in range(dialog.ui.table.rowCount())])
        return 0

    monkeypatch.setattr(OutboxDialog, "exec", look)
    assert window.send_report()
    qtbot.waitUntil(lambda: bool(shown) or bool(errors), timeout=60000)
    assert errors == []
    assert sorted(asked[0]) == sorted(["Gửi riêng tệp .zip", "Chia thành nhiều thư", "Hủy"])
    parts = len(outbox.items())
    assert parts >= 2 and len(smtp_server.mailbox.accepted) == parts
    subject = "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
    assert sorted(shown) == sorted(f"{subject} (thư {n}/{parts})"
                                   for n in range(1, parts + 1))
    assert all(len(data) <= 240_000 for data in smtp_server.mailbox.accepted)
