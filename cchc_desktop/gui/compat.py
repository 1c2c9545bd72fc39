"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11, found in this project.

PySide6 6.12.0 forgets to take a reference to None whenever a Qt function returns it
(QObject.parent() of a top-level object, QTreeWidgetItem.child() out of range, an empty
QVariant, currentItem() with nothing selected...). Each such call lowers None's count by
one; after a few thousand of them Python frees None and aborts with "none_dealloc:
deallocating None", typically while the clerk is typing. Python 3.12 made None immortal,
which hides the bug; on 3.11 we do the same for None only, and only when the bug shows.
"""

from __future__ import annotations

import ctypes
import sys

# Far more calls than a session can make, far less than Py_ssize_t can hold.
_BALLAST = 1 << 40
_guarded = False


def none_refcount_leaks() -> bool:
    """True when a Qt call returning None takes a reference it never gave."""
    from PySide6.QtCore import QObject  # Python 3.11 only: the guard is needed before 3.12

    probe = QObject()
    before = sys.getrefcount(None)
    for _call in range(50):
        probe.parent()
    return sys.getrefcount(None) < before - 25


def guard_none_refcount() -> bool:
    """Make None immortal on Pythons before 3.12 when PySide has the bug. Returns True if applied."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _guarded
    if none_refcount_leaks():
        # ob_refcnt is the first field of every CPython object, at the object's address.
        ctypes.c_ssize_t.from_address(id(None)).value += _BALLAST
        _guarded = True
    return _guarded
