"""Thông tin báo cáo: the report's own number, date, subject, signer, recipients, dates, precision.

A page like the sections' (first under the report in the tree) and saved the same way: each
edit goes to the report in memory at once and reaches the data file through the session's
AutoSaver within a second, as one write (ReportSession.set_header, last edit wins). Header
edits are not on the undo stack: they are few, short and visible on this one page.

Dates are typed or picked in DateFields (Vietnamese calendar, an empty document date
means "not written yet"); a date that does not exist is not saved. Recipients are
stored bare, once each ("UBND tỉnh Đồng Tháp"): the PDF adds the dashes and "Lưu: VT".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import date_line, document_number
from cchc_desktop.domain.header_checks import default_signing_day, document_date_findings
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.recipients import fold, normalize_recipients, split_recipients
from cchc_desktop.domain.report import DocumentInfo, Signer
from cchc_desktop.domain.usual_recipients import usual_recipients
from cchc_desktop.exchange.text_limits import field_label, length_problem, limit
from cchc_desktop.gui.designer.ui_header_page import Ui_HeaderPage
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.session import Correction
from cchc_desktop.gui.style import set_flag
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.session import ReportSession

HEADER_KEY = "header"


def save_header(session: ReportSession, *, document: DocumentInfo, signer: Signer,
                recipients: list[str], period: Period, precision: int) -> None:
    """The header into the report in memory now, and into the data file through the saver."""
    session.ensure_editable()
    session.set_header(document=document, signer=signer, recipients=normalize_recipients(recipients),
                       period=period, precision=precision)


class _FocusOut(QObject):
    """Calls `callback` when `widget` loses the keyboard focus."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.callback()
        return False


UNLIMITED = 32767   # QLineEdit's own most
CORRECTION_PREFIX = "header/"
SHOWN_CHARACTERS = 60   # of a too-long text, in the findings panel's line


