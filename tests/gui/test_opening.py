"""gui/opening.py: the data file opens on a worker thread behind the shown window, whose events
run meanwhile; what opened (the store and the language saved in it) or the exception that
stopped it comes back to the GUI thread, never raised there; a password the server wants is
asked on the GUI thread while the worker waits.

Beside tests/gui/test_start_responsive.py (the window answers while a slow file opens; a
refusal shown by app.run and the lock given back) and test_window_on_server.py (the server's
password asked through the bridge). Here open_behind_window and PasswordBridge on their own,
on real SQLite files in tmp_path.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.gui.opening import OpenedFile, PasswordBridge, open_behind_window
from cchc_desktop.gui.settings_dialog import LANGUAGE_SETTING
from cchc_desktop.gui.worker import run_in_background
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.instance_lock import InstanceLock
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import commune_unit


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[tuple[Path, InstanceLock]]:
    path = tmp_path / "Dữ liệu CCHC" / "cchc.sqlite3"
    path.parent.mkdir()
    lock = InstanceLock(path)
    lock.acquire()
    yield path, lock
    lock.release()


def test_a_new_data_file_opens_and_the_switch_interval_comes_back(qtbot, locked) -> None:  # type: ignore[no-untyped-def]
    path, lock = locked
    interval = sys.getswitchinterval()
    ticks: list[int] = []
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    opened = open_behind_window(path, lock, shipped_templates())
    timer.stop()
    assert isinstance(opened, OpenedFile), opened
    try:
        assert opened.saved_language == "" and opened.store.own_unit() is None
        assert path.exists()
        assert sys.getswitchinterval() == interval, "the interpreter's switch interval restored"
        assert ticks, "the GUI thread's events ran while the file opened"
    finally:
        opened.store.database.close()


def test_the_language_saved_in_the_file_comes_with_it(qtbot, locked) -> None:  # type: ignore[no-untyped-def]
    path, lock = locked
    database = Database.open(path)
    before = ReportStore(database)
    before.save_own_unit(commune_unit())
    before.set_setting(LANGUAGE_SETTING, "en")
    database.close()
    opened = open_behind_window(path, lock, shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    try:
        assert opened.saved_language == "en"
        own = opened.store.own_unit()
        assert own is not None and own.name == "Ủy ban nhân dân xã Mỹ An"
    finally:
        opened.store.database.close()


def test_a_file_of_another_program_is_returned_as_the_refusal(qtbot, locked) -> None:  # type: ignore[no-untyped-def]
    path, lock = locked
    path.write_bytes(b"%PDF-1.7 " + bytes(range(256)) * 8)
    interval = sys.getswitchinterval()
    refused = open_behind_window(path, lock, shipped_templates())
    assert isinstance(refused, KnownError), refused
    assert refused.message == ("Tệp cchc.sqlite3 không phải tệp dữ liệu CCHC Desktop (có thể là tệp "
                               "của chương trình khác); tệp không bị thay đổi.")
    assert path.read_bytes().startswith(b"%PDF-1.7 "), "refused untouched"
    assert sys.getswitchinterval() == interval


def test_the_workers_question_is_answered_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    asked_on: list[tuple[str, bool]] = []

    def ask(prompt: str) -> str | None:          # the clerk's dialog, on the GUI thread
        asked_on.append((prompt, threading.current_thread() is threading.main_thread()))
        return "mật-khẩu-đúng" if "cchc_admin" in prompt else None

    bridge = PasswordBridge(ask)
    answers: list[object] = []
    with qtbot.waitSignal(run_in_background(
            lambda _progress: (bridge.ask("Mật khẩu của cchc_admin@10.0.0.5"),
                               bridge.ask("Mật khẩu của khach@10.0.0.5"),
                               threading.current_thread() is threading.main_thread()),
            on_success=answers.append, on_failure=answers.append).finished, timeout=10000):
        pass
    assert answers == [("mật-khẩu-đúng", None, False)], "asked from the worker, which waited"
    assert asked_on == [("Mật khẩu của cchc_admin@10.0.0.5", True),
                        ("Mật khẩu của khach@10.0.0.5", True)]
