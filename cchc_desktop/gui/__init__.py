"""The desktop window (PySide6): the only package of the app that imports Qt."""

from cchc_desktop.gui.compat import guard_none_refcount
from cchc_desktop.gui.pyside_sources import keep_sources_out_of_memory

# Before any widget exists: see compat.py (PySide6 6.12 drops references to None).
guard_none_refcount()
# Before the rest of the window's modules are imported: see pyside_sources.py.
keep_sources_out_of_memory()
