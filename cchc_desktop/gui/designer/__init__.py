"""Python modules compiled from the Qt Designer forms in ui/ (scripts/compile_ui.py).

Every `ui_<name>.py` here is generated and not committed; this file is the only source.
"""
