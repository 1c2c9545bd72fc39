"""Thông tin báo cáo: the report's own number, date, subject, signer, recipients, dates, precision.

A page like the sections' (first under the report in the tree) and saved the same way: each
edit goes to the report in memory at once and reaches the data file through the session's
AutoSaver within a second, as one `store.update_header` call (last edit wins). Header edits
are not on the undo stack: they are few, short and visible on this one page.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import date_line, document_number
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import DocumentInfo, Signer
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.session import ReportSession

HEADER_KEY = "header"
DATE_FORMAT = "dd/MM/yyyy"
NO_DATE = QDate(2000, 1, 1)   # the minimum of the document date: shown as "not written yet"


def _qdate(day: dt.date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else NO_DATE


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def save_header(session: ReportSession, *, document: DocumentInfo, signer: Signer,
                recipients: list[str], period: Period, precision: int) -> None:
    """The header into the report in memory now, and into the data file through the saver."""
    session.ensure_editable()
    report = session.report
    report.document, report.signer, report.recipients = document, signer, list(recipients)
    report.period, report.precision = period, precision
    store, report_id = session.store, session.report_id
    session.saver.queue(("header",), lambda: store.update_header(
        report_id, document=document, signer=signer, recipients=list(recipients), period=period,
        precision=precision))
    session.refresh()


class HeaderPage(SectionPage):
    period_changed = Signal()   # the status bar shows the dates and the days left

    def __init__(self, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(HEADER_KEY, parent)
        self.session = session
        self._loading = False
        self.add_heading(_("Thông tin báo cáo"))
        self.add_help(_("Số, ngày, trích yếu, người ký và nơi nhận in ở đầu và cuối báo cáo; thời "
                        "gian lấy số liệu và hạn gửi theo quy định, sửa được cho từng báo cáo. "
                        "Thay đổi được lưu tự động."))

        document = QGroupBox(_("Văn bản"), self.body)
        form = QFormLayout(document)
        self.number = self._line(_("Số"), "number", form)
        self.number.setMaximumWidth(120)
        self.symbol = self._line(_("Ký hiệu"), "symbol", form)
        self.symbol.setMaximumWidth(220)
        self.place = self._line(_("Địa danh"), "place", form)
        self.date = self._date("date")
        self.date.setMinimumDate(NO_DATE)
        self.date.setSpecialValueText(_("(chưa ghi ngày)"))
        form.addRow(_("Ngày ban hành"), self.date)
        self.subject = self._line(_("Trích yếu"), "subject", form)
        self.preview = QLabel(document)
        self.preview.setObjectName("headerPreview")
        self.preview.setStyleSheet("color: #5f6368;")
        form.addRow("", self.preview)
        self.add(document)

        signer = QGroupBox(_("Người ký"), self.body)
        form = QFormLayout(signer)
        self.authority = self._line(_("Thẩm quyền ký"), "authority", form)
        self.authority.setPlaceholderText(_("TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH..."))
        self.title = self._line(_("Chức vụ"), "title", form)
        self.signer_name = self._line(_("Họ và tên"), "signerName", form)
        self.add(signer)

        recipients = QGroupBox(_("Nơi nhận (mỗi dòng một nơi)"), self.body)
        box = QHBoxLayout(recipients)
        self.recipients = QPlainTextEdit(recipients)
        self.recipients.setObjectName("recipients")
        self.recipients.setTabChangesFocus(True)
        self.recipients.setFixedHeight(110)
        self.recipients.textChanged.connect(self._changed)
        box.addWidget(self.recipients)
        self.add(recipients)

        dates = QGroupBox(_("Thời gian lấy số liệu và hạn gửi"), self.body)
        form = QFormLayout(dates)
        self.start = self._date("start")
        self.end = self._date("end")
        self.deadline = self._date("deadline")
        form.addRow(_("Từ ngày"), self.start)
        form.addRow(_("Đến ngày"), self.end)
        form.addRow(_("Hạn gửi"), self.deadline)
        self.defaults = QPushButton(_("Theo quy định"), dates)
        self.defaults.setObjectName("defaultDates")
        self.defaults.setToolTip(_("Đặt lại ngày theo Nghị định 09/2019/NĐ-CP và hướng dẫn "
                                   "581/BNV-CCHC."))
        self.defaults.clicked.connect(self.reset_dates)
        self.defaults.setEnabled(session.report.period.kind is not PeriodKind.ADHOC)
        form.addRow("", self.defaults)
        self.precision = QSpinBox(dates)
        self.precision.setObjectName("precision")
        self.precision.setRange(0, 2)
        self.precision.setMaximumWidth(80)
        self.precision.valueChanged.connect(self._changed)
        form.addRow(_("Số chữ số thập phân của tỷ lệ"), self.precision)
        self.message = QLabel(dates)
        self.message.setObjectName("headerMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow("", self.message)
        self.add(dates)
        self.finish()
        self.load()

    def _line(self, label: str, name: str, form: QFormLayout) -> QLineEdit:
        edit = QLineEdit(self.body)
        edit.setObjectName(name)
        edit.textChanged.connect(self._changed)
        form.addRow(label, edit)
        return edit

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(self.body)
        edit.setObjectName(name)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setCalendarPopup(True)
        edit.setMaximumWidth(160)
        edit.dateChanged.connect(self._changed)
        return edit

    # ------------------------------------------------------------------ model <-> widgets
    def load(self) -> None:
        report = self.session.report
        self._loading = True
        try:
            document, signer, period = report.document, report.signer, report.period
            self.number.setText(document.number)
            self.symbol.setText(document.symbol)
            self.place.setText(document.place)
            self.date.setDate(_qdate(document.date))
            self.subject.setText(document.subject)
            self.authority.setText(signer.authority)
            self.title.setText(signer.title)
            self.signer_name.setText(signer.name)
            self.recipients.setPlainText("\n".join(report.recipients))
            self.start.setDate(_qdate(period.start))
            self.end.setDate(_qdate(period.end))
            self.deadline.setDate(_qdate(period.deadline))
            self.precision.setValue(report.precision)
        finally:
            self._loading = False
        self.message.clear()
        self._show_preview()

    def document(self) -> DocumentInfo:
        day = None if self.date.date() == NO_DATE else _pydate(self.date.date())
        return DocumentInfo(self.number.text().strip(), self.symbol.text().strip(),
                            self.place.text().strip(), day, self.subject.text().strip())

    def signer(self) -> Signer:
        return Signer(self.authority.text().strip(), self.title.text().strip(),
                      self.signer_name.text().strip())

    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.toPlainText().splitlines() if line.strip()]

    def period(self) -> Period:
        """The period with the dates on the page; raises (ReportError) if they do not fit."""
        current = self.session.report.period
        return Period(current.year, current.kind, _pydate(self.start.date()),
                      _pydate(self.end.date()), _pydate(self.deadline.date()))

    def save(self) -> None:
        try:
            period = self.period()
        except KnownError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        old = self.session.report.period
        save_header(self.session, document=self.document(), signer=self.signer(),
                    recipients=self.recipient_lines(), period=period,
                    precision=self.precision.value())
        self._show_preview()
        if period != old:
            self.period_changed.emit()

    def _changed(self, *_args: object) -> None:
        if not self._loading and not self.session.locked:
            self.save()

    def _show_preview(self) -> None:
        document = self.document()
        line = document_number(document.number, document.symbol or "BC")
        if document.date is not None:
            line += "   " + date_line(document.place, document.date)
        self.preview.setText(line)

    def reset_dates(self) -> None:
        period = self.session.report.period
        if period.kind is PeriodKind.ADHOC:
            return
        rule = Period.default(period.year, period.kind)
        self._loading = True
        try:
            self.start.setDate(_qdate(rule.start))
            self.end.setDate(_qdate(rule.end))
            self.deadline.setDate(_qdate(rule.deadline))
        finally:
            self._loading = False
        self._changed()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for edit in (self.number, self.symbol, self.place, self.subject, self.authority,
                     self.title, self.signer_name):
            edit.setReadOnly(read_only)
        self.recipients.setReadOnly(read_only)
        for date in (self.date, self.start, self.end, self.deadline):
            date.setReadOnly(read_only)
        self.precision.setReadOnly(read_only)
        self.defaults.setEnabled(not read_only and
                                 self.session.report.period.kind is not PeriodKind.ADHOC)
