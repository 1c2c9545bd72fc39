"""The own unit and its subordinate units: asked once on first run, editable in the settings.

The layouts are ui/unit_form.ui and ui/setup_dialog.ui; this module fills them with the
official list of units and the data file's (through gui/services.UnitSettings, handed out
by the report controller), and saves what the clerk chose.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cchc_desktop.domain import admin_units
from cchc_desktop.domain.admin_units import AdminUnit
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL
from cchc_desktop.domain.unit_names import derive_unit_code
from cchc_desktop.domain.units import Unit, level_catalogue
from cchc_desktop.exchange.text_limits import length_problem, limit
from cchc_desktop.gui.designer.ui_setup_dialog import Ui_SetupDialog
from cchc_desktop.gui.designer.ui_unit_form import Ui_UnitForm
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.services import UnitSettings
    from cchc_desktop.storage.repository import OwnUnit

AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "KT. GIÁM ĐỐC", "GIÁM ĐỐC",
               "KT. TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG")
# The last day of the list of 63 provinces with their districts.
OLD_LIST_DAY = dt.date(2025, 6, 30)
TITLES = ("CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG")


def consolidated_levels(level: str) -> list[str]:
    """Levels a unit of `level` consolidates in any structure (districts did until 07/2025)."""
    catalogue = level_catalogue()
    found: list[str] = []
    for structure in catalogue.structures:
        for item in structure.chain:
            if structure.superior_of(item) == level and item not in found:
                found.append(item)
    return found


class UnitForm(QWidget):
    """The fields of the own unit, and the table of subordinate units when it consolidates."""

    def __init__(self, units: UnitSettings, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = units
        self.today = today
        self._picked: AdminUnit | None = None
        self._choosing = False          # filling the fields from a choice: keep the list as it is
        self.ui = ui = Ui_UnitForm()
        ui.setupUi(self)
        self.lists: QComboBox = ui.unitList
        self.province: QComboBox = ui.province
        self.search: QLineEdit = ui.unitSearch
        self.matches: QListWidget = ui.unitMatches
        self.other_body: QCheckBox = ui.otherBody
        self.level: QComboBox = ui.level
        self.kind: QComboBox = ui.kind
        self.name: QLineEdit = ui.name
        self.name_error: QLabel = ui.nameError
        self.parent_body: QLineEdit = ui.parentBody
        self.place: QLineEdit = ui.place
        self.symbol: QLineEdit = ui.symbol
        self.authority: QComboBox = ui.signerAuthority
        self.title: QComboBox = ui.signerTitle
        self.signer: QLineEdit = ui.signerName
        self.email: QLineEdit = ui.superiorEmail
        self.subunits_box: QGroupBox = ui.subunitsBox
        self.subunits: QTableWidget = ui.subunits
        # The data behind the form's choices: the day each list is valid on, the levels, the usual
        # signers (official Vietnamese terms, printed as they are: not translated).
        self.lists.setItemData(0, today)
        self.lists.setItemData(1, OLD_LIST_DAY)
        self.name_error.hide()
        # No field takes more than the exchange format keeps: the unit's name, place, symbol
        # and signer go into every report it starts, and storage refuses a longer one.
        self.limited = [(self.name, "unit.name"), (self.parent_body, "unit.parent"),
                        (self.place, "document.place"), (self.symbol, "document.symbol"),
                        (self.signer, "signer.name")]
        for combo, field in ((self.authority, "signer.authority"), (self.title, "signer.title")):
            if (line := combo.lineEdit()) is not None:
                self.limited.append((line, field))
        self._limit_fields()
        self.symbol.setText(DEFAULT_DOC_SYMBOL)
        self._fill_levels()
        self.authority.addItems(AUTHORITIES)
        self.title.addItems(TITLES)
        self.subunits.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        ui.addSubunit.clicked.connect(lambda: self.add_subunit(Unit("", "", self._sub_levels()[0])))
        ui.removeSubunit.clicked.connect(self._remove_subunit)
        ui.addFromList.clicked.connect(self.add_listed_subunits)
        self.level.currentIndexChanged.connect(self._level_changed)
        self.lists.currentIndexChanged.connect(self._list_changed)
        self.province.currentIndexChanged.connect(self._refresh_matches)
        self.search.textChanged.connect(self._refresh_matches)
        self.matches.currentItemChanged.connect(self._match_chosen)
        self.other_body.toggled.connect(self._other_toggled)
        self._fill_provinces()
        self.load()

    # ------------------------------------------------------------------ load / save
    def load(self) -> None:
        own = self.units.own_unit()
        if own is None:
            # Communes report today; a new data file most likely belongs to one.
            self.level.setCurrentIndex(max(0, self.level.findData("xa")))
            self._level_changed()
            return
        official = admin_units.official_unit(own.code, self.today) if own.code.isdigit() else None
        if official is not None:
            self._show_official(official)
        else:
            self.other_body.setChecked(True)
        if own.level not in self._levels():
            self.lists.setCurrentIndex(1)     # a district set up before 07/2025
        self.level.setCurrentIndex(max(0, self.level.findData(own.level)))
        self._level_changed()
        self.kind.setCurrentText(own.kind)
        for edit, _field in self.limited:
            edit.setMaxLength(32767)            # Qt's most: setText would cut to the limit set before
        self.name.setText(own.name)
        self.parent_body.setText(own.parent)
        self.place.setText(own.place)
        self.symbol.setText(own.doc_symbol)
        self.authority.setCurrentText(own.signer_authority)
        self.title.setCurrentText(own.signer_title)
        self.signer.setText(own.signer_name)
        self.email.setText(own.superior_email)
        self._limit_fields()
        for unit in self.units.subordinate_units():
            self.add_subunit(unit)

    def own_unit(self) -> OwnUnit:
        existing = self.units.own_unit()
        name = self.name.text().strip()
        if self._picked is not None and not self.other_body.isChecked():
            code = self._picked.code
        elif existing is not None and not (existing.code.isdigit() and self.other_body.isChecked()):
            code = existing.code          # the code stays: past reports keep their unit
        else:
            # Made once, here, and kept: a later change of the name keeps the code.
            code = derive_unit_code(name, str(self.province.currentData() or ""))
        return self.units.make_own_unit(
            code=code, name=name, level=self.level.currentData(),
            kind=self.kind.currentText().strip(), parent=self.parent_body.text().strip(),
            place=self.place.text().strip(), doc_symbol=self.symbol.text().strip(),
            signer_authority=self.authority.currentText().strip(),
            signer_title=self.title.currentText().strip(),
            signer_name=self.signer.text().strip(),
            superior_email=self.email.text().strip())

    def _limit_fields(self) -> None:
        """No field takes more than the exchange format keeps; a longer text an older version
        kept stays whole, and validate() says it is too long."""
        for edit, field in self.limited:
            edit.setMaxLength(max(limit(field), len(edit.text())))

    def subordinate_units(self) -> list[Unit]:
        units = []
        own_name = self.name.text().strip()
        for row in range(self.subunits.rowCount()):
            name = self._cell(row, 1)
            if not name:
                continue
            combo = self.subunits.cellWidget(row, 2)
            level = combo.currentData() if isinstance(combo, QComboBox) else self._sub_levels()[0]
            units.append(Unit(self._cell(row, 0) or derive_unit_code(name), name, level, own_name))
        return units

    def validate(self) -> bool:
        if not self.name.text().strip():
            self.name_error.setText(_("Hãy nhập tên đơn vị."))
            self.name_error.show()
            self.name.setFocus()
            return False
        for edit, field in self.limited:
            if (problem := length_problem(field, edit.text().strip())) is not None:
                self.name_error.setText(problem)
                self.name_error.show()
                edit.setFocus()
                return False
        # A subordinate unit's code or name typed in its table longer than the format keeps.
        for unit in self.subordinate_units():
            problem = length_problem("unit.code", unit.code) or length_problem("unit.name", unit.name)
            if problem is not None:
                self.name_error.setText(_("Đơn vị trực thuộc {name}: {problem}").format(
                    name=unit.name[:60], problem=problem))
                self.name_error.show()
                self.subunits.setFocus()
                return False
        self.name_error.hide()
        return True

    def save(self) -> None:
        self.units.save_own_unit(self.own_unit())
        if self.subunits_box.isVisibleTo(self) or self.units.subordinate_units():
            self.units.set_subordinate_units(self.subordinate_units()
                                             if consolidated_levels(self.level.currentData()) else [])

    # ------------------------------------------------------------------ official list
    def list_day(self) -> dt.date:
        day = self.lists.currentData()
        return day if isinstance(day, dt.date) else self.today

    def _levels(self) -> tuple[str, ...]:
        """The levels in force on the list's day: no district level since 01/07/2025."""
        return level_catalogue().levels_on(self.list_day())

    def _list_changed(self, *_args: object) -> None:
        self._fill_levels()
        self._fill_kinds()
        self._fill_provinces()

    def _fill_levels(self) -> None:
        """The level choices of the chosen list; the level chosen stays if it still exists."""
        current = self.level.currentData()
        catalogue = level_catalogue()
        self.level.blockSignals(True)
        self.level.clear()
        for code in self._levels():
            self.level.addItem(catalogue.label(code), code)
        index = self.level.findData(current)
        self.level.setCurrentIndex(index if index >= 0 else max(0, self.level.findData("xa")))
        self.level.blockSignals(False)
        if current is not None and self.level.currentData() != current:
            self._level_changed()

    def _fill_provinces(self, *_args: object) -> None:
        current = self.province.currentData()
        self.province.blockSignals(True)
        self.province.clear()
        self.province.addItem(_("(tất cả tỉnh, thành phố)"), "")
        for unit in admin_units.provinces(self.list_day()):
            self.province.addItem(unit.full_name, unit.code)
        self.province.setCurrentIndex(max(0, self.province.findData(current)))
        self.province.blockSignals(False)
        self._refresh_matches()

    def _wanted_level(self) -> str | None:
        level = self.level.currentData()
        return level if level in ("xa", "huyen", "tinh") else None

    def _refresh_matches(self, *_args: object) -> None:
        if self._choosing:
            return
        within = str(self.province.currentData() or "") or None
        level = self._wanted_level()
        query = self.search.text().strip()
        if not query and within is None:
            found: list[AdminUnit] = []
        elif level == "tinh":
            found = admin_units.search(query, on=self.list_day(), level="tinh")
            if within:
                found = [u for u in found if u.code == within]
        else:
            found = admin_units.search(query, within, on=self.list_day(), level=level, limit=100)
        self.matches.blockSignals(True)
        self.matches.clear()
        for unit in found:
            label = unit.full_name if within else f"{unit.full_name} ({unit.province_name})"
            item = QListWidgetItem(label, self.matches)
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
        self.matches.blockSignals(False)

    def _match_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        unit = admin_units.official_unit(str(item.data(Qt.ItemDataRole.UserRole)), self.list_day())
        if unit is not None:
            self.choose(unit)

    def choose(self, unit: AdminUnit) -> None:
        """Fill the unit's fields with the official values of `unit`."""
        self._choosing = True
        try:
            self.other_body.setChecked(False)
            self.level.setCurrentIndex(max(0, self.level.findData(unit.level)))
            self._level_changed()
        finally:
            self._choosing = False
        self._picked = unit
        self.kind.setCurrentText(unit.kind_label)
        self.name.setText(unit.body_name)
        superior = admin_units.official_unit(unit.parent_code, self.list_day()) if unit.parent_code else None
        self.parent_body.setText(superior.body_name if superior else "")
        self.place.setText(unit.name)
        self.name_error.hide()

    def _show_official(self, unit: AdminUnit) -> None:
        self._picked = unit
        self.lists.setCurrentIndex(0 if unit.is_current else 1)
        self.province.setCurrentIndex(max(0, self.province.findData(unit.province_code)))

    def _other_toggled(self, checked: bool) -> None:
        if checked:
            self._picked = None
            self.matches.clearSelection()
            self.name.setFocus()

    def add_listed_subunits(self) -> None:
        """The units under the chosen province (or district) in the list, as subordinates."""
        parent = self._picked.code if self._picked is not None else str(self.province.currentData() or "")
        if not parent:
            return
        known = {self._cell(row, 0) for row in range(self.subunits.rowCount())}
        day = self.list_day()
        # A province consolidated its districts before 07/2025, and its communes since.
        listed = admin_units.districts(parent, day) if len(parent) == 2 else []
        if not listed:
            listed = admin_units.communes(parent, day)
        for unit in listed:
            if unit.code not in known:
                self.add_subunit(Unit(unit.code, unit.body_name, unit.level))

    # ------------------------------------------------------------------ helpers
    def _cell(self, row: int, col: int) -> str:
        item = self.subunits.item(row, col)
        return item.text().strip() if item else ""

    def _sub_levels(self) -> list[str]:
        return consolidated_levels(self.level.currentData()) or ["xa"]

    def add_subunit(self, unit: Unit) -> None:
        row = self.subunits.rowCount()
        self.subunits.insertRow(row)
        self.subunits.setItem(row, 0, QTableWidgetItem(unit.code))
        self.subunits.setItem(row, 1, QTableWidgetItem(unit.name))
        combo = QComboBox(self.subunits)
        for level in self._sub_levels():
            combo.addItem(level_catalogue().label(level), level)
        combo.setCurrentIndex(max(0, combo.findData(unit.level)))
        self.subunits.setCellWidget(row, 2, combo)
        if not unit.name:
            self.subunits.setCurrentCell(row, 1)

    def _remove_subunit(self) -> None:
        row = self.subunits.currentRow()
        if row >= 0:
            self.subunits.removeRow(row)

    def _fill_kinds(self) -> None:
        """The kinds of unit of the level on the list's day (no thị trấn since 07/2025).

        A kind typed in stays; one of the level's kinds that no longer exists on that day
        gives way to the first that does.
        """
        level = level_catalogue().levels.get(self.level.currentData())
        current = self.kind.currentText()
        offered = [str(kind) for kind in level.kinds_on(self.list_day())] if level else []
        ended = {str(kind) for kind in level.kinds} - set(offered) if level else set()
        self.kind.clear()
        self.kind.addItems(offered)
        if current and current not in ended:
            self.kind.setCurrentText(current)

    def _level_changed(self, *_args: object) -> None:
        self._fill_kinds()
        self.subunits_box.setVisible(bool(consolidated_levels(self.level.currentData())))
        self._refresh_matches()


class SetupDialog(QDialog):
    """First run: who is this data file for?"""

    def __init__(self, units: UnitSettings, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Made first so that tab goes through its fields before the dialog's buttons.
        self.form = UnitForm(units, today, self)
        self.ui = Ui_SetupDialog()
        self.ui.setupUi(self)
        self.ui.layout.insertWidget(1, self.form)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        if not self.form.validate():
            return
        self.form.save()
        super().accept()
