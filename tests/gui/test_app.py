"""gui/app.py: the application gets its name, version, icon (SVG and two PNG sizes) and the
shipped font once per process; the templates are read on first use, not at start-up; the restore
point at start-up is written off the GUI thread and a failure is only printed; the window speaks
the language given on the command line, else the one saved in the data file. Beside the tests
that run the whole start-up for other ends: tests/gui/test_first_run.py (the first run, a file
that is no data file), test_instance_lock.py (one window per data file), test_restore.py (the
restore point's timing), test_hostile_environment.py, test_start_responsive.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMainWindow

from cchc_desktop import __version__, i18n
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.gui import app as gui_app
from cchc_desktop.gui.app import LazyTemplates, NoLock, app_icon, prepare_application, startup_restore_point
from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
from cchc_desktop.storage.backups import list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit


def test_the_application_is_named_and_dressed_once(qapp) -> None:  # type: ignore[no-untyped-def]
    assert qapp.applicationName() == "CCHC Desktop"
    assert qapp.applicationVersion() == __version__
    assert qapp.organizationName() == "CCHC"
    assert QApplication.font().family() == "Liberation Sans"
    assert qapp.styleSheet() != ""
    assert qapp.property("cchc_prepared") is True
    qapp.setApplicationName("đổi tên")
    try:
        prepare_application(qapp)      # prepared already: nothing is done again
        assert qapp.applicationName() == "đổi tên"
    finally:
        qapp.setApplicationName("CCHC Desktop")


def test_the_icon_has_the_shipped_sizes(qapp) -> None:  # type: ignore[no-untyped-def]
    icon = app_icon()
    assert not icon.isNull()
    # The SVG first, drawn at any size: a taskbar's 16 pixels as sharply as a 256 tile.
    for side in (16, 64, 256):
        assert icon.pixmap(side, side).size() == QSize(side, side)
    assert not QApplication.windowIcon().isNull()


def test_without_the_icon_files_the_icon_is_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "icons").mkdir()
    monkeypatch.setattr(gui_app, "resources_dir", lambda: tmp_path)
    assert app_icon().isNull()


def test_the_templates_are_read_on_first_use() -> None:
    templates = LazyTemplates()
    assert templates.get("cchc-2021").ref == shipped_templates().get("cchc-2021").ref
    assert templates.default().ref == shipped_templates().default().ref
    with pytest.raises(AttributeError):
        templates.no_such_thing  # noqa: B018 - the attribute is the test
    lock = NoLock()          # a server's data: nothing to lock, nothing to release
    lock.acquire()
    lock.release()


def test_the_start_up_restore_point_is_written_behind(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    ReportStore(database).save_own_unit(commune_unit())
    database.close()
    startup_restore_point(path)
    qtbot.waitUntil(lambda: [b.reason for b in list_backups(path)] == ["Khi mở ứng dụng"], timeout=5000)


def test_a_failed_restore_point_is_only_printed(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    printed: list[str] = []
    startup_restore_point(blocker / "cchc.sqlite3")     # its backup folder cannot be made

    def said() -> bool:
        printed.append(capsys.readouterr().err)
        return "CCHC Desktop: Không tạo được bản sao lưu: " in "".join(printed)

    qtbot.waitUntil(said, timeout=5000)


def _run_and_look(path: Path, monkeypatch: pytest.MonkeyPatch, **kwargs: str) -> list[str]:
    """run() on `path` until its window is shown and opened: the first menu's title and the
    language spoken, then the window closed."""
    seen: list[str] = []

    def look(_app: QApplication) -> int:
        QApplication.processEvents()
        [window] = [w for w in QApplication.topLevelWidgets()
                    if w.objectName() == "mainWindow" and w.isVisible()]
        assert isinstance(window, QMainWindow)
        seen.extend([window.menuBar().actions()[0].text(), i18n.current_language()])
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", look)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert gui_app.run(db_path=path, **kwargs) == 0
    return seen


def data_file(tmp_path: Path, language: str) -> Path:
    path = tmp_path / "cchc.sqlite3"
    database = Database.open(path)
    store = ReportStore(database)
    store.save_own_unit(commune_unit())
    store.set_setting(LANGUAGE_SETTING, language)
    database.close()
    return path


def test_the_data_files_language_is_spoken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run_and_look(data_file(tmp_path, "en"), monkeypatch) == ["&File", "en"]


def test_the_command_lines_language_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run_and_look(data_file(tmp_path, "en"), monkeypatch, language="vi") == ["&Tệp", "vi"]
