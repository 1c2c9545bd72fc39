"""Data files of earlier versions open in the window, upgraded after a restore point;
a file of a newer version is refused and left byte for byte as it was."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import app as gui_app
from cchc_desktop.storage.backups import backup_folder, list_backups
from cchc_desktop.storage.database import Database, DataFileError, head_revision
from cchc_desktop.storage.datafile import open_for_writing
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import DATA, commune_unit

OLD = DATA / "datafiles" / "schema-0001.sqlite3"


@pytest.fixture
def shown(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a, **k: messages.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    return messages


def _revision(path: Path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_an_old_data_file_opens_upgraded_after_a_restore_point(tmp_path: Path, shown,
                                                               monkeypatch) -> None:
    path = tmp_path / "du-lieu" / "cchc.sqlite3"
    path.parent.mkdir()
    shutil.copy(OLD, path)
    seen: dict[str, object] = {}

    def fake_exec(_app: QApplication) -> int:
        QApplication.processEvents()
        [window] = [w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "mainWindow" and w.isVisible()]
        store = window.store
        seen["revision"] = store.database.current_revision()
        [summary] = store.list_reports()
        window.open_report(summary.id)
        seen["title"] = window.windowTitle()
        seen["value"] = window.session.value("cddh.kh.hoan_thanh")
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert gui_app.run(db_path=path) == 0
    assert shown == []
    assert seen["revision"] == head_revision()
    assert str(seen["title"]).startswith("Ủy ban nhân dân xã Mỹ An — Quý I năm 2026")
    assert seen["value"] == Decimal(43)
    [backup] = list_backups(path)
    assert backup.reason == "Trước khi nâng cấp tệp dữ liệu"
    assert [r["status"] for r in backup.reports] == ["Dự thảo"]
    # The restore point is the file exactly as the older version left it.
    assert _revision(backup.path) == "0001"
    assert _revision(path) == head_revision()


def test_an_up_to_date_file_opens_without_an_upgrade_restore_point(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    Database.open(path).close()
    open_for_writing(path).close()
    assert list_backups(path) == []


def test_no_restore_point_no_upgrade(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "cchc.sqlite3"
    shutil.copy(OLD, path)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise KnownError("Không tạo được bản sao lưu: ổ đĩa đã đầy.")

    monkeypatch.setattr("cchc_desktop.storage.datafile.create_backup", full_disk)
    with pytest.raises(DataFileError, match="ổ đĩa đã đầy"):
        open_for_writing(path)
    assert _revision(path) == "0001", "left as the older version wrote it"


def test_a_file_of_a_newer_version_is_refused_unchanged(tmp_path: Path, shown) -> None:
    path = tmp_path / "du-lieu" / "cchc.sqlite3"
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = path.read_bytes()

    assert gui_app.run(db_path=path) == 2
    assert len(shown) == 1 and "phiên bản CCHC Desktop mới hơn" in shown[0]
    assert "tệp không bị thay đổi" in shown[0]
    assert path.read_bytes() == before
    assert not backup_folder(path).exists()
    assert sorted(p.name for p in path.parent.iterdir()) == ["cchc.sqlite3"]
