"""fileio.py promises that an output never overwrites an input (by any name or link), a
folder, a device or a pipe, and that a file is written whole or not at all: the old file
stays whole when writing fails, no temporary file is left, and the failure is the clerk's
Vietnamese sentence. Beside tests/test_hostile_files.py and tests/cli/test_converting.py, which
meet these refusals through the commands, this file asks the functions directly."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.fileio import (
    atomic_path,
    atomic_write_bytes,
    atomic_write_text,
    check_output,
    check_outputs,
    describe_os_error,
)


def _refusal(action: object) -> str:
    with pytest.raises(KnownError) as raised:
        action()  # type: ignore[operator]
    return raised.value.message


def test_a_folder_a_device_and_a_pipe_are_refused_as_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    assert _refusal(lambda: check_output(folder)) == (
        "bao-cao là một thư mục; hãy ghi ra một tệp (ví dụ bao-cao/bao-cao.pdf).")
    xlsx_folder = tmp_path / "bieu.xlsx"
    xlsx_folder.mkdir()
    assert "(ví dụ bieu.xlsx/bao-cao.xlsx)" in _refusal(lambda: check_output(xlsx_folder))
    assert _refusal(lambda: check_output(Path("/dev/full"))) == (
        "full không phải một tệp thông thường (thiết bị, đường ống...); ứng dụng không ghi vào "
        "đó. Hãy chọn một tệp trong một thư mục.")
    pipe = tmp_path / "ong.json"
    os.mkfifo(pipe)
    assert "ong.json không phải một tệp thông thường" in _refusal(lambda: check_output(pipe))
    check_output(tmp_path / "chua-co.pdf")            # a new file: nothing to refuse


def test_an_input_is_never_an_output_by_any_name(tmp_path: Path) -> None:
    source = tmp_path / "xa-my-an.json"
    source.write_text("{}", "utf-8")
    link = tmp_path / "lien-ket.json"
    link.symlink_to(source)
    hard = tmp_path / "ban-sao.json"
    os.link(source, hard)
    expected = ("Không ghi đè tệp {}: đó là tệp đang được đọc. Hãy chọn tên tệp đầu ra khác.")
    for output in (source, link, hard, tmp_path / "." / "xa-my-an.json"):
        assert _refusal(lambda o=output: check_output(o, inputs=[source])) == expected.format(
            output.name)
    check_output(tmp_path / "khac.json", inputs=[source])


def test_a_package_folder_must_not_be_a_file(tmp_path: Path) -> None:
    file = tmp_path / "goi"
    file.write_bytes(b"x")
    assert _refusal(lambda: check_output(file, folder=True)) == (
        "goi đã là một tệp, không phải thư mục; hãy chọn một thư mục để đặt gói.")
    check_output(tmp_path, folder=True)


def test_two_outputs_naming_one_file_are_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    assert _refusal(lambda: check_outputs([pdf, tmp_path / "." / "bao-cao.pdf"])) == (
        "Tệp bao-cao.pdf được chọn cho hai đầu ra; hãy đặt tên khác nhau.")
    pdf.write_bytes(b"%PDF")
    (tmp_path / "cung.pdf").symlink_to(pdf)
    assert "được chọn cho hai đầu ra" in _refusal(
        lambda: check_outputs([pdf, tmp_path / "cung.pdf"]))
    check_outputs([pdf, tmp_path / "bieu.xlsx"])


def test_two_new_outputs_through_a_linked_folder_or_dot_dot_are_one_file(tmp_path: Path
                                                                          ) -> None:
    real = tmp_path / "nop"
    real.mkdir()
    (tmp_path / "usb").symlink_to(real)
    # Neither file exists yet: both would be written, the second over the first.
    for other in (tmp_path / "usb" / "bao-cao.json", real / ".." / "nop" / "bao-cao.json"):
        assert _refusal(lambda o=other: check_outputs([real / "bao-cao.json", o])) == (
            "Tệp bao-cao.json được chọn cho hai đầu ra; hãy đặt tên khác nhau.")


def test_a_failure_while_writing_leaves_the_old_file_whole_and_no_temporary(tmp_path: Path
                                                                           ) -> None:
    path = tmp_path / "bao-cao.json"
    path.write_text("bản cũ, nguyên vẹn", "utf-8")
    with pytest.raises(KnownError) as raised, atomic_path(path) as temp:
        temp.write_text("nửa tệp", "utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert raised.value.message == ("Không ghi được tệp bao-cao.json: ổ đĩa đã đầy; hãy xóa bớt "
                                    "tệp hoặc chọn ổ đĩa khác.")
    assert path.read_text("utf-8") == "bản cũ, nguyên vẹn"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json"]
    atomic_write_text(path, "Báo cáo quý I năm 2026: 1.234.567 hồ sơ")
    assert path.read_text("utf-8") == "Báo cáo quý I năm 2026: 1.234.567 hồ sơ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.json"]


def test_writing_through_a_link_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    target = tmp_path / "that.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    atomic_write_bytes(link, b"%PDF-1.7 new")
    assert link.is_symlink() and target.read_bytes() == b"%PDF-1.7 new"


def test_a_folder_that_is_not_there_is_the_clerks_sentence(tmp_path: Path) -> None:
    path = tmp_path / "usb-da-rut" / "bao-cao.pdf"
    assert _refusal(lambda: atomic_write_bytes(path, b"x")) == (
        "Không ghi được tệp bao-cao.pdf: không tìm thấy tệp hoặc thư mục (đường dẫn sai, hoặc "
        "USB đã rút ra?); hãy kiểm tra lại đường dẫn.")
    assert describe_os_error(path, OSError(errno.EIO, "I/O"), reading=True) == (
        "Không đọc được tệp bao-cao.pdf: lỗi đọc ghi ổ đĩa (USB đã rút ra?); hãy cắm lại rồi "
        "thử lại.")
