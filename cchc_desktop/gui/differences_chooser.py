"""A workbook edited in Excel: both values of each figure side by side, and the clerk's choice.

The reader found figures whose visible cell no longer says what the hidden data says
(exchange.workbook.visible_differences). Nothing is taken silently: every row starts
undecided, the clerk picks "dữ liệu ẩn" or "trang tính" per figure or for all at once,
and a formula (or a computed figure) can only keep the hidden value: retype it instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHeaderView, QTableWidgetItem, QWidget

from cchc_desktop.domain.formatting import format_number
from cchc_desktop.gui.designer.ui_differences_chooser import Ui_DifferencesChooser
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.exchange.workbook import VisibleDifference

UNDECIDED, HIDDEN, VISIBLE = 0, 1, 2


class DifferencesChooser(QWidget):
    """One row a figure: label and code, cell, hidden value, visible value or formula, choice.

    The layout and the column headers are ui/differences_chooser.ui; the rows are filled here.
    """

    changed = Signal()

    def __init__(self, differences: Sequence[VisibleDifference], parent: QWidget | None = None,
                 ) -> None:
        super().__init__(parent)
        self.ui = Ui_DifferencesChooser()
        self.ui.setupUi(self)
        self.differences = list(differences)
        self.table = self.ui.differences
        self.all_hidden = self.ui.allHidden
        self.all_visible = self.ui.allVisible
        self.ui.intro.setText(_("Có {n} số liệu trên trang tính khác với phần dữ liệu ẩn của tệp (tệp đã "
                                "được sửa bằng Excel?). Chọn số liệu sẽ lấy cho từng chỉ tiêu; ô có công "
                                "thức không được tính, hãy gõ lại số liệu nếu cần.").format(
            n=len(self.differences)))
        self.table.setRowCount(len(self.differences))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.choices: list[QComboBox] = []
        for row, difference in enumerate(self.differences):
            self._fill_row(row, difference)
        self.all_hidden.clicked.connect(lambda: self.choose_all(HIDDEN))
        self.all_visible.clicked.connect(lambda: self.choose_all(VISIBLE))

    def _fill_row(self, row: int, difference: VisibleDifference) -> None:
        hidden = (format_number(difference.hidden, 3) if difference.hidden is not None
                  else _("(trống)"))
        if difference.formula or difference.visible is None:
            visible = difference.visible_text or _("(trống)")
        else:
            visible = format_number(difference.visible, 3)
        cells = [f"{difference.label} [{difference.code}]", difference.place, hidden, visible]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(difference.refusal or text)
            self.table.setItem(row, column, item)
        combo = QComboBox(self.table)
        combo.setObjectName(f"choice:{difference.code}")
        combo.addItems([_("(chưa chọn)"), _("Dữ liệu ẩn"), _("Trang tính")])
        if not difference.choosable:
            model = combo.model()
            if isinstance(model, QStandardItemModel):
                entry = model.item(VISIBLE)
                if entry is not None:
                    entry.setEnabled(False)
            combo.setToolTip(difference.refusal)
        combo.currentIndexChanged.connect(self.changed)
        self.table.setCellWidget(row, 4, combo)
        self.choices.append(combo)

    def choose_all(self, choice: int) -> None:
        """Every figure at once; a formula or computed figure is left for the clerk to decide."""
        for difference, combo in zip(self.differences, self.choices, strict=True):
            if choice == VISIBLE and not difference.choosable:
                continue
            combo.setCurrentIndex(choice)

    def choose(self, code: str, choice: int) -> None:
        for difference, combo in zip(self.differences, self.choices, strict=True):
            if difference.code == code and (choice != VISIBLE or difference.choosable):
                combo.setCurrentIndex(choice)

    def complete(self) -> bool:
        return all(combo.currentIndex() != UNDECIDED for combo in self.choices)

    def visible_codes(self) -> set[str]:
        return {d.code for d, combo in zip(self.differences, self.choices, strict=True)
                if combo.currentIndex() == VISIBLE}
