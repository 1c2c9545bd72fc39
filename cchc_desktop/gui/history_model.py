"""The change log as a table model: rows read from the data file a page at a time.

A report edited for years has tens of thousands of changes. Putting them all in a
QTableWidget took 0.67 s at 10,000 (every change read, described, formatted and made an
item before the dialog appeared). This model knows only the ids of the rows it shows
(one query), and reads, describes and formats a page of changes when the view first asks
for one of its rows; a few pages are kept. The filter is a query too (storage ChangeLog).

The view opens at the newest change (the last row), so the model answers for any row at
once rather than growing from the top with canFetchMore/fetchMore, which would read every
row above the newest before showing it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from cchc_desktop.storage.changes import Change, ChangeLog

PAGE = 50           # changes read per query: a screen is ~25 rows
KEPT_PAGES = 40     # pages kept in memory; the others are read again if scrolled back to
_SHOWN = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)

_Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """The changes of `log` (those matching the filter), oldest first, as rows of `cells`."""

    def __init__(self, log: ChangeLog, headers: Sequence[str], cells: Callable[[Change], list[str]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.headers = list(headers)
        self._cells = cells
        self._ids: list[int] = log.ids()
        self._pages: OrderedDict[int, list[tuple[Change, list[str]]]] = OrderedDict()

    # ------------------------------------------------------------------ filter
    def set_filter(self, needle: str, text: Callable[[Change], str]) -> None:
        """Only the changes whose `text` contains `needle` (empty: all of them)."""
        self.beginResetModel()
        self._ids = self.log.ids(needle, text) if needle else self.log.ids()
        self._pages.clear()
        self.endResetModel()

    # ------------------------------------------------------------------ rows
    def _row(self, row: int) -> tuple[Change, list[str]]:
        number = row // PAGE
        page = self._pages.get(number)
        if page is None:
            changes = self.log.changes(self._ids[number * PAGE:(number + 1) * PAGE])
            page = [(change, self._cells(change)) for change in changes]
            self._pages[number] = page
            if len(self._pages) > KEPT_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE]

    def change(self, row: int) -> Change:
        return self._row(row)[0]

    def cell(self, row: int, column: int) -> str:
        return self._row(row)[1][column]

    # ------------------------------------------------------------------ QAbstractTableModel
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per cell as it paints: the cheap test first.
        if role not in _SHOWN or not index.isValid():
            return None
        return self.cell(index.row(), index.column())

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None
