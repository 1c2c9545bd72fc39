"""gui/setup_dialog.py: the own unit's form (first run, and the unit tab of Cài đặt) offers the
levels that exist on the chosen list's day (no district level since 07/2025), keeps the
subordinate units' table (a row without a name is no unit, a code is made from the name), lets
go of them when the unit no longer consolidates, and saves nothing on Esc.

Beside tests/gui/test_first_run.py, which fills the form for a commune and a department, picks
units from the official list and adds a province's communes; here the levels, the table's
edges and cancelling.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QTableWidgetItem

from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.setup_dialog import SetupDialog, consolidated_levels
from cchc_desktop.storage.repository import OwnUnit

TODAY = dt.date(2026, 3, 16)     # tests/gui/conftest.py's (not imported: mypy would find tests/gui twice)


def offered(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemData(i) for i in range(combo.count())]


def test_a_2026_setup_offers_no_district_level(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.lists.currentIndex() == 0       # the list since 01/07/2025
    assert offered(form.level) == ["tinh", "xa"]
    assert [form.level.itemText(i) for i in range(form.level.count())] == ["Cấp tỉnh", "Cấp xã"]
    assert form.level.currentData() == "xa"


def test_the_list_before_07_2025_offers_the_district_level_and_back(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.lists.setCurrentIndex(1)
    assert offered(form.level) == ["tinh", "huyen", "xa"]
    form.level.setCurrentIndex(form.level.findData("huyen"))
    assert form.kind.itemText(0) == "Huyện"
    form.lists.setCurrentIndex(0)                # back to today's list: no district any more
    assert offered(form.level) == ["tinh", "xa"]
    assert form.level.currentData() == "xa"
    assert form.kind.itemText(0) == "Xã", "the kinds follow the level"


def test_a_district_set_up_before_2025_opens_on_the_old_list(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    store.save_own_unit(OwnUnit(code="huyen-thap-muoi", name="Ủy ban nhân dân huyện Tháp Mười",
                                level="huyen", kind="Huyện", parent="Ủy ban nhân dân tỉnh Đồng Tháp"))
    dialog = SetupDialog(UnitSettings(store), dt.date(2026, 3, 16))
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.lists.currentIndex() == 1
    assert form.level.currentData() == "huyen"
    assert form.kind.currentText() == "Huyện"


def test_who_consolidates_whom() -> None:
    assert consolidated_levels("tinh") == ["huyen", "xa"]   # districts until 07/2025, communes since
    assert consolidated_levels("huyen") == ["xa"]
    assert consolidated_levels("xa") == []


def test_the_subunits_table_skips_unnamed_rows_and_makes_codes(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    form = dialog.form
    form.level.setCurrentIndex(form.level.findData("tinh"))
    form.name.setText("Sở Nội vụ tỉnh Thử")
    form.add_subunit(Unit("29869", "Ủy ban nhân dân phường Cao Lãnh", "xa"))
    qtbot.mouseClick(form.ui.addSubunit, Qt.MouseButton.LeftButton)      # a row to type in
    assert form.subunits.rowCount() == 2 and form.subunits.currentRow() == 1
    form.subunits.setItem(1, 1, QTableWidgetItem("Ủy ban nhân dân xã Mỹ An"))
    qtbot.mouseClick(form.ui.addSubunit, Qt.MouseButton.LeftButton)      # left empty
    assert [(u.code, u.name, u.parent) for u in form.subordinate_units()] == [
        ("29869", "Ủy ban nhân dân phường Cao Lãnh", "Sở Nội vụ tỉnh Thử"),
        ("ubnd-xa-my-an", "Ủy ban nhân dân xã Mỹ An", "Sở Nội vụ tỉnh Thử")]
    form.subunits.setCurrentCell(0, 1)
    qtbot.mouseClick(form.ui.removeSubunit, Qt.MouseButton.LeftButton)
    dialog.accept()
    assert [u.name for u in store.subordinate_units()] == ["Ủy ban nhân dân xã Mỹ An"]


def test_a_unit_that_no_longer_consolidates_lets_go_of_its_subunits(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    store.save_own_unit(OwnUnit(code="snv-thu", name="Sở Nội vụ tỉnh Thử", level="tinh"))
    store.set_subordinate_units([Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa")])
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.subunits.rowCount() == 1
    form.level.setCurrentIndex(form.level.findData("xa"))
    assert not form.subunits_box.isVisibleTo(dialog)
    dialog.accept()
    assert store.own_unit().level == "xa"
    assert store.subordinate_units() == []


def test_esc_saves_nothing(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.form.name.setText("Ủy ban nhân dân xã Mỹ An")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert store.own_unit() is None
    assert dialog.form.symbol.text() == "BC-UBND", "the usual symbol offered"
