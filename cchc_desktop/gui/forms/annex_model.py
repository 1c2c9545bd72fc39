"""The cells of an annex on screen, updated in place as the figures change.

An annex is recomputed in full on each keystroke (a few hundred short texts), but the
view is told only about the cells whose text changed, so it repaints and measures
those and nothing else. Rows added or removed go at the end, as a table whose row
count is set again would do; a change of the headings lays the table out anew.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Cell = tuple[str, bool]                 # text, right-aligned
# Column headings, rows of cells, and the column that takes the spare width.
TableData = tuple[list[str], list[list[Cell]], int]
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Changes:
    cells: list[tuple[int, int]]     # (row, column) whose text changed or that were added
    columns: set[int]                # columns to measure again besides those of `cells`


class AnnexModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        # What is shown: the annex's rows, or one row holding only the placeholder.
        self.rows: list[list[Cell | None]] = []
        self.empty = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def cell(self, row: int, column: int) -> Cell | None:
        cells = self.rows[row] if 0 <= row < len(self.rows) else []
        return cells[column] if 0 <= column < len(cells) else None

    def text(self, row: int, column: int) -> str:
        """The text shown in a cell ('' for none)."""
        cell = self.cell(row, column)
        return cell[0] if cell is not None else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index.row(), index.column()) if index.isValid() else None
        if cell is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell[0]
        if role == Qt.ItemDataRole.TextAlignmentRole and cell[1]:
            return RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.headers):
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def show(self, headers: list[str], rows: list[list[Cell]], placeholder: str) -> Changes | None:
        """Show `rows` (`placeholder` alone when there are none).

        What changed, or None when the table was laid out anew (other headings, or rows
        appearing where the placeholder was, or the reverse).
        """
        shown: list[list[Cell | None]] = [[*row] for row in rows] or [
            [(placeholder, False), *([None] * (max(1, len(headers)) - 1))]]
        if headers != self.headers or (not rows) != self.empty:
            self.beginResetModel()
            self.headers, self.rows, self.empty = list(headers), shown, not rows
            self.endResetModel()
            return None
        old = self.rows
        common = min(len(old), len(shown))
        columns: set[int] = set()
        if len(shown) < len(old):
            columns = set(range(len(headers)))   # the widest cell may have gone
            self.beginRemoveRows(QModelIndex(), common, len(old) - 1)
            self.rows = old[:common]
            self.endRemoveRows()
        changed = [(r, c) for r in range(common) if old[r] != shown[r]
                   for c in range(len(headers)) if self._at(old[r], c) != self._at(shown[r], c)]
        self.rows[:common] = shown[:common]
        for r, c in changed:
            index = self.index(r, c)
            self.dataChanged.emit(index, index)
        if len(shown) > len(old):
            self.beginInsertRows(QModelIndex(), common, len(shown) - 1)
            self.rows.extend(shown[common:])
            self.endInsertRows()
            changed += [(r, c) for r in range(common, len(shown)) for c in range(len(headers))]
        return Changes(changed, columns)

    @staticmethod
    def _at(cells: list[Cell | None], column: int) -> Cell | None:
        return cells[column] if column < len(cells) else None
