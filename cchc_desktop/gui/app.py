"""Starting the window: the Qt application, font, languages, data file and first-run setup."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop import __version__
from cchc_desktop.i18n import current_language, set_language
from cchc_desktop.paths import APP_NAME, default_data_file, resources_dir

EXIT_BAD_DATA_FILE = 2

if TYPE_CHECKING:
    from cchc_desktop.domain.template import TemplateRegistry


class LazyTemplates:
    """The shipped template registry, read (and schema-checked) on first use.

    Reading every template takes about a third of a second: the start page does not
    need them, so they are read when the first report opens.
    """

    def __getattr__(self, name: str) -> Any:
        from cchc_desktop.domain.template import shipped_templates

        return getattr(shipped_templates(), name)


def warm_templates() -> None:
    """Read the templates in the background while the clerk looks at the start page.

    A failure is left for later: opening a report reads them again and shows the message.
    """
    from cchc_desktop.domain.template import shipped_templates
    from cchc_desktop.gui.worker import run_in_background

    run_in_background(lambda _progress: shipped_templates(), on_success=lambda _result: None,
                      on_failure=lambda _error: None)


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for name in ("cchc-desktop.svg", "cchc-desktop-256.png", "cchc-desktop-64.png"):
        if (folder / name).exists():
            icon.addFile(str(folder / name))
    return icon


def prepare_application(app: QApplication) -> None:
    """Everything the window needs from the application object, once per process."""
    from cchc_desktop.gui.fonts import install_ui_font
    from cchc_desktop.gui.translations import QtLanguage, language_bridge

    if app.property("cchc_prepared"):
        return
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CCHC")
    app.setWindowIcon(app_icon())
    install_ui_font(app)
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

    from cchc_desktop.gui.errors import install_excepthook
    from cchc_desktop.gui.main_window import MainWindow

    install_excepthook()
    # The window appears first; the data layer (SQLAlchemy, Alembic) loads behind it.
    window = MainWindow()
    window.show()
    app.processEvents()

    from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
    from cchc_desktop.storage.database import Database, DataFileError
    from cchc_desktop.storage.repository import ReportStore

    path = Path(db_path) if db_path else default_data_file()
    try:
        database = Database.open(path)
    except DataFileError as exc:
        QMessageBox.critical(window, APP_NAME, exc.message)
        window.close()
        return EXIT_BAD_DATA_FILE
    store = ReportStore(database, registry=cast("TemplateRegistry", LazyTemplates()))
    saved_language = store.setting(LANGUAGE_SETTING)
    if not language and saved_language and saved_language != current_language():
        set_language(saved_language)
    window.set_store(store)
    QTimer.singleShot(300, warm_templates)
    if store.own_unit() is None:
        QTimer.singleShot(0, window.first_run_setup)
    try:
        return int(app.exec())
    finally:
        database.close()
