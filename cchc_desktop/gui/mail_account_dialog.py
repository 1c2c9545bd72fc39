"""Công cụ > Tài khoản thư: the SMTP account, a trial message, the password to the OS keyring.

The layout is ui/mail_account_dialog.ui. "Gửi thử" sends a short message from the account to
itself off the GUI thread and shows the server's answer, or what to fix, under the form.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.designer.ui_mail_account_dialog import Ui_MailAccountDialog
from cchc_desktop.gui.style import set_tone
from cchc_desktop.gui.worker import BackgroundTask, run_in_background
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.services import MailOutbox
    from cchc_desktop.outbox.account import MailAccount

USUAL_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailAccountDialog(QDialog):
    def __init__(self, account: MailAccount, password: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_MailAccountDialog()
        ui.setupUi(self)
        self.base = account
        self.job: BackgroundTask | None = None
        for key, label in (("starttls", _("STARTTLS (cổng 587)")), ("ssl", _("SSL/TLS (cổng 465)")),
                           ("none", _("Không mã hóa (máy chủ nội bộ)"))):
            ui.security.addItem(label, key)
        ui.host.setText(account.host)
        ui.port.setValue(account.port)
        ui.security.setCurrentIndex(max(0, ui.security.findData(account.security)))
        ui.user.setText(account.user)
        ui.password.setText(password or "")
        ui.sender.setText(account.sender)
        ui.cc.setText(account.cc)
        ui.limit.setValue(account.limit_mb)
        ui.readReceipt.setChecked(account.read_receipt)
        ui.security.currentIndexChanged.connect(self._usual_port)
        ui.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Lưu"))
        ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Hủy"))
        ui.buttons.addButton(ui.testButton, QDialogButtonBox.ButtonRole.ActionRole)
        ui.testButton.clicked.connect(self.send_trial)
        ui.buttons.accepted.connect(self._save)
        ui.buttons.rejected.connect(self.reject)
        self.chosen: MailAccount | None = None

    def _usual_port(self) -> None:
        if self.ui.port.value() in USUAL_PORTS.values():
            self.ui.port.setValue(USUAL_PORTS[str(self.ui.security.currentData())])

    def account(self) -> MailAccount:
        """What the form says, checked (KnownError naming the field that is wrong)."""
        ui = self.ui
        return dataclasses.replace(
            self.base, host=ui.host.text(), port=ui.port.value(),
            security=str(ui.security.currentData()), user=ui.user.text(), sender=ui.sender.text(),
            cc=ui.cc.text(), limit_mb=ui.limit.value(), read_receipt=ui.readReceipt.isChecked(),
        ).checked()

    def password(self) -> str:
        return self.ui.password.text()

    def keep_password(self) -> bool:
        return self.ui.keepPassword.isChecked()

    def _say(self, text: str, tone: str | None) -> None:
        self.ui.result.setText(text)
        set_tone(self.ui.result, tone)

    def _save(self) -> None:
        try:
            self.chosen = self.account()
        except KnownError as exc:
            self._say(exc.message, "error")
            return
        self.accept()

    def send_trial(self) -> BackgroundTask | None:
        try:
            account = self.account()
        except KnownError as exc:
            self._say(exc.message, "error")
            return None
        password = self.password()
        self._say(_("Đang gửi thư thử tới {address}...").format(address=account.sender), None)
        self.ui.testButton.setEnabled(False)

        def task(_progress: object) -> str:
            # The mail modules load with the first trial, not with the window.
            from cchc_desktop.outbox.mail import trial_mail
            from cchc_desktop.outbox.smtp_client import send_message

            return send_message(account, password, trial_mail(account), [account.sender])

        def done(reply: str) -> None:
            self.job = None
            self.ui.testButton.setEnabled(True)
            self._say(_("Đã gửi thư thử tới {address}; máy chủ trả lời: {reply}").format(
                address=account.sender, reply=reply), "computed")

        def failed(error: BaseException) -> None:
            self.job = None
            self.ui.testButton.setEnabled(True)
            text = error.message if isinstance(error, KnownError) else str(error)
            self._say(_("Gửi thử không được: {reason}").format(reason=text), "error")

        self.job = run_in_background(task, on_success=done, on_failure=failed, parent=self)
        return self.job


def edit_mail_account(parent: QWidget, outbox: MailOutbox) -> bool:
    """Show the dialog; on "Lưu" keep the account in the data file, the password in the keyring."""
    # The keyring's backends load only here.
    from cchc_desktop.outbox.account import keep_password, stored_password

    current = outbox.account()
    dialog = MailAccountDialog(current, stored_password(current) if current.configured else None,
                               parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return False
        outbox.save_account(dialog.chosen)
        if dialog.keep_password() and dialog.password():
            try:
                keep_password(dialog.chosen, dialog.password())
            except KnownError as exc:
                QMessageBox.information(parent, _("Tài khoản thư"), exc.message)
        return True
    finally:
        dialog.deleteLater()
