"""One writer per data file: a second program (window or command line) on the same file is refused.

Two windows writing the same SQLite file would not corrupt it (SQLite locks), but each
would show the report as it was when it opened and silently undo the other's edits on
its next autosave; a command-line import beside an open window would be overwritten by
the window's next save. So whoever writes a data file holds this lock first, and a
second one is refused with a message naming the machine, user and process that hold
the file, without opening, creating or upgrading the data file.

The lock is a file next to the data file (``<data file>.lock``) holding an operating-
system lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) for as long as the
program runs, and a line of JSON saying who holds it. The operating system drops the
lock when the process ends, however it ends (killed, crashed, power cut), so a lock
file left behind is taken over at once, and a lock never goes stale by age: the app
keeps it for days without touching it.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

EXIT_ALREADY_OPEN = 3
_FIRST_PAUSE = 0.02    # seconds between two looks at a held lock, doubling up to _LAST_PAUSE
_LAST_PAUSE = 0.25
_MAX_VANISHED = 5      # lock files removed under us in a row before giving up (without a wait)


class AlreadyOpenError(KnownError):
    """Another running CCHC Desktop has this data file open."""


class LockUnavailableError(KnownError):
    """The lock file cannot be written: read-only folder, no permission, missing drive."""


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str


class _Vanished:
    """The lock file we locked was removed by its previous holder: try again."""


def format_seconds(seconds: float) -> str:
    """Seconds the Vietnamese way: 30, 2,5."""
    text = f"{seconds:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def lock_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + ".lock")


def _try_os_lock(handle: IO[str]) -> bool:
    """Take the operating system's lock on the open lock file without waiting."""
    try:
        if sys.platform == "win32":
            # msvcrt exists only on Windows.
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            # fcntl exists only on POSIX systems.
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(handle: IO[str]) -> None:
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            # msvcrt exists only on Windows.
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            # fcntl exists only on POSIX systems.
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _parse_owner(text: str) -> LockOwner:
    try:
        raw = json.loads(text)
        return LockOwner(int(raw.get("pid", 0)), str(raw.get("host", "")), str(raw.get("user", "")))
    except (ValueError, TypeError, AttributeError):
        return LockOwner(0, "", "")


def _me() -> dict[str, object]:
    try:
        user = getpass.getuser()
    except Exception:  # no user name on some service accounts
        user = ""
    return {"pid": os.getpid(), "host": socket.gethostname(), "user": user, "app": "CCHC Desktop"}


class InstanceLock:
    """Held for as long as a program writes the data file."""

    def __init__(self, data_file: Path) -> None:
        self.data_file = Path(data_file)
        self.path = lock_path(self.data_file)
        self._handle: IO[str] | None = None

    def acquire(self, wait_seconds: float = 0.0,
                on_wait: Callable[[LockOwner], None] | None = None) -> None:
        """Take the lock, or raise AlreadyOpenError / LockUnavailableError.

        With `wait_seconds`, a lock held by another program is polled for that long
        before the refusal (the command line waits its turn, so that scripts may import
        many files into one data file in parallel; the window refuses at once and says
        who holds the file). `on_wait` is told once, when the waiting starts.
        """
        if self._handle is not None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LockUnavailableError(_(
                "Không tạo được thư mục dữ liệu {folder}: {detail}").format(
                    folder=self.path.parent, detail=exc.strerror or exc)) from exc
        deadline = time.monotonic() + max(0.0, wait_seconds)
        pause = _FIRST_PAUSE
        vanished = 0
        told = False
        while True:
            handle = self._try_once()
            if isinstance(handle, _Vanished):
                # The holder before us removed the file between our open and our lock:
                # we held a lock on a file nobody else sees, so start again at once.
                vanished += 1
                if vanished > _MAX_VANISHED and time.monotonic() >= deadline:
                    raise self._unavailable()
                continue
            if not isinstance(handle, LockOwner):
                self._handle = handle
                return
            owner = handle
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._already_open(owner, waited=wait_seconds)
            if on_wait is not None and not told:
                told = True
                on_wait(owner)
            time.sleep(min(pause, remaining))
            pause = min(pause * 2, _LAST_PAUSE)

    def _try_once(self) -> IO[str] | LockOwner | _Vanished:
        """One attempt: our held handle, the owner who holds the lock, or _Vanished."""
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 kept open while held
        except OSError as exc:
            raise self._unavailable() from exc
        if not _try_os_lock(handle):
            owner = self._read_owner(handle)
            handle.close()
            return owner
        try:
            same = os.path.samestat(os.fstat(handle.fileno()), os.stat(self.path))
        except OSError:
            same = False
        if not same:
            _os_unlock(handle)
            handle.close()
            return _Vanished()
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(_me()) + "\n")
            handle.flush()
        except OSError as exc:
            _os_unlock(handle)
            handle.close()
            raise self._unavailable() from exc
        return handle

    def _already_open(self, owner: LockOwner, *, waited: float) -> AlreadyOpenError:
        who = {"host": owner.host or _("không rõ"), "user": owner.user or _("không rõ"),
               "pid": owner.pid or _("không rõ"), "path": self.data_file}
        if waited > 0:
            return AlreadyOpenError(_(
                "Tệp dữ liệu này đang được một chương trình CCHC Desktop khác ghi (máy {host}, "
                "người dùng {user}, PID {pid}); đã chờ {seconds} giây mà tệp vẫn chưa được "
                "trả lại. Hãy đóng cửa sổ đang mở tệp này hoặc thử lại sau; tệp không bị thay "
                "đổi.\n\nTệp dữ liệu: {path}").format(seconds=format_seconds(waited), **who))
        return AlreadyOpenError(_(
            "CCHC Desktop đang mở tệp dữ liệu này (máy {host}, người dùng {user}, "
            "PID {pid}). Hãy dùng cửa sổ đang mở.\n\nTệp dữ liệu: {path}").format(**who))

    def _unavailable(self) -> LockUnavailableError:
        return LockUnavailableError(_(
            "Không ghi được vào thư mục chứa tệp dữ liệu {folder} (thư mục chỉ đọc, không có "
            "quyền ghi hoặc ổ đĩa đã bị rút). Hãy chọn thư mục khác hoặc kiểm tra quyền truy "
            "cập; tệp dữ liệu không bị thay đổi.").format(folder=self.data_file.parent))

    @staticmethod
    def _read_owner(handle: IO[str]) -> LockOwner:
        try:
            handle.seek(0)
            return _parse_owner(handle.read(4096))
        except OSError:
            return LockOwner(0, "", "")

    def owner(self) -> LockOwner:
        """Who wrote the lock file last (the holder, while it is held)."""
        try:
            return _parse_owner(self.path.read_text(encoding="utf-8")[:4096])
        except OSError:
            return LockOwner(0, "", "")

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        # Removed while still locked, so that nobody takes a lock on a file about to vanish
        # (Windows cannot remove an open file: there it goes after closing).
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()
        _os_unlock(handle)
        handle.close()
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()

    @property
    def locked(self) -> bool:
        return self._handle is not None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
