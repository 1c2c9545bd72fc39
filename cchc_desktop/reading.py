"""Reading a file the clerk picked without trusting it: bounded, regular files only, never blocking.

A name can point at anything: a folder, a pipe that nobody writes (reading it waits
forever), a link to /dev/zero (reading it never ends), a 2 GB video renamed .xlsx, or a
zip whose members claim gigabytes once decompressed. Every reader of a file from outside
asks here first. The kind of file is checked with os.stat before anything is opened; the
file is opened without blocking and checked again on the open descriptor (the name may
have been swapped in between), and never more than its cap is read. A zip's directory is
checked before any member is decompressed.

The caps on sizes are stated once, here, and every reader uses them.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.failures import os_reason
from cchc_desktop.i18n import _

MB = 1024 * 1024
MAX_JSON_BYTES = 20 * MB           # an exchange file is ~50 kB; a long narrative is a few MB
MAX_WORKBOOK_BYTES = 50 * MB       # an exported .xlsx is ~100 kB
MAX_PACKAGE_BYTES = 300 * MB       # a package .zip: the PDF (with annexes), the .xlsx, the manifest,
                                   # the evidence files (submission/evidence_files.py: 250 MB at most)
MAX_CERTIFICATE_BYTES = 1 * MB     # a .p12/.pfx is a few kB
MAX_CRITERIA_BYTES = 2 * MB        # a PAR-index criteria set (.yaml) is ~50 kB
RATIO_FLOOR = 1 * MB               # members smaller than this may compress as well as they like


@dataclass(frozen=True)
class ZipLimits:
    """What a zip's directory may claim, checked before anything is decompressed."""

    max_members: int
    max_total: int        # sum of the members' uncompressed sizes
    max_member: int       # one member's uncompressed size
    max_ratio: int        # uncompressed / compressed, for members above RATIO_FLOOR


WORKBOOK_ZIP = ZipLimits(max_members=5_000, max_total=250 * MB, max_member=100 * MB, max_ratio=200)
PACKAGE_ZIP = ZipLimits(max_members=110, max_total=320 * MB, max_member=50 * MB, max_ratio=200)


class InputFileError(ReportError):
    """A file that cannot be read as given: not a regular file, too big, unreadable.

    A ReportError, since most files read are report files and their readers' callers
    catch that; it is a KnownError like every refusal.
    """


def _megabytes(size: int) -> str:
    return str(max(1, round(size / MB)))


def check_input_file(path: Path, *, limit: int | None = None) -> os.stat_result:
    """The file's stat, after refusing what is not a regular file (or is bigger than `limit`).

    Links are followed (a link to a report is fine), then what they point at is checked.
    """
    path = Path(path)
    try:
        info = os.stat(path.resolve())
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            raise InputFileError(_("Tệp {name} là liên kết tới một tệp không còn tồn tại.").format(
                name=path.name)) from exc
        raise InputFileError(_("Không đọc được tệp {name}: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc
    except RuntimeError as exc:          # a loop of links (Python 3.11-3.12)
        raise InputFileError(_("Không đọc được tệp {name}: đường dẫn có liên kết vòng.").format(
            name=path.name)) from exc
    _check_stat(path, info, limit)
    return info


def _check_stat(path: Path, info: os.stat_result, limit: int | None) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(_("{name} là một thư mục, không phải tệp; hãy chọn một tệp.").format(
            name=path.name))
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(_("{name} không phải một tệp thông thường (thiết bị, đường ống...); "
                               "ứng dụng không đọc. Hãy chọn một tệp.").format(name=path.name))
    if limit is not None and info.st_size > limit:
        raise InputFileError(_("Tệp {name} quá lớn ({size} MB; tối đa {limit} MB): không phải tệp "
                               "báo cáo bình thường.").format(
            name=path.name, size=_megabytes(info.st_size), limit=_megabytes(limit)))


def read_input_bytes(path: Path, limit: int) -> bytes:
    """The whole content of the regular file at `path`, refused if it is bigger than `limit`."""
    path = Path(path)
    check_input_file(path, limit=limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputFileError(_("Không đọc được tệp {name}: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc
    try:
        # Checked again on what was opened: the name may point elsewhere by now.
        _check_stat(path, os.fstat(fd), limit)
        with contextlib.suppress(AttributeError, OSError):
            os.set_blocking(fd, True)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 * MB, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise InputFileError(_("Không đọc được tệp {name}: {reason}.").format(
            name=path.name, reason=os_reason(exc))) from exc
    finally:
        os.close(fd)
    if size > limit:     # grew while being read
        raise InputFileError(_("Tệp {name} quá lớn (tối đa {limit} MB).").format(
            name=path.name, limit=_megabytes(limit)))
    return b"".join(chunks)


def check_size(path: Path, content: bytes, limit: int) -> bytes:
    """`content` (read from `path` with a larger cap) refused if bigger than `limit`, the
    reader's own cap: a file is read once for its checksum and its reader."""
    if len(content) > limit:
        raise InputFileError(_("Tệp {name} quá lớn ({size} MB; tối đa {limit} MB): không phải tệp "
                               "báo cáo bình thường.").format(
            name=Path(path).name, size=_megabytes(len(content)), limit=_megabytes(limit)))
    return content


def open_input(path: Path, limit: int) -> io.BytesIO:
    """The checked content of `path` as a file object (for zipfile), read once."""
    return io.BytesIO(read_input_bytes(path, limit))


def input_sha256(path: Path, limit: int = MAX_PACKAGE_BYTES) -> str:
    return hashlib.sha256(read_input_bytes(path, limit)).hexdigest()


def check_zip_directory(archive: zipfile.ZipFile, name: str, limits: ZipLimits) -> None:
    """Refuse a zip whose directory claims too many members, too many bytes or a bomb's ratio.

    zipfile never decompresses a member past the size its directory entry states, so
    checking the stated sizes bounds the work of every later read.
    """
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise InputFileError(_("Tệp {name} có quá nhiều thành phần ({count}); ứng dụng không mở."
                               ).format(name=name, count=len(members)))
    total = sum(member.file_size for member in members)
    too_big = any(member.file_size > limits.max_member for member in members)
    bomb = any(member.file_size > RATIO_FLOOR
               and member.file_size > limits.max_ratio * max(1, member.compress_size)
               for member in members)
    if total > limits.max_total or too_big or bomb:
        raise InputFileError(_("Tệp {name} khi giải nén quá lớn ({size} MB): không phải tệp báo "
                               "cáo bình thường, ứng dụng không mở.").format(
            name=name, size=_megabytes(total)))
