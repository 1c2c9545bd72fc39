"""Writing files so that a failure never leaves half a file where a whole one was."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _


def describe_os_error(path: Path, exc: OSError) -> str:
    """A sentence for the clerk about why `path` could not be written."""
    import errno

    reasons = {
        errno.ENOSPC: _("ổ đĩa đã đầy"),
        errno.EACCES: _("không có quyền ghi vào thư mục này"),
        errno.EROFS: _("ổ đĩa chỉ cho phép đọc"),
        errno.ENOENT: _("thư mục không tồn tại (USB đã rút ra?)"),
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    return _("Không ghi được tệp {name}: {reason}.").format(name=path.name, reason=reason)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename."""
    path = Path(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise KnownError(describe_os_error(path, exc)) from exc
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    except OSError as exc:
        raise KnownError(describe_os_error(path, exc)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as temp, open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
