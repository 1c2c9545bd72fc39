"""The bounded readers, the guarded writers and the clerk's words for OS and SQLite failures."""

from __future__ import annotations

import errno
import gettext
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from cchc_desktop import i18n
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.failures import os_reason, sqlite_reason
from cchc_desktop.fileio import atomic_write_bytes, check_outputs
from cchc_desktop.reading import (
    MAX_JSON_BYTES,
    ZipLimits,
    check_zip_directory,
    read_input_bytes,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev files are POSIX")


@pytest.mark.parametrize("number", [errno.ENOENT, errno.EACCES, errno.EROFS, errno.ENOSPC,
                                    errno.EISDIR, errno.ENOTDIR, errno.EBUSY, errno.EIO,
                                    errno.ENAMETOOLONG, errno.EXDEV])
def test_os_errors_are_told_in_vietnamese(number: int) -> None:
    reason = os_reason(OSError(number, os.strerror(number)))
    assert os.strerror(number) not in reason
    assert "hãy" in reason            # says what to do


@pytest.mark.parametrize(("message", "said"), [
    ("database is locked", "chương trình khác khóa"),
    ("disk I/O error", "USB đã rút ra?"),
    ("database or disk is full", "ổ đĩa đã đầy"),
    ("attempt to write a readonly database", "chỉ cho phép đọc"),
    ("database disk image is malformed", "bị hỏng"),
    ("file is not a database", "bị hỏng"),
    ("unable to open database file", "không mở được tệp dữ liệu"),
])
def test_sqlite_errors_are_told_in_vietnamese(message: str, said: str) -> None:
    reason = sqlite_reason(sqlite3.OperationalError(message))
    assert reason is not None and said in reason


def test_a_real_locked_database_is_recognised_by_its_code(tmp_path: Path) -> None:
    path = tmp_path / "khoa.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    try:
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("SELECT * FROM t")
    finally:
        other.close()
        holder.close()
    reason = sqlite_reason(caught.value)
    assert reason is not None and "chương trình khác khóa" in reason


def test_unknown_sqlite_errors_are_not_dressed_up() -> None:
    assert sqlite_reason(sqlite3.OperationalError("no such table: reports")) is None


@posix_only
def test_reading_a_fifo_never_blocks(tmp_path: Path) -> None:
    fifo = tmp_path / "ong.json"
    os.mkfifo(fifo)
    with pytest.raises(KnownError, match="không phải một tệp thông thường"):
        read_input_bytes(fifo, MAX_JSON_BYTES)


def test_a_file_over_its_cap_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "lon.json"
    path.write_bytes(b" " * 2048)
    with pytest.raises(KnownError, match=r"lon\.json quá lớn"):
        read_input_bytes(path, 1024)
    assert read_input_bytes(path, 4096) == b" " * 2048


def test_zip_directory_limits(tmp_path: Path) -> None:
    path = tmp_path / "goi.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", b"x" * 2_000_000)
    limits = ZipLimits(max_members=4, max_total=10_000_000, max_member=5_000_000, max_ratio=10_000)
    with zipfile.ZipFile(path) as archive:
        check_zip_directory(archive, "goi.zip", limits)
        for tighter in (ZipLimits(4, 1_000_000, 5_000_000, 10_000),
                        ZipLimits(4, 10_000_000, 1_000_000, 10_000),
                        ZipLimits(4, 10_000_000, 5_000_000, 100),
                        ZipLimits(0, 10_000_000, 5_000_000, 10_000)):
            with pytest.raises(KnownError, match=r"goi\.zip"):
                check_zip_directory(archive, "goi.zip", tighter)


@posix_only
def test_a_package_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    from cchc_desktop.submission.verify import verify_package

    fifo = tmp_path / "goi.zip"
    os.mkfifo(fifo)
    with pytest.raises(KnownError, match="không phải một tệp thông thường"):
        verify_package(fifo)


@posix_only
def test_writing_to_dev_full_is_refused_up_front() -> None:
    with pytest.raises(KnownError, match="không phải một tệp thông thường"):
        atomic_write_bytes(Path("/dev/full"), b"x")


def test_a_write_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match=r"Không ghi được tệp a\.pdf: không tìm thấy"):
        atomic_write_bytes(tmp_path / "khong-co" / "a.pdf", b"x")


def test_writing_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "that.json"
    target.write_text("cũ", "utf-8")
    link = tmp_path / "lien-ket.json"
    link.symlink_to(target)
    atomic_write_bytes(link, b"moi")
    assert link.is_symlink() and target.read_bytes() == b"moi"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lien-ket.json", "that.json"]


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="hai đầu ra"):
        check_outputs([tmp_path / "a.json", tmp_path / "." / "a.json"])


class _Catalog(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return {"cách dùng: ": "USAGE: ", "tùy chọn": "OPTIONS"}.get(message, message)


def test_the_parser_takes_its_texts_from_the_app_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The msgids are the app's Vietnamese ones: an English catalog entry is what gets shown,
    and without one argparse's own English stays."""
    import argparse

    from cchc_desktop.cliparser import Parser

    monkeypatch.setattr(i18n, "_translation", _Catalog())
    monkeypatch.setattr(i18n, "_language", "en")
    parser = Parser(prog="cchc-desktop")
    help_text = parser.format_help()
    assert help_text.startswith("USAGE: cchc-desktop")
    assert "OPTIONS:" in help_text
    assert "show this help message and exit" in help_text     # no entry: argparse's English
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]  # put back after


def test_the_parser_leaves_argparse_alone_for_other_programs() -> None:
    import argparse

    from cchc_desktop.cliparser import Parser

    Parser(prog="cchc-desktop").format_help()
    other = argparse.ArgumentParser(prog="khac")
    assert other.format_usage().startswith("usage: khac")
