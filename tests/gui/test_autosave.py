"""gui/autosave.py: edits reach the data file after a pause in typing, one write per field; a
failed write keeps the edit pending, says so once, and is tried again; an edit held for the
clerk's choice counts as unsaved."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui.autosave import AutoSaver
from cchc_desktop.storage.errors import storage_error


class Figures:
    """A real SQLite file holding figures by code, written the way the session's writers are."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = sqlite3.connect(path, timeout=0, isolation_level=None)
        self.connection.execute("CREATE TABLE figure (code TEXT PRIMARY KEY, value TEXT)")
        self.writes = 0

    def writer(self, code: str, value: str):  # type: ignore[no-untyped-def]
        def write() -> None:
            self.writes += 1
            self.connection.execute("INSERT OR REPLACE INTO figure VALUES (?, ?)", (code, value))
        return write

    def read(self) -> dict[str, str]:
        with sqlite3.connect(self.path) as other:   # what another program sees on disk
            return dict(other.execute("SELECT code, value FROM figure"))


@pytest.fixture
def figures(tmp_path: Path) -> Iterator[Figures]:
    figures = Figures(tmp_path / "figures.sqlite3")
    yield figures
    figures.connection.close()


@pytest.fixture
def saver(qtbot) -> AutoSaver:  # type: ignore[no-untyped-def]
    saver = AutoSaver(explain=storage_error)
    saver.QUIET_MS = 50   # the timers were made with the class's values: shorten them
    saver._quiet.setInterval(50)
    saver._longest.setInterval(150)
    saver._retry.setInterval(100)
    return saver


class Locker:
    """Another program holding the data file's write lock."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self) -> None:
        self.connection.execute("COMMIT")
        self.connection.close()


def test_digits_typed_into_one_field_are_one_write_of_the_last_value(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    pending: list[bool] = []
    saver.pending_changed.connect(pending.append)
    for typed in ("1", "12", "120"):
        saver.queue("1.1", figures.writer("1.1", typed))
    assert saver.pending and figures.read() == {}
    with qtbot.waitSignal(saver.saved, timeout=2000):
        pass
    assert figures.read() == {"1.1": "120"}
    assert figures.writes == 1
    assert pending == [True, False]
    assert not saver.pending and saver.last_saved is not None


def test_two_fields_are_both_written(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    saver.queue("1.1", figures.writer("1.1", "5"))
    saver.queue("1.2", figures.writer("1.2", "7"))
    assert saver.flush()
    assert figures.read() == {"1.1": "5", "1.2": "7"}


def test_steady_typing_is_still_written_within_the_longest_wait(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    saver.queue("1.1", figures.writer("1.1", "1"))
    for step in range(2, 12):   # a key every 30 ms: never a 50 ms pause
        qtbot.wait(30)
        if figures.read():
            break
        saver.queue("1.1", figures.writer("1.1", str(step)))
    assert figures.read() != {}, "the longest wait did not write while the clerk kept typing"


def test_a_locked_file_keeps_the_edit_pending_says_so_once_and_retries(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    failures: list[KnownError] = []
    saver.failed.connect(failures.append)
    locker = Locker(figures.path)
    saver.queue("1.1", figures.writer("1.1", "3"))
    assert not saver.flush()
    assert saver.pending and saver.failing
    assert isinstance(saver.last_error, KnownError) and saver.last_error.message
    saver.queue("1.1", figures.writer("1.1", "34"))   # the clerk goes on typing
    assert not saver.flush()
    qtbot.wait(250)                                    # and the retry timer tries again
    assert figures.writes >= 3
    assert len(failures) == 1                          # one message for the run of failures
    assert saver.last_saved is None
    locker.release()
    with qtbot.waitSignal(saver.saved, timeout=2000):   # the retry succeeds by itself
        pass
    assert figures.read() == {"1.1": "34"}
    assert not saver.failing and not saver.pending
    locker = Locker(figures.path)                      # a new run of failures: a new message
    saver.queue("1.2", figures.writer("1.2", "1"))
    assert not saver.flush()
    assert len(failures) == 2
    locker.release()


def test_a_failed_write_keeps_the_fields_not_yet_written(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    saver.queue("1.1", figures.writer("1.1", "1"))
    locker = Locker(figures.path)
    saver.queue("1.2", figures.writer("1.2", "2"))
    assert not saver.flush()
    locker.release()
    assert saver.flush()
    assert figures.read() == {"1.1": "1", "1.2": "2"}


def test_a_bug_in_a_writer_is_not_hidden_as_a_failed_save(saver) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise ZeroDivisionError

    saver.queue("1.1", broken)
    with pytest.raises(ZeroDivisionError):
        saver.flush()


def test_a_held_edit_counts_as_unsaved_until_released(qtbot, saver, figures) -> None:  # type: ignore[no-untyped-def]
    pending: list[bool] = []
    saver.pending_changed.connect(pending.append)
    saver.hold("1.1")
    assert saver.pending and saver.held
    saver.queue("1.2", figures.writer("1.2", "9"))
    assert not saver.flush()                      # written, but one edit still waits
    assert figures.read() == {"1.2": "9"}
    assert saver.pending and pending[-1] is True  # never shown as saved meanwhile
    saver.queue("1.1", figures.writer("1.1", "mine"))   # the clerk's choice, then release
    saver.release("1.1")
    assert saver.pending                          # its write is still queued
    assert saver.flush()
    assert not saver.pending and pending[-1] is False
    assert figures.read() == {"1.1": "mine", "1.2": "9"}


def test_releasing_with_nothing_queued_is_saved_at_once(saver) -> None:  # type: ignore[no-untyped-def]
    pending: list[bool] = []
    saver.pending_changed.connect(pending.append)
    saver.hold("1.1")
    saver.release("1.1")
    assert pending == [True, False]
    assert not saver.pending and saver.flush()
