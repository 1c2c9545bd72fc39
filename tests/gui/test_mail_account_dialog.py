"""gui/mail_account_dialog.py: Công cụ > Tài khoản thư shows the account and its password, moves
the port to the usual one of the connection kind (not a port the clerk chose), refuses to save
a wrong field with the reason under the form, sends a trial message to a real SMTP server
(tests/smtp_server.py) off the GUI thread and shows the server's answer or what went wrong; on
"Lưu" the account is kept in the data file, and a PC without a keyring says the password will be
asked each time. Beside tests/gui/test_outbox_window.py, which sends a report with an account
saved directly."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from cchc_desktop.gui.mail_account_dialog import MailAccountDialog, edit_mail_account
from cchc_desktop.gui.services import MailOutbox
from cchc_desktop.outbox.account import MailAccount
from cchc_desktop.storage.repository import ReportStore
from tests.gui.helpers import type_text
from tests.smtp_server import PASSWORD, USER, smtp_server

__all__ = ["smtp_server"]
ACCOUNT = MailAccount(host="smtp.dongthap.gov.vn", port=587, security="starttls",
                      user="vanthu.xamyan", sender="vanthu@xa-my-an.gov.vn", cc="luu@xa-my-an.gov.vn",
                      limit_mb=20, read_receipt=True, cafile="/etc/ssl/so-tttt.pem")


def dialog_of(qtbot, account: MailAccount = ACCOUNT, password: str | None = "bí-mật") -> MailAccountDialog:  # type: ignore[no-untyped-def]
    dialog = MailAccountDialog(account, password)
    qtbot.addWidget(dialog)
    return dialog


def save(qtbot, dialog: MailAccountDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save),
                     Qt.MouseButton.LeftButton)


def test_the_form_shows_the_account(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot)
    ui = dialog.ui
    assert dialog.windowTitle() == "Tài khoản thư"
    assert (ui.host.text(), ui.port.value(), ui.user.text(), ui.password.text()) == (
        "smtp.dongthap.gov.vn", 587, "vanthu.xamyan", "bí-mật")
    assert [ui.security.itemText(i) for i in range(ui.security.count())] == [
        "STARTTLS (cổng 587)", "SSL/TLS (cổng 465)", "Không mã hóa (máy chủ nội bộ)"]
    assert ui.security.currentData() == "starttls"
    assert (ui.sender.text(), ui.cc.text(), ui.limit.value()) == ("vanthu@xa-my-an.gov.vn",
                                                                  "luu@xa-my-an.gov.vn", 20)
    assert ui.readReceipt.isChecked()
    assert {b.text() for b in ui.buttons.buttons()} == {"Lưu", "Hủy", "Gửi &thử"}
    assert dialog_of(qtbot, MailAccount(), None).ui.password.text() == ""


def test_the_usual_port_follows_the_connection_kind_unless_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot)
    ui = dialog.ui
    ui.security.setCurrentIndex(ui.security.findData("ssl"))
    assert ui.port.value() == 465
    ui.security.setCurrentIndex(ui.security.findData("none"))
    assert ui.port.value() == 25
    ui.port.setValue(2525)                       # the office relay's own port
    ui.security.setCurrentIndex(ui.security.findData("starttls"))
    assert ui.port.value() == 2525


def test_a_wrong_field_is_said_and_nothing_is_saved(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot)
    dialog.show()
    dialog.ui.host.clear()
    type_text(dialog.ui.host, "smtp tỉnh")
    save(qtbot, dialog)
    assert dialog.ui.result.text() == "Máy chủ thư (SMTP) không hợp lệ: smtp tỉnh."
    assert dialog.ui.result.property("tone") == "error"
    assert dialog.chosen is None and dialog.isVisible()
    dialog.ui.host.setText("smtp.dongthap.gov.vn")
    dialog.ui.sender.setText("van thu@xa-my-an")
    save(qtbot, dialog)
    assert dialog.ui.result.text() == "Địa chỉ gửi thư không hợp lệ: van thu@xa-my-an."


def test_saving_keeps_the_form_and_what_it_does_not_show(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot)
    dialog.show()
    dialog.ui.host.setText("  mail.dongthap.gov.vn ")
    dialog.ui.readReceipt.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        save(qtbot, dialog)
    assert dialog.chosen == dataclasses.replace(ACCOUNT, host="mail.dongthap.gov.vn",
                                                read_receipt=False)
    assert dialog.chosen.cafile == "/etc/ssl/so-tttt.pem"     # not on the form, kept
    assert dialog.password() == "bí-mật" and dialog.keep_password()


def test_a_trial_message_reaches_the_server(qtbot, smtp_server) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, smtp_server.account(), PASSWORD)
    job = dialog.send_trial()
    assert job is not None
    assert dialog.ui.result.text() == "Đang gửi thư thử tới vanthu@xa-my-an.gov.vn..."
    assert not dialog.ui.testButton.isEnabled()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)  # a loaded CI machine
    assert dialog.ui.result.text() == ("Đã gửi thư thử tới vanthu@xa-my-an.gov.vn; máy chủ trả "
                                       "lời: 250 2.0.0 Ok: queued")
    assert dialog.ui.result.property("tone") == "computed"
    assert dialog.ui.testButton.isEnabled()
    assert len(smtp_server.mailbox.accepted) == 1
    assert smtp_server.mailbox.envelopes[0][1] == ["vanthu@xa-my-an.gov.vn"]


def test_a_wrong_password_is_said(qtbot, smtp_server) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, smtp_server.account(), "mật-khẩu-sai")
    dialog.send_trial()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)  # a loaded CI machine
    assert dialog.ui.result.text().startswith(
        "Gửi thử không được: Máy chủ thư không nhận tên đăng nhập hoặc mật khẩu (")
    assert dialog.ui.result.property("tone") == "error"
    assert smtp_server.mailbox.accepted == []


def test_a_trial_of_a_wrong_account_is_not_sent(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, dataclasses.replace(ACCOUNT, sender="vanthu"))
    assert dialog.send_trial() is None
    assert dialog.ui.result.text() == "Địa chỉ gửi thư không hợp lệ: vanthu."
    assert dialog.ui.testButton.isEnabled()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """keyring's own backend of a PC without a keyring, whatever the test machine has: no
    password of the tests goes into a developer's real keyring."""
    before = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def test_lưu_keeps_the_account_in_the_data_file(qtbot, store: ReportStore, no_keyring: None,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    outbox = MailOutbox(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MailAccountDialog)
        assert dialog.ui.host.text() == "" and dialog.ui.password.text() == ""
        dialog.ui.host.setText("smtp.dongthap.gov.vn")
        dialog.ui.user.setText(USER)
        dialog.ui.sender.setText("vanthu@xa-my-an.gov.vn")
        dialog.ui.password.setText("bí-mật")
        save(qtbot, dialog)

    QTimer.singleShot(0, fill_in)
    assert edit_mail_account(parent, outbox) is True
    saved = outbox.account()
    assert (saved.host, saved.user, saved.sender, saved.port) == (
        "smtp.dongthap.gov.vn", USER, "vanthu@xa-my-an.gov.vn", 587)
    # A PC without a keyring: the password is asked each time instead.
    [said] = told
    assert said.startswith("Không lưu được mật khẩu vào kho mật khẩu của hệ điều hành (")
    assert said.endswith("); mật khẩu sẽ được hỏi mỗi lần gửi.")
    assert "bí-mật" not in (store.setting("mail_account") or "")


def test_hủy_changes_nothing(qtbot, store: ReportStore, no_keyring: None) -> None:  # type: ignore[no-untyped-def]
    outbox = MailOutbox(store)
    outbox.save_account(ACCOUNT)
    parent = QWidget()
    qtbot.addWidget(parent)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MailAccountDialog)
        dialog.ui.host.setText("smtp.khac.gov.vn")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    assert edit_mail_account(parent, outbox) is False
    assert outbox.account() == ACCOUNT
