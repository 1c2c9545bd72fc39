"""The table of the board of the units' main rates (domain/unit_board.py): a model over the
board, and the proxy that sorts it by a rate's number (not its text: "9,50%" before "10,00%")
and filters it by the unit's name, accents folded as the narrative audit folds them
("my hoa" finds "Mỹ Hòa"), or to the units below a target.

A unit without a figure ('—') sorts after the others either way, and the sum row stays last,
whatever the order and the filter: it is the province's, not a unit among them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from cchc_desktop.domain.narrative_words import fold
from cchc_desktop.domain.rates import Rate
from cchc_desktop.domain.unit_board import BELOW_WORDS, BoardLine, UnitBoard, UnitRate
from cchc_desktop.gui.style import colour
from cchc_desktop.gui.trend_chart_widget import value_text
from cchc_desktop.i18n import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1      # a rate's value (or None), a unit's folded name
LINE_ROLE = Qt.ItemDataRole.UserRole + 2      # the row's BoardLine
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex
HEADER_WIDTH = 18                              # characters on a line of a rate's header


class UnitBoardModel(QAbstractTableModel):
    """Unit, one column per main rate, the note; the units' rows, then the sum row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: UnitBoard | None = None
        self.lines: list[BoardLine] = []

    def set_board(self, board: UnitBoard | None) -> None:
        self.beginResetModel()
        self.board = board
        self.lines = [*board.lines, board.total] if board is not None else []
        self.endResetModel()

    @property
    def rate_codes(self) -> list[str]:
        return [c.code for c in self.board.columns] if self.board is not None else []

    def rate_column(self, code: str) -> int:
        return 1 + self.rate_codes.index(code)

    def code_at(self, column: int) -> str | None:
        codes = self.rate_codes
        return codes[column - 1] if 1 <= column <= len(codes) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() or self.board is None else len(self.board.columns) + 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self.board is None:
            return None
        code = self.code_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return _("Đơn vị")
            if code is None:
                return _("So với chỉ tiêu")
            column = self.board.column(code)
            # a header does not wrap by itself: the label on short lines, then the target
            lines = textwrap.wrap(column.label(), HEADER_WIDTH) or [""]
            if column.target is not None:
                lines.append(_("(chỉ tiêu {value})").format(value=value_text(column.target, "%")))
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ToolTipRole and code is not None:
            return _("Bấm để sắp xếp theo tỷ lệ này; biểu đồ bên dưới vẽ tỷ lệ được chọn.")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.board is None:
            return None
        line = self.lines[index.row()]
        column = index.column()
        code = self.code_at(column)
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.FontRole and line.is_total:
            font = QFont()
            font.setBold(True)
            return font
        if code is None:
            return self._name_or_note(line, column, role)
        rate = line.rates[code]
        if role == Qt.ItemDataRole.DisplayRole:
            return rate.text()
        if role == SORT_ROLE:
            return float(rate.value) if rate.value is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._rate_tip(rate.rate, rate.target, rate.below_target)
        if role == Qt.ItemDataRole.BackgroundRole and rate.below_target:
            # a help on screen only: the '▼' after the figure says it without the colour
            return QBrush(QColor(colour("board_error")))
        return None

    def _name_or_note(self, line: BoardLine, column: int, role: int) -> Any:
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return line.name()
            if role == SORT_ROLE:
                return fold(line.name())
            return None
        note = _(BELOW_WORDS) if line.below_target else (
            "" if line.has_report else _("Chưa gửi báo cáo"))
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return note
        if role == Qt.ItemDataRole.ToolTipRole and line.below_target and self.board is not None:
            return "\n".join(self.board.column(code).label() for code in line.below_codes)
        return None

    @staticmethod
    def _rate_tip(rate: Rate | None, target: Decimal | None, below: bool) -> str:
        parts = []
        if rate is not None and rate.numerator is not None and rate.denominator is not None:
            parts.append(_("Tử số/mẫu số: {fraction}").format(fraction=_fraction(rate)))
        elif rate is None:
            parts.append(_("Đơn vị chưa gửi báo cáo kỳ này."))
        else:
            parts.append(_("Chưa đủ số liệu để tính tỷ lệ."))
        if target is not None:
            key = _("dưới chỉ tiêu {value}") if below else _("chỉ tiêu {value}")
            parts.append(key.format(value=value_text(target, "%")))
        return "; ".join(parts)


def _fraction(rate: Rate) -> str:
    """'1.421/1.428', as the PDF writes it (domain/unit_board.py)."""
    return UnitRate(rate, None).fraction()


class UnitBoardProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE, filters by the folded name and by being below a target."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.words = ""
        self.below_only = False

    def set_words(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "words", fold(" ".join(text.split()))))

    def set_below_only(self, below_only: bool) -> None:
        self._refilter(lambda: setattr(self, "below_only", below_only))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 deprecates invalidateFilter for begin/endFilterChange, which 6.8 lacks.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def line(self, source_row: int) -> BoardLine:
        source = self.sourceModel()
        line = source.data(source.index(source_row, 0), LINE_ROLE)
        assert isinstance(line, BoardLine)
        return line

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        line = self.line(source_row)
        if line.is_total:
            return True
        if self.below_only and not line.below_target:
            return False
        return not self.words or self.words in fold(line.name())

    def lessThan(self, left: Index, right: Index) -> bool:
        # Qt sorts descending by asking lessThan(right, left): a rank that must stay last
        # (no figure, the sum row) is compared the other way round then.
        left_rank, right_rank = self._rank(left), self._rank(right)
        if left_rank != right_rank:
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            return left_rank < right_rank if ascending else left_rank > right_rank
        left_value, right_value = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if left_value is None or right_value is None:      # two without a figure: by name
            return self._name(left) < self._name(right)
        return bool(left_value < right_value)

    def _name(self, index: Index) -> str:
        line = index.data(LINE_ROLE)
        return fold(line.name()) if isinstance(line, BoardLine) else ""

    def _rank(self, index: Index) -> int:
        """0 a unit with a figure, 1 a unit without, 2 the sum row."""
        line = index.data(LINE_ROLE)
        if isinstance(line, BoardLine) and line.is_total:
            return 2
        return 1 if index.data(SORT_ROLE) is None else 0

    def visible_lines(self) -> list[BoardLine]:
        """The rows as shown, top to bottom (the chart follows them)."""
        return [self.line(self.mapToSource(self.index(row, 0)).row()) for row in range(self.rowCount())]
