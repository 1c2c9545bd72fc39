"""Báo cáo > Gửi báo cáo qua thư, Hộp thư đi and Tài khoản thư, for the window.

Sending packages the report (gui/submit_dialog.py), puts its message into the data file's
outbox off the GUI thread, and shows the outbox; gui/outbox_keeper.py then sends it when it
can, and what it did is said in the line above the page. The window keeps the menu's names
(send_report, show_outbox, edit_mail_account) as hand-offs to this object.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.errors import show_error, show_known_error
from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.gui.outbox_keeper import OutboxKeeper
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.submit_dialog import Submitter
from cchc_desktop.gui.worker import run_while_busy
from cchc_desktop.i18n import _

if TYPE_CHECKING:  # SQLAlchemy and the mail modules load after the window is shown (see app.run)
    from cchc_desktop.outbox.runner import Attempt
    from cchc_desktop.storage.outbox import OutboxItem
    from cchc_desktop.submission.submit import Submission


class MailActions:
    """The window's mail: one packaging for the outbox at a time, the outbox's dialogs."""

    def __init__(self, parent: QWidget, controller: ReportController, keeper: OutboxKeeper,
                 notice: NoticeBar) -> None:
        self.parent = parent
        self.controller = controller
        self.keeper = keeper
        self.notice = notice
        self.package_folders: dict[int, Path] = {}   # outbox item -> its package's folder
        self.submitter: Submitter | None = None
        keeper.ran.connect(self.outbox_ran)

    def send(self, session: ReportSession | None) -> bool:
        """The package of this revision, into the outbox."""
        outbox = self.controller.mail_outbox()
        if session is None or outbox is None:
            return False
        if not outbox.account().configured and not self.edit_account():
            return False
        own = session.own_unit()
        to = own.superior_email if own is not None else ""
        if not to:
            QMessageBox.information(self.parent, _("Gửi báo cáo qua thư"), _(
                "Chưa có địa chỉ thư của cơ quan cấp trên: nhập trong Công cụ > Cài đặt, mục đơn "
                "vị, rồi gửi lại."))
            return False
        self.submitter = Submitter(self.parent, then=lambda made: self.queue(session, made, to))
        return self.submitter.start(session) is not None

    def queue(self, session: ReportSession, made: Submission, to: str, zip_only: bool = False,
              split: bool = False) -> None:
        """The package's message into the outbox, built off the GUI thread (the package is
        checked again first: its signature and workbook read back), then the outbox shown."""
        outbox = self.controller.mail_outbox()
        assert outbox is not None

        def task(_progress: object) -> OutboxItem:
            return outbox.queue(session.report_id, made.package.zip_path, to=to, zip_only=zip_only,
                                split=split)

        def queued(item: OutboxItem) -> None:
            self.package_folders[item.id] = made.package.folder
            self.keeper.run()
            self.show_outbox()

        def refused(error: BaseException) -> None:
            # Start-up time: the mail modules are loaded by now (the task imported them).
            from cchc_desktop.outbox.mail import TooLargeError

            if isinstance(error, TooLargeError) and not split:
                choice = self.too_large_choice(error.message, offer_zip=not zip_only)
                if choice is not None:
                    self.queue(session, made, to, zip_only=choice == "zip", split=choice == "split")
            elif isinstance(error, KnownError):
                show_known_error(self.parent, error, _("Chưa đưa vào hộp thư đi"))
            else:
                show_error(self.parent, error, _("Chưa đưa vào hộp thư đi"))

        run_while_busy(self.parent, _("Gửi báo cáo qua thư"), _("Đang kiểm tra gói và soạn thư..."),
                       task, on_success=queued, on_failure=refused)

    def too_large_choice(self, message: str, *, offer_zip: bool) -> str | None:
        """A message too large for the account's server: the zip alone, several messages, or not."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Thư quá lớn"), message, parent=self.parent)
        zip_button = box.addButton(_("Gửi riêng tệp .zip"), QMessageBox.ButtonRole.AcceptRole) \
            if offer_zip else None
        split_button = box.addButton(_("Chia thành nhiều thư"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Hủy"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        if zip_button is not None and clicked is zip_button:
            return "zip"
        return "split" if clicked is split_button else None

    def show_outbox(self) -> None:
        # Start-up time: the outbox's dialog loads when first shown.
        from cchc_desktop.gui.outbox_dialog import OutboxDialog

        if self.controller.mail_outbox() is None:
            return
        dialog = OutboxDialog(self.keeper, self.package_folders, self.parent)
        dialog.exec()
        dialog.deleteLater()

    def edit_account(self) -> bool:
        # Start-up time: the account's dialog loads when first shown.
        from cchc_desktop.gui.mail_account_dialog import edit_mail_account

        outbox = self.controller.mail_outbox()
        if outbox is None or not edit_mail_account(self.parent, outbox):
            return False
        self.keeper.bind(outbox)
        return True

    def outbox_ran(self, attempts: list[Attempt]) -> None:
        """What the outbox did, said in the line above the page: a mail not sent stays said
        whatever was sent after it in the same run."""
        sent = [a for a in attempts if a.sent]
        failed = [a for a in attempts if not a.sent]
        if failed:
            text = _("Chưa gửi được {subject}: {reason}").format(
                subject=failed[0].item.subject, reason=failed[0].message)
            if len(failed) > 1:
                text += " " + _("(và {n} thư khác chưa gửi được)").format(n=len(failed) - 1)
            if sent:
                text = _("Đã gửi {n} thư.").format(n=len(sent)) + " " + text
            self.notice.show_text(text, warning=True)
        elif len(sent) == 1:
            self.notice.show_text(_("Đã gửi: {subject} (tới {to}).").format(
                subject=sent[0].item.subject, to=sent[0].item.recipients))
        elif sent:
            self.notice.show_text(_("Đã gửi {n} thư: {subjects}.").format(
                n=len(sent), subjects="; ".join(a.item.subject for a in sent)))
