"""A date typed the Vietnamese way ("25/9/2026", "25092026") or picked on a Vietnamese calendar.

QDateEdit suits neither the clerk nor an unwritten date: it has no empty value (the
header faked one with 01/01/2000, so its calendar opened on January 2000), it drops
what it cannot read, and it silently turns a half-typed day into another date. Here
the text is read only when the clerk finishes (Enter or leaving the field); a date
that does not exist stays on screen with a red sentence under it and is not saved,
and Esc puts back the saved date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dates import DateParseError, format_vn_date, parse_vn_date
from cchc_desktop.gui.style import set_flag, set_tone
from cchc_desktop.gui.translations import ui_locale
from cchc_desktop.i18n import _


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class CalendarPopup(QFrame):
    """The month view under the field's button, in the UI's language; a click picks the day."""

    picked = Signal(object)   # dt.date

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        layout.addWidget(self.calendar)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)

    def open_on(self, day: dt.date, at: QPoint) -> None:
        locale = ui_locale()
        self.calendar.setLocale(locale)
        self.calendar.setFirstDayOfWeek(locale.firstDayOfWeek())
        self.calendar.setSelectedDate(to_qdate(day))
        self.calendar.setCurrentPage(day.year, day.month)
        self.move(at)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, value: QDate) -> None:
        self.close()
        self.picked.emit(to_date(value))


class DateField(QWidget):
    """A line edit for one date, a calendar button beside it and the message line under it.

    `committed` is emitted with the new date (or None when the field was emptied and
    `allow_empty`) each time the clerk finishes with a date different from the saved one.
    """

    committed = Signal(object)   # dt.date | None

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True,
                 open_on: Callable[[], dt.date] | None = None) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.open_on = open_on or dt.date.today
        self._saved: dt.date | None = None
        self.popup: CalendarPopup | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        row = QHBoxLayout()
        row.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("dateText")
        self.edit.setPlaceholderText(_("dd/mm/yyyy"))
        self.edit.setToolTip(_("Gõ ngày/tháng/năm, ví dụ 25/9/2026, 25/09/2026 hoặc 25092026."))
        self.edit.setMaximumWidth(120)
        self.edit.editingFinished.connect(self.commit_text)
        self.edit.installEventFilter(self)
        row.addWidget(self.edit)
        self.button = QToolButton(self)
        self.button.setObjectName("calendarButton")
        self.button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView))
        self.button.setToolTip(_("Chọn ngày trên lịch"))
        self.button.clicked.connect(self.open_calendar)
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("dateMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.message.hide()
        layout.addWidget(self.message)

    # ------------------------------------------------------------------ reading, showing
    def value(self) -> dt.date | None:
        """The saved date: what the report holds, whatever is on screen."""
        return self._saved

    def text(self) -> str:
        return self.edit.text()

    def set_value(self, day: dt.date | None) -> None:
        """Show `day` as the saved date, without emitting `committed`."""
        self._saved = day
        self.edit.setText(format_vn_date(day))
        self._set_problem(None)

    def problem(self) -> str:
        return self.message.text() if self.message.isVisibleTo(self) else ""

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    # ------------------------------------------------------------------ clerk -> saved date
    def commit_text(self) -> None:
        """Read what is typed; save it if it is a date, else keep it with the reason under it."""
        if self.edit.isReadOnly():
            return
        try:
            day = parse_vn_date(self.edit.text())
        except DateParseError as exc:
            self._set_problem(exc.message)
            return
        if day is None and not self.allow_empty:
            self._set_problem(_("Cần ghi ngày này."))
            return
        self.commit(day)

    def commit(self, day: dt.date | None) -> None:
        """Save `day` as if the clerk had typed it."""
        self._set_problem(None)
        self.edit.setText(format_vn_date(day))
        if day != self._saved:
            self._saved = day
            self.committed.emit(day)

    def restore(self) -> None:
        """Esc: back to the saved date."""
        self.set_value(self._saved)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape \
                and (self.edit.text() != format_vn_date(self._saved) or self.problem()):
            self.restore()
            return True
        return super().eventFilter(watched, event)

    def _set_problem(self, problem: str | None) -> None:
        self.message.setText(problem or "")
        self.message.setVisible(bool(problem))
        set_flag(self.edit, "invalid", problem is not None)

    # ------------------------------------------------------------------ calendar
    def calendar_start(self) -> dt.date:
        """The month the calendar opens on: the date typed or saved, else the field's default."""
        try:
            typed = parse_vn_date(self.edit.text())
        except DateParseError:
            typed = None
        return typed or self._saved or self.open_on()

    def open_calendar(self) -> CalendarPopup:
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self.commit)
        self.popup.open_on(self.calendar_start(),
                           self.edit.mapToGlobal(QPoint(0, self.edit.height())))
        return self.popup
