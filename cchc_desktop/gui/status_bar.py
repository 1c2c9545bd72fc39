"""The status bar: the open report's period and deadline, its status, and whether it is saved.

The window's form (ui/main_window.ui) makes it; the window tells it what is open.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from cchc_desktop.domain.formatting import short_date
from cchc_desktop.gui.autosave import AutoSaver
from cchc_desktop.gui.elided_label import ElidedLabel
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.start_page import days_left_text
from cchc_desktop.i18n import _


class ReportStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Elided when the window is narrow (a laptop at 125%), the whole text in its tool tip:
        # with longer wording it alone would hold the window wider than the screen.
        self.period_label = ElidedLabel(self)
        self.period_label.setObjectName("periodState")
        self.status_label = QLabel(self)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        for label in (self.period_label, self.status_label, self.save_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.addWidget(self.period_label, 1)
        self.addPermanentWidget(self.status_label)
        self.addPermanentWidget(self.save_label)

    def show_report(self, session: ReportSession | None, today: dt.date) -> None:
        if session is None:
            self.period_label.setText(_("Chưa mở báo cáo. Chọn kỳ báo cáo ở trang đầu."))
            self.status_label.setText("")
            self.save_label.setText("")
            return
        period = session.report.period
        self.period_label.setText(
            _("{period} · số liệu từ {start} đến {end} · hạn gửi {deadline} ({left})").format(
                period=period.label, start=short_date(period.start), end=short_date(period.end),
                deadline=short_date(period.deadline),
                left=days_left_text(period, today, session.report.status)))
        self.status_label.setText(_("Trạng thái: {status}").format(status=session.report.status.label))
        self.show_save_state(session.saver)

    def show_save_state(self, saver: AutoSaver) -> None:
        if saver.failing:
            self.save_label.setText(_("Chưa lưu được — sẽ thử lại"))
        elif saver.held:
            self.save_label.setText(_("Chưa lưu: chờ anh/chị chọn giá trị giữ lại"))
        elif saver.pending:
            self.save_label.setText(_("Đang lưu..."))
        elif saver.last_saved is not None:
            self.save_label.setText(_("Đã lưu lúc {time}").format(
                time=saver.last_saved.strftime("%H:%M:%S")))
        else:
            self.save_label.setText(_("Mọi thay đổi được lưu tự động"))
