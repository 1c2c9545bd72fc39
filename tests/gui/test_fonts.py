"""gui/fonts.py: the window's font is the shipped Liberation Sans at 10 points, unhinted so that
its metrics (and the screenshots) are the same on every office PC; when the font files are
missing the system's font is kept, a worse look rather than a refusal to start."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

from cchc_desktop.gui import fonts
from cchc_desktop.gui.fonts import UI_FONT_FILES, UI_POINT_SIZE, install_ui_font
from cchc_desktop.paths import resources_dir


@pytest.fixture
def app_font(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    """The application's font put back as it was after the test."""
    before = QFont(QApplication.font())
    yield qapp
    QApplication.setFont(before)


def test_the_shipped_font_becomes_the_applications(app_font) -> None:  # type: ignore[no-untyped-def]
    QApplication.setFont(QFont("DejaVu Serif", 14))
    assert install_ui_font(app_font) == "Liberation Sans"
    font = QApplication.font()
    assert font.family() == "Liberation Sans"
    assert font.pointSize() == UI_POINT_SIZE == 10
    assert font.hintingPreference() is QFont.HintingPreference.PreferNoHinting
    assert "Liberation Sans" in QFontDatabase.families()


def test_the_font_has_the_vietnamese_letters(app_font) -> None:  # type: ignore[no-untyped-def]
    install_ui_font(app_font)
    regular = resources_dir() / "fonts" / UI_FONT_FILES[0]
    raw = QRawFont(str(regular), 10)
    assert all(raw.supportsCharacter(ord(char)) for char in "Ủy ban nhân dân xã Mỹ An: đạt 92,52%")


def test_missing_font_files_keep_the_systems_font(app_font, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "fonts").mkdir()
    monkeypatch.setattr(fonts, "resources_dir", lambda: tmp_path)
    QApplication.setFont(QFont("DejaVu Serif", 14))
    assert install_ui_font(app_font) is None
    assert QApplication.font().family() == "DejaVu Serif"
    assert QApplication.font().pointSize() == 14


def test_a_damaged_font_file_is_passed_over(app_font, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    (folder / UI_FONT_FILES[0]).write_bytes(b"not a font at all")
    shutil.copy(resources_dir() / "fonts" / UI_FONT_FILES[1], folder / UI_FONT_FILES[1])
    monkeypatch.setattr(fonts, "resources_dir", lambda: tmp_path)
    # The regular face is broken: the bold one still names the family.
    assert install_ui_font(app_font) == "Liberation Sans"
    assert QApplication.font().family() == "Liberation Sans"
