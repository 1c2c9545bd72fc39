"""Who changed what and when: the change log of one field or of the whole report.

Every write of the store (set_value, set_text, set_note, set_status, imports,
consolidation) adds a row to the change log; this dialog reads it back. A field's
history opens from its context menu ("Lịch sử..."), the whole report's from
Báo cáo > Lịch sử thay đổi..., with a filter. The dialog's layout is ui/history_dialog.ui.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.designer.ui_history_dialog import Ui_HistoryDialog
from cchc_desktop.i18n import N_, _

if TYPE_CHECKING:
    from cchc_desktop.domain.template import Template
    from cchc_desktop.storage.repository import Change

SHORT = 80   # characters of a value shown in the table; the rest below it
WHAT_COLUMN = 2   # "Nội dung" in ui/history_dialog.ui: left out of the history of one field

_ENTITY_NAMES = {
    "status": N_("Trạng thái báo cáo"), "tasks": N_("Danh sách nhiệm vụ"),
    "proposals": N_("Kiến nghị, đề xuất"), "documents": N_("Văn bản đã ban hành"),
    "header": N_("Thông tin văn bản, người ký"), "consolidation": N_("Tổng hợp đơn vị trực thuộc"),
    "report": N_("Báo cáo"),
}


# ---------------------------------------------------------------------- context menu of fields
def history_menu(edit: QWidget, show_history: Callable[[], None]) -> QMenu:
    """The edit's own context menu (cut, copy, paste...) with "Lịch sử..." at the end."""
    menu: QMenu = edit.createStandardContextMenu()  # type: ignore[attr-defined]
    menu.addSeparator()
    action = menu.addAction(_("Lịch sử..."))
    action.setObjectName("history")
    action.triggered.connect(lambda _checked=False: show_history())
    return menu


def add_history_menu(edit: QWidget, make_menu: Callable[[], QMenu]) -> None:
    """Show `make_menu()` on right-click instead of the edit's standard menu."""
    edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        menu = make_menu()
        menu.exec(edit.mapToGlobal(position))
        menu.deleteLater()

    edit.customContextMenuRequested.connect(show)


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
    name = _ENTITY_NAMES.get(entity)
    return _(name) if name else entity


def local_time(at: dt.datetime) -> str:
    """The log keeps UTC without a zone; the clerk reads local time."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone().strftime("%d/%m/%Y %H:%M:%S")


class HistoryDialog(QDialog):
    """The changes of the report (or of one field when `key` is given), oldest first."""

    def __init__(self, changes: list[Change], template: Template, *, title: str = "",
                 show_what: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_HistoryDialog()
        ui.setupUi(self)
        if title:
            self.setWindowTitle(title)
        self.template = template
        self.changes = changes
        self.filter: QLineEdit = ui.filter
        self.table: QTableWidget = ui.table
        self.detail: QPlainTextEdit = ui.detail
        self.empty: QLabel = ui.empty
        if not show_what:
            self.table.removeColumn(WHAT_COLUMN)
        self.columns = [self.table.horizontalHeaderItem(col).text()  # type: ignore[union-attr]
                        for col in range(self.table.columnCount())]
        header = self.table.horizontalHeader()
        for col in range(len(self.columns) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setRowCount(len(changes))
        self._texts: list[str] = []
        for index, change in enumerate(changes):
            cells = [local_time(change.at), change.user]
            if show_what:
                cells.append(self.what(change))
            cells += [f"{self._short(self.value_text(change, change.old))} → "
                      f"{self._short(self.value_text(change, change.new))}", change.reason]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(index, col, item)
            self._texts.append(" ".join([*cells, change.old or "", change.new or ""]).casefold())
        self.empty.setVisible(not changes)
        self.filter.textChanged.connect(self.apply_filter)
        ui.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(self._show_detail)
        if changes:
            self.table.selectRow(len(changes) - 1)
            self.table.scrollToBottom()

    # ------------------------------------------------------------------ texts
    def what(self, change: Change) -> str:
        return describe(self.template, change.entity, change.key)

    def value_text(self, change: Change, value: str | None) -> str:
        if value is None or value == "":
            return _("(trống)")
        if change.entity == "value":
            indicator = self.template.indicators.get(change.key)
            try:
                return format_number(Decimal(value), indicator.decimals if indicator else 3)
            except (InvalidOperation, ValueError):
                return value
        if change.entity == "status":
            try:
                return ReportStatus(value).label
            except ValueError:
                return value
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
        change = self.changes[rows[0].row()]
        self.detail.setPlainText(
            _("{what} — {time}, {user}\n\nTrước:\n{old}\n\nSau:\n{new}").format(
                what=self.what(change), time=local_time(change.at), user=change.user,
                old=self.value_text(change, change.old), new=self.value_text(change, change.new))
            + (_("\n\nLý do: {reason}").format(reason=change.reason) if change.reason else ""))

    # ------------------------------------------------------------------ filter
    def apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for row, haystack in enumerate(self._texts):
            self.table.setRowHidden(row, bool(needle) and needle not in haystack)

    def visible_rows(self) -> list[int]:
        return [row for row in range(self.table.rowCount()) if not self.table.isRowHidden(row)]

    def cell(self, row: int, column: str) -> str:
        item = self.table.item(row, self.columns.index(column))
        return item.text() if item is not None else ""


def field_history(changes: list[Change], template: Template, entity: str, key: str,
                  parent: QWidget | None = None) -> HistoryDialog:
    """The history of one figure (its value and its note) or one narrative."""
    entities = ("value", "note") if entity == "value" else (entity,)
    mine = [c for c in changes if c.key == key and c.entity in entities]
    label = describe(template, entity, key)
    return HistoryDialog(mine, template, title=_("Lịch sử: {label}").format(label=label),
                         show_what=entity == "value", parent=parent)
