"""Who changed what and when: the change log of one field or of the whole report.

Every write of the store (set_value, set_text, set_note, set_status, imports,
consolidation) adds a row to the change log; this dialog reads it back. A field's
history opens from its context menu ("Lịch sử..."), the whole report's from
Báo cáo > Lịch sử thay đổi..., with a filter. The dialog's layout is ui/history_dialog.ui;
its table is a HistoryModel (gui/history_model.py) reading the log a page at a time.
Beside a figure's changes, its value across the unit's periods: the chart of Báo cáo > Xu
hướng for that indicator (domain/trends.py `field_trend`, painted by TrendChartWidget).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from babel.numbers import get_group_symbol
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from cchc_desktop.domain.extra_figure_rows import ENTERED_DECIMALS
from cchc_desktop.domain.extra_figures import read_logged
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.designer.ui_history_dialog import Ui_HistoryDialog
from cchc_desktop.gui.history_model import HistoryModel
from cchc_desktop.i18n import N_, _, babel_locale

if TYPE_CHECKING:
    from cchc_desktop.domain.template import Template
    from cchc_desktop.domain.trends import Chart
    from cchc_desktop.storage.changes import Change, ChangeLog

SHORT = 80   # characters of a value shown in the table; the rest below it
RESIZE_PRECISION = 50   # rows measured for a column's width (Qt's default: 1,000)

_ENTITY_NAMES = {
    "status": N_("Trạng thái báo cáo"), "tasks": N_("Danh sách nhiệm vụ"),
    "proposals": N_("Kiến nghị, đề xuất"), "documents": N_("Văn bản đã ban hành"),
    "header": N_("Thông tin văn bản, người ký"), "consolidation": N_("Tổng hợp đơn vị trực thuộc"),
    "report": N_("Báo cáo"),
}


# ---------------------------------------------------------------------- the dialog
def describe(template: Template, entity: str, key: str) -> str:
    """What a change is about, as the form names it."""
    if entity in ("value", "note"):
        indicator = template.indicators.get(key)
        label = indicator.full_label if indicator is not None else key
        return _("Ghi chú: {label}").format(label=label) if entity == "note" else label
    if entity == "text":
        try:
            section = template.section(key)
        except KeyError:
            return key
        return _("Nội dung mục {number}. {title}").format(number=section.number,
                                                        title=section.title)
    if entity == "extra":
        # The change itself names the figure (describe_extra); the template only its own.
        label = next((f.label for f in template.extra_suggestions if f.key == key), key)
        return _("Số liệu bổ sung: {label}").format(label=label)
    name = _ENTITY_NAMES.get(entity)
    return _(name) if name else entity


def describe_extra(template: Template, change: Change) -> str:
    """What an extra figure's change is about: its label then (the new one, else the old)."""
    figure = read_logged(change.new) or read_logged(change.old)
    if figure is None or not figure.label.strip():
        return describe(template, change.entity, change.key)
    return _("Số liệu bổ sung: {label}").format(label=figure.label.strip())


def extra_text(value: str) -> str:
    """An extra figure as the history shows it: '1.234 triệu đồng', a rate's two figures."""
    figure = read_logged(value)
    if figure is None:
        return value
    if figure.rate_labels is not None:
        return _("tỷ lệ \u201c{numerator}\u201d trên \u201c{denominator}\u201d").format(
            numerator=figure.rate_labels[0], denominator=figure.rate_labels[1])
    if figure.value is None:
        return _("(chưa nhập số)")
    return f"{format_number(figure.value, ENTERED_DECIMALS)} {figure.unit.strip()}".rstrip()


