"""The guard against PySide6 6.12 dropping references to None (see cchc_desktop/gui/compat.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject

import cchc_desktop.gui  # noqa: F401  (importing the package installs the guard)
from cchc_desktop.gui import compat


def test_none_survives_many_qt_calls_that_return_none() -> None:
    probe = QObject()
    for _call in range(20000):  # about four times None's own count in a fresh process
        probe.parent()
    assert sys.getrefcount(None) > 1000


def test_the_guard_applies_only_where_the_bug_is() -> None:
    """The decision taken when the gui package was imported matches a fresh measurement now."""
    if sys.version_info >= (3, 12):
        assert not compat.guard_none_refcount()
    else:
        assert compat.guard_none_refcount() is compat.none_refcount_leaks()


@pytest.mark.parametrize("leaks", [True, False])
def test_none_gets_its_ballast_exactly_when_qt_leaks(monkeypatch: pytest.MonkeyPatch, leaks: bool) -> None:
    monkeypatch.setattr(compat, "_guarded", False)
    monkeypatch.setattr(compat, "none_refcount_leaks", lambda: leaks)
    before = sys.getrefcount(None)
    applied = compat.guard_none_refcount()
    if sys.version_info >= (3, 12):  # None is immortal there: nothing to do
        assert not applied
        return
    assert applied is leaks
    # A few references come and go meanwhile; the ballast is 2**40 of them.
    assert abs(sys.getrefcount(None) - before - (compat._BALLAST if leaks else 0)) < 1000
