"""An upgraded data file whose unit the list could not decide: the clerk picks it once."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from factories import DATA
from PySide6.QtWidgets import QDialog

from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.unit_codes_dialog import UnitCodesDialog, ask_unresolved_units
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


def _upgraded(tmp_path: Path) -> ReportStore:
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0003.sqlite3", path)
    with sqlite3.connect(path) as connection:   # Ủy ban nhân dân xã Mỹ An, tỉnh Đồng Tháp
        assert connection.execute("SELECT code FROM units").fetchall() == [("xa-my-an",)]
    connection.close()
    return ReportStore(Database.open(path))


def test_the_clerk_picks_the_commune_and_is_not_asked_again(qtbot, tmp_path: Path, monkeypatch) -> None:
    store = _upgraded(tmp_path)
    [unit] = store.unresolved_units()
    dialog = UnitCodesDialog(UnitSettings(store), [unit])
    qtbot.addWidget(dialog)
    combo = dialog.choices["xa-my-an"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Xã Mỹ An (Huyện Tháp Mười, Đồng Tháp, mã 30064, trước 01/7/2025)" in labels
    assert labels[-1] == "Không có trong danh mục: giữ mã xa-my-an"
    combo.setCurrentIndex(combo.findData("30064"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert store.own_unit().code == "30064"  # type: ignore[union-attr]
    assert store.unresolved_units() == []
    assert ask_unresolved_units(UnitSettings(store)) is None


def test_start_up_asks_when_the_upgrade_left_units_to_settle(qtbot, tmp_path: Path, monkeypatch) -> None:
    import sys

    from PySide6.QtWidgets import QApplication

    from cchc_desktop.gui import app as gui_app

    path = tmp_path / "du-lieu" / "cchc.sqlite3"
    path.parent.mkdir()
    shutil.copy(DATA / "datafiles" / "schema-0003.sqlite3", path)
    seen: list[str] = []

    def fake_exec(_app: QApplication) -> int:
        QApplication.processEvents()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, UnitCodesDialog) and widget.isVisible():
                seen.append(next(iter(widget.choices)))
                widget.reject()
        for widget in QApplication.topLevelWidgets():
            if widget.objectName() == "mainWindow":
                widget.close()
                widget.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gui_app.run(db_path=path) == 0
    assert seen == ["xa-my-an"]
