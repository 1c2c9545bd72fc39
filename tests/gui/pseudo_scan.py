"""The window, every page of a report and every dialog in the pseudo-locale on a 1366 × 768
laptop: what text is cut.

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


def _page_keys(window) -> list[str]:  # type: ignore[no-untyped-def]
    """Every page of the open report: the header, each section (those with children too), each
    annex."""
    template = window.session.template
    return ["header", *(section.id for section, _depth in template.walk()),
            *(f"annex:{annex.id}" for annex in template.annexes)]


def _page_cuts(app: QApplication, window, screen: QRect) -> list[str]:  # type: ignore[no-untyped-def]
    found: list[str] = []
    for key in _page_keys(window):
        window.show_page(key)
        _settle(app)
        page = window.current_page()
        assert page is not None, key
        page.setObjectName(key)
        found += cuts(page) + [f"{key}: {cut}" for cut in off_screen(window, screen)]
    return found


def scan(app: QApplication, store: ReportStore, report_id: int, screen: QRect = LAPTOP) -> list[str]:
    """The cuts in the main window (start page, then every page of the sample report: the header,
    the sections, the annexes, with the navigation, findings and calculator docks, the menu bar
    and tool bar) and in every dialog (tests/gui/pseudo_dialogs.py), all made in the
    pseudo-locale."""
    from cchc_desktop.gui.main_window import MainWindow
    from tests.gui.conftest import TODAY
    from tests.gui.pseudo_dialogs import every_dialog

    found: list[str] = []
    with pseudo_locale(app), tempfile.TemporaryDirectory(prefix="cchc-pseudo-dialogs-") as folder:
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
            found += _page_cuts(app, window, screen)
            for name, make in every_dialog(window, store, Path(folder)):
                dialog = make()
                dialog.setObjectName(dialog.objectName() or name)
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

    folder = Path(tempfile.mkdtemp(prefix="cchc-pseudo-scan-"))
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        # The offscreen platform's screen as the laptop's (it is 800 × 800 unless told), so that
        # what sizes itself to the screen (a dialog designed larger) sees the laptop.
        config = folder / "screen.json"
        config.write_text(json.dumps({"screens": [{
            "name": "laptop", "x": 0, "y": 0, "width": LAPTOP.width(), "height": LAPTOP.height(),
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), "utf-8")
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
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
