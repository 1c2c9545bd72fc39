"""Units an upgraded data file could not match to the official list: the clerk picks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QWidget

from cchc_desktop.domain.admin_units import official_unit
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.designer.ui_unit_codes_dialog import Ui_UnitCodesDialog
from cchc_desktop.gui.errors import show_known_error
from cchc_desktop.gui.setup_dialog import OLD_LIST_DAY
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.services import UnitSettings
    from cchc_desktop.storage.unit_codes import UnresolvedUnit


class UnitCodesDialog(QDialog):
    """One line per unit: its name as typed, and the official units it may be.

    The intro and the buttons are ui/unit_codes_dialog.ui; the rows are added here.
    """

    def __init__(self, settings: UnitSettings, units: list[UnresolvedUnit],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnitCodesDialog()
        self.ui.setupUi(self)
        self.settings = settings
        self.units = units
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
            self.ui.form.addRow(_("{name} (mã {code})").format(name=unit.name, code=unit.code), combo)
            self.choices[unit.code] = combo
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        try:
            for code, combo in self.choices.items():
                self.settings.settle_unit_code(code, str(combo.currentData() or "") or None)
        except KnownError as exc:
            show_known_error(self, exc)
            return
        super().accept()


def ask_unresolved_units(settings: UnitSettings, parent: QWidget | None = None) -> UnitCodesDialog | None:
    """Open the dialog (window-modal, not blocking start-up) when the data file has units to
    settle; the dialog, or None when there is nothing to ask."""
    units = settings.unresolved_units()
    if not units:
        return None
    dialog = UnitCodesDialog(settings, units, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
