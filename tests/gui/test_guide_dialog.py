"""gui/guide_dialog.py: Trợ giúp > Hướng dẫn sử dụng shows the shipped HTML guide of the
interface's language (the Vietnamese one when there is none), titled by the guide, sized to a
small screen, not modal, and opened again in today's language. Beside
tests/gui/test_guide_images.py, which checks the guide's pictures and that the viewer loads them."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from cchc_desktop import i18n
from cchc_desktop.gui.guide_dialog import GuideDialog, guide_path, show_guide
from cchc_desktop.paths import resources_dir


def test_the_guide_of_each_language_and_vietnamese_for_any_other() -> None:
    folder = resources_dir() / "guide"
    assert guide_path("vi") == folder / "huong-dan.vi.html"
    assert guide_path("en") == folder / "huong-dan.en.html"
    assert guide_path("fr") == folder / "huong-dan.vi.html"
    assert guide_path() == folder / "huong-dan.vi.html"     # the interface speaks Vietnamese
    i18n.set_language("en")
    assert guide_path() == folder / "huong-dan.en.html"


def test_the_dialog_shows_the_guide_titled_by_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert dialog.title == "Hướng dẫn sử dụng CCHC Desktop"
    assert dialog.windowTitle() == "Hướng dẫn sử dụng CCHC Desktop"
    assert dialog.browser.source() == QUrl.fromLocalFile(str(guide_path("vi")))
    text = dialog.browser.toPlainText()
    assert "1. Khai báo đơn vị" in text and "2. Bắt đầu báo cáo" in text
    assert not dialog.isModal()
    assert not dialog.browser.openExternalLinks()   # no web browser from the guide


def test_the_size_fits_a_small_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = GuideDialog(parent)
    available = parent.screen().availableGeometry()
    assert dialog.width() == min(760, available.width() * 9 // 10)
    assert dialog.height() == min(620, available.height() * 85 // 100)


def test_the_close_button_closes_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    close = dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close.text() == "Đóng"
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_showing_it_again_reuses_the_dialog_in_todays_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_guide(parent)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Hướng dẫn sử dụng CCHC Desktop"
    i18n.set_language("en")
    again = show_guide(parent, dialog)
    assert again is dialog
    assert again.windowTitle() == "CCHC Desktop user guide"
    assert again.browser.source() == QUrl.fromLocalFile(str(guide_path("en")))
    dialog.close()
