"""Hostile files given to the command line: each gets a Vietnamese sentence and exit 2, never a
hang, a traceback, a memory blow-up or a damaged input. Real files; the inputs that could hang
the command or blow up its memory (a FIFO, /dev/zero, zip bombs) are given to a real process
with a timeout, the rest to the command run in this process (tests/in_process_cli.py)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from in_process_cli import cli

posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev files are POSIX")


def _guarded(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The command in a new process: a hang fails the test within seconds, a memory blow-up
    takes that process down, not the tests'."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "cchc_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=30, check=False)


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


# ------------------------------------------------------------------------------ inputs

@posix_only
def test_a_fifo_given_to_check_returns_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "bao-cao.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = _guarded("check", fifo)
    assert time.monotonic() - started < 20
    _refused(result, "bao-cao.json", "không phải một tệp thông thường")


@posix_only
@pytest.mark.parametrize("name", ["so-lieu.json", "so-lieu.xlsx"])
def test_a_link_to_dev_zero_is_refused(tmp_path: Path, name: str) -> None:
    link = tmp_path / name
    link.symlink_to("/dev/zero")
    _refused(_guarded("check", link), name, "không phải một tệp thông thường")


def test_a_folder_named_like_a_report_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao.json"
    folder.mkdir()
    _refused(cli("check", folder), "bao-cao.json", "là một thư mục")


def test_a_missing_file_is_told_in_vietnamese(tmp_path: Path) -> None:
    result = cli("check", tmp_path / "khong-co.json")
    _refused(result, "khong-co.json", "không tìm thấy tệp")
    assert "No such file" not in result.stderr


def test_a_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "sua-tay.json"
    path.write_text('{\n  "format": "cchc-report",\n}\n', "utf-8")
    result = cli("check", path)
    _refused(result, "Tệp sua-tay.json không phải là JSON hợp lệ (dòng 3, cột 1)",
             "thiếu tên trường")
    assert "Expecting" not in result.stderr


def _patch_claimed_size(path: Path, member: str, size: int) -> None:
    """Make the zip's central directory claim `size` uncompressed bytes for `member`."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    at = data.rfind(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_length]) == name:
            struct.pack_into("<I", data, at + 24, size)
            path.write_bytes(bytes(data))
            return
        at = data.rfind(b"PK\x01\x02", 0, at)
    raise AssertionError(f"{member} not in the central directory")


@pytest.fixture
def workbook(sample_path: Path, tmp_path: Path) -> Path:
    out = tmp_path / "bao-cao.xlsx"
    result = cli("export", sample_path, "--xlsx", out)
    assert result.returncode == 0, result.stderr
    assert cli("check", out).returncode == 0
    return out


def test_a_workbook_member_claiming_gigabytes_is_refused_from_the_directory(workbook: Path) -> None:
    _patch_claimed_size(workbook, "xl/workbook.xml", 0xFFFF0000)
    # Decompressing would fail on the size or CRC ("bị hỏng"); the directory check comes first.
    _refused(_guarded("check", workbook), "bao-cao.xlsx", "khi giải nén quá lớn")


