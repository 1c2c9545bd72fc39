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
width each cell asks for on one line (`sizeHintForIndex`) is also kept. A changed cell's
column is then measured from that one cell rather than from all its rows (the width Qt's
`sizeHintForColumn` gives: the widest cell plus the grid line), and when a column's width
changes only the rows with a cell too wide for it, before or after, are measured again:
a cell that fits on one line at both widths keeps its height.

A table that is not on screen is measured when it is next shown.

When a column's width changes under many wrapped rows (the stretched column giving way to a
wider first column in a list of 300 rows: 7 ms of Qt's text layout), the rows on screen and
the changed cells' rows are measured at once, the others a few dozen at a time while the
event loop is idle (`ROWS_AT_ONCE`), so the keystroke's frame is not held by rows no one
sees; `settled` tells when every row has its height.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QHeaderView, QTableView

Mode = QHeaderView.ResizeMode
SLACK = 4   # px
ROWS_AT_ONCE = 40   # rows measured in one pass of the event loop (~1 ms)


class ContentFit(QObject):
    fitted = Signal()   # the rows' heights may have changed

    def __init__(self, view: QTableView, *, plain: bool | Iterable[int] = False) -> None:
        super().__init__(view)
        self.view = view
        self.plain: bool | frozenset[int] = plain if isinstance(plain, bool) else frozenset(plain)
        # Plain columns: column -> the width each of its cells asks for, row by row.
        self._widths: dict[int, list[int]] = {}
        # The column widths the rows were last measured at (None: measure them all).
        self._measured_at: list[int] | None = None
        self._rows_due: set[int] = set()   # rows to measure once the header has settled
        self.stretch: frozenset[int] = frozenset()
        self._squeezed = False      # the stretched columns held at their headings' width
        self._fitting = False
        self._pending = False       # measured when next shown
        view.verticalHeader().setSectionResizeMode(Mode.Fixed)
        view.horizontalHeader().sectionResized.connect(self._column_resized)
        # A column resized (the window, the stretched column giving way): rows measured once
        # the resizing is over, as the header itself would.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self.fit_rows)
        # Rows off screen still to measure at the current widths, a batch per idle pass.
        self._rows_later: set[int] = set()
        self._later_timer = QTimer(self)
        self._later_timer.setSingleShot(True)
        self._later_timer.setInterval(0)
        self._later_timer.timeout.connect(self._fit_later_rows)
        view.installEventFilter(self)
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)

    def set_stretch(self, columns: Iterable[int]) -> None:
        """The columns that take the spare width; the others fit their contents."""
        self.stretch = frozenset(columns)
        self._squeezed = False
        self._apply_stretch()

    def _apply_stretch(self) -> None:
        """Stretched while the spare width gives each stretched column at least its heading;
        else held at its heading's width, the table scrolling sideways, so no heading is cut
        (a narrow page: a laptop at 125%, longer wording)."""
        header = self.view.horizontalHeader()
        for column in range(header.count()):
            stretched = column in self.stretch and not self._squeezed
            header.setSectionResizeMode(column, Mode.Stretch if stretched else Mode.Fixed)
            if column in self.stretch and self._squeezed:
                header.resizeSection(column, self._heading_width(column))

    def _heading_width(self, column: int) -> int:
        header = self.view.horizontalHeader()
        return max(header.sectionSizeFromContents(column).width(), header.minimumSectionSize())

    def _check_squeeze(self) -> None:
        if not self.stretch:
            return
        header = self.view.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c in range(header.count())
                    if c not in self.stretch and not header.isSectionHidden(c))
        headings = sum(self._heading_width(c) for c in self.stretch)
        # The room without the scroll bars, less a vertical one's width: the same answer whether
        # they show or not (which the squeezing itself changes), never a heading cut by one.
        room = self.view.maximumViewportSize().width() - self.view.verticalScrollBar().sizeHint().width()
        squeezed = fixed + headings > room
        if squeezed != self._squeezed:
            self._squeezed = squeezed
            self._apply_stretch()

    def _column_sizes(self) -> list[int]:
        header = self.view.horizontalHeader()
        return [header.sectionSize(column) for column in range(header.count())]

    def _is_plain(self, column: int) -> bool:
        return self.plain is True or (isinstance(self.plain, frozenset) and column in self.plain)

    def fit_all(self) -> None:
        """Measure every column and row (the table was filled anew)."""
        if not self.view.isVisible():
            self._pending = True
            return
        self._pending = False
        self._widths.clear()
        self._fitting = True
        try:
            for column in range(self.view.horizontalHeader().count()):
                if column not in self.stretch:
                    self.view.resizeColumnToContents(column)
            self.view.resizeRowsToContents()
        finally:
            self._fitting = False
        self._measured_at, self._rows_due = self._column_sizes(), set()
        self._rows_timer.stop()
        self._rows_later.clear()
        self._later_timer.stop()
        self._check_squeeze()
        self.fitted.emit()

    @property
    def settled(self) -> bool:
        """Every row has the height its contents ask for (none waits for an idle pass)."""
        return not self._rows_later and not self._rows_timer.isActive() \
            and not self._later_timer.isActive()

    def fit_cells(self, cells: Iterable[tuple[int, int]], columns: Iterable[int] = ()) -> None:
        """Measure again the columns and rows of `cells`, whose contents changed (and `columns`)."""
        cells = list(cells)
        whole = set(columns)
        if not cells and not whole:
            return
        if self._pending or not self.view.isVisible():
            self._pending = True
            return
        count = self.view.model().rowCount()
        for column in whole:
            self._widths.pop(column, None)
        for column, widths in list(self._widths.items()):
            if len(widths) != count:
                del self._widths[column]   # rows came or went: asked again when needed
                continue
            for row, _c in ((r, c) for r, c in cells if c == column):
                widths[row] = self._cell_width(row, column)
        before = self._column_sizes()
        self._fitting = True
        try:
            for column in sorted(({c for _r, c in cells} | whole) - self.stretch):
                self._measure_column(column)
        finally:
            self._fitting = False
        rows = {r for r, _c in cells}
        self._check_squeeze()
        if self._column_sizes() != before:
            # The stretched column gives or takes the difference only once the header's
            # delayed resize has run: the rows are measured after it, at the new widths.
            self._rows_due |= rows
            self._rows_timer.start()
            return
        self._fitting = True
        try:
            for row in sorted(rows):
                self.view.resizeRowToContents(row)
        finally:
            self._fitting = False
        self.fitted.emit()

    def _measure_column(self, column: int) -> None:
        """Fit `column` to its contents."""
        if not self._is_plain(column):
            self.view.resizeColumnToContents(column)
            return
        # As QTableView.resizeColumnToContents: the widest cell (and grid line), or the heading.
        content = max(self._plain_widths(column), default=0) + (1 if self.view.showGrid() else 0)
        header = self.view.horizontalHeader()
        heading = 0 if header.isHidden() else header.sectionSizeHint(column)
        header.resizeSection(column, max(content, heading))

    def _plain_widths(self, column: int) -> list[int]:
        widths = self._widths.get(column)
        if widths is None:
            widths = self._widths[column] = [self._cell_width(row, column)
                                             for row in range(self.view.model().rowCount())]
        return widths

    def _cell_width(self, row: int, column: int) -> int:
        return self.view.sizeHintForIndex(self.view.model().index(row, column)).width()

    def _rows_to_measure(self, now: list[int]) -> set[int] | None:
        """The rows whose height the change of widths since they were measured may change."""
        before = self._measured_at
        if before is None or len(before) != len(now):
            return None
        changed = [c for c, (old, new) in enumerate(zip(before, now, strict=True)) if old != new]
        if any(not self._is_plain(c) for c in changed):
            return None
        rows: set[int] = set()
        for column in changed:
            # A few pixels to spare against rounding in the delegate's text layout.
            narrower = min(before[column], now[column]) - SLACK
            rows.update(r for r, width in enumerate(self._plain_widths(column)) if width > narrower)
        return rows

    def fit_rows(self) -> None:
        """Measure the rows again after a change of widths (and the rows due)."""
        if not self.view.isVisible():
            self._pending = True
            return
        now = self._column_sizes()
        rows = self._rows_to_measure(now)
        count = self.view.model().rowCount()
        targets = set(range(count)) if rows is None else rows | self._rows_due
        if len(targets) > ROWS_AT_ONCE:
            # The rows the clerk sees (and the changed cells' rows) now; the others when idle.
            now_rows = (targets & self._visible_rows()) | {r for r in self._rows_due if r < count}
            self._rows_later |= targets - now_rows
            targets = now_rows
            self._later_timer.start()
        self._measure_rows(targets)
        self._measured_at, self._rows_due = now, set()
        self._check_squeeze()   # the rows' heights may have shown or hidden the scroll bar
        self.fitted.emit()

    def _visible_rows(self) -> set[int]:
        first = self.view.rowAt(0)
        last = self.view.rowAt(self._viewport.height() - 1)
        count = self.view.model().rowCount()
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        return set(range(first, min(count, last + 1)))

    def _measure_rows(self, rows: Iterable[int]) -> None:
        count = self.view.model().rowCount()
        self._fitting = True
        try:
            for row in sorted(rows):
                if row < count:
                    self.view.resizeRowToContents(row)
        finally:
            self._fitting = False

    def _fit_later_rows(self) -> None:
        if not self.view.isVisible():
            self._rows_later.clear()
            self._pending = True   # measured afresh when shown again
            return
        # Those nearest the top of the view first: the next the clerk may scroll to.
        batch = sorted(self._rows_later, key=lambda r: abs(r - max(self.view.rowAt(0), 0)))
        batch = batch[:ROWS_AT_ONCE]
        self._rows_later.difference_update(batch)
        self._measure_rows(batch)
        if self._rows_later:
            self._later_timer.start()
        else:
            self._check_squeeze()
        self.fitted.emit()

    def _column_resized(self, _column: int, _old: int, _new: int) -> None:
        if not self._fitting:
            self._rows_timer.start()
            self._check_squeeze()   # a column grew: the stretched one may have no room left

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and self._pending:
            self.fit_all()
        # The viewport's own resize: the view's comes before its viewport has the new width.
        if watched is self._viewport and event.type() == QEvent.Type.Resize \
                and shiboken6.isValid(self.view):
            self._check_squeeze()
        return super().eventFilter(watched, event)
