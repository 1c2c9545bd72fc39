"""Long work (exports) off the GUI thread, with success and failure callbacks on the GUI thread.

Widgets must only be touched on the GUI thread: the task gets a `progress` callback
that emits a signal, and results come back through queued signals.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int], None]


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, task: Callable[[Progress], Any], signals: _Signals) -> None:
        super().__init__()
        self.task = task
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.task(lambda done, total: self._emit(self.signals.progress, int(done),
                                                              int(total)))
        except BaseException as exc:  # every failure goes back to the GUI thread
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.succeeded, result)

    def _emit(self, signal: Any, *values: Any) -> None:
        # The window that asked may be gone (closed while the task ran): nobody to tell.
        if shiboken6.isValid(self.signals):
            with contextlib.suppress(RuntimeError):   # deleted between the check and the emit
                signal.emit(*values)


class BackgroundTask(QObject):
    """One task run on the global thread pool; `finished` comes after the callbacks."""

    finished = Signal()

    def __init__(self, task: Callable[[Progress], Any], *,
                 on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None],
                 on_progress: Callable[[int, int], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = _Signals(self)
        self.signals.succeeded.connect(on_success)
        self.signals.failed.connect(on_failure)
        if on_progress is not None:
            self.signals.progress.connect(on_progress)
        self.signals.succeeded.connect(self.finished)
        self.signals.failed.connect(self.finished)
        self._runnable = _Runnable(task, self.signals)
        self._runnable.setAutoDelete(False)

    def start(self) -> None:
        QThreadPool.globalInstance().start(self._runnable)


# Jobs kept alive until they finish, whether or not the caller keeps a reference.
_running: set[BackgroundTask] = set()


def run_in_background(task: Callable[[Progress], Any], *, on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None],
                      on_progress: Callable[[int, int], None] | None = None,
                      parent: QObject | None = None) -> BackgroundTask:
    job = BackgroundTask(task, on_success=on_success, on_failure=on_failure,
                         on_progress=on_progress, parent=parent)
    _running.add(job)
    job.finished.connect(lambda: _running.discard(job))
    job.finished.connect(job.deleteLater)
    job.start()
    return job


def run_for(widget: QWidget, task: Callable[[Progress], Any], *,
            on_success: Callable[[Any], None],
            on_failure: Callable[[BaseException], None]) -> BackgroundTask:
    """Background work for a dialog: its answer is dropped if the clerk closed (and Qt
    deleted) the dialog meanwhile, instead of reaching a dead widget."""
    def alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
        def call(result: Any) -> None:
            if shiboken6.isValid(widget):
                callback(result)
        return call

    return run_in_background(task, on_success=alive(on_success), on_failure=alive(on_failure))


def busy_dialog(parent: QWidget, title: str, text: str) -> QProgressDialog:
    """A window-modal 'working...' box: the clerk cannot type into a report being rewritten."""
    progress = QProgressDialog(text, "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    # Shown now: a QProgressDialog whose value is never set shows itself only after Qt's fixed
    # 4 s, and until then its window took keys, the clerk typing into the report being rewritten.
    progress.show()
    return progress


def run_while_busy(parent: QWidget, title: str, text: str, task: Callable[[Progress], Any], *,
                   on_success: Callable[[Any], None],
                   on_failure: Callable[[BaseException], None]) -> BackgroundTask:
    """`task` off the GUI thread behind a busy box that is closed before either callback."""
    progress = busy_dialog(parent, title, text)

    def close() -> None:
        progress.reset()
        progress.deleteLater()

    def succeeded(result: Any) -> None:
        close()
        on_success(result)

    def failed(error: BaseException) -> None:
        close()
        on_failure(error)

    return run_in_background(task, on_success=succeeded, on_failure=failed, parent=parent)
