"""The app's own UI font, so that the window looks the same on every office PC."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cchc_desktop.paths import resources_dir

UI_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")
UI_POINT_SIZE = 10


def install_ui_font(app: QApplication) -> str | None:
    """Register the shipped sans font and make it the application font.

    Returns the family name, or None when the font files are missing (the system
    font is kept then: a worse look, not a reason to refuse to start).
    """
    family = None
    folder = resources_dir() / "fonts"
    for name in UI_FONT_FILES:
        path = folder / name
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        font = QFont(family, UI_POINT_SIZE)
        # Hinting differs between platforms; turning it off keeps the metrics (and the
        # screenshots) identical everywhere.
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    return family
