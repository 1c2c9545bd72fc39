"""The calculator always at hand (brief section 5): the sums and rates reports quote.

Inputs are typed in the user's number format ("1.234,5"); the result is written the
way a report writes it ("43/66 nhiệm vụ, đạt 65,15%"), ready to copy or to insert
into the narrative at the cursor.
"""

from __future__ import annotations

import re
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from cchc_desktop.domain.formatting import (
    NumberParseError,
    format_number,
    format_percent,
    format_rate_with_fraction,
    parse_number,
)
from cchc_desktop.domain.rates import change_between, compute_rate, percent_of_target
from cchc_desktop.gui.designer.ui_calculator_panel import Ui_CalculatorPanel
from cchc_desktop.i18n import N_, _

MODES = (("ratio", N_("Tỷ lệ a/b (%)")), ("target", N_("a so với chỉ tiêu (%)")),
         ("change", N_("Thay đổi giữa hai giá trị")), ("sum", N_("Tổng một dãy số")))
# In Vietnamese "," is the decimal mark, so a list is split on ";", spaces or new lines.
LIST_SEPARATORS = re.compile(r"[;\s]+")


def _decimals(values: list[Decimal]) -> int:
    return max((max(0, -v.as_tuple().exponent) for v in values), default=0)  # type: ignore[operator]


class CalculatorPanel(QWidget):
    insert_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result_text = ""
        # The layout and the fixed texts are ui/calculator_panel.ui.
        self.ui = ui = Ui_CalculatorPanel()
        ui.setupUi(self)
        self.mode, self.a, self.b, self.items = ui.calcMode, ui.calcA, ui.calcB, ui.calcItems
        self.unit, self.precision = ui.calcUnit, ui.calcPrecision
        self.a_label, self.b_label, self.items_label = ui.aLabel, ui.bLabel, ui.itemsLabel
        self.unit_label, self.precision_label = ui.unitLabel, ui.precisionLabel
        self.message, self.result = ui.calcMessage, ui.calcResult
        self.copy_button, self.insert_button = ui.copyButton, ui.insertButton
        self.message.hide()
        self.copy_button.clicked.connect(self.copy)
        self.insert_button.clicked.connect(lambda: self.insert_requested.emit(self.result_text))
        for edit in (self.a, self.b, self.items, self.unit):
            edit.textChanged.connect(self.calculate)
        self.precision.valueChanged.connect(self.calculate)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        # The modes carry their key as item data, so they are listed here, not in the form.
        index = max(0, self.mode.currentIndex())
        self.mode.blockSignals(True)
        self.mode.clear()
        for key, label in MODES:
            self.mode.addItem(_(label), key)
        self.mode.setCurrentIndex(index)
        self.mode.blockSignals(False)
        self._mode_changed()

    def set_mode(self, key: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(key))

    def _mode_changed(self, *_args: object) -> None:
        mode = self.mode.currentData()
        labels = {"ratio": (_("Tử số a"), _("Mẫu số b")),
                  "target": (_("Kết quả a"), _("Chỉ tiêu kế hoạch")),
                  "change": (_("Giá trị cũ"), _("Giá trị mới")),
                  "sum": ("", "")}[mode or "ratio"]
        self.a_label.setText(labels[0])
        self.b_label.setText(labels[1])
        single = mode != "sum"
        for widget in (self.a, self.a_label, self.b, self.b_label):
            widget.setVisible(single)
        for widget in (self.items, self.items_label):
            widget.setVisible(not single)
        self.calculate()

    # ------------------------------------------------------------------ computing
    def _number(self, edit: QLineEdit) -> Decimal | None:
        return parse_number(edit.text(), allow_negative=True)

    def calculate(self, *_args: object) -> str:
        try:
            text = self._compute()
        except NumberParseError as exc:
            self.message.setText(str(exc))
            self.message.show()
            text = ""
        else:
            self.message.hide()
        self.result_text = text
        self.result.setText(text or _("Nhập số để tính."))
        self.copy_button.setEnabled(bool(text))
        self.insert_button.setEnabled(bool(text))
        return text

    def _compute(self) -> str:
        mode = self.mode.currentData()
        unit = self.unit.text().strip()
        precision = self.precision.value()
        if mode == "sum":
            values = [parse_number(part, allow_negative=True)
                      for part in LIST_SEPARATORS.split(self.items.text().strip()) if part]
            numbers = [v for v in values if v is not None]
            if not numbers:
                return ""
            total = format_number(sum(numbers, Decimal(0)), _decimals(numbers))
            return _("Tổng: {total}").format(total=f"{total} {unit}".rstrip())
        a, b = self._number(self.a), self._number(self.b)
        if a is None or b is None:
            return ""
        if mode == "ratio":
            return format_rate_with_fraction(compute_rate(a, b, precision), unit)
        if mode == "target":
            rate = percent_of_target(a, b, precision)
            if rate.value is None:
                return _("Chỉ tiêu bằng 0: không tính được tỷ lệ.")
            fraction = f"{format_number(a, 3)}/{format_number(b, 3)} {unit}".rstrip()
            return _("{fraction}, đạt {percent} chỉ tiêu").format(
                fraction=fraction, percent=format_percent(rate.value, precision))
        change = change_between(a, b, precision)
        digits = _decimals([a, b])
        amount = f"{format_number(abs(change.absolute), digits)} {unit}".rstrip()
        if change.absolute == 0:
            return _("Không thay đổi ({value}).").format(value=format_number(a, digits))
        relative = "" if change.relative is None else \
            _(" ({percent})").format(percent=format_percent(abs(change.relative), precision))
        template = _("tăng {amount}{relative} so với {old}") if change.absolute > 0 \
            else _("giảm {amount}{relative} so với {old}")
        return template.format(amount=amount, relative=relative,
                               old=format_number(a, digits))

    def copy(self) -> None:
        if self.result_text:
            QGuiApplication.clipboard().setText(self.result_text)
