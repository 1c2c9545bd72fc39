"""Starting the window: the Qt application, font, languages, data file and first-run setup."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.template import TemplateRegistry, shipped_templates
from cchc_desktop.gui.errors import install_excepthook
from cchc_desktop.gui.fonts import install_ui_font
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.report_controller import open_data_file
from cchc_desktop.gui.style import apply_stylesheet
from cchc_desktop.gui.translations import QtLanguage, language_bridge
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


def run(db_path: Path | str | None = None, language: str | None = None) -> int:
    """Open the window on `db_path` (default: the user's data file). Returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    if language:
        set_language(language)
    prepare_application(app)
    install_excepthook()
    # One window per data file, decided before the file is opened (or created).
    path = Path(db_path) if db_path else default_data_file()
    lock = InstanceLock(path)
    try:
        lock.acquire()
    except KnownError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return EXIT_ALREADY_OPEN if isinstance(exc, AlreadyOpenError) else EXIT_BAD_DATA_FILE
    # The window appears first; the data layer (SQLAlchemy, Alembic) loads behind it.
    window = MainWindow()
    window.controller.data_lock = lock
    window.show()
    app.processEvents()

    # Start-up time: SQLAlchemy (the store) loads now, behind the window already shown.
    from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
    from cchc_desktop.storage.database import DataFileError
    from cchc_desktop.storage.repository import ReportStore

    try:
        database = open_data_file(path, lock)
    except DataFileError as exc:
        QMessageBox.critical(window, APP_NAME, exc.message)
        window.close()
        lock.release()
        return EXIT_BAD_DATA_FILE
    store = ReportStore(database, registry=cast(TemplateRegistry, LazyTemplates()))
    saved_language = store.setting(LANGUAGE_SETTING)
    if not language and saved_language and saved_language != current_language():
        set_language(saved_language)
    window.controller.set_store(store)
    QTimer.singleShot(300, warm_templates)
    if window.controller.own_unit() is None:
        QTimer.singleShot(0, window.first_run_setup)
    else:
        from cchc_desktop.gui.unit_codes_dialog import ask_unresolved_units  # start-up time

        # Units an upgrade could not match to the official list (migration 0004): ask once.
        QTimer.singleShot(0, lambda: ask_unresolved_units(window.controller.unit_settings(), window))
        QTimer.singleShot(1000, lambda: startup_restore_point(path))
    try:
        return int(app.exec())
    finally:
        database.close()
        with contextlib.suppress(RuntimeError):  # the window may be gone already
            if window.controller.store is not None:  # reopened after a restore
                window.controller.store.database.close()
        lock.release()
