"""Languages in the window: Qt's own strings in Vietnamese, and a Qt signal for i18n changes.

Qt ships no Vietnamese catalogue, so resources/qt/qtbase_vi.ts carries the standard
strings the app shows; it is compiled with pyside6-lrelease into the user's cache
folder when the .qm is missing or older than the .ts. Month and day names are not in
that catalogue but in Qt's locale data (CLDR), which does know Vietnamese: the default
QLocale follows the language, so every calendar and date widget made after it says
"Tháng 9" and "Thứ 2".
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from cchc_desktop import i18n
from cchc_desktop.paths import APP_AUTHOR, APP_NAME, resources_dir

QT_CATALOGUE = "qtbase_vi"


class LanguageBridge(QObject):
    """Turns i18n's plain callbacks into a Qt signal.

    i18n keeps its listeners forever; widgets come and go. Widgets connect to this
    signal instead, and Qt drops the connection when a widget is destroyed.
    """

    changed = Signal(str)


_bridge: LanguageBridge | None = None


def language_bridge() -> LanguageBridge:
    global _bridge
    if _bridge is None:
        _bridge = LanguageBridge()
        i18n.on_language_changed(_bridge.changed.emit)
    return _bridge


def ui_locale(language: str | None = None) -> QLocale:
    """Qt's locale for the UI language: Vietnamese, or British English (day first, Monday first)."""
    if (language or i18n.current_language()) == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


def qt_source() -> Path:
    return resources_dir() / "qt" / f"{QT_CATALOGUE}.ts"


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)) / "qt"


def _lrelease() -> str | None:
    beside_python = Path(sys.executable).with_name("pyside6-lrelease")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("pyside6-lrelease")


def compile_catalogue(source: Path, target: Path) -> bool:
    """Compile `source` (.ts) into `target` (.qm) when the target is missing or stale."""
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return True
    tool = _lrelease()
    if tool is None:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([tool, "-silent", str(source), "-qm", str(target)],
                            capture_output=True, check=False)
    return result.returncode == 0 and target.exists()


class QtLanguage:
    """The translators installed in the application for Qt's own dialogs and buttons."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translators: list[QTranslator] = []

    def apply(self, language: str) -> None:
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.translators.clear()
        QLocale.setDefault(ui_locale(language))
        if language == "vi":
            self._load_vietnamese()
        # English needs no catalogue: Qt's source strings are English.

    def _load_vietnamese(self) -> None:
        # A bundle may ship the compiled .qm next to the .ts; otherwise build it once.
        shipped = qt_source().with_suffix(".qm")
        target = shipped if shipped.exists() else cache_dir() / f"{QT_CATALOGUE}.qm"
        if not shipped.exists() and not compile_catalogue(qt_source(), target):
            return
        translator = QTranslator(self.app)
        if translator.load(str(target)):
            self.app.installTranslator(translator)
            self.translators.append(translator)

