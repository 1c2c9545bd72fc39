"""The clerk opens the app for the first time: the data file, the unit, the start page."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from cchc_desktop.gui import app as gui_app
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.setup_dialog import SetupDialog
from tests.gui.conftest import TODAY, make_window
from tests.gui.helpers import type_text


def test_setup_dialog_saves_the_own_unit(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.level.currentData() == "xa"
    assert not form.subunits_box.isVisibleTo(dialog), "a commune consolidates no one"
    type_text(form.name, "Ủy ban nhân dân xã Mỹ An")
    type_text(form.parent_body, "Ủy ban nhân dân tỉnh Đồng Tháp")
    type_text(form.place, "Mỹ An")
    form.authority.setCurrentText("KT. CHỦ TỊCH")
    form.title.setCurrentText("PHÓ CHỦ TỊCH")
    type_text(form.signer, "Trần Thị Bích Ngọc")
    dialog.accept()

    own = store.own_unit()
    assert own is not None
    assert (own.name, own.level, own.place, own.doc_symbol) == (
        "Ủy ban nhân dân xã Mỹ An", "xa", "Mỹ An", "BC-UBND")
    assert (own.signer_authority, own.signer_title, own.signer_name) == (
        "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bích Ngọc")
    assert own.code == "ubnd-xa-my-an"


def test_setup_refuses_a_unit_without_a_name(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.name_error.text() == "Hãy nhập tên đơn vị."
    assert store.own_unit() is None


def test_a_department_of_home_affairs_lists_its_communes(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.level.setCurrentIndex(form.level.findData("tinh"))
    assert form.subunits_box.isVisibleTo(dialog)
    type_text(form.name, "Sở Nội vụ tỉnh Đồng Tháp")
    for name in ("Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân phường Cao Lãnh"):
        form.add_subunit(form_unit(name))
    dialog.accept()
    assert [u.name for u in store.subordinate_units()] == [
        "Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân phường Cao Lãnh"]
    assert {u.level for u in store.subordinate_units()} == {"xa"}


def form_unit(name: str):  # type: ignore[no-untyped-def]
    from cchc_desktop.domain.units import Unit

    return Unit("", name, "xa")


def test_first_run_asks_for_the_unit_then_shows_this_years_reports(qtbot, store, monkeypatch) -> None:
    asked = []

    def answer(dialog: SetupDialog) -> int:
        asked.append(dialog)
        dialog.form.name.setText("Ủy ban nhân dân xã Mỹ An")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SetupDialog, "exec", answer)
    window = make_window(qtbot, store)
    assert not window.start_page.table.isVisibleTo(window)
    assert window.first_run_setup()
    assert len(asked) == 1
    table = window.start_page.table
    assert table.isVisibleTo(window)
    assert [table.item(row, 0).text() for row in range(4)] == [
        "Quý I năm 2026", "6 tháng năm 2026", "Quý III năm 2026", "Năm 2026"]
    # 16/03/2026: Quý I (deadline 20/03) is the one due, four days left.
    assert table.item(0, 3).text() == "20/03/2026"
    assert table.item(0, 4).text() == "còn 4 ngày"
    assert table.item(0, 5).text() == "Chưa bắt đầu"
    assert table.item(0, 1).text() == "15/12/2025" and table.item(0, 2).text() == "14/03/2026"
    assert "Quý I năm 2026" in window.start_page.hint.text()


def test_one_click_starts_the_report(window, commune, store, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.start_page.refresh()
    window.start_page.buttons["Q1"].click()
    assert window.session is not None
    assert window.session.report.period.key == "2026-Q1"
    assert "Quý I năm 2026" in window.ui.statusbar.period_label.text()
    assert "hạn gửi 20/03/2026 (còn 4 ngày)" in window.ui.statusbar.period_label.text()
    window.show_start()
    assert window.start_page.table.item(0, 5).text() == "Dự thảo"
    assert window.start_page.buttons["Q1"].text() == "Mở báo cáo"


def test_run_refuses_a_file_that_is_not_a_data_file(tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "notes.sqlite3"
    bad.write_bytes(b"this is a letter, not a database")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gui_app.run(db_path=bad) == 2
    assert shown and "không phải tệp dữ liệu" in shown[0]
    assert bad.read_bytes() == b"this is a letter, not a database"


def test_run_opens_the_default_data_file_and_asks_for_the_unit(monkeypatch) -> None:
    from cchc_desktop.paths import default_data_file

    asked = []
    monkeypatch.setattr(SetupDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def fake_exec(_app: QApplication) -> int:
        QApplication.processEvents()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow":
                widget.close()
                widget.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui_app.run() == 0
    assert default_data_file().exists()
    assert len(asked) == 1


@pytest.mark.parametrize("level", ["xa", "tinh"])
def test_settings_edit_the_unit_later(qtbot, store, commune, level) -> None:
    from cchc_desktop.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.unit_form.name.text() == commune.name
    dialog.unit_form.signer.setText("Nguyễn Văn A")
    dialog.unit_form.level.setCurrentIndex(dialog.unit_form.level.findData(level))
    dialog.accept()
    own = store.own_unit()
    assert own is not None and own.signer_name == "Nguyễn Văn A" and own.level == level
    assert own.code == commune.code, "the code stays: past reports keep their unit"


def _pick(qtbot, form, province: str, query: str, label: str) -> None:  # type: ignore[no-untyped-def]
    form.province.setCurrentIndex(form.province.findText(province))
    form.search.setFocus()
    type_text(form.search, query)
    labels = [form.matches.item(row).text() for row in range(form.matches.count())]
    assert label in labels, labels
    form.matches.setCurrentRow(labels.index(label))


def test_the_commune_is_picked_from_the_official_list_accents_optional(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.province.count() == 35, "34 provinces and 'all'"
    _pick(qtbot, form, "Tỉnh Tây Ninh", "my an", "Xã Mỹ An")
    assert form.name.text() == "Ủy ban nhân dân xã Mỹ An"
    assert form.parent_body.text() == "Ủy ban nhân dân tỉnh Tây Ninh"
    assert (form.place.text(), form.kind.currentText(), form.level.currentData()) == ("Mỹ An", "Xã", "xa")
    dialog.accept()
    own = store.own_unit()
    assert own is not None and (own.code, own.name) == ("28066", "Ủy ban nhân dân xã Mỹ An")

    # Opened again (Công cụ > Cài đặt), the choice is shown and the code kept.
    again = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(again)
    assert again.form.province.currentText() == "Tỉnh Tây Ninh"
    again.form.signer.setText("Lê Văn B")
    again.accept()
    assert store.own_unit().code == "28066"  # type: ignore[union-attr]


def test_search_across_the_country_names_the_province(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    type_text(form.search, "phuong cao lanh")
    assert form.matches.item(0).text() == "Phường Cao Lãnh (Đồng Tháp)"


def test_a_department_not_in_the_list_is_typed_and_its_code_made_once(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.level.setCurrentIndex(form.level.findData("tinh"))
    form.province.setCurrentIndex(form.province.findText("Tỉnh Đồng Tháp"))
    form.other_body.setChecked(True)
    type_text(form.name, "Sở Nội vụ tỉnh Đồng Tháp")
    form.parent_body.setText("Ủy ban nhân dân tỉnh Đồng Tháp")
    form.add_listed_subunits()
    assert form.subunits.rowCount() == 102, "the communes of Đồng Tháp since 07/2025"
    dialog.accept()
    own = store.own_unit()
    assert own is not None and own.code == "82-so-noi-vu-tinh-dong-thap"
    subunits = store.subordinate_units()
    assert ("29869", "Ủy ban nhân dân phường Cao Lãnh") in {(u.code, u.name) for u in subunits}
    # The name changes later, the code does not.
    again = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(again)
    assert again.form.other_body.isChecked()
    again.form.name.setText("Sở Nội vụ")
    again.accept()
    assert store.own_unit().code == "82-so-noi-vu-tinh-dong-thap"  # type: ignore[union-attr]


def test_a_district_of_before_2025_comes_from_the_old_list(qtbot, store) -> None:
    dialog = SetupDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    form = dialog.form
    form.level.setCurrentIndex(form.level.findData("huyen"))
    assert form.lists.currentIndex() == 1 and form.province.count() == 64
    _pick(qtbot, form, "Tỉnh Đồng Tháp", "thap muoi", "Huyện Tháp Mười")
    assert form.name.text() == "Ủy ban nhân dân huyện Tháp Mười"
    assert form.parent_body.text() == "Ủy ban nhân dân tỉnh Đồng Tháp"
    form.add_listed_subunits()
    names = [form.subunits.item(row, 1).text() for row in range(form.subunits.rowCount())]
    assert "Ủy ban nhân dân thị trấn Mỹ An" in names
    dialog.accept()
    assert store.own_unit().level == "huyen"  # type: ignore[union-attr]
