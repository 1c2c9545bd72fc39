"""Tables of the report's lists: the plan-task checklist, proposals, documents issued.

One generic table edits any of them from a column description; every change (a cell,
a row added or removed) replaces the list through one undoable command.

The table is updated in place as the list changes, and sized to its contents by
gui/forms/content_fit.py, which measures only the cells that changed.

A cell holds what it shows, as the figures do (gui/forms/number_field.py): a cell whose
text is refused (a date that does not exist) keeps its saved value in the report and the
data file, while the other cells' edits are saved as usual. The refused text stays in the
cell, marked, with the reason under the table, and the session lists it as being corrected
until it is corrected or Esc on the cell brings back the saved value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import IssuedDocument, Proposal, Task, TaskOrigin, TaskStatus
from cchc_desktop.gui.commands import ReplaceListCommand, push
from cchc_desktop.gui.forms.content_fit import ContentFit
from cchc_desktop.gui.forms.evidence_button import (
    EvidenceOpener,
    evidence_count_text,
    evidence_icon,
    evidence_tooltip,
)
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.gui.style import colour, set_tone
from cchc_desktop.i18n import N_, _

ORIGIN_LABELS = {TaskOrigin.PLAN: N_("Kế hoạch năm"), TaskOrigin.PREVIOUS: N_("Kỳ trước chuyển sang"),
                 TaskOrigin.NEW: N_("Phát sinh mới")}


@dataclass(frozen=True)
class Column:
    title: str                                   # source string, translated when shown
    read: Callable[[Any], str]                   # item -> cell text (or choice value)
    choices: Callable[[], list[tuple[str, str]]] | None = None   # (value, label)
    stretch: bool = False
    check: Callable[[str], object] | None = None  # raises ValueError (the reason) on a refused text


@dataclass(frozen=True)
class ListSpec:
    kind: str                                    # attribute of Report and ReportSession kind
    title: str
    columns: tuple[Column, ...]
    make: Callable[[list[str], str], Any]        # cells, section id -> item; ValueError = bad cell
    blank: Callable[[str], Any]
    # The rows can be proven by evidence documents (a last column of buttons), keyed by their
    # position in the list, as the store and the PDF annex key them (domain/evidence_items.py).
    evidence: TargetKind | None = None


@lru_cache(maxsize=1024)   # every row's date is read again on each edit of the list
def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            raise ValueError(_("Ngày \u201c{text}\u201d không có trong lịch.").format(
                text=text)) from None
        raise ValueError(_("Ngày \u201c{text}\u201d phải viết dạng ngày/tháng/năm, ví dụ 06/01/2026.")
                         .format(text=text)) from None


TASKS = ListSpec(
    "tasks", N_("Danh sách nhiệm vụ trong kỳ (kế hoạch năm và kỳ trước chuyển sang)"),
    (Column(N_("Nhiệm vụ"), lambda t: t.text, stretch=True),
     Column(N_("Tình trạng"), lambda t: t.status.value,
            lambda: [(s.value, s.label) for s in TaskStatus]),
     Column(N_("Nguồn"), lambda t: t.origin.value,
            lambda: [(o.value, _(ORIGIN_LABELS[o])) for o in TaskOrigin])),
    lambda cells, _section: Task(cells[0], TaskStatus(cells[1]), TaskOrigin(cells[2])),
    lambda _section: Task(""),
    TargetKind.TASK,
)

PROPOSALS = ListSpec(
    "proposals", N_("Kiến nghị, đề xuất"),
    (Column(N_("Đơn vị đề xuất"), lambda p: p.from_unit),
     Column(N_("Kiến nghị với"), lambda p: p.to),
     Column(N_("Nội dung kiến nghị"), lambda p: p.text, stretch=True)),
    lambda cells, _section: Proposal(cells[0], cells[1], cells[2]),
    lambda _section: Proposal("", "", ""),
)

DOCUMENTS = ListSpec(
    "documents", N_("Văn bản chỉ đạo, điều hành đã ban hành trong kỳ"),
    (Column(N_("Số, ký hiệu"), lambda d: d.number),
     Column(N_("Ngày ban hành"), lambda d: short_date(d.date), check=_date),
     Column(N_("Trích yếu nội dung"), lambda d: d.subject, stretch=True)),
    lambda cells, section: IssuedDocument(cells[0], _date(cells[1]), cells[2], section),
    lambda section: IssuedDocument("", None, "", section),
)


class ListTable(QWidget):
    def __init__(self, spec: ListSpec, section_id: str, session: ReportSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.section_id = section_id
        self.session = session
        self.setObjectName(f"list:{spec.kind}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        caption = QLabel(_(spec.title), self)
        set_tone(caption, "caption")
        # Wrapped: on one line a long caption beside the buttons made the page wider than a
        # laptop's room between the docks, and the figures scrolled sideways.
        caption.setWordWrap(True)
        top.addWidget(caption, 1)
        self.add_button = QPushButton(_("Thêm dòng"), self)
        self.remove_button = QPushButton(_("Xóa dòng"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        top.addWidget(self.add_button)
        top.addWidget(self.remove_button)
        layout.addLayout(top)
        # The evidence buttons' column, after the list's own (None: the list has none).
        self.evidence_column = len(spec.columns) if spec.evidence is not None else None
        titles = [_(c.title) for c in spec.columns]
        if self.evidence_column is not None:
            titles.append(_("Kiểm chứng"))
        self.table = QTableWidget(0, len(titles), self)
        self.table.setHorizontalHeaderLabels(titles)
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        # Columns and rows follow their contents, measured again only where a cell changed
        # (gui/forms/content_fit.py): a list of 300 rows is edited as quickly as one of 3.
        plain = [index for index, column in enumerate(spec.columns) if column.choices is None]
        self.fit = ContentFit(self.table, plain=plain + ([self.evidence_column]
                                                         if self.evidence_column is not None else []))
        self.fit.set_stretch(index for index, column in enumerate(spec.columns) if column.stretch)
        self.fit.fitted.connect(self._fit_height)
        layout.addWidget(self.table)
        self.message = QLabel(self)
        set_tone(self.message, "error")
        self.message.hide()
        layout.addWidget(self.message)
        # Cells showing a refused text: (row, column) -> (text, reason).
        self.refused: dict[tuple[int, int], tuple[str, str]] = {}
        self._marked: set[tuple[int, int]] = set()   # the cells shown marked as refused
        self._loaded: list[Any] = []    # the items load() last showed, row by row
        self._typed: set[int] = set()   # rows typed in since, whatever the list holds now
        self._unsaved_rows: set[int] = set()   # rows typed in whose cells could not be saved
        for correction in session.corrections():
            cell = self._cell_of(correction.key)
            if cell is not None:   # the page was rebuilt while the cell was being corrected
                self.refused[cell] = (correction.text, correction.problem)
        self.table.installEventFilter(self)
        self.table.itemChanged.connect(self._edited)
        session.list_changed.connect(self._list_changed)
        session.evidence_changed.connect(self._evidence_changed)
        self.evidence = EvidenceOpener(session, self)
        self._evidence_icon = evidence_icon(self)
        self.table.cellClicked.connect(self._open_evidence)
        self.table.cellActivated.connect(self._open_evidence)
        self.load()
        self.set_read_only(session.locked)

    def items(self) -> list[Any]:
        return list(getattr(self.session.report, self.spec.kind))

    # ------------------------------------------------------------------ model -> widget
    def load(self) -> None:
        """Show the report's list: only the cells whose value changed are touched."""
        self.table.blockSignals(True)
        items = self.items()
        before = self.table.rowCount()
        self.table.setRowCount(len(items))
        changed: list[tuple[int, int]] = []
        for row, item in enumerate(items):
            if row < min(before, len(self._loaded)) and row not in self._typed \
                    and item == self._loaded[row]:
                continue   # the row shows what it showed: not read cell by cell again
            for col, column in enumerate(self.spec.columns):
                value = column.read(item)
                if column.choices is None:
                    cell = self.table.item(row, col)
                    if cell is None:
                        self.table.setItem(row, col, QTableWidgetItem(value))
                    elif cell.text() != value:
                        cell.setText(value)
                    else:
                        continue
                    changed.append((row, col))
                    continue
                old = self.table.cellWidget(row, col)
                if isinstance(old, QComboBox):
                    # Reuse the combo box: a replaced cell widget lingers until deleted.
                    index = max(0, old.findData(value))
                    if old.currentIndex() != index:
                        old.blockSignals(True)
                        old.setCurrentIndex(index)
                        old.blockSignals(False)
                else:
                    self.table.setCellWidget(row, col, self._combo(column, value))
                    changed.append((row, col))
        self._loaded, self._typed, self._unsaved_rows = items, set(), set()
        changed += self._show_refused()
        # New rows only: a row keeps its position, so its item's evidence did not change.
        changed += self._evidence_cells(range(min(before, len(items)), len(items)))
        # Fewer rows: the widest cell of a column may have gone.
        self.fit.fit_cells(changed, range(self.table.columnCount()) if len(items) < before else ())
        self._fit_height()
        self.table.blockSignals(False)

    def _evidence_cells(self, rows: range) -> list[tuple[int, int]]:
        """Each row's evidence cell shows the count and cites the documents of the item at
        its position; the cells this changed."""
        column, kind = self.evidence_column, self.spec.evidence
        if column is None or kind is None:
            return []
        changed = []
        for row in rows:
            cell = self.table.item(row, column)
            new = cell is None
            if cell is None:
                cell = QTableWidgetItem()
                # Not typed in: a click or Enter opens the dialog (_open_evidence).
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                cell.setIcon(self._evidence_icon)
                self.table.setItem(row, column, cell)
            citations = self.session.evidence_citations(kind, str(row + 1))
            text, tip = evidence_count_text(citations), evidence_tooltip(citations)
            if new or cell.text() != text or cell.toolTip() != tip:
                cell.setText(text)
                cell.setToolTip(tip)
                changed.append((row, column))
        return changed

    def _row_label(self, row: int) -> str:
        items = self.items()
        text = self.spec.columns[0].read(items[row]).strip() if row < len(items) else ""
        return _("{table}, dòng {row}: {text}").format(table=_(self.spec.title), row=row + 1,
                                                      text=text)

    def _evidence_changed(self) -> None:
        self.table.blockSignals(True)
        changed = self._evidence_cells(range(self.table.rowCount()))
        self.table.blockSignals(False)
        self.fit.fit_cells(changed)

    def _open_evidence(self, row: int, column: int) -> None:
        if column == self.evidence_column and self.spec.evidence is not None \
                and row < len(self.items()):
            self.evidence.open(self.spec.evidence, str(row + 1), self._row_label(row))

    def _fit_height(self) -> None:
        # Enough rows visible to work in, without a page-long empty table.
        height = self.table.horizontalHeader().height() + 8 + sum(
            self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setMinimumHeight(max(120, min(height, 360)))

    def _combo(self, column: Column, value: str) -> QComboBox:
        combo = QComboBox(self.table)
        assert column.choices is not None
        for choice, label in column.choices():
            combo.addItem(label, choice)
        combo.setCurrentIndex(max(0, combo.findData(value)))
        combo.currentIndexChanged.connect(self._edited)
        return combo

    def _list_changed(self, kind: str) -> None:
        if kind == self.spec.kind:
            self.load()

    def set_read_only(self, read_only: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(triggers.NoEditTriggers if read_only else
                                   triggers.DoubleClicked | triggers.EditKeyPressed
                                   | triggers.AnyKeyPressed)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(not read_only)
        for row in range(self.table.rowCount()):
            for col in range(self.table.columnCount()):
                widget = self.table.cellWidget(row, col)
                if widget is not None:
                    widget.setEnabled(not read_only)

    # ------------------------------------------------------------------ widget -> model
    def cells(self, row: int) -> list[str]:
        values = []
        for col, column in enumerate(self.spec.columns):
            if column.choices is None:
                item = self.table.item(row, col)
                values.append(item.text().strip() if item else "")
            else:
                combo = self.table.cellWidget(row, col)
                values.append(combo.currentData() if isinstance(combo, QComboBox) else "")
        return values

    def _section_of(self, row: int, saved: list[Any]) -> str:
        existing = saved[row] if row < len(saved) else None
        return getattr(existing, "section", "") or self.section_id

    def _edited(self, *args: object) -> None:
        item = args[0] if args and isinstance(args[0], QTableWidgetItem) else None
        cell = (item.row(), item.column()) if item is not None else None
        if cell is not None:
            self._typed.add(cell[0])
        self._save_cells(cell[0] if cell is not None else None)
        if cell is not None and cell[0] < self.table.rowCount():
            # The clerk's text is in the cell even when the list did not change.
            self.fit.fit_cells([cell])

    def _rows_to_read(self, edited: int | None, saved: list[Any]) -> list[int] | None:
        """The rows whose cells may differ from the saved list after a cell of `edited` was
        typed in: that row and any whose text could not be saved before; None: every row
        (a choice changed, rows came or went). Every other row's cells show its saved item
        (load() wrote them; a refused cell keeps its saved value), so a cell edited in a
        list of 300 rows reads one row, not 300, and remakes one item."""
        if edited is None or self.table.rowCount() != len(saved) or not 0 <= edited < len(saved):
            return None
        return sorted({edited, *self._unsaved_rows})

    def _save_cells(self, edited: int | None = None) -> None:
        saved = self.items()
        read = self._rows_to_read(edited, saved)
        refused: dict[tuple[int, int], tuple[str, str]] = {}
        rows: list[Any] = []
        if read is not None:
            rows = list(saved)
            refused = {cell: entry for cell, entry in self.refused.items() if cell[0] not in read}
        try:
            for row in range(self.table.rowCount()) if read is None else read:
                cells = self.cells(row)
                for col, column in enumerate(self.spec.columns):
                    if column.check is None:
                        continue
                    try:
                        column.check(cells[col])
                    except ValueError as exc:
                        # Refused: this cell keeps its saved value, the other cells are saved.
                        refused[(row, col)] = (cells[col], str(exc))
                        cells[col] = column.read(saved[row]) if row < len(saved) else ""
                item = self.spec.make(cells, self._section_of(row, saved))
                if read is None:
                    rows.append(item)
                else:
                    rows[row] = item
        except ValueError as exc:   # a row that cannot be read at all: nothing is saved
            self.message.setText(str(exc))
            self.message.show()
            if edited is not None:
                self._unsaved_rows.add(edited)
            return
        self._unsaved_rows = set()
        self.refused = refused
        self.replace(rows)
        self.table.blockSignals(True)
        self._show_refused()
        self.table.blockSignals(False)

    # ------------------------------------------------------------------ refused cells
    def _key(self, row: int, col: int) -> str:
        return f"{self.spec.kind}/{row}/{col}"

    def _cell_of(self, key: str) -> tuple[int, int] | None:
        kind, _sep, rest = key.partition("/")
        row, _sep, col = rest.partition("/")
        if kind != self.spec.kind or not row.isdigit() or not col.isdigit():
            return None
        return int(row), int(col)

    def _show_refused(self) -> list[tuple[int, int]]:
        """Put the refused texts back in their cells, marked, and tell the session.

        The cells whose text this changed.
        """
        changed = []
        rows = self.table.rowCount()
        self.refused = {cell: entry for cell, entry in self.refused.items() if cell[0] < rows}
        # Only the cells marked until now or to be marked now: a list of 300 rows is not
        # walked cell by cell on each edit.
        for row, col in sorted(self._marked | set(self.refused)):
            item = self.table.item(row, col) if row < rows else None
            if item is None or self.spec.columns[col].choices is not None:
                continue
            entry = self.refused.get((row, col))
            if entry is None:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                item.setToolTip("")
                continue
            if item.text() != entry[0]:
                item.setText(entry[0])
                changed.append((row, col))
            item.setBackground(QBrush(colour("error_background")))
            item.setToolTip(entry[1])
        self._marked = set(self.refused)
        lines = [_("Dòng {row}: {problem} Chưa được lưu; sửa lại hoặc nhấn Esc để lấy lại giá trị "
                   "đã lưu.").format(row=row + 1, problem=problem)
                 for (row, _col), (_text, problem) in sorted(self.refused.items())]
        self.message.setText("\n".join(lines))
        self.message.setVisible(bool(lines))
        self.session.clear_corrections(f"{self.spec.kind}/")
        for (row, col), (text, problem) in sorted(self.refused.items()):
            label = _("{column}, dòng {row} ({table})").format(
                column=_(self.spec.columns[col].title), row=row + 1, table=_(self.spec.title))
            self.session.set_correction(Correction(self._key(row, col), label, text, problem,
                                                   self.section_id))
        return changed

    def restore_cell(self, row: int, col: int) -> None:
        """Esc on a refused cell: give up the text and show the saved value again."""
        if self.refused.pop((row, col), None) is None:
            return
        items = self.items()
        item = self.table.item(row, col)
        if item is not None:
            self.table.blockSignals(True)
            item.setText(self.spec.columns[col].read(items[row]) if row < len(items) else "")
            self.table.blockSignals(False)
        self.table.blockSignals(True)
        self._show_refused()
        self.table.blockSignals(False)
        self.fit.fit_cells([(row, col)])

    def focus_cell(self, key: str) -> bool:
        cell = self._cell_of(key)
        if cell is None or cell[0] >= self.table.rowCount():
            return False
        self.table.setCurrentCell(*cell)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape \
                and (self.table.currentRow(), self.table.currentColumn()) in self.refused:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return False
            if event.type() == QEvent.Type.KeyPress:
                self.restore_cell(self.table.currentRow(), self.table.currentColumn())
                return True
        return super().eventFilter(watched, event)

    def replace(self, rows: Sequence[Any]) -> None:
        if list(rows) != self.items():
            push(self.session, ReplaceListCommand(self.session, self.spec.kind, rows))

    def add_row(self) -> None:
        self.replace([*self.items(), self.spec.blank(self.section_id)])
        row = self.table.rowCount() - 1
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _has_evidence(self, row: int) -> bool:
        """The row's own item has documents: the store refuses to remove it (the rows below
        take their documents along as they move up: storage/task_evidence.py)."""
        kind = self.spec.evidence
        return kind is not None and bool(self.session.evidence_for(kind, str(row + 1)))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        items = self.items()
        if 0 <= row < len(items) and self._has_evidence(row):
            self.message.setText(_("Dòng {row} có tài liệu kiểm chứng: hãy gỡ tài liệu khỏi dòng "
                                   "này trước khi xóa nó.").format(row=row + 1))
            self.message.show()
            return
        if 0 <= row < len(items):
            # The refused texts below the removed row move up with their rows.
            self.refused = {(r - (r > row), c): entry for (r, c), entry in self.refused.items()
                            if r != row}
            self.replace(items[:row] + items[row + 1:])
