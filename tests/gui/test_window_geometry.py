"""gui/window_geometry.py: the first window fits the screen it opens on (a 1366x768 laptop
included), a remembered geometry is used only if it lies on a screen present now, and a dialog
designed larger than a small screen is made to fit it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QDialog, QMainWindow

from cchc_desktop.gui import window_geometry
from cchc_desktop.gui.window_geometry import (
    FRAME,
    MINIMUM,
    PREFERRED,
    fits,
    fitted_geometry,
    place,
    remember,
    remembered,
)

LAPTOP = QRect(0, 0, 1366, 728)       # 1366x768 less a 40 px task bar
LARGE = QRect(0, 0, 2560, 1400)
SMALL = QRect(0, 0, 1024, 560)        # a laptop at 125%: 90% of it is below the usable minimum
TINY = QRect(0, 0, 960, 540)          # smaller than the usable minimum and its frame


@pytest.mark.parametrize("screen", [LAPTOP, LARGE, SMALL, TINY, QRect(1920, 0, 1366, 728)])
def test_the_first_window_fits_the_screen_with_its_frame(screen: QRect) -> None:
    rect = fitted_geometry(screen)
    assert screen.contains(rect)
    assert rect.width() <= screen.width() - FRAME.width()
    assert rect.height() <= screen.height() - FRAME.height()
    assert abs(rect.center().x() - screen.center().x()) <= 1
    assert abs(rect.center().y() - screen.center().y()) <= 1


def test_a_laptop_gets_ninety_percent_and_a_large_screen_the_designed_size() -> None:
    laptop = fitted_geometry(LAPTOP)
    assert laptop.size() == QSize(int(1366 * 0.9), int(728 * 0.9)).expandedTo(MINIMUM) \
        .boundedTo(LAPTOP.size() - FRAME)
    assert laptop.height() < 768 - 40
    assert fitted_geometry(LARGE).size() == PREFERRED


def test_a_small_screen_gets_the_usable_minimum_if_it_fits() -> None:
    assert fitted_geometry(SMALL).size() == MINIMUM.boundedTo(SMALL.size() - FRAME)
    assert fitted_geometry(SMALL).width() == MINIMUM.width()


def test_a_screen_smaller_than_the_minimum_gives_all_of_it_less_the_frame() -> None:
    assert fitted_geometry(TINY).size() == TINY.size() - FRAME


def test_fits_needs_one_screen_to_hold_the_whole_rect() -> None:
    screens = [QRect(0, 0, 1920, 1040), QRect(1920, 0, 1366, 728)]
    assert fits(QRect(100, 100, 1200, 800), screens)
    assert fits(QRect(1950, 10, 1200, 600), screens)
    assert not fits(QRect(1800, 100, 400, 400), screens)   # across the two: hangs off one
    assert not fits(QRect(3000, 100, 1200, 800), screens)  # the large monitor is gone
    assert not fits(QRect(0, 0, 0, 0), screens)


def test_the_geometry_is_remembered_and_given_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(QRect(60, 50, 1100, 650))
    remember(window)
    saved = remembered()
    assert saved is not None
    assert saved.rect == window.normalGeometry()
    assert saved.maximised is False
    again = QMainWindow()
    qtbot.addWidget(again)
    assert place(again, LAPTOP) == saved.rect
    assert again.geometry() == saved.rect


def test_a_remembered_geometry_off_the_screens_now_is_not_used(qtbot) -> None:  # type: ignore[no-untyped-def]
    big = QMainWindow()
    qtbot.addWidget(big)
    big.setGeometry(QRect(100, 100, 2200, 1200))   # on the large monitor, taken away since
    remember(big)
    window = QMainWindow()
    qtbot.addWidget(window)
    assert place(window, LAPTOP) == fitted_geometry(LAPTOP)
    assert window.geometry() == fitted_geometry(LAPTOP)


def test_a_maximised_window_opens_maximised(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = window_geometry.settings()
    settings.setValue(window_geometry.GEOMETRY_KEY, [10, 10, 1000, 600])
    settings.setValue(window_geometry.MAXIMISED_KEY, True)
    window = QMainWindow()
    qtbot.addWidget(window)
    place(window, LAPTOP)
    assert window.isMaximized() or window.windowState().name.endswith("Maximized")


@pytest.mark.parametrize("value", ["", "a,b,c,d", "10,20,30"])
def test_a_damaged_setting_is_forgotten_not_a_crash(value: str) -> None:
    window_geometry.settings().setValue(window_geometry.GEOMETRY_KEY, value)
    assert remembered() is None


def test_a_large_dialog_is_made_to_fit_the_screen_a_small_one_keeps_its_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    room = dialog.screen().availableGeometry().size() - FRAME
    dialog.resize(room + QSize(400, 300))
    window_geometry.fit_dialog(dialog)
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    small = QDialog()
    qtbot.addWidget(small)
    small.resize(400, 300)
    window_geometry.fit_dialog(small)
    assert small.size() == QSize(400, 300)


def test_the_real_window_can_be_as_small_as_a_laptop_gives_it(qtbot, window, new_report) -> None:  # type: ignore[no-untyped-def]
    """With a report open: the form, the docks, the status bar."""
    rect = place(window, LAPTOP)
    qtbot.wait(20)
    assert LAPTOP.contains(rect)
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert least.width() <= rect.width() and least.height() <= rect.height(), \
        f"the window needs {least.width()}x{least.height()}, the laptop gives {rect.width()}x{rect.height()}"
    assert window.size() == rect.size()
    assert least.height() > 300, "the window's least size was not measured"