def test_a_small_highly_compressible_member_is_refused(workbook: Path, tmp_path: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(
            bomb, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/media/anh.bin", b"\0" * (40 * 1024 * 1024))
    assert bomb.stat().st_size < 500_000
    _refused(_guarded("check", bomb), "bom.xlsx", "khi giải nén quá lớn")


# ------------------------------------------------------------------------------ outputs

def test_out_equal_to_an_input_is_refused_and_the_input_kept(sample_path: Path,
                                                            tmp_path: Path) -> None:
    own = tmp_path / "xa.json"
    shutil.copy(sample_path, own)
    before = own.read_bytes()
    result = cli("consolidate", own, "--unit-name", "Sở Nội vụ tỉnh Thử", "--period",
                    "2026-Q1", "--out", own)
    _refused(result, "xa.json", "tệp đang được đọc")
    assert own.read_bytes() == before
    # By another name too: a link is the same file.
    link = tmp_path / "lien-ket.json"
    link.symlink_to(own)
    _refused(cli("export", own, "--json", link), "tệp đang được đọc")
    assert own.read_bytes() == before and link.is_symlink()


def test_export_refuses_to_overwrite_the_data_file(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "du-lieu.sqlite3"
    assert cli("import", sample_path, "--db", db).returncode == 0
    before = db.read_bytes()
    _refused(cli("--db", db, "export", sample_path, "--pdf", db), "tệp đang được đọc")
    assert db.read_bytes() == before


@posix_only
def test_pdf_to_dev_full_is_refused_up_front(sample_path: Path) -> None:
    result = cli("export", sample_path, "--pdf", "/dev/full")
    _refused(result, "full", "không phải một tệp thông thường")
    assert "Đã ghi" not in result.stdout


def test_an_output_that_is_a_folder_is_refused(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao.pdf"
    folder.mkdir()
    _refused(cli("export", sample_path, "--pdf", folder), "bao-cao.pdf", "là một thư mục")
    assert list(folder.iterdir()) == []


def test_package_out_that_is_a_file_is_refused(sample_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "goi"
    target.write_text("giữ nguyên", "utf-8")
    _refused(cli("package", sample_path, "--out", target), "goi", "không phải thư mục")
    assert target.read_text("utf-8") == "giữ nguyên"


# ------------------------------------------------------------------------------ data files

def test_a_folder_as_data_file_is_refused(sample_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    _refused(cli("import", sample_path, "--db", folder), "du-lieu", "thư mục")
    assert list(folder.iterdir()) == []


def test_random_bytes_behind_an_sqlite_header_are_refused_untouched(sample_path: Path,
                                                                   tmp_path: Path) -> None:
    db = tmp_path / "hong.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = db.read_bytes()
    result = cli("import", sample_path, "--db", db)
    _refused(result, "hong.sqlite3", "bị hỏng", "không bị thay đổi")
    assert "not a database" not in result.stderr
    assert db.read_bytes() == before
    assert not any(p.name.endswith(("-wal", "-shm", "-journal")) for p in tmp_path.iterdir())


def test_a_truncated_data_file_is_refused_untouched(sample_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "cat.sqlite3"
    assert cli("import", sample_path, "--db", db).returncode == 0
    with sqlite3.connect(db) as connection:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    whole = db.read_bytes()
    assert len(whole) > 4 * page_size
    db.write_bytes(whole[: 2 * page_size])       # the first page (schema) survives
    before = db.read_bytes()
    for args in (("import", sample_path, "--replace", "--db", db),
                 ("status", "--db", db, "--period", "2026-Q1")):
        result = cli(*args)
        _refused(result, "cat.sqlite3", "bị hỏng")
        assert "malformed" not in result.stderr
        assert db.read_bytes() == before


# ------------------------------------------------------------------------------ the parser

def test_help_is_in_vietnamese() -> None:
    result = cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("cách dùng: cchc-desktop")
    assert "tùy chọn:" in result.stdout
    assert "-h, --help" in result.stdout and "hiện hướng dẫn này rồi thoát" in result.stdout
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in result.stdout


@pytest.mark.parametrize(("args", "said"), [
    (("check",), "thiếu đối số bắt buộc: TỆP"),
    (("kiem-tra",), "lựa chọn không hợp lệ: 'kiem-tra'"),
    (("--lang", "fr", "check", "x.json"), "lựa chọn không hợp lệ: 'fr'"),
    (("check", "a.json", "b.json"), "đối số không nhận ra: b.json"),
    (("export", "a.json", "--pdf"), "đối số --pdf: cần một giá trị"),
])
def test_argument_errors_are_in_vietnamese_and_exit_2(args: tuple[str, ...], said: str) -> None:
    result = cli(*args)
    _refused(result, "cách dùng: cchc-desktop", ": lỗi: ", said)
    assert "error:" not in result.stderr and "usage:" not in result.stderr


def test_english_keeps_argparse_english_until_the_catalog_has_its_entries() -> None:
    result = cli("--lang", "en", "check")
    assert result.returncode == 2
    assert "usage: cchc-desktop check" in result.stderr
    assert "error: the following arguments are required" in result.stderr
