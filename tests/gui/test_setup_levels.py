"""The setup offers the levels that exist on the chosen list's day: no district level since 07/2025."""

from __future__ import annotations

import datetime as dt

from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.setup_dialog import SetupDialog
from cchc_desktop.storage.repository import OwnUnit
from tests.gui.conftest import TODAY


def offered(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemData(i) for i in range(combo.count())]


def test_a_2026_setup_offers_no_district_level(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.lists.currentIndex() == 0       # the list since 01/07/2025
    assert offered(form.level) == ["tinh", "xa"]
    assert [form.level.itemText(i) for i in range(form.level.count())] == ["Cấp tỉnh", "Cấp xã"]
    assert form.level.currentData() == "xa"


def test_the_list_before_07_2025_offers_the_district_level_and_back(qtbot, store) -> None:
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


def test_a_district_set_up_before_2025_opens_on_the_old_list(qtbot, store) -> None:
    store.save_own_unit(OwnUnit(code="huyen-thap-muoi", name="Ủy ban nhân dân huyện Tháp Mười",
                                level="huyen", kind="Huyện", parent="Ủy ban nhân dân tỉnh Đồng Tháp"))
    dialog = SetupDialog(UnitSettings(store), dt.date(2026, 3, 16))
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.lists.currentIndex() == 1
    assert form.level.currentData() == "huyen"
    assert form.kind.currentText() == "Huyện"
