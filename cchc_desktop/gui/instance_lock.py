"""One window per data file: a second instance on the same file is refused.

Two windows writing the same SQLite file would not corrupt it (SQLite locks), but
each would show the report as it was when it opened and silently undo the other's
edits on its next autosave. Of the three ways out (refuse the second instance, hand
the file over to the first window, open it read-only) we chose the simplest one that
can never lose an edit: **refuse the second instance**. It shows a message naming the
machine, user and process that hold the file and exits (code 3) without opening,
creating or upgrading the data file.

The lock is a QLockFile next to the data file (``<data file>.lock``). QLockFile
writes its PID, process name and host name into it; a lock left by a crashed or
killed app is recognised as stale by that PID check (same host, process gone) and
taken over. Age-based staleness is switched off (``setStaleLockTime(0)``): the app
keeps the lock for days without touching it, and a 30-second default would let a
second instance in beside a window that is merely idle. A lock held from another
machine (a data file on a shared folder) stays until that app closes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

EXIT_ALREADY_OPEN = 3


class AlreadyOpenError(KnownError):
    """Another running CCHC Desktop has this data file open."""


class LockUnavailableError(KnownError):
    """The lock file cannot be written: read-only folder, no permission, missing drive."""


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str


def lock_path(data_file: Path) -> Path:
    return data_file.with_name(data_file.name + ".lock")


def _file_owner(path: Path) -> str:
    try:
        import pwd  # POSIX only

        return pwd.getpwuid(os.stat(path).st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return ""


class InstanceLock:
    """Held for as long as the window has the data file open."""

    def __init__(self, data_file: Path) -> None:
        self.data_file = Path(data_file)
        self.path = lock_path(self.data_file)
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)

    def acquire(self) -> None:
        """Take the lock, or raise AlreadyOpenError / LockUnavailableError."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LockUnavailableError(_(
                "Không tạo được thư mục dữ liệu {folder}: {detail}").format(
                    folder=self.path.parent, detail=exc.strerror or exc)) from exc
        if self._lock.tryLock(0):
            return
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError:
            owner = self.owner()
            raise AlreadyOpenError(_(
                "CCHC Desktop đang mở tệp dữ liệu này (máy {host}, người dùng {user}, "
                "PID {pid}). Hãy dùng cửa sổ đang mở.\n\nTệp dữ liệu: {path}").format(
                    host=owner.host or _("không rõ"), user=owner.user or _("không rõ"),
                    pid=owner.pid or _("không rõ"), path=self.data_file))
        raise LockUnavailableError(_(
            "Không ghi được vào thư mục chứa tệp dữ liệu {folder} (thư mục chỉ đọc, không có "
            "quyền ghi hoặc ổ đĩa đã bị rút). Hãy chọn thư mục khác hoặc kiểm tra quyền truy "
            "cập; tệp dữ liệu không bị thay đổi.").format(folder=self.data_file.parent))

    def owner(self) -> LockOwner:
        info = tuple(self._lock.getLockInfo())
        if info and isinstance(info[0], bool):  # (ok, pid, host, app) in some bindings
            if not info[0]:
                return LockOwner(0, "", "")
            info = info[1:]
        try:
            pid, host = int(str(info[0])), str(info[1])
        except (IndexError, TypeError, ValueError):
            return LockOwner(0, "", "")
        return LockOwner(pid, host, _file_owner(self.path))

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    @property
    def locked(self) -> bool:
        return self._lock.isLocked()
