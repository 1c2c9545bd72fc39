"""The guard against PySide6 6.12 dropping references to None (see cchc_desktop/gui/compat.py)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

import cchc_desktop.gui  # noqa: F401  (importing the package installs the guard)
from cchc_desktop.gui import compat


def test_none_survives_many_qt_calls_that_return_none() -> None:
    probe = QObject()
    for _call in range(20000):  # about four times None's own count in a fresh process
        probe.parent()
    assert sys.getrefcount(None) > 1000


def test_the_guard_applies_only_where_the_bug_is() -> None:
    if sys.version_info >= (3, 12):
        assert not compat.guard_none_refcount()
    else:
        assert compat.guard_none_refcount() == compat._guarded
