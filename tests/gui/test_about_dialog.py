"""gui/about_dialog.py: Trợ giúp > Giới thiệu shows the program's icon at the size of Qt's own
message boxes, its name and the package's version (not the form's placeholder), and what it does;
the box closes with Enter or Esc. tests/gui/pseudo_dialogs.py only scans it for clipped texts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from cchc_desktop import __version__
from cchc_desktop.gui.about_dialog import AboutDialog, show_about


def test_the_box_says_the_name_the_version_and_what_the_program_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Giới thiệu CCHC Desktop"
    assert dialog.ui.version.text() == f"CCHC Desktop {__version__}"
    assert __version__ and __version__[0].isdigit()
    assert dialog.ui.description.text() == "Lập báo cáo cải cách hành chính định kỳ, chạy ngoại tuyến."


def test_the_icon_is_the_applications_at_the_message_box_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    size = dialog.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, dialog)
    pixmap = dialog.ui.icon.pixmap()
    assert not QApplication.windowIcon().isNull()   # prepare_application set the app's icon
    assert not pixmap.isNull()
    assert (pixmap.width(), pixmap.height()) == (size, size)


def test_a_parent_window_lends_its_own_icon(qtbot) -> None:  # type: ignore[no-untyped-def]
    red = QPixmap(64, 64)
    red.fill(QColor("#d00000"))
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.setWindowIcon(QIcon(red))
    dialog = AboutDialog(parent)
    shown = dialog.ui.icon.pixmap().toImage()
    assert shown.pixelColor(shown.width() // 2, shown.height() // 2) == QColor("#d00000")


def test_show_about_opens_the_box_and_esc_closes_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, AboutDialog)
        seen.append(box.ui.version.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    show_about(None)   # returns only once the box is closed
    assert seen == [f"CCHC Desktop {__version__}"]
