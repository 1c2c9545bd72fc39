"""The main window's size and place, fitted to the screen it opens on and remembered between
runs; and its docks, sized to leave the page its width and to show the calculator whole.

The first window was 1360 × 860 on any screen: on a 1366 × 768 laptop the status bar and the
calculator's buttons were below the screen's edge. It now takes at most 90% of the screen's
available geometry (the screen less the task bar), at least a usable minimum unless the screen
is smaller still (then all of it less the window's frame), centred.

The geometry is remembered in QSettings (the user's settings on this computer, an .ini file),
not in the data file's settings: the window is shown before the data file is opened
(gui/app.run), a data file is copied to other computers with other screens, and two data files
opened on one computer share its screen. A remembered geometry is used only if it lies wholly
within the available geometry of a screen present now: a laptop taken from its large monitor
gets the fitted size, not a window hanging off its edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

PREFERRED = QSize(1360, 860)   # the size the window was designed at
MINIMUM = QSize(1000, 600)     # below this the three columns no longer read well
SHARE = 0.9                    # of the screen's available geometry, at most
PAGE = 680                     # the width of a section's form, left to the page between the docks
DOCK = (240, 330)              # the side docks' narrowest and widest
# The title bar and borders the window manager adds around the geometry given: on a screen
# smaller than the window would like (a laptop at 125%) the window is given all of it less
# these, else its title bar and bottom edge would be off the screen.
FRAME = QSize(16, 40)

GEOMETRY_KEY = "mainWindow/geometry"    # x, y, width, height of the normal (not maximised) window
MAXIMISED_KEY = "mainWindow/maximized"


@dataclass(frozen=True)
class Remembered:
    rect: QRect
    maximised: bool


def fitted_geometry(available: QRect) -> QRect:
    """The first window's geometry on a screen whose available geometry is `available`."""
    def side(preferred: int, minimum: int, screen: int, frame: int) -> int:
        return min(preferred, max(minimum, int(screen * SHARE)), screen - frame)

    rect = QRect(0, 0, side(PREFERRED.width(), MINIMUM.width(), available.width(), FRAME.width()),
                 side(PREFERRED.height(), MINIMUM.height(), available.height(), FRAME.height()))
    rect.moveCenter(available.center())
    return rect


def fits(rect: QRect, screens: Iterable[QRect]) -> bool:
    """`rect` lies wholly within one of the screens' available geometries."""
    return rect.isValid() and any(screen.contains(rect) for screen in screens)


def settings() -> QSettings:
    """The user's settings on this computer (an .ini file under the user's configuration folder;
    tests point QSettings.setPath at a temporary folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     QCoreApplication.organizationName() or "CCHC",
                     QCoreApplication.applicationName() or "CCHC Desktop")


def remembered() -> Remembered | None:
    values = settings().value(GEOMETRY_KEY)
    if isinstance(values, str):   # an .ini file gives back one value as a string
        values = values.split(",")
    try:
        x, y, width, height = (int(v) for v in values)
    except (TypeError, ValueError):
        return None
    maximised = str(settings().value(MAXIMISED_KEY, "false")).lower() == "true"
    return Remembered(QRect(x, y, width, height), maximised)


def remember(window: QMainWindow) -> None:
    rect = window.normalGeometry()
    if not rect.isValid():
        return
    store = settings()
    store.setValue(GEOMETRY_KEY, [rect.x(), rect.y(), rect.width(), rect.height()])
    store.setValue(MAXIMISED_KEY, window.isMaximized())


def place(window: QMainWindow, available: QRect | None = None) -> QRect:
    """Give the window, before it is first shown, the remembered geometry if it fits a screen now,
    else the one fitted to its screen; `available` stands for the screens (tests). Returns the
    geometry given."""
    screens = [available] if available is not None else \
        [screen.availableGeometry() for screen in QGuiApplication.screens()]
    saved = remembered()
    if saved is not None and fits(saved.rect, screens):
        window.setGeometry(saved.rect)
        if saved.maximised:
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return saved.rect
    rect = fitted_geometry(available or window.screen().availableGeometry())
    window.setGeometry(rect)
    return rect


def scrolled(panel: QWidget) -> QScrollArea:
    """`panel` in a scroll area: a dock on a short screen still reaches its last buttons."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName()}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(panel)
    return area


def size_docks(window: QMainWindow, sides: tuple[QDockWidget, ...], whole: QDockWidget,
               panel: QWidget) -> None:
    """Once the window is laid out at its size: the `sides` docks leave the page PAGE pixels, each
    within DOCK; the `whole` dock (holding `panel`, the calculator) is given the panel's height
    and its own title and frame, the dock beside it the rest."""
    side = max(DOCK[0], min(DOCK[1], (window.width() - PAGE) // len(sides)))
    window.resizeDocks(list(sides), [side] * len(sides), Qt.Orientation.Horizontal)
    content = whole.widget()
    if isinstance(content, QScrollArea):
        # A longer translation widens the calculator's last row past the side's share; its scroll
        # area has no horizontal scroll bar, so the dock is given the row's width, else cut.
        # (Before the resize above takes effect the dock still has its old width: compare `side`.)
        frame = whole.width() - content.viewport().width()
        needed = panel.minimumSizeHint().width() + frame
        if side < needed:
            window.resizeDocks([whole], [needed], Qt.Orientation.Horizontal)
    chrome = whole.height() - (content.height() if content is not None else 0)
    # resizeDocks gives a few pixels less than asked (the separator): 8 more.
    window.resizeDocks([whole], [panel.sizeHint().height() + chrome + 8], Qt.Orientation.Vertical)


def fit_dialog(dialog: QWidget, parent: QWidget | None = None) -> None:
    """A dialog designed larger than a small screen (a laptop at 125%) made to fit it, frame
    included; on a screen large enough it keeps its designed size."""
    screen = (parent.screen() if parent is not None else None) or dialog.screen() \
        or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry().size() - FRAME
    dialog.resize(dialog.size().boundedTo(room).expandedTo(dialog.minimumSizeHint().boundedTo(room)))
