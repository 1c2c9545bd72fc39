"""Fixtures for the window tests: offscreen Qt, a fresh data file per test, the clerk's unit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before any QApplication exists: no display on the test machines.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The Qt catalogue compiled at startup goes to a throw-away cache, not the user's.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="cchc-gui-tests-cache-")

import pytest

from cchc_desktop import i18n
from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLE = DATA / "xa-my-an-2026-Q1.json"
TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def _user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's real data and cache folders out of the tests."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


@pytest.fixture(autouse=True)
def _user_settings(tmp_path: Path) -> None:
    """The window remembers its geometry (gui/window_geometry.py, an .ini file) and the last
    server's address (gui/server_connection.py, QSettings() in the native format) in Qt's
    settings: a fresh folder per test for both, never the user's (~/.config/CCHC, shared by
    every test process)."""
    from PySide6.QtCore import QSettings

    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, str(tmp_path / "settings"))


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


@pytest.fixture(autouse=True)
def _readiness_confirmed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Marking final asks first when sections are empty: tests that mark final answer "go on".

    A test about that question patches it again (tests/gui/test_report_status.py).
    """
    from PySide6.QtWidgets import QDialog

    from cchc_desktop.gui.final_dialog import ReadinessDialog

    monkeypatch.setattr(ReadinessDialog, "exec", lambda self: QDialog.DialogCode.Accepted)


@pytest.fixture(scope="session", autouse=True)
def _prepared_app(qapp):  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.app import prepare_application

    prepare_application(qapp)
    return qapp


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite3"


@pytest.fixture(scope="session")
def _migrated_data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty data file at the current schema, made once: migrating a new file takes
    0.3-0.5 s, copying one 10 ms (tests/storage/test_migrations.py tests the migrating)."""
    path = tmp_path_factory.mktemp("migrated") / "cchc.sqlite3"
    Database.open(path).close()
    return path


@pytest.fixture
def store(db_path: Path, _migrated_data_file: Path) -> Iterator[ReportStore]:
    if not db_path.exists():
        shutil.copyfile(_migrated_data_file, db_path)
    database = Database.open(db_path)
    yield ReportStore(database)
    database.close()


def commune_unit() -> OwnUnit:
    return OwnUnit(code="xa-my-an", name="Ủy ban nhân dân xã Mỹ An", level="xa", kind="Xã",
                   parent="Ủy ban nhân dân tỉnh Đồng Tháp", place="Mỹ An", doc_symbol="BC-UBND",
                   signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
                   signer_name="Trần Thị Bích Ngọc")


@pytest.fixture
def commune(store: ReportStore) -> OwnUnit:
    unit = commune_unit()
    store.save_own_unit(unit)
    return unit


@pytest.fixture
def sample_report_id(store: ReportStore, commune: OwnUnit) -> int:
    report, _template = read_report(SAMPLE)
    return store.save_report(report)


def make_window(qtbot, store: ReportStore):  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.main_window import MainWindow

    window = MainWindow(store, today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, store: ReportStore):  # type: ignore[no-untyped-def]
    window = make_window(qtbot, store)
    yield window
    window.close_report()


@pytest.fixture
def new_report(window, commune: OwnUnit, store: ReportStore, monkeypatch):  # type: ignore[no-untyped-def]
    """This year's Quý I report, started from the start page."""
    from PySide6.QtWidgets import QMessageBox

    window.start_page.refresh()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.start_page.buttons["Q1"].click()
    assert window.session is not None
    return window.session
