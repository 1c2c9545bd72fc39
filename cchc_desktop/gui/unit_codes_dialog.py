"""Units an upgraded data file could not match to the official list: the clerk picks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.admin_units import official_unit
from cchc_desktop.gui.errors import show_known_error
from cchc_desktop.gui.setup_dialog import OLD_LIST_DAY
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import ReportStore
    from cchc_desktop.storage.unit_codes import UnresolvedUnit


class UnitCodesDialog(QDialog):
    """One line per unit: its name as typed, and the official units it may be."""

    def __init__(self, store: ReportStore, units: list[UnresolvedUnit],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unitCodesDialog")
        self.setWindowTitle(_("Chọn đơn vị trong danh mục"))
        self.store = store
        self.units = units
        layout = QVBoxLayout(self)
        intro = QLabel(_("Từ phiên bản này, đơn vị được nhận biết theo mã đơn vị hành chính chính thức. "
                         "Ứng dụng chưa xác định được các đơn vị dưới đây; hãy chọn đúng đơn vị. Báo cáo "
                         "và tệp cũ mang mã cũ vẫn được nhận."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for unit in units:
            combo = QComboBox(self)
            combo.setObjectName(f"unitCode:{unit.code}")
            for candidate in unit.candidates:
                place = candidate.province_name
                if candidate.parent_code != candidate.province_code:
                    day = None if candidate.is_current else OLD_LIST_DAY
                    district = official_unit(candidate.parent_code, day)
                    place = _("{district}, {province}").format(
                        district=district.full_name if district else candidate.parent_code,
                        province=candidate.province_name)
                combo.addItem(_("{name} ({place}, mã {code}{period})").format(
                    name=candidate.full_name, place=place, code=candidate.code,
                    period="" if candidate.is_current else _(", trước 01/7/2025")), candidate.code)
            combo.addItem(_("Không có trong danh mục: giữ mã {code}").format(code=unit.code), "")
            form.addRow(_("{name} (mã {code})").format(name=unit.name, code=unit.code), combo)
            self.choices[unit.code] = combo
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, Qt.Orientation.Horizontal,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        from cchc_desktop.domain.errors import KnownError

        try:
            for code, combo in self.choices.items():
                self.store.settle_unit_code(code, str(combo.currentData() or "") or None)
        except KnownError as exc:
            show_known_error(self, exc)
            return
        super().accept()


def ask_unresolved_units(store: ReportStore, parent: QWidget | None = None) -> UnitCodesDialog | None:
    """Open the dialog (window-modal, not blocking start-up) when the data file has units to
    settle; the dialog, or None when there is nothing to ask."""
    units = store.unresolved_units()
    if not units:
        return None
    dialog = UnitCodesDialog(store, units, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
