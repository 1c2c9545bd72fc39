"""Small steps of the clerk's day, shared by the window tests."""

from __future__ import annotations

import gettext

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.paths import catalogs_dir


def require_english_catalogue() -> None:
    """The English catalogue with the window's strings: scripts/setup.sh always compiles it,
    so a test that needs it fails (never skips) when it is missing or stale."""
    catalogue = catalogs_dir() / "en" / "LC_MESSAGES" / "cchc_desktop.mo"
    assert catalogue.exists(), f"{catalogue} is not compiled: run scripts/setup.sh"
    with catalogue.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("&Tệp") != "&Tệp", \
            "the English catalogue lacks the window's strings: run scripts/update_catalogs.sh"


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` key by key. QTest.keyClicks only knows ASCII, and clerks type Vietnamese."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def field(window, code: str) -> NumberField:  # type: ignore[no-untyped-def]
    """The field of `code` on its section's page, after navigating there like the clerk."""
    indicator = window.session.template.indicators[code]
    window.show_page(indicator.section_id)
    widget = window.current_page().fields[code]
    assert isinstance(widget, NumberField), f"{code} is not typed in"
    return widget


def type_into(qtbot, widget: NumberField, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select what the field holds and type over it, as the clerk does."""
    widget.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    widget.edit.selectAll()
    if text:
        type_text(widget.edit, text)
    else:
        qtbot.keyClick(widget.edit, Qt.Key.Key_Delete)


def fill(qtbot, window, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for code, text in values.items():
        type_into(qtbot, field(window, code), text)


def wait_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.session.saver.pending, timeout=3000)
