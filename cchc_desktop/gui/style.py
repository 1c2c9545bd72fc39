"""The app's look in one place: the stylesheet in resources/style and its named colours.

Widgets do not carry inline style sheets; they say what they are (`set_tone(label, "error")`)
and resources/style/app.qss decides how that looks. Colours painted from code (table items)
come from the same palette through `colour(name)`.
"""

from __future__ import annotations

import json
import re
from functools import cache

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.paths import resources_dir

_TOKEN = re.compile(r"@([a-z_]+)")


@cache
def palette() -> dict[str, str]:
    """The named colours of resources/style/palette.json (name -> '#rrggbb')."""
    path = resources_dir() / "style" / "palette.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {name: value for name, value in raw.items() if not name.startswith("_")}


def colour(name: str) -> QColor:
    return QColor(palette()[name])


@cache
def stylesheet() -> str:
    """app.qss with every @name replaced by its colour; an unknown name is a KeyError."""
    text = (resources_dir() / "style" / "app.qss").read_text(encoding="utf-8")
    colours = palette()
    return _TOKEN.sub(lambda match: colours[match.group(1)], text)


def apply_stylesheet(app: QApplication) -> None:
    app.setStyleSheet(stylesheet())


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Give `widget` the look named `tone` in app.qss (None: the plain look)."""
    set_flag(widget, "tone", tone or "")


def set_flag(widget: QWidget, name: str, value: str | bool) -> None:
    """Set a dynamic property the stylesheet selects on, and re-apply the style to it."""
    widget.setProperty(name, ("true" if value else "false") if isinstance(value, bool) else value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
