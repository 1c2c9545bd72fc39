"""storage/instance_lock.py: one writer per data file; a second one, in this process or
another, is refused naming the machine, user and process that hold it, and a lock left by
a process that died is taken over at once.

Beside tests/gui/test_instance_lock.py (the window's refusal), tests/storage/test_datafile.py
(open_for_writing takes the lock) and tests/storage/test_concurrent_writers.py (several
command lines waiting their turn).
"""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import cchc_desktop
from cchc_desktop.storage.instance_lock import (
    AlreadyOpenError,
    InstanceLock,
    LockOwner,
    LockUnavailableError,
    format_seconds,
    lock_path,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock and SIGKILL are POSIX")

_SOURCES = str(Path(cchc_desktop.__file__).resolve().parent.parent)
_HOLDER = """
import sys, time
from pathlib import Path
from cchc_desktop.storage.instance_lock import InstanceLock
lock = InstanceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_the_holder_is_written_in_the_lock_file_and_removed_on_release(data_file: Path) -> None:
    lock = InstanceLock(data_file)
    assert lock.path == lock_path(data_file) == data_file.with_name("cchc.sqlite3.lock")
    lock.acquire()
    lock.acquire()                      # held already: nothing more
    assert lock.locked
    written = json.loads(lock.path.read_text(encoding="utf-8"))
    assert written == {"pid": os.getpid(), "host": socket.gethostname(),
                       "user": getpass.getuser(), "app": "CCHC Desktop"}
    assert lock.owner() == LockOwner(os.getpid(), socket.gethostname(), getpass.getuser())
    lock.release()
    assert not lock.locked and not lock.path.exists()
    assert not data_file.exists(), "the lock never makes the data file"


def test_a_second_writer_is_refused_naming_the_first(data_file: Path) -> None:
    with InstanceLock(data_file) as first:
        second = InstanceLock(data_file)
        with pytest.raises(AlreadyOpenError) as caught:
            second.acquire()
        assert caught.value.message == (
            f"CCHC Desktop đang mở tệp dữ liệu này (máy {socket.gethostname()}, người dùng "
            f"{getpass.getuser()}, PID {os.getpid()}). Hãy dùng cửa sổ đang mở.\n\n"
            f"Tệp dữ liệu: {data_file}")
        assert not second.locked and first.owner().pid == os.getpid()
    second.acquire()                    # the first gone: the second may write
    assert second.locked
    second.release()


def test_a_waiting_writer_is_told_once_and_refused_after_its_wait(data_file: Path) -> None:
    told: list[LockOwner] = []
    with InstanceLock(data_file), pytest.raises(AlreadyOpenError) as caught:
        InstanceLock(data_file).acquire(0.15, on_wait=told.append)
    assert told == [LockOwner(os.getpid(), socket.gethostname(), getpass.getuser())]
    assert "đã chờ 0,1 giây mà tệp vẫn chưa được trả lại" in caught.value.message
    assert caught.value.message.endswith(f"tệp không bị thay đổi.\n\nTệp dữ liệu: {data_file}")
    assert (format_seconds(30), format_seconds(2.5), format_seconds(0.25)) == ("30", "2,5", "0,2")


def test_a_waiting_writer_gets_the_file_when_the_holder_lets_go(data_file: Path) -> None:
    first = InstanceLock(data_file)
    first.acquire()
    timer = threading.Timer(0.1, first.release)
    timer.start()
    second = InstanceLock(data_file)
    try:
        second.acquire(5.0)
        assert second.locked and second.owner().pid == os.getpid()
    finally:
        timer.join()
        second.release()


def test_a_lock_of_another_process_is_refused_and_taken_over_once_it_is_killed(
        data_file: Path) -> None:
    with subprocess.Popen([sys.executable, "-c", _HOLDER, str(data_file)],
                          stdout=subprocess.PIPE, text=True,
                          env={**os.environ, "PYTHONPATH": _SOURCES}) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            with pytest.raises(AlreadyOpenError, match=f"PID {holder.pid}\\)"):
                InstanceLock(data_file).acquire()
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait()
    assert lock_path(data_file).exists(), "a killed process leaves its lock file"
    taken = InstanceLock(data_file)
    taken.acquire()
    assert taken.owner().pid == os.getpid()
    taken.release()


def test_a_holder_whose_lock_file_says_nothing_is_named_unknown(data_file: Path) -> None:
    import fcntl  # POSIX only: the module is skipped elsewhere, its collection must not fail

    with open(lock_path(data_file), "w", encoding="utf-8") as other:
        other.write("không phải JSON")
        other.flush()
        fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(AlreadyOpenError, match=r"máy không rõ, người dùng không rõ, "
                                                   r"PID không rõ"):
            InstanceLock(data_file).acquire()
    assert lock_path(data_file).read_text(encoding="utf-8") == "không phải JSON"


def test_a_folder_that_takes_no_lock_file_is_told_in_vietnamese(tmp_path: Path) -> None:
    (tmp_path / "cchc.sqlite3.lock").mkdir()            # the lock file's name is a folder
    with pytest.raises(LockUnavailableError) as caught:
        InstanceLock(tmp_path / "cchc.sqlite3").acquire()
    assert caught.value.message.startswith(
        f"Không ghi được vào thư mục chứa tệp dữ liệu {tmp_path} (thư mục chỉ đọc")
    (tmp_path / "tep").write_text("x", encoding="utf-8")
    with pytest.raises(LockUnavailableError, match=r"^Không tạo được thư mục dữ liệu"):
        InstanceLock(tmp_path / "tep" / "cchc.sqlite3").acquire()
