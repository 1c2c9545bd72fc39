"""Writing files so that a failure never leaves half a file where a whole one was.

Every file the app writes (PDF, workbook, JSON, package zip, email draft) goes through
`atomic_path`: the target must be a regular file or not exist yet (never a folder, a
device such as /dev/full, or a pipe); the bytes go to a temporary file beside it, are
flushed to the disk, and replace the target in one rename. A failure at any step, the
last fsync and rename included, is the clerk's sentence and leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import os_reason
from cchc_desktop.i18n import _


def describe_os_error(path: Path, exc: OSError, *, reading: bool = False) -> str:
    """A sentence for the clerk about why `path` could not be written (or read)."""
    sentence = (_("Không đọc được tệp {name}: {reason}.") if reading
                else _("Không ghi được tệp {name}: {reason}."))
    return sentence.format(name=Path(path).name, reason=os_reason(exc))


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def check_output(path: Path, *, inputs: Iterable[Path] = (), folder: bool = False) -> None:
    """Refuse an output that would overwrite an input, a folder, a device or a pipe.

    `inputs` are the files the command reads (and the data file): an output that is one
    of them, by any name or link, would destroy what it is made from. With `folder`, the
    output is a folder to write into (package --out): it must not be a file at all.
    """
    path = Path(path)
    try:
        info = os.stat(path)      # follows links: what would be written
    except FileNotFoundError:
        return
    except OSError as exc:
        raise KnownError(describe_os_error(path, exc)) from exc
    mode = info.st_mode
    if folder:
        if not stat.S_ISDIR(mode):
            raise KnownError(_("{name} đã là một tệp, không phải thư mục; hãy chọn một thư mục để "
                               "đặt gói.").format(name=path.name))
        return
    if stat.S_ISDIR(mode):
        raise KnownError(_("{name} là một thư mục; hãy ghi ra một tệp (ví dụ {name}/bao-cao"
                           "{suffix}).").format(name=path.name, suffix=path.suffix or ".pdf"))
    if not stat.S_ISREG(mode):
        raise KnownError(_("{name} không phải một tệp thông thường (thiết bị, đường ống...); ứng "
                           "dụng không ghi vào đó. Hãy chọn một tệp trong một thư mục.").format(
            name=path.name))
    for source in inputs:
        if _same_file(path, Path(source)):
            raise KnownError(_("Không ghi đè tệp {name}: đó là tệp đang được đọc. Hãy chọn tên tệp "
                               "đầu ra khác.").format(name=path.name))


def check_outputs(outputs: Iterable[Path], *, inputs: Iterable[Path] = ()) -> None:
    """`check_output` for each output, and no two outputs naming the same file."""
    sources = [Path(p) for p in inputs]
    seen: list[Path] = []
    for output in outputs:
        check_output(output, inputs=sources)
        # resolve(): a new file reached through a linked folder or "..", not there yet
        if any(Path(output).resolve() == other.resolve() or _same_file(output, other)
               for other in seen):
            raise KnownError(_("Tệp {name} được chọn cho hai đầu ra; hãy đặt tên khác nhau.").format(
                name=Path(output).name))
        seen.append(Path(output))


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # The rename itself reaches the disk only when the folder does; not possible on Windows.
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        _fsync(folder)


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename."""
    path = Path(path)
    check_output(path)
    if path.is_symlink():
        path = path.resolve()    # replace the file the link points to, not the link
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError as exc:
        raise KnownError(describe_os_error(path, exc)) from exc
    temp = Path(temp_name)
    try:
        yield temp
        _fsync(temp)
        os.replace(temp, path)
        _fsync_folder(path.parent)
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
