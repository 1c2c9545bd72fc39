"""Columns and rows sized to their contents, measuring again only what changed.

A header in `ResizeToContents` mode measures every cell of the table again each time any
one cell changes: in a table of 300 rows with wrapped text that is some 35 ms per cell
changed, so refilling an annex on each keystroke took seconds. Here the sections keep the
sizes `ResizeToContents` gives them (Qt's own `resizeColumnToContents` and
`resizeRowToContents`, so the table looks the same) but are measured by hand: every
column and row when the table is filled, then only the column and the row of a changed
cell; every row again, once the header has settled, when a column's width changed, since
the wrapped text then takes another height (a wider window, or a new widest cell). The
sections are `Fixed`, as `ResizeToContents` ones are to the clerk: they cannot be dragged.

In columns of plain text cells (`plain`: all of them, or some; no widget in a cell) the
width each cell asks for is also kept, so a changed cell's column is measured from that
one cell rather than from all its rows: the width Qt's `sizeHintForColumn` gives, the
widest cell's `sizeHintForIndex` plus the grid line.

A table that is not on screen is measured when it is next shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QTableView

Mode = QHeaderView.ResizeMode


class ContentFit(QObject):
    fitted = Signal()   # the rows' heights may have changed

    def __init__(self, view: QTableView, *, plain: bool | Iterable[int] = False) -> None:
        super().__init__(view)
        self.view = view
        self.plain: bool | frozenset[int] = plain if isinstance(plain, bool) else frozenset(plain)
        # Plain tables: column -> the width each of its cells asks for, row by row.
        self._widths: dict[int, list[int]] = {}
        self.stretch: frozenset[int] = frozenset()
        self._fitting = False
        self._pending = False       # measured when next shown
        view.verticalHeader().setSectionResizeMode(Mode.Fixed)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        # A column resized from outside (the window, the stretched column): rows measured
        # once the resizing is over, as the header itself would.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.fit_rows)
        view.installEventFilter(self)

    def set_stretch(self, columns: Iterable[int]) -> None:
        """The columns that take the spare width; the others fit their contents."""
        self.stretch = frozenset(columns)
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            header.setSectionResizeMode(column, Mode.Stretch if column in self.stretch else Mode.Fixed)

    def _columns(self) -> range:
        return range(self.view.horizontalHeader().count())

    def fit_all(self) -> None:
        """Measure every column and row (the table was filled anew)."""
        if not self.view.isVisible():
            self._pending = True
            return
        self._pending = False
        self._widths.clear()
        self._fitting = True
        try:
            for column in self._columns():
                if column not in self.stretch:
                    self.view.resizeColumnToContents(column)
            self.view.resizeRowsToContents()
        finally:
            self._fitting = False
        self._rows_timer.stop()
        self.fitted.emit()

    def fit_cells(self, cells: Iterable[tuple[int, int]], columns: Iterable[int] = ()) -> None:
        """Measure again the columns and rows of `cells`, whose contents changed (and `columns`)."""
        cells = list(cells)
        whole = set(columns) - self.stretch
        measured = {c for _r, c in cells} - self.stretch - whole
        if not cells and not whole:
            return
        if self._pending or not self.view.isVisible():
            self._pending = True
            return
        header = self.view.horizontalHeader()
        before = [header.sectionSize(column) for column in self._columns()]
        self._fitting = True
        try:
            for column in sorted(whole):
                self._measure_column(column, None)
            for column in sorted(measured):
                self._measure_column(column, {r for r, c in cells if c == column})
            widened = [header.sectionSize(column) for column in self._columns()] != before
            if not widened:
                for row in sorted({r for r, _c in cells}):
                    self.view.resizeRowToContents(row)
        finally:
            self._fitting = False
        if widened:
            # The stretched column gives or takes the difference only once the header's
            # delayed resize has run: every row is measured after it, at the new widths.
            self._rows_timer.start()
        else:
            self.fitted.emit()

    def _measure_column(self, column: int, rows: set[int] | None) -> None:
        """Fit `column` to its contents, asking again only the cells of `rows` (None: all)."""
        if not (self.plain is True or (self.plain and column in self.plain)):
            self.view.resizeColumnToContents(column)
            return
        model = self.view.model()
        count = model.rowCount()
        widths = self._widths.get(column)
        if rows is None or widths is None or len(widths) != count:
            widths = self._widths[column] = [self._cell_width(row, column) for row in range(count)]
        else:
            for row in rows:
                widths[row] = self._cell_width(row, column)
        # As QTableView.resizeColumnToContents: the widest cell (and grid line), or the heading.
        content = max(widths, default=0) + (1 if self.view.showGrid() else 0)
        header = self.view.horizontalHeader()
        heading = 0 if header.isHidden() else header.sectionSizeHint(column)
        header.resizeSection(column, max(content, heading))

    def _cell_width(self, row: int, column: int) -> int:
        return self.view.sizeHintForIndex(self.view.model().index(row, column)).width()

    def fit_rows(self) -> None:
        if not self.view.isVisible():
            self._pending = True
            return
        self._fitting = True
        try:
            self.view.resizeRowsToContents()
        finally:
            self._fitting = False
        self.fitted.emit()

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._rows_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and self._pending:
            self.fit_all()
        return super().eventFilter(watched, event)
