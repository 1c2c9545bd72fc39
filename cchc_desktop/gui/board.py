"""The board of subordinate units: who sent their report, when, from which file, with how many
errors; a double-click shows that unit's figures."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import Report, SubmissionStatus
from cchc_desktop.domain.template import Template
from cchc_desktop.gui.designer.ui_unit_figures_dialog import Ui_UnitFiguresDialog
from cchc_desktop.gui.style import colour
from cchc_desktop.i18n import N_, _

if TYPE_CHECKING:
    from cchc_desktop.imports.subordinates import BoardRow

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

# Background of the status cell, named in resources/style/palette.json: green on time, amber
# late, grey missing, red with errors.
STATUS_COLOURS = {SubmissionStatus.ON_TIME: "board_on_time", SubmissionStatus.LATE: "board_late",
                  SubmissionStatus.MISSING: "board_missing"}
ERROR_COLOUR = "board_error"

COLUMNS = (N_("Đơn vị"), N_("Tình trạng"), N_("Nhận lúc"), N_("Tệp"), N_("Lần gửi"), N_("Lỗi"))


def received_text(row: BoardRow) -> str:
    """'18/09/2026', with the time only when it is known (a file's time, not a report's date)."""
    at = row.received_at
    if at is None:
        return ""
    return at.strftime("%d/%m/%Y") if at.time() == dt.time() else at.strftime("%d/%m/%Y %H:%M")


def status_colour(row: BoardRow) -> str:
    """The palette name of the status cell's background."""
    return ERROR_COLOUR if row.report is not None and row.error_count else STATUS_COLOURS[row.status]


class BoardTable(QTableWidget):
    """One row per subordinate unit; activating one that sent its report shows its figures."""

    unit_activated = Signal(object)   # the BoardRow of a unit that sent its report

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("board")
        self.rows: list[BoardRow] = []
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Activation is a double-click (or one click, as the desktop is set up) or Enter.
        self.cellActivated.connect(self._activated)

    def set_rows(self, rows: list[BoardRow]) -> None:
        self.rows = list(rows)
        self.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            received = received_text(row)
            cells = [(row.unit.name, False), (row.label, False), (received, False),
                     (row.source_name, False),
                     ("" if row.revision is None else str(row.revision), True),
                     (str(row.error_count) if row.report is not None else "", True)]
            for c, (text, right) in enumerate(cells):
                item = QTableWidgetItem(text)
                if right:
                    item.setTextAlignment(RIGHT)
                if c == 1:
                    item.setBackground(colour(status_colour(row)))
                    item.setForeground(colour("text"))
                    if row.status is SubmissionStatus.MISSING:
                        font = QFont(item.font())
                        font.setItalic(True)
                        item.setFont(font)
                if c == 5 and row.error_count:
                    item.setForeground(colour("error"))
                if row.report is not None:
                    item.setToolTip(_("Nhấp đúp để xem số liệu của đơn vị."))
                self.setItem(r, c, item)

    def _activated(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.rows) and self.rows[row].report is not None:
            self.unit_activated.emit(self.rows[row])

    def summary(self) -> str:
        counts = {status: sum(1 for r in self.rows if r.status is status) for status in SubmissionStatus}
        errors = sum(1 for r in self.rows if r.report is not None and r.error_count)
        return _("{n} đơn vị: {on_time} đúng hạn, {late} trễ hạn, {missing} không báo cáo, "
                 "{errors} có lỗi.").format(n=len(self.rows), on_time=counts[SubmissionStatus.ON_TIME],
                                          late=counts[SubmissionStatus.LATE],
                                          missing=counts[SubmissionStatus.MISSING], errors=errors)


def figure_rows(report: Report, template: Template) -> list[tuple[str, str, str]]:
    """(label, unit, value) of every figure the report has, entered or derived, rates with
    their fractions ('1.421/1.428 hồ sơ, đạt 99,51%')."""
    context = build_context(report, template)
    figures = context.figures
    rows = []
    for code, indicator in template.indicators.items():
        text = indicator.field_kind.workings(template, indicator, figures.get(code),
                                             report.precision, figures.rates.get(code))
        if text:
            rows.append((indicator.full_label, str(indicator.unit), text))
    return rows


class UnitFiguresDialog(QDialog):
    """Drill-down from the board: one subordinate unit's figures as it sent them.

    Layout and column headers: ui/unit_figures_dialog.ui.
    """

    def __init__(self, row: BoardRow, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert row.report is not None
        report = row.report
        self.ui = Ui_UnitFiguresDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(_("Số liệu của {unit}").format(unit=row.unit.name))
        received = short_date(row.received_at.date()) if row.received_at else ""
        self.ui.heading.setText(_("<b>{unit}</b> — {period}, lần gửi {revision}, nhận ngày {date} "
                                  "({status}), tệp {name}").format(
            unit=row.unit.name, period=report.period.label, revision=report.revision,
            date=received, status=row.label, name=row.source_name))
        rows = figure_rows(report, template)
        self.table = self.ui.unitFigures
        self.table.setRowCount(len(rows))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for r, (label, unit, value) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(label))
            self.table.setItem(r, 1, QTableWidgetItem(unit))
            item = QTableWidgetItem(value)
            item.setTextAlignment(RIGHT)
            self.table.setItem(r, 2, item)
        self.ui.buttons.rejected.connect(self.reject)

    def value_of(self, label: str) -> str | None:
        for r in range(self.table.rowCount()):
            name, value = self.table.item(r, 0), self.table.item(r, 2)
            if name is not None and value is not None and name.text() == label:
                return value.text()
        return None