def local_time(at: dt.datetime) -> str:
    """The log keeps UTC without a zone; the clerk reads local time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%d/%m/%Y %H:%M:%S")


class HistoryDialog(QDialog):
    """The changes of `log` (the report's, or one field's), oldest first, the newest selected."""

    def __init__(self, log: ChangeLog, template: Template, *, title: str = "",
                 show_what: bool = True, chart: Chart | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_HistoryDialog()
        ui.setupUi(self)
        if title:
            self.setWindowTitle(title)
        # No trend (a narrative, the whole report, a single period): no chart, not an empty frame.
        ui.chart.set_chart(chart)
        ui.chart.setVisible(chart is not None)
        if chart is not None:
            self.resize(max(self.width(), 1280), max(self.height(), 560))
            ui.sides.setSizes([660, 620])
        self.template = template
        self.show_what = show_what
        self.filter: QLineEdit = ui.filter
        self.table: QTableView = ui.table
        self.detail: QPlainTextEdit = ui.detail
        self.empty: QLabel = ui.empty
        self.columns = [_("Thời điểm"), _("Người sửa"), *([_("Nội dung")] if show_what else []),
                        _("Cũ → mới"), _("Lý do")]
        self._texts: dict[int, str] = {}     # each change's searchable text, made once
        self._whats: dict[tuple[str, str], str] = {}
        self._figures: dict[tuple[str, str], str] = {}
        self._group = get_group_symbol(babel_locale())
        self.model = HistoryModel(log, self.columns, self.cells, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        # Column widths from the rows near the ones shown, not from every change of the log.
        header.setResizeContentsPrecision(RESIZE_PRECISION)
        for col in range(len(self.columns) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        count = self.model.rowCount()
        self.empty.setVisible(not count)
        self.filter.textChanged.connect(self.apply_filter)
        ui.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._show_detail)   # a new filter: nothing selected
        if count:
            self.table.selectRow(count - 1)
            self.table.scrollToBottom()

    def cells(self, change: Change) -> list[str]:
        """The row of one change, as the table shows it."""
        cells = [local_time(change.at), change.user]
        if self.show_what:
            cells.append(self.what(change))
        return [*cells, f"{self._short(self.value_text(change, change.old))} → "
                        f"{self._short(self.value_text(change, change.new))}", change.reason]

    # ------------------------------------------------------------------ texts
    # Made for every change the first time the filter is used: what a change is about and
    # how a figure is written are kept, since the same ones come back thousands of times.
    def what(self, change: Change) -> str:
        if change.entity == "extra":   # named by its label, which may change with it
            return describe_extra(self.template, change)
        found = self._whats.get((change.entity, change.key))
        if found is None:
            found = self._whats[change.entity, change.key] = describe(
                self.template, change.entity, change.key)
        return found

    def value_text(self, change: Change, value: str | None) -> str:
        if value is None or value == "":
            return _("(trống)")
        if change.entity == "value":
            found = self._figures.get((change.key, value))
            if found is None:
                found = self._figures[change.key, value] = self._figure(change.key, value)
            return found
        if change.entity == "extra":
            return extra_text(value)
        if change.entity == "status":
            try:
                return ReportStatus(value).label
            except ValueError:
                return value
        return value

    def _figure(self, code: str, value: str) -> str:
        if value.isascii() and value.isdigit() and len(value) < 16:
            # A whole count, the usual figure: grouped by thousands as format_number does
            # (Babel's pattern '#,##0', 0.2 ms a call, too slow for 10,000 of them).
            return f"{int(value):,}".replace(",", self._group)
        indicator = self.template.indicators.get(code)
        try:
            return format_number(Decimal(value), indicator.decimals if indicator else 3)
        except (InvalidOperation, ValueError):
            return value

    @staticmethod
    def _short(text: str) -> str:
        line = " ".join(text.split())
        return line if len(line) <= SHORT else line[:SHORT - 1] + "…"

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        change = self.model.change(rows[0].row())
        self.detail.setPlainText(
            _("{what} — {time}, {user}\n\nTrước:\n{old}\n\nSau:\n{new}").format(
                what=self.what(change), time=local_time(change.at), user=change.user,
                old=self.value_text(change, change.old), new=self.value_text(change, change.new))
            + (_("\n\nLý do: {reason}").format(reason=change.reason) if change.reason else ""))

    # ------------------------------------------------------------------ filter
    def searchable(self, change: Change) -> str:
        """What the filter searches: the row as shown, and the whole old and new values."""
        text = self._texts.get(change.id)
        if text is None:
            text = " ".join([*self.cells(change), change.old or "", change.new or ""]).casefold()
            self._texts[change.id] = text
        return text

    def apply_filter(self, text: str) -> None:
        """Only the changes containing `text` (any case): a query, the rows read as shown."""
        self.model.set_filter(text.strip().casefold(), self.searchable)

    def visible_rows(self) -> list[int]:
        return list(range(self.model.rowCount()))

    def cell(self, row: int, column: str) -> str:
        return self.model.cell(row, self.columns.index(column))


def field_history(log: ChangeLog, template: Template, entity: str, key: str,
                  parent: QWidget | None = None, *, chart: Chart | None = None) -> HistoryDialog:
    """The history of one figure (its value and its note) or one narrative, of `log`'s report;
    `chart`, the figure's trend (domain/trends.py `field_trend`), is shown beside it."""
    entities = ("value", "note") if entity == "value" else (entity,)
    mine = log.of_field(key, entities)
    label = describe(template, entity, key)
    if entity == "extra" and (last := mine.ids()[-1:]):
        # A figure of the unit's own is named by the label its last change gave it.
        label = describe_extra(template, mine.changes(last)[0])
    return HistoryDialog(mine, template, title=_("Lịch sử: {label}").format(label=label),
                         show_what=entity == "value",
                         chart=chart if entity == "value" else None, parent=parent)
