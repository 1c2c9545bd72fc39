"""Báo cáo > Hộp thư đi: each revision queued, its state in words, and what to do about it.

"chờ gửi" / "chờ gửi lại lúc 17:05 (mất kết nối...)" / "đang gửi" / "đã gửi lúc 02/12/2026
17:03" with the server's answer / "lỗi: <what to do>". Gửi ngay sends what is due; Gửi lại
puts a failed item back once its cause is dealt with; "Sao chép nội dung thư" is for
webmail: the address, the subject and the body go to the clipboard, and the package's
folder is opened (or its path shown when the PC cannot open it). The layout is
ui/outbox_dialog.ui.
"""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.designer.ui_outbox_dialog import Ui_OutboxDialog
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.outbox_keeper import OutboxKeeper
    from cchc_desktop.storage.outbox import OutboxItem


def local(moment: dt.datetime) -> dt.datetime:
    """A UTC time of the data file in the PC's time zone, as the clerk reads clocks."""
    return moment.replace(tzinfo=dt.UTC).astimezone()


def state_text(item: OutboxItem) -> str:
    if item.state == "sent" and item.sent_at is not None:
        return _("đã gửi lúc {time}").format(time=f"{local(item.sent_at):%H:%M %d/%m/%Y}")
    if item.state == "failed":
        return _("lỗi: {reason}").format(reason=item.last_error)
    if item.state == "sending":
        return _("đang gửi")
    if item.next_attempt_at is not None and item.last_error:
        return _("chờ gửi lại lúc {time}: {reason}").format(
            time=f"{local(item.next_attempt_at):%H:%M}", reason=item.last_error)
    return _("chờ gửi")


def mail_text(data: bytes) -> str:
    """To, Subject and the body of a queued message, for pasting into a webmail."""
    message = email.message_from_bytes(data, policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    text = body.get_content() if body is not None else ""
    lines = [_("Người nhận: {to}").format(to=message.get("To", ""))]
    if message.get("Cc"):
        lines.append(_("Đồng gửi: {cc}").format(cc=message["Cc"]))
    lines += [_("Tiêu đề: {subject}").format(subject=message.get("Subject", "")), "", text]
    return "\n".join(lines)


class OutboxDialog(QDialog):
    def __init__(self, keeper: OutboxKeeper, folders: dict[int, Path] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_OutboxDialog()
        ui.setupUi(self)
        self.keeper = keeper
        self.folders = folders or {}      # item id -> the package's folder, when known
        self.items: list[OutboxItem] = []
        header = ui.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Wrapped texts: the rows take their height once the columns have their widths.
        header.sectionResized.connect(lambda *_args: ui.table.resizeRowsToContents())
        ui.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        for button in (ui.sendNow, ui.retry, ui.copyMail):
            ui.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        ui.sendNow.clicked.connect(self.send_now)
        ui.retry.clicked.connect(self.retry)
        ui.copyMail.clicked.connect(self.copy_mail)
        ui.table.itemSelectionChanged.connect(self._selected)
        ui.buttons.rejected.connect(self.reject)
        keeper.ran.connect(lambda _attempts: self.refresh())
        keeper.failed.connect(lambda error: self._say(str(error), "error"))
        self.refresh()

    def refresh(self) -> None:
        outbox = self.keeper.outbox
        self.items = outbox.items() if outbox is not None else []
        table = self.ui.table
        table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            recipients = item.recipients.replace(", ", "\n")   # one address a line
            for col, text in enumerate((item.subject, recipients, state_text(item))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                table.setItem(row, col, cell)
        table.resizeRowsToContents()
        if self.items and not table.selectedItems():
            table.selectRow(0)
        self._selected()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ui.table.resizeRowsToContents()

    def current(self) -> OutboxItem | None:
        row = self.ui.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selected(self) -> None:
        item = self.current()
        self.ui.retry.setEnabled(item is not None and item.state == "failed")
        self.ui.copyMail.setEnabled(item is not None)
        if item is None:
            self._say(_("Hộp thư đi trống."), None)
        elif item.server_reply:
            self._say(_("Máy chủ thư trả lời: {reply}").format(reply=item.server_reply), None)
        else:
            self._say("", None)

    def _say(self, text: str, tone: str | None) -> None:
        self.ui.detail.setText(text)
        set_tone(self.ui.detail, tone)

    def send_now(self) -> bool:
        """Send what is waiting now; asks for the password once when the PC keeps none."""
        keeper = self.keeper
        if keeper.outbox is not None and not keeper.can_send() and keeper.outbox.account().configured:
            password, ok = QInputDialog.getText(self, _("Mật khẩu hộp thư"), _(
                "Mật khẩu của {user} (chỉ giữ đến khi đóng ứng dụng):").format(
                    user=keeper.outbox.account().user), QLineEdit.EchoMode.Password)
            if not ok:
                return False
            keeper.session_password = password
        if keeper.outbox is not None:
            for item in keeper.outbox.items():
                if item.state == "waiting" and item.next_attempt_at is not None:
                    keeper.outbox.requeue_now(item.id)
        started = keeper.run() is not None
        self._say(_("Đang gửi...") if started else _("Không có thư nào đang chờ gửi, hoặc chưa có "
                                                     "tài khoản thư (Công cụ > Tài khoản thư)."),
                  None)
        return started

    def retry(self) -> None:
        item = self.current()
        if item is not None and item.state == "failed" and self.keeper.outbox is not None:
            self.keeper.outbox.requeue(item.id)
            self.refresh()
            self.send_now()

    def copy_mail(self) -> None:
        item = self.current()
        if item is None or self.keeper.outbox is None:
            return
        QGuiApplication.clipboard().setText(mail_text(self.keeper.outbox.message(item.id)))
        folder = self.folders.get(item.id)
        # The files selected in their folder where the platform allows, ready to drag into
        # the webmail's message; else the folder; else its path.
        if folder is not None and not desktop_open.reveal(desktop_open.files_to_attach(folder),
                                                             folder):
            self._say(_("Đã sao chép nội dung thư. Máy tính chưa mở được thư mục; các tệp ở: "
                        "{path}").format(path=folder), "warning")
            return
        self._say(_("Đã sao chép người nhận, tiêu đề và nội dung thư: dán vào hộp thư trên web và "
                    "đính kèm các tệp của gói."), None)
