"""Starting the window: the Qt application, font, languages, data file and first-run setup."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from cchc_desktop import __version__
from cchc_desktop.addresses import ServerAddress
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.template import TemplateRegistry, shipped_templates
from cchc_desktop.gui.errors import install_excepthook
from cchc_desktop.gui.fonts import install_ui_font
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.opening import open_behind_window
from cchc_desktop.gui.style import apply_stylesheet
from cchc_desktop.gui.translations import QtLanguage, language_bridge
from cchc_desktop.gui.wal_keeper import WalKeeper
from cchc_desktop.gui.worker import run_in_background
from cchc_desktop.i18n import _, current_language, set_language
from cchc_desktop.paths import APP_NAME, default_data_file, resources_dir
from cchc_desktop.storage.backups import create_backup
from cchc_desktop.storage.instance_lock import AlreadyOpenError, InstanceLock

EXIT_BAD_DATA_FILE = 2
EXIT_ALREADY_OPEN = 3   # another program has the data file open (storage/instance_lock.py)


class LazyTemplates:
    """The shipped template registry, read (and schema-checked) on first use.

    Reading every template takes about a third of a second: the start page does not
    need them, so they are read when the first report opens.
    """

    def __getattr__(self, name: str) -> Any:
        return getattr(shipped_templates(), name)


def warm_templates() -> None:
    """Read the templates in the background while the clerk looks at the start page.

    A failure is left for later: opening a report reads them again and shows the message.
    """
    run_in_background(lambda _progress: shipped_templates(), on_success=lambda _result: None,
                      on_failure=lambda _error: None)


def startup_restore_point(path: Path) -> None:
    """A restore point each time the app starts, written off the GUI thread.

    A failure is not shown here: if the disk cannot take a copy, the first autosave
    says so (and keeps the edits).
    """
    def failed(error: BaseException) -> None:
        print(f"CCHC Desktop: {error}", file=sys.stderr)

    run_in_background(lambda _progress: create_backup(path, _("Khi mở ứng dụng")),
                      on_success=lambda _info: None, on_failure=failed)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for name in ("cchc-desktop.svg", "cchc-desktop-256.png", "cchc-desktop-64.png"):
        if (folder / name).exists():
            icon.addFile(str(folder / name))
    return icon


def prepare_application(app: QApplication) -> None:
    """Everything the window needs from the application object, once per process."""
    if app.property("cchc_prepared"):
        return
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CCHC")
    app.setWindowIcon(app_icon())
    install_ui_font(app)
    apply_stylesheet(app)
    qt_language = QtLanguage(app)
    qt_language.apply(current_language())
    language_bridge().changed.connect(qt_language.apply)
    app.setProperty("cchc_prepared", True)
    # Keep the translator holder alive as long as the application.
    app._cchc_qt_language = qt_language  # type: ignore[attr-defined]


class NoLock:
    """The instance lock's place for data on a server (nothing to lock, nothing to release)."""

    def acquire(self) -> None:
        pass

    def release(self) -> None:
        pass


def run(db_path: Path | str | ServerAddress | None = None, language: str | None = None) -> int:
    """Open the window on `db_path` (default: the user's data file), or on the data of a
    PostgreSQL server (`cchc-desktop --db postgresql://...`). Returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if language:
        set_language(language)
    prepare_application(app)
    install_excepthook()
    # One window per data file, decided before the file is opened (or created). A server
    # keeps its writers apart itself: no lock, and no file to copy as a restore point.
    server = db_path if isinstance(db_path, ServerAddress) else None
    path = Path(db_path) if db_path and not isinstance(db_path, ServerAddress) else default_data_file()
    file_lock = InstanceLock(path) if server is None else None
    lock: InstanceLock | NoLock = file_lock or NoLock()
    try:
        lock.acquire()
    except KnownError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return EXIT_ALREADY_OPEN if isinstance(exc, AlreadyOpenError) else EXIT_BAD_DATA_FILE
    # The window appears first and answers at once; the data layer (SQLAlchemy) loads and the
    # file opens on a worker thread behind it (gui/opening.py), Alembic only to upgrade.
    window = MainWindow()
    window.controller.data_lock = file_lock
    window.show()

    def ask_password(prompt: str) -> str | None:
        typed, ok = QInputDialog.getText(window, APP_NAME, prompt, QLineEdit.EchoMode.Password)
        return typed if ok and typed else None

    opened = open_behind_window(server or path, file_lock,
                                cast(TemplateRegistry, LazyTemplates()), ask=ask_password)
    from cchc_desktop.storage.database import DataFileError  # loaded by now, behind the window

    if isinstance(opened, DataFileError):
        QMessageBox.critical(window, APP_NAME, opened.message)
        window.close()
        lock.release()
        return EXIT_BAD_DATA_FILE
    if isinstance(opened, BaseException):
        window.close()
        lock.release()
        raise opened
    store, database = opened.store, opened.store.database
    if not window.isVisible():   # closed while the file was opening: nothing to do in it
        database.close()
        lock.release()
        return 0
    if not language and opened.saved_language and opened.saved_language != current_language():
        set_language(opened.saved_language)
    window.controller.set_store(store)
    wal_keeper = WalKeeper(window.controller, window)   # lives as long as the loop below
    QTimer.singleShot(300, warm_templates)
    if window.controller.own_unit() is None:
        QTimer.singleShot(0, window.first_run_setup)
    else:
        from cchc_desktop.gui.unit_codes_dialog import ask_unresolved_units  # start-up time

        # Units an upgrade could not match to the official list (migration 0004): ask once.
        QTimer.singleShot(0, lambda: ask_unresolved_units(window.controller.unit_settings(), window))
        if server is None:
            QTimer.singleShot(1000, lambda: startup_restore_point(path))
    try:
        return int(app.exec())
    finally:
        wal_keeper.stop()
        database.close()
        with contextlib.suppress(RuntimeError):  # the window may be gone already
            if window.controller.store is not None:  # reopened after a restore
                window.controller.store.database.close()
        lock.release()
