"""gui/worker.py: long work off the GUI thread; its result, its failure and its progress come
back on the GUI thread; a closed dialog's answer is dropped; the busy box closes first."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton, QWidget

from cchc_desktop.gui import worker
from cchc_desktop.gui.worker import busy_dialog, run_for, run_in_background, run_while_busy


def gui_thread() -> QThread:
    app = QApplication.instance()
    assert app is not None
    return app.thread()


def count_rows(path: Path, progress) -> int:  # type: ignore[no-untyped-def]
    """A real piece of work: write rows into an SQLite file, telling the progress."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE row (n INTEGER)")
        for n in range(5):
            connection.execute("INSERT INTO row VALUES (?)", (n,))
            progress(n + 1, 5)
        return int(connection.execute("SELECT count(*) FROM row").fetchone()[0])


def test_the_result_and_progress_come_back_on_the_gui_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ran_on: list[threading.Thread] = []
    seen: list[tuple[str, object, QThread]] = []

    def task(progress):  # type: ignore[no-untyped-def]
        ran_on.append(threading.current_thread())
        return count_rows(tmp_path / "work.sqlite3", progress)

    job = run_in_background(
        task, on_success=lambda result: seen.append(("ok", result, QThread.currentThread())),
        on_failure=lambda error: seen.append(("failed", error, QThread.currentThread())),
        on_progress=lambda done, total: seen.append(("progress", (done, total),
                                                     QThread.currentThread())))
    assert job in worker._running   # kept alive without the caller's reference
    qtbot.waitUntil(lambda: any(kind == "ok" for kind, _value, _thread in seen), timeout=5000)
    assert ran_on and ran_on[0] is not threading.main_thread()
    assert all(thread is gui_thread() for _kind, _value, thread in seen)
    assert [value for kind, value, _thread in seen if kind == "progress"] == \
        [(n, 5) for n in range(1, 6)]
    assert seen[-1][:2] == ("ok", 5)
    qtbot.waitUntil(lambda: job not in worker._running, timeout=2000)


def test_a_failure_comes_back_on_the_gui_thread(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "work.sqlite3").write_bytes(b"not a database, a clerk's letter" * 100)
    failures: list[tuple[BaseException, QThread]] = []
    successes: list[object] = []
    run_in_background(lambda progress: count_rows(tmp_path / "work.sqlite3", progress),
                      on_success=successes.append,
                      on_failure=lambda error: failures.append((error, QThread.currentThread())))
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    error, thread = failures[0]
    assert isinstance(error, sqlite3.DatabaseError)
    assert thread is gui_thread()
    assert successes == []


def test_a_dialog_still_open_gets_its_answer(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    qtbot.addWidget(dialog)
    answers: list[object] = []
    run_for(dialog, lambda progress: 42, on_success=answers.append, on_failure=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    assert answers == [42]


@pytest.mark.parametrize("fails", [False, True])
def test_a_closed_dialogs_answer_is_dropped(qtbot, fails: bool) -> None:  # type: ignore[no-untyped-def]
    started, go_on = threading.Event(), threading.Event()

    def task(progress):  # type: ignore[no-untyped-def]
        started.set()
        go_on.wait(5)
        if fails:
            raise OSError("the USB stick was pulled out")
        return "done"

    dialog = QDialog()
    answers: list[object] = []
    job = run_for(dialog, task, on_success=lambda result: answers.append(dialog.windowTitle()),
                  on_failure=lambda error: answers.append(dialog.windowTitle()))
    assert started.wait(5)
    dialog.deleteLater()   # the clerk closed it; Qt deletes it
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog), timeout=2000)
    finished: list[bool] = []
    job.finished.connect(lambda: finished.append(True))
    go_on.set()
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    assert answers == []   # touching the dead dialog would have raised RuntimeError


def test_the_busy_box_is_closed_before_the_answer(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    seen: list[bool] = []

    def answered(result: object) -> None:
        boxes = [box for box in parent.findChildren(QProgressDialog) if box.isVisible()]
        seen.append(bool(boxes))

    shown = threading.Event()
    run_while_busy(parent, "Đang xuất", "Đang ghi tệp PDF…", lambda progress: shown.wait(5),
                   on_success=answered, on_failure=answered)
    qtbot.waitUntil(lambda: any(box.isVisible()
                                for box in parent.findChildren(QProgressDialog)), timeout=5000)
    shown.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [False]


def test_the_busy_box_has_no_cancel_button_and_blocks_its_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    box = busy_dialog(parent, "Đang xuất", "Đang ghi tệp PDF…")
    assert box.windowTitle() == "Đang xuất"
    assert box.labelText() == "Đang ghi tệp PDF…"
    assert box.windowModality().name == "WindowModal"
    assert box.minimum() == box.maximum() == 0   # "working", not a percentage
    assert box.findChildren(QPushButton) == []
    assert box.isVisible()   # at once: Qt by itself shows it only after 4 s, the window open to keys


def test_a_task_whose_owner_is_gone_ends_quietly(qtbot, capfd: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """The window closed while its task ran (Qt deleted the job with its parent): the task's
    end has nobody to tell, and says nothing ("Signal source has been deleted" was printed)."""
    owner = QObject()
    release = threading.Event()
    ended = threading.Event()

    def task(progress):  # type: ignore[no-untyped-def]
        release.wait(10)
        progress(1, 1)
        ended.set()
        return "kết quả"

    got: list[object] = []
    job = run_in_background(task, on_success=got.append, on_failure=got.append, parent=owner)
    assert shiboken6.isValid(job)
    shiboken6.delete(owner)                     # the job, its child, goes with it
    release.set()
    assert ended.wait(10)
    qtbot.wait(100)
    assert got == []
    assert "Signal source has been deleted" not in capfd.readouterr().err
