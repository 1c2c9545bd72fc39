"""The start page: this year's reports of the own unit, what is due, one click to start or open."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.periods import REGULAR_KINDS, Period, PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.style import colour, set_tone
from cchc_desktop.i18n import N_, _

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import ReportSummary

CENTER = Qt.AlignmentFlag.AlignCenter


def days_left_text(period: Period, today: dt.date, status: ReportStatus | None) -> str:
    if status is ReportStatus.SUBMITTED:
        return _("đã gửi")
    days = period.days_left(today)
    if days > 0:
        return _("còn {n} ngày").format(n=days)
    if days == 0:
        return _("hết hạn hôm nay")
    return _("quá hạn {n} ngày").format(n=-days)


class StartPage(QWidget):
    open_requested = Signal(int, str)   # year, period kind
    setup_requested = Signal()

    # Short headers over the dates: "Số liệu từ ngày" was wider than its dates and, on a
    # 1366-pixel laptop between the docks, left the period too little room ("Quý I năm" over
    # "2026"). The header's tool tip says it in full.
    COLUMNS = (N_("Kỳ báo cáo"), N_("Từ ngày"), N_("Đến ngày"), N_("Hạn gửi"),
               N_("Thời hạn"), N_("Trạng thái"), "")
    COLUMN_TIPS = ((1, N_("Ngày đầu của thời gian lấy số liệu")),
                   (2, N_("Ngày cuối của thời gian lấy số liệu")))

    def __init__(self, controller: ReportController, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.controller = controller
        controller.store_changed.connect(self.refresh)
        self.today = today
        self.year = today.year
        self.buttons: dict[str, QPushButton] = {}
        self.due_button: QPushButton | None = None   # the period to do next, where Space starts it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 20, 16, 20)
        layout.setSpacing(12)
        self.title = QLabel(self)
        set_tone(self.title, "title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.unit_line = QLabel(self)
        self.unit_line.setWordWrap(True)
        set_tone(self.unit_line, "subtitle")
        layout.addWidget(self.unit_line)
        years = QHBoxLayout()
        self.previous_year = QPushButton(self)
        self.next_year = QPushButton(self)
        self.previous_year.clicked.connect(lambda: self.show_year(self.year - 1))
        self.next_year.clicked.connect(lambda: self.show_year(self.year + 1))
        years.addWidget(self.previous_year)
        years.addWidget(self.next_year)
        years.addStretch(1)
        layout.addLayout(years)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("periods")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setDefaultSectionSize(40)
        # A period's label stays on one line: the rows are one line high.
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        set_tone(self.hint, "muted")
        layout.addWidget(self.hint)
        self.setup_button = QPushButton(self)
        self.setup_button.clicked.connect(self.setup_requested)
        layout.addWidget(self.setup_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.refresh()

    def show_year(self, year: int) -> None:
        self.year = year
        self.refresh()

    def refresh(self) -> None:
        own = self.controller.own_unit()
        self.previous_year.setText(_("\u25c0 Năm {year}").format(year=self.year - 1))
        self.next_year.setText(_("Năm {year} \u25b6").format(year=self.year + 1))
        self.setup_button.setText(_("Khai báo đơn vị..."))
        self.table.setHorizontalHeaderLabels([_(c) if c else "" for c in self.COLUMNS])
        for column, tip in self.COLUMN_TIPS:
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(_(tip))
        self.title.setText(_("Báo cáo cải cách hành chính năm {year}").format(year=self.year))
        if own is None:
            file_open = self.controller.file_open
            self.unit_line.setText(_("Đang mở tệp dữ liệu...") if not file_open else
                                   _("Chưa khai báo đơn vị. Hãy khai báo đơn vị của mình để bắt "
                                     "đầu báo cáo."))
            self.table.setRowCount(0)
            self.table.hide()
            self.setup_button.setVisible(file_open)
            self.hint.setText("")
            return
        self.table.show()
        self.setup_button.hide()
        self.unit_line.setText(f"<b>{own.name}</b>" + (f" — {own.parent}" if own.parent else ""))
        reports = {r.period.kind: r for r in self.controller.reports(own.code, self.year)}
        self.table.setRowCount(len(REGULAR_KINDS))
        due = self._next_due(reports)
        for row, kind in enumerate(REGULAR_KINDS):
            self._fill_row(row, kind, reports.get(kind), kind is due)
        self.table.resizeColumnsToContents()
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4
                                  + 40 * len(REGULAR_KINDS))
        self.due_button = self.buttons.get(due.value) if due is not None else None
        self.focus_due()
        if due is not None:
            period = reports[due].period if due in reports else Period.default(self.year, due)
            self.hint.setText(_("Báo cáo cần làm tiếp: {period}, hạn gửi {deadline} ({left}).")
                              .format(period=period.label, deadline=short_date(period.deadline),
                                      left=days_left_text(period, self.today, None)))
        else:
            self.hint.setText("")

    def focus_due(self) -> None:
        """Put the keyboard on the due period's button when nothing else in the window has it
        (after the setup dialog, on first showing): Space then starts the report."""
        focused = QApplication.focusWidget()
        if self.due_button is None or not self.isVisible():
            return
        if focused is None or not self.window().isAncestorOf(focused) or focused is self.window():
            self.due_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_due()

    def _next_due(self, reports: dict[PeriodKind, ReportSummary]) -> PeriodKind | None:
        for kind in REGULAR_KINDS:
            found = reports.get(kind)
            if found is not None and found.status is ReportStatus.SUBMITTED:
                continue
            period = found.period if found else Period.default(self.year, kind)
            if period.deadline >= self.today or found is not None:
                return kind
        return None

    def _fill_row(self, row: int, kind: PeriodKind, found: ReportSummary | None, due: bool) -> None:
        period = found.period if found else Period.default(self.year, kind)
        status = found.status if found else None
        cells = [period.label, short_date(period.start), short_date(period.end),
                 short_date(period.deadline), days_left_text(period, self.today, status),
                 status.label if status else _("Chưa bắt đầu")]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col:
                item.setTextAlignment(CENTER)
            if due:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            if col == 4 and status is not ReportStatus.SUBMITTED and period.days_left(self.today) < 0:
                item.setForeground(colour("error"))
            self.table.setItem(row, col, item)
        button = self.buttons.get(kind.value)
        if button is None:
            # One button per period for the page's life: replaced cell widgets linger until
            # the event loop deletes them.
            button = QPushButton(self.table)
            button.setObjectName(f"open:{kind.value}")
            button.clicked.connect(lambda _checked=False, k=kind.value:
                                   self.open_requested.emit(self.year, k))
            self.table.setCellWidget(row, len(self.COLUMNS) - 1, button)
            self.buttons[kind.value] = button
        button.setText(_("Mở báo cáo") if found else _("Bắt đầu báo cáo"))
