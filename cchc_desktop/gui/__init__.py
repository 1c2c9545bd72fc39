"""The desktop window (PySide6): the only package of the app that imports Qt."""

from cchc_desktop.gui.compat import guard_none_refcount

# Before any widget exists: see compat.py (PySide6 6.12 drops references to None).
guard_none_refcount()
