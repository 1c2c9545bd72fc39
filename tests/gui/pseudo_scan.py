"""The window and its fixed dialogs in the pseudo-locale on a 1366 × 768 laptop: what text is cut.

`scan(app, store, report_id)` is used by tests/gui/test_pseudo_locale.py in its own process, and,
run as `python -m tests.gui.pseudo_scan`, in a child process with QT_SCALE_FACTOR=1.25 (Qt reads
the scale once, before the QApplication exists): it prints the cuts as a JSON list.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QDialog

from cchc_desktop.storage.repository import ReportStore
from tests.gui.cut_text import cuts, off_screen
from tests.pseudo_locale import pseudo_locale

LAPTOP = QRect(0, 0, 1366, 768 - 32)   # a 1366 × 768 screen less a 32-pixel task bar


def _settle(app: QApplication) -> None:
    for _round in range(5):
        app.processEvents()


def _dialog_cuts(app: QApplication, dialog: QDialog, screen: QRect) -> list[str]:
    dialog.show()
    _settle(app)
    found = cuts(dialog) + off_screen(dialog, screen)
    dialog.reject()
    dialog.deleteLater()
    _settle(app)
    return found


def scan(app: QApplication, store: ReportStore, report_id: int, screen: QRect = LAPTOP) -> list[str]:
    """The cuts in the main window (start page, then the report's header page with the navigation,
    findings and calculator docks, the menu bar and tool bar) and in the settings, setup and about
    dialogs, all made in the pseudo-locale."""
    from cchc_desktop.gui.about_dialog import AboutDialog
    from cchc_desktop.gui.main_window import MainWindow
    from cchc_desktop.gui.settings_dialog import SettingsDialog
    from cchc_desktop.gui.setup_dialog import SetupDialog
    from tests.gui.conftest import TODAY

    found: list[str] = []
    with pseudo_locale(app):
        window = MainWindow(store, today=lambda: TODAY)
        window.setObjectName("MainWindow")
        try:
            window.fit_to_screen(screen)
            window.show()
            _settle(app)
            found += cuts(window) + off_screen(window, screen)
            window.open_report(report_id)
            window.show_page("header")
            _settle(app)
            found += cuts(window) + off_screen(window, screen)
            units = window.controller.unit_settings()
            dialogs: list[QDialog] = [SettingsDialog(units, TODAY, window), SetupDialog(units, TODAY, window),
                                      AboutDialog(window)]
            for dialog in dialogs:
                found += _dialog_cuts(app, dialog, screen)
        finally:
            window.close_report()
            window.close()
            window.deleteLater()
            _settle(app)
    return sorted(set(found))


def _main() -> None:
    from cchc_desktop.exchange.json_format import read_report
    from cchc_desktop.gui.app import prepare_application
    from cchc_desktop.storage.database import Database
    from tests.gui.conftest import SAMPLE, commune_unit

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="cchc-pseudo-scan-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data-home")
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache-home")
    from PySide6.QtCore import QSettings

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    app = QApplication(sys.argv[:1])
    prepare_application(app)
    database = Database.open(folder / "cchc.sqlite3")
    try:
        store = ReportStore(database)
        store.save_own_unit(commune_unit())
        report, _template = read_report(SAMPLE)
        report_id = store.save_report(report)
        # At 125% a 1366 × 768 laptop is 1093 × 614 device-independent pixels, the task bar too.
        scale = float(os.environ.get("QT_SCALE_FACTOR", "1"))
        screen = QRect(0, 0, round(LAPTOP.width() / scale), round(LAPTOP.height() / scale))
        found = scan(app, store, report_id, screen)
    finally:
        database.close()
    print(json.dumps({"scale": app.primaryScreen().devicePixelRatio(), "cuts": found}))


if __name__ == "__main__":
    _main()