class HeaderPage(SectionPage):
    period_changed = Signal()   # the status bar shows the dates and the days left

    def __init__(self, session: ReportSession, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(HEADER_KEY, parent)
        self.session = session
        self.today = today
        self._loading = False
        # The heading, the four groups and their fixed texts are ui/header_page.ui.
        self.form = QWidget(self.body)
        self.ui = ui = Ui_HeaderPage()
        ui.setupUi(self.form)
        self.add(self.form)
        self.number, self.symbol, self.place, self.subject = ui.number, ui.symbol, ui.place, ui.subject
        self.date, self.date_warning, self.preview = ui.date, ui.dateWarning, ui.headerPreview
        self.authority, self.title, self.signer_name = ui.authority, ui.title, ui.signerName
        self.recipients, self.usual = ui.recipients, ui.usualRecipients
        self.start, self.end, self.deadline = ui.start, ui.end, ui.deadline
        self.defaults, self.precision, self.message = ui.defaultDates, ui.precision, ui.headerMessage
        # No field takes more than the exchange format keeps (storage would refuse it).
        self.limited = ((self.number, "document.number"), (self.symbol, "document.symbol"),
                        (self.place, "document.place"), (self.subject, "document.subject"),
                        (self.authority, "signer.authority"), (self.title, "signer.title"),
                        (self.signer_name, "signer.name"))
        for edit, _kept in self.limited:
            edit.textChanged.connect(self._changed)

        # The document date may be unwritten; the period's dates may not.
        self.date.edit.setPlaceholderText(_("dd/mm/yyyy (chưa ghi ngày)"))
        self.date.open_on = lambda: default_signing_day(self.session.report.period, self.today())
        for field in (self.start, self.end, self.deadline):
            field.allow_empty = False
            field.open_on = self.today
        for field in (self.date, self.start, self.end, self.deadline):
            field.committed.connect(self._changed)
        self.date_warning.hide()

        self.recipients.textChanged.connect(self._changed)
        # Leaving the list shows it as stored: one bare line per recipient.
        self._tidy_on_leave = _FocusOut(self.recipients, self.tidy_recipients)
        self.usual.clicked.connect(self.pick_usual_recipients)

        self.defaults.clicked.connect(self.reset_dates)
        self.defaults.setEnabled(session.report.period.kind is not PeriodKind.ADHOC)
        self.precision.valueChanged.connect(self._changed)
        self.finish()
        self.load()

    # ------------------------------------------------------------------ model <-> widgets
    def load(self) -> None:
        report = self.session.report
        self._loading = True
        try:
            document, signer, period = report.document, report.signer, report.period
            for edit, _kept in self.limited:
                edit.setMaxLength(UNLIMITED)     # setText would cut to the limit set before
            self.number.setText(document.number)
            self.symbol.setText(document.symbol)
            self.place.setText(document.place)
            self.date.set_value(document.date)
            self.subject.setText(document.subject)
            self.authority.setText(signer.authority)
            self.title.setText(signer.title)
            self.signer_name.setText(signer.name)
            for edit, kept in self.limited:
                # A longer text kept by an older version stays whole on screen, never cut
                # unseen: save() then says it is too long until the clerk shortens it.
                edit.setMaxLength(max(limit(kept), len(edit.text())))
            self.recipients.setPlainText("\n".join(report.recipients))
            self.start.set_value(period.start)
            self.end.set_value(period.end)
            self.deadline.set_value(period.deadline)
            self.precision.setValue(report.precision)
        finally:
            self._loading = False
        self.message.clear()
        if (problem := self._mark_too_long()) is not None:
            self.message.setText(problem)
        self._show_preview()
        self._show_date_warnings()

    def _mark_too_long(self) -> str | None:
        """Mark each field holding more than the exchange format keeps, list it among the
        fields being corrected (the findings panel, the check before completing), and return
        the first one's reason; None when every field fits."""
        self.session.clear_corrections(CORRECTION_PREFIX)
        if self.session.locked:
            return None     # a final report is read, not corrected (its export says the rest)
        first = None
        fields: list[tuple[QWidget, str, str]] = [
            (edit, kept, edit.text().strip()) for edit, kept in self.limited]
        fields += [(self.recipients, "recipient", line) for line in self.recipient_lines()]
        marked: set[int] = set()
        for widget, kept, text in fields:
            problem = length_problem(kept, text)
            if problem is None:
                continue
            first = first or problem
            marked.add(id(widget))
            shown = text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS - 1] + "…"
            self.session.set_correction(Correction(f"{CORRECTION_PREFIX}{kept}", field_label(kept),
                                                   shown, problem, HEADER_KEY))
        for widget in {id(w): w for w, _kept, _text in fields}.values():
            set_flag(widget, "invalid", id(widget) in marked)
        return first

    def document(self) -> DocumentInfo:
        return DocumentInfo(self.number.text().strip(), self.symbol.text().strip(),
                            self.place.text().strip(), self.date.value(), self.subject.text().strip())

    def signer(self) -> Signer:
        return Signer(self.authority.text().strip(), self.title.text().strip(),
                      self.signer_name.text().strip())

    def recipient_lines(self) -> list[str]:
        """The recipients as stored: bare, once each, the clerk's "Lưu: ..." line last."""
        return normalize_recipients(self.recipients.toPlainText().splitlines())

    def period(self) -> Period:
        """The period with the dates on the page; raises (ReportError) if they do not fit."""
        current = self.session.report.period
        return Period(current.year, current.kind, self.start.value() or current.start,
                      self.end.value() or current.end, self.deadline.value() or current.deadline)

    def save(self) -> None:
        try:
            period = self.period()
        except KnownError as exc:
            self.message.setText(exc.message)
            return
        recipients = self.recipient_lines()
        # A text longer than the format keeps is not saved (nor anything with it): the field
        # is marked, listed among those being corrected, the data file keeps what it had.
        if (problem := self._mark_too_long()) is not None:
            self.message.setText(problem)
            return
        self.message.clear()
        old = self.session.report.period
        save_header(self.session, document=self.document(), signer=self.signer(),
                    recipients=recipients, period=period,
                    precision=self.precision.value())
        self._show_preview()
        self._show_date_warnings()
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

    def _show_date_warnings(self) -> None:
        """The document-date warnings of the findings, under the date where they are fixed."""
        text = "\n".join(f.message for f in document_date_findings(self.session.report))
        self.date_warning.setText(text)
        self.date_warning.setVisible(bool(text))

    # ------------------------------------------------------------------ recipients
    def tidy_recipients(self) -> None:
        if self.recipients.isReadOnly():
            return
        tidy = "\n".join(self.recipient_lines())
        if tidy != self.recipients.toPlainText().strip():
            self._loading = True
            try:
                self.recipients.setPlainText(tidy)
            finally:
                self._loading = False

    def usual_recipient_choices(self) -> list[str]:
        return usual_recipients(self.session.report.unit)

    def add_recipients(self, lines: list[str]) -> None:
        """Append `lines` not yet in the list, before the clerk's "Lưu: ..." line if any."""
        names, keep = split_recipients(self.recipients.toPlainText().splitlines())
        known = {fold(name) for name in names}
        names += [line for line in lines if fold(line) not in known]
        self.recipients.setPlainText("\n".join(names + ([keep] if keep else [])))

    def pick_usual_recipients(self) -> None:
        dialog = UsualRecipientsDialog(self.usual_recipient_choices(), self.recipient_lines(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_recipients(dialog.chosen())

    def reset_dates(self) -> None:
        period = self.session.report.period
        if period.kind is PeriodKind.ADHOC:
            return
        rule = Period.default(period.year, period.kind)
        self.start.set_value(rule.start)
        self.end.set_value(rule.end)
        self.deadline.set_value(rule.deadline)
        self._changed()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        for edit in (self.number, self.symbol, self.place, self.subject, self.authority,
                     self.title, self.signer_name):
            edit.setReadOnly(read_only)
        self.recipients.setReadOnly(read_only)
        self.usual.setEnabled(not read_only)
        for date in (self.date, self.start, self.end, self.deadline):
            date.set_read_only(read_only)
        self.precision.setReadOnly(read_only)
        self.defaults.setEnabled(not read_only and
                                 self.session.report.period.kind is not PeriodKind.ADHOC)


class UsualRecipientsDialog(QDialog):
    """A checklist of the usual recipients of the unit's level; those already listed are ticked."""

    def __init__(self, choices: list[str], present: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usualRecipientsDialog")
        self.setWindowTitle(_("Nơi nhận thường dùng"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Đánh dấu các nơi nhận cần thêm; sửa lại tên trong danh sách nếu "
                                  "cần (dòng có \"...\" cần ghi thêm tên)."), self))
        self.list = QListWidget(self)
        self.list.setObjectName("choices")
        known = {fold(line) for line in present}
        for line in choices:
            item = QListWidgetItem(line, self.list)
            listed = fold(line) in known
            item.setCheckState(Qt.CheckState.Checked if listed else Qt.CheckState.Unchecked)
            if listed:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(_("Đã có trong danh sách nơi nhận."))
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        """The ticked lines not yet in the list, in the list's order."""
        items = [self.list.item(row) for row in range(self.list.count())]
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked
                and item.flags() & Qt.ItemFlag.ItemIsEnabled]
