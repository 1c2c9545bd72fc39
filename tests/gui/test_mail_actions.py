"""gui/mail_actions.py: Báo cáo > Gửi báo cáo qua thư sends nothing without an open report and a
data file, asks for the mail account first when there is none, and says where to enter the
superior's address when it is missing; a message too large for the server offers the zip alone
(unless it was that already), several messages, or not to send; what the outbox did is said in
the line above the page, a failure as a warning. Beside tests/gui/test_outbox_window.py, which
sends a report through the outbox to a real SMTP server, split when it is too large."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from cchc_desktop.gui.mail_account_dialog import MailAccountDialog
from cchc_desktop.gui.mail_actions import MailActions
from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.gui.outbox_keeper import OutboxKeeper
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.outbox.runner import Attempt
from cchc_desktop.storage.outbox import OutboxItem
from cchc_desktop.storage.repository import OwnUnit, ReportStore

ACCOUNT = MailAccount(host="smtp.dongthap.gov.vn", user="vanthu@xa-my-an.gov.vn",
                      sender="vanthu@xa-my-an.gov.vn")
SUBJECT = "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)"
TOO_LARGE = "Thư 31,2 MB lớn hơn giới hạn 25 MB của máy chủ thư."


@dataclasses.dataclass
class Mail:
    actions: MailActions
    parent: QWidget
    notice: NoticeBar
    keeper: OutboxKeeper


@pytest.fixture
def mail(qtbot, store: ReportStore) -> Mail:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    notice = NoticeBar(parent)
    keeper = OutboxKeeper(parent)
    controller = ReportController(store, parent)
    return Mail(MailActions(parent, controller, keeper, notice), parent, notice, keeper)


def item(**changes: object) -> OutboxItem:
    base = OutboxItem(id=1, report_id=1, revision=0, message_id="<1@xa-my-an>",
                      recipients="vanthu@snv.dongthap.gov.vn", subject=SUBJECT, size=120_000,
                      state="sent", attempts=1, next_attempt_at=None, last_error="",
                      server_reply="250 2.0.0 Ok", created_at=dt.datetime(2026, 4, 8, 9, 0),
                      sent_at=dt.datetime(2026, 4, 8, 9, 1))
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def answer_box(qtbot, button: str, seen: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    """When the question is up: note its buttons, then click `button`."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Thư quá lớn" and box.text() == TOO_LARGE
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == button).click()

    QTimer.singleShot(0, answer)


def test_nothing_is_sent_without_a_report_or_a_data_file(qtbot, mail: Mail) -> None:  # type: ignore[no-untyped-def]
    assert mail.actions.send(None) is False
    closed = MailActions(mail.parent, ReportController(None, mail.parent), mail.keeper, mail.notice)
    assert closed.send(None) is False
    assert closed.edit_account() is False
    closed.show_outbox()            # no data file, no outbox to show: returns at once
    assert mail.actions.submitter is None


def test_without_an_account_the_account_is_asked_first(qtbot, mail: Mail, store: ReportStore,  # type: ignore[no-untyped-def]
                                                       sample_report_id: int) -> None:
    session = ReportSession(store, sample_report_id)
    asked: list[str] = []

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MailAccountDialog)
        asked.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert mail.actions.send(session) is False
    assert asked == ["Tài khoản thư"]
    assert mail.keeper.outbox is None          # nothing was saved, nothing bound
    assert mail.actions.submitter is None


def test_without_the_superiors_address_it_says_where_to_enter_it(  # type: ignore[no-untyped-def]
        qtbot, mail: Mail, store: ReportStore, commune: OwnUnit, sample_report_id: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert commune.superior_email == ""
    mail.actions.controller.mail_outbox().save_account(ACCOUNT)  # type: ignore[union-attr]
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _parent, title, text: told.append((title, text)))
    assert mail.actions.send(ReportSession(store, sample_report_id)) is False
    assert told == [("Gửi báo cáo qua thư", "Chưa có địa chỉ thư của cơ quan cấp trên: nhập trong "
                                            "Công cụ > Cài đặt, mục đơn vị, rồi gửi lại.")]
    assert mail.actions.submitter is None


