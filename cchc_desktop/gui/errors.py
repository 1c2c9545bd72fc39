"""Two kinds of failure: known ones get a friendly message, bugs get a crash report.

A KnownError (bad file, locked report, full disk) carries a sentence for the clerk;
anything else is a bug, shown with its traceback so that it can be sent to us.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from types import TracebackType
from typing import Any, ParamSpec, TypeVar

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.i18n import _

P = ParamSpec("P")
R = TypeVar("R")


def show_known_error(parent: QWidget | None, error: KnownError, title: str = "") -> None:
    if isinstance(error, ReportLockedError):
        offer_reopen(parent, error, title)
        return
    QMessageBox.warning(parent, title or _("Không thực hiện được"), error.message)


def _main_window(widget: QWidget | None) -> QWidget | None:
    while widget is not None and not hasattr(widget, "reopen"):
        widget = widget.parentWidget()
    if widget is None:
        for top in QApplication.topLevelWidgets():
            if top.objectName() == "mainWindow":
                return top
    return widget


def offer_reopen(parent: QWidget | None, error: KnownError, title: str = "") -> bool:
    """A change refused because the report is final or submitted: say so, offer to reopen it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title or _("Báo cáo đang bị khóa"), error.message,
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("lockedBox")
    reopen = box.addButton(_("Mở lại để sửa..."), QMessageBox.ButtonRole.ActionRole)
    box.addButton(_("Đóng"), QMessageBox.ButtonRole.RejectRole)
    box.exec()
    chosen = box.clickedButton() is reopen
    box.deleteLater()
    window = _main_window(parent)
    if chosen and window is not None:
        return bool(window.reopen())  # type: ignore[attr-defined]
    return False


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """The right dialog for any exception: a message for known errors, a crash report otherwise."""
    if isinstance(error, KnownError):
        show_known_error(parent, error, title)
    else:
        CrashDialog(error, parent).exec()


def guarded(method: Callable[P, R]) -> Callable[P, R | None]:
    """Run a window action; a KnownError becomes a message box instead of a crash.

    Bugs still propagate to sys.excepthook (the crash dialog).
    """
    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return method(*args, **kwargs)
        except KnownError as exc:
            parent = args[0] if args and isinstance(args[0], QWidget) else None
            show_known_error(parent, exc)
            return None
    return wrapper


class CrashDialog(QDialog):
    """A bug: say so plainly, and give the clerk the details to send."""

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        # start-up: the form is built only for a crash, never before the first window (issue 15)
        from cchc_desktop.gui.designer.ui_crash_dialog import Ui_CrashDialog

        super().__init__(parent)
        self.ui = Ui_CrashDialog()        # the form: ui/crash_dialog.ui
        self.ui.setupUi(self)
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        self.details = f"CCHC Desktop {__version__}\n{details}"
        self.ui.details.setPlainText(self.details)
        copy = self.ui.buttons.addButton(_("Sao chép"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details))


def install_excepthook() -> Callable[..., Any]:
    """Show uncaught exceptions in the GUI instead of losing them; returns the previous hook."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        previous(kind, error, tb)  # keep the traceback on stderr too
        if QApplication.instance() is None or isinstance(error, KeyboardInterrupt):
            return
        show_error(QApplication.activeWindow(), error.with_traceback(tb))

    sys.excepthook = hook
    return previous
