"""The own unit and its subordinate units: asked once on first run, editable in the settings."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.unit_names import derive_unit_code
from cchc_desktop.domain.units import Unit, level_catalogue
from cchc_desktop.gui.forms.number_field import ERROR_STYLE
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

AUTHORITIES = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "CHỦ TỊCH", "KT. GIÁM ĐỐC", "GIÁM ĐỐC",
               "KT. TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG")
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

    def __init__(self, store: ReportStore, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.level = QComboBox(self)
        catalogue = level_catalogue()
        for code, level in catalogue.levels.items():
            self.level.addItem(str(level.label), code)
        self.kind = QComboBox(self)
        self.kind.setEditable(True)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("ví dụ: Ủy ban nhân dân xã Mỹ An"))
        self.name_error = QLabel(self)
        self.name_error.setStyleSheet(ERROR_STYLE)
        self.name_error.hide()
        self.parent_body = QLineEdit(self)
        self.parent_body.setPlaceholderText(_("ví dụ: Ủy ban nhân dân tỉnh Đồng Tháp"))
        self.place = QLineEdit(self)
        self.place.setPlaceholderText(_("ví dụ: Mỹ An (in ở dòng \u201cMỹ An, ngày ... tháng ...\u201d)"))
        self.symbol = QLineEdit("BC-UBND", self)
        self.authority = QComboBox(self)
        self.authority.setEditable(True)
        self.authority.addItems(AUTHORITIES)
        self.title = QComboBox(self)
        self.title.setEditable(True)
        self.title.addItems(TITLES)
        self.signer = QLineEdit(self)
        self.email = QLineEdit(self)
        self.email.setPlaceholderText(_("để soạn sẵn thư gửi báo cáo"))
        name_box = QVBoxLayout()
        name_box.setSpacing(1)
        name_box.addWidget(self.name)
        name_box.addWidget(self.name_error)
        form.addRow(_("Cấp hành chính"), self.level)
        form.addRow(_("Loại đơn vị"), self.kind)
        form.addRow(_("Tên đơn vị"), name_box)
        form.addRow(_("Cơ quan cấp trên"), self.parent_body)
        form.addRow(_("Địa danh ghi ngày tháng"), self.place)
        form.addRow(_("Ký hiệu báo cáo"), self.symbol)
        form.addRow(_("Thẩm quyền ký"), self.authority)
        form.addRow(_("Chức vụ người ký"), self.title)
        form.addRow(_("Họ và tên người ký"), self.signer)
        form.addRow(_("Thư điện tử cơ quan cấp trên"), self.email)
        layout.addLayout(form)

        self.subunits_box = QGroupBox(_("Đơn vị trực thuộc (báo cáo gửi về để tổng hợp)"), self)
        box = QVBoxLayout(self.subunits_box)
        self.subunits = QTableWidget(0, 3, self.subunits_box)
        self.subunits.setObjectName("subunits")
        self.subunits.setHorizontalHeaderLabels([_("Mã"), _("Tên đơn vị"), _("Cấp")])
        self.subunits.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.subunits.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.subunits.verticalHeader().hide()
        box.addWidget(self.subunits)
        buttons = QHBoxLayout()
        add = QPushButton(_("Thêm đơn vị"), self.subunits_box)
        remove = QPushButton(_("Xóa đơn vị"), self.subunits_box)
        add.clicked.connect(lambda: self.add_subunit(Unit("", "", self._sub_levels()[0])))
        remove.clicked.connect(self._remove_subunit)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        box.addLayout(buttons)
        layout.addWidget(self.subunits_box)

        self.level.currentIndexChanged.connect(self._level_changed)
        self.load()

    # ------------------------------------------------------------------ load / save
    def load(self) -> None:
        own = self.store.own_unit()
        if own is None:
            # Communes report today; a new data file most likely belongs to one.
            self.level.setCurrentIndex(max(0, self.level.findData("xa")))
            self._level_changed()
            return
        self.level.setCurrentIndex(max(0, self.level.findData(own.level)))
        self._level_changed()
        self.kind.setCurrentText(own.kind)
        self.name.setText(own.name)
        self.parent_body.setText(own.parent)
        self.place.setText(own.place)
        self.symbol.setText(own.doc_symbol)
        self.authority.setCurrentText(own.signer_authority)
        self.title.setCurrentText(own.signer_title)
        self.signer.setText(own.signer_name)
        self.email.setText(own.superior_email)
        for unit in self.store.subordinate_units():
            self.add_subunit(unit)

    def own_unit(self) -> OwnUnit:
        from cchc_desktop.storage.repository import OwnUnit

        existing = self.store.own_unit()
        name = self.name.text().strip()
        code = existing.code if existing else derive_unit_code(name)
        return OwnUnit(code=code, name=name, level=self.level.currentData(),
                       kind=self.kind.currentText().strip(), parent=self.parent_body.text().strip(),
                       place=self.place.text().strip(), doc_symbol=self.symbol.text().strip(),
                       signer_authority=self.authority.currentText().strip(),
                       signer_title=self.title.currentText().strip(),
                       signer_name=self.signer.text().strip(),
                       superior_email=self.email.text().strip())

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
        self.name_error.hide()
        return True

    def save(self) -> None:
        self.store.save_own_unit(self.own_unit())
        if self.subunits_box.isVisibleTo(self) or self.store.subordinate_units():
            self.store.set_subordinate_units(self.subordinate_units()
                                             if consolidated_levels(self.level.currentData()) else [])

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

    def _level_changed(self, *_args: object) -> None:
        level = level_catalogue().levels.get(self.level.currentData())
        current = self.kind.currentText()
        self.kind.clear()
        if level is not None:
            self.kind.addItems([str(kind) for kind in level.kinds])
        if current:
            self.kind.setCurrentText(current)
        self.subunits_box.setVisible(bool(consolidated_levels(self.level.currentData())))


class SetupDialog(QDialog):
    """First run: who is this data file for?"""

    def __init__(self, store: ReportStore, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(_("Khai báo đơn vị"))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Chào mừng đến với CCHC Desktop. Hãy khai báo đơn vị lập báo cáo; các thông "
                         "tin này được dùng cho mọi báo cáo và có thể sửa sau trong Công cụ > Cài đặt."),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.form = UnitForm(store, today, self)
        layout.addWidget(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, Qt.Orientation.Horizontal,
                                   self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.form.validate():
            return
        self.form.save()
        super().accept()
