"""Finding text the window cuts: labels, buttons, group titles, tabs, header sections, menu bar
and tool bar actions whose text is wider than the room they are given.

`cuts(top)` walks the visible widgets under `top` and names each one cut as
"<top's object name>/<widget's object name or class>: <the message>" (the message as written in
the source when the pseudo-locale is on, so a name stays the same in every language).
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QMenuBar,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionGroupBox,
    QTabBar,
    QToolBar,
    QToolButton,
    QWidget,
)

from cchc_desktop.gui.elided_label import ElidedLabel
from tests.pseudo_locale import original

SLACK = 1   # a pixel of rounding between the text's advance and the room


def _name(top: QWidget, widget: QWidget, text: str) -> str:
    own = widget.objectName() or type(widget).__name__
    return f"{top.objectName() or type(top).__name__}/{own}: {original(text.replace(chr(10), ' '))}"


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _widest_line(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def _label_cut(label: QLabel) -> bool:
    if isinstance(label, ElidedLabel):
        # Shortened by design when the room is short: cut only if the tool tip does not say it all.
        return label.elided() and label.toolTip() != label.text()
    text = label.text()
    if not text or label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText \
            or QtGui.Qt.mightBeRichText(text):
        return False
    room = label.contentsRect().width() - 2 * label.margin() - max(label.indent(), 0)
    shown = _plain(text) if label.buddy() is not None else text
    return _widest_line(label.fontMetrics(), shown) > room + SLACK


def _button_cut(button: QAbstractButton) -> bool:
    if not button.text():
        return False
    if isinstance(button, QToolButton) and \
            button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
        return False
    return button.sizeHint().width() > button.width() + SLACK


def _group_cut(box: QGroupBox) -> bool:
    if not box.title():
        return False
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                       QStyle.SubControl.SC_GroupBoxLabel, box)
    # The style lays the label out at the title's width: cut when it runs past the box.
    return label.right() > box.rect().right() + SLACK


def _tab_cuts(bar: QTabBar) -> list[int]:
    return [i for i in range(bar.count())
            if bar.isTabVisible(i) and bar.tabRect(i).width() + SLACK < bar.tabSizeHint(i).width()]


def _section_cuts(header: QHeaderView) -> list[tuple[int, str]]:
    model = header.model()
    if model is None:
        return []
    found = []
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        needed = header.sectionSizeFromContents(section)
        size = needed.width() if horizontal else needed.height()
        if header.sectionSize(section) + SLACK < size:
            found.append((section, text))
    return found


def _bar_cuts(bar: QWidget) -> list[str]:
    """Actions of a menu bar or tool bar pushed off into its extension ("»")."""
    found = []
    inside = bar.rect()
    for action in bar.actions():
        if not action.isVisible() or action.isSeparator() or not action.text():
            continue
        if isinstance(bar, QMenuBar):
            rect = bar.actionGeometry(action)
        else:
            assert isinstance(bar, QToolBar)
            widget = bar.widgetForAction(action)
            rect = widget.geometry() if widget is not None and widget.isVisible() else QRect()
        if not rect.isValid() or not inside.contains(rect):
            found.append(action.text())
    return found


def _clipped(widget: QWidget) -> bool:
    """Part of the widget's width hidden by a parent narrower than it (a scroll area with no
    horizontal scroll bar, a dock squeezed): its text is cut however wide the widget is."""
    shown = widget.visibleRegion().boundingRect()
    # Wholly out of sight (scrolled away, below the fold) is not cut: the clerk scrolls to it.
    return not shown.isEmpty() and shown.width() + SLACK < widget.width()


def _text(widget: QWidget) -> str:
    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    return widget.title() if isinstance(widget, QGroupBox) else ""


def _own_text_cut(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return _label_cut(widget)
    if isinstance(widget, (QPushButton, QToolButton, QCheckBox, QRadioButton)):
        return not isinstance(widget.parent(), QTabBar) and _button_cut(widget)
    return isinstance(widget, QGroupBox) and _group_cut(widget)


def cuts(top: QWidget) -> list[str]:
    """What is cut among the visible widgets under `top`, `top` included."""
    found: list[str] = []
    for widget in [top, *top.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if _text(widget) and not isinstance(widget.parent(), QTabBar) and _clipped(widget):
            found.append(_name(top, widget, _text(widget)) + " (clipped)")
        elif _own_text_cut(widget):
            found.append(_name(top, widget, _text(widget)))
        elif isinstance(widget, QTabBar):
            found += [_name(top, widget, widget.tabText(i)) for i in _tab_cuts(widget)]
        elif isinstance(widget, QHeaderView):
            found += [_name(top, widget, text) for _i, text in _section_cuts(widget)]
        elif isinstance(widget, (QMenuBar, QToolBar)):
            found += [_name(top, widget, text) for text in _bar_cuts(widget)]
    return found


def off_screen(top: QWidget, screen: QRect) -> list[str]:
    """`top` (a window or dialog) larger than the screen, or unable to shrink to it."""
    name = top.objectName() or type(top).__name__
    found = []
    if top.frameGeometry().width() > screen.width() or top.frameGeometry().height() > screen.height():
        found.append(f"{name}: larger than the screen")
    minimum = top.minimumSizeHint().expandedTo(top.minimumSize())
    if minimum.width() > screen.width() or minimum.height() > screen.height():
        found.append(f"{name}: cannot shrink to the screen")
    return found
