"""A clerk's first hour, the last points: a records table that stays still while typed in, a
rate above 100% in the error tone, and only the unit kinds of the chosen list's day."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGridLayout

from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.setup_dialog import SetupDialog
from cchc_desktop.storage.repository import OwnUnit
from tests.gui.conftest import TODAY
from tests.gui.forms.test_records_form import records_table
from tests.gui.helpers import fill


def _geometry(table):  # type: ignore[no-untyped-def]
    """Where each input of the records table is, and the width of each of its columns."""
    QApplication.processEvents()
    grid = table.layout()
    assert isinstance(grid, QGridLayout)
    inputs = {code: w.edit.mapTo(table, QPoint(0, 0)).x() for code, w in table.fields.items()
              if isinstance(w, NumberField)}
    # The column headers fill their cells: their width is the column's.
    columns = [grid.itemAtPosition(0, column).widget().width() for column in range(grid.columnCount())]
    return inputs, columns


def test_the_records_table_stays_still_while_the_clerk_types(qtbot, window, new_report) -> None:
    table = records_table(window)
    before = _geometry(table)
    edit = table.fields["tthc.hs.xa.da_giai_quyet.truoc_han"].edit
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClicks(edit, "1234")
    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tuyen": "123456", "tthc.hs.xa.moi_truc_tiep": "9",
                         "tthc.hs.xa.da_giai_quyet.dung_han": "7"})
    table = records_table(window)
    assert table.fields["tthc.hs.xa.tiep_nhan"].text() == "123.465"
    # A rate in the table: its percentage over its fraction, in the room kept for the widest.
    assert table.fields["tthc.hs.xa.ty_le_dung_han"].text() == "100,00%\n1.241/1.241 hồ sơ"
    after = _geometry(table)
    assert after == before



def test_a_refused_entry_wraps_its_reason_under_the_field_and_moves_no_input(qtbot, window,
                                                                         new_report) -> None:
    table = records_table(window)
    before = _geometry(table)
    field = table.fields["tthc.hs.xa.rut_tra_lai"]
    field.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    QTest.keyClicks(field.edit, "2,5")   # records are whole numbers
    assert field.message.isVisible()
    assert _geometry(table) == before


def test_a_share_above_100_percent_is_shown_in_the_error_tone(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tuyen": "1.000", "tthc.hs.xa.moi_truc_tiep": "123",
                         "tthc.hs.xa.da_giai_quyet.truoc_han": "1.424"})
    rate = records_table(window).fields["tthc.hs.xa.ty_le_da_giai_quyet"]
    assert isinstance(rate, DerivedLabel)
    assert rate.text() == "126,80% (!)\n1.424/1.123 hồ sơ"
    assert rate.property("tone") == "error-strong", "not the normal computed tone"
    assert "không thể vượt 100%" in rate.toolTip()
    on_time = records_table(window).fields["tthc.hs.xa.ty_le_dung_han"]
    assert on_time.property("tone") == "computed"

    fill(qtbot, window, {"tthc.hs.xa.moi_truc_tiep": "424"})
    assert rate.text() == "100,00%\n1.424/1.424 hồ sơ"
    assert rate.property("tone") == "computed"


def kinds(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def test_no_township_is_offered_on_the_list_since_07_2025(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.level.currentData() == "xa"
    assert kinds(form.kind) == ["Xã", "Phường", "Đặc khu"]
    form.lists.setCurrentIndex(1)                # the list before 07/2025 still had them
    assert "Thị trấn" in kinds(form.kind)
    form.kind.setCurrentText("Thị trấn")
    form.lists.setCurrentIndex(0)
    assert kinds(form.kind) == ["Xã", "Phường", "Đặc khu"]
    assert form.kind.currentText() == "Xã", "a kind that no longer exists is not kept"
    form.kind.setCurrentText("Khu kinh tế")      # what the clerk types stays
    form.lists.setCurrentIndex(1)
    assert form.kind.currentText() == "Khu kinh tế"


def test_a_township_set_up_earlier_is_shown_as_stored(qtbot, store) -> None:
    store.save_own_unit(OwnUnit("tt-my-an", "Ủy ban nhân dân thị trấn Mỹ An", "xa", kind="Thị trấn"))
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.form.kind.currentText() == "Thị trấn"
    assert "Thị trấn" not in kinds(dialog.form.kind)
