"""The desktop window (PySide6): the only package of the app that imports Qt."""