def test_an_account_saved_binds_the_outbox(qtbot, mail: Mail) -> None:  # type: ignore[no-untyped-def]
    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MailAccountDialog)
        dialog.ui.host.setText("smtp.dongthap.gov.vn")
        dialog.ui.sender.setText("vanthu@xa-my-an.gov.vn")
        dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save).click()   # "Lưu"

    QTimer.singleShot(0, fill_in)
    assert mail.actions.edit_account() is True
    assert mail.keeper.outbox is not None
    assert mail.keeper.outbox.account().sender == "vanthu@xa-my-an.gov.vn"
    qtbot.waitUntil(lambda: mail.keeper.job is None, timeout=5000)   # its first run: nothing to send
    mail.keeper.bind(None)


@pytest.mark.parametrize(("button", "choice"), [("Gửi riêng tệp .zip", "zip"),
                                                ("Chia thành nhiều thư", "split"), ("Hủy", None)])
def test_a_message_too_large_offers_the_zip_or_several_messages(  # type: ignore[no-untyped-def]
        qtbot, mail: Mail, button: str, choice: str | None) -> None:
    seen: list[list[str]] = []
    answer_box(qtbot, button, seen)
    assert mail.actions.too_large_choice(TOO_LARGE, offer_zip=True) == choice
    assert sorted(seen[0]) == sorted(["Gửi riêng tệp .zip", "Chia thành nhiều thư", "Hủy"])


def test_the_zip_alone_too_large_offers_only_several_messages(qtbot, mail: Mail) -> None:  # type: ignore[no-untyped-def]
    seen: list[list[str]] = []
    answer_box(qtbot, "Chia thành nhiều thư", seen)
    assert mail.actions.too_large_choice(TOO_LARGE, offer_zip=False) == "split"
    assert sorted(seen[0]) == ["Chia thành nhiều thư", "Hủy"]


def test_what_the_outbox_did_is_said_above_the_page(qtbot, mail: Mail) -> None:  # type: ignore[no-untyped-def]
    mail.keeper.ran.emit([Attempt(item(), True, "250 2.0.0 Ok")])
    assert not mail.notice.isHidden()
    assert mail.notice.message.text() == f"Đã gửi: {SUBJECT} (tới vanthu@snv.dongthap.gov.vn)."
    assert mail.notice.message.property("tone") == ""
    waiting = item(state="waiting", sent_at=None)
    mail.keeper.ran.emit([Attempt(waiting, False, "Không kết nối được máy chủ thư: hết thời gian chờ.")])
    assert mail.notice.message.text() == (f"Chưa gửi được {SUBJECT}: Không kết nối được máy chủ "
                                          "thư: hết thời gian chờ.")
    assert mail.notice.message.property("tone") == "warning"
    assert mail.notice.open_file.isHidden() and mail.notice.open_folder.isHidden()


def test_a_mail_not_sent_stays_said_whatever_was_sent_after_it(qtbot, mail: Mail) -> None:  # type: ignore[no-untyped-def]
    waiting = item(state="waiting", sent_at=None)
    other = item(subject="Báo cáo CCHC quý II năm 2026")
    mail.keeper.ran.emit([Attempt(waiting, False, "Không kết nối được máy chủ thư."),
                          Attempt(other, True, "250 2.0.0 Ok")])
    assert mail.notice.message.text() == (f"Đã gửi 1 thư. Chưa gửi được {SUBJECT}: Không kết nối "
                                          "được máy chủ thư.")
    assert mail.notice.message.property("tone") == "warning"
    mail.keeper.ran.emit([Attempt(waiting, False, "Hộp thư đầy."), Attempt(waiting, False, "x")])
    assert mail.notice.message.text() == (f"Chưa gửi được {SUBJECT}: Hộp thư đầy. "
                                          "(và 1 thư khác chưa gửi được)")
    mail.keeper.ran.emit([Attempt(item(), True, "250"), Attempt(other, True, "250")])
    assert mail.notice.message.text() == f"Đã gửi 2 thư: {SUBJECT}; Báo cáo CCHC quý II năm 2026."
    assert mail.notice.message.property("tone") == ""
