"""Showing the package's files selected in their folder, for a clerk who attaches them in
webmail: the command of each platform, and the folder opened when there is none. Opening a file
or a folder on Linux: xdg-open's answer read, so that a PC without a program for it is told so."""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

import pytest

from cchc_desktop.gui import desktop_open


@pytest.fixture
def package(tmp_path: Path) -> Path:
    folder = tmp_path / "BC-CCHC_xa-my-an_2026-Q1_r0"
    folder.mkdir()
    for name in ("manifest.json", "bao-cao.xlsx", "bao-cao.pdf"):
        (folder / name).write_bytes(b"x")
    (tmp_path / (folder.name + ".zip")).write_bytes(b"PK")
    return folder


def test_the_zip_comes_first_then_the_pdf_and_the_workbook(package: Path) -> None:
    names = [f.name for f in desktop_open.files_to_attach(package)]
    assert names == [package.name + ".zip", "bao-cao.pdf", "bao-cao.xlsx", "manifest.json"]


def test_each_platform_selects_the_files(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = desktop_open.files_to_attach(package)
    windows = desktop_open.reveal_command(files, "win32")
    assert windows == ["explorer.exe", "/select," + os.path.normpath(files[0])]
    assert desktop_open.reveal_command(files, "darwin") == ["open", "-R", *map(str, files)]
    monkeypatch.setattr(desktop_open.shutil, "which", lambda name: None)
    assert desktop_open.reveal_command(files, "linux") is None
    assert desktop_open.reveal_command([], "win32") is None


def test_a_file_manager_on_the_bus_selects_them(package: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    # A stand-in for dbus-send that records what the file manager would be asked.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    asked = tmp_path / "asked.txt"
    fake = bin_dir / "dbus-send"
    fake.write_text(f"#!/bin/sh\necho \"$@\" > {asked}\nexit 0\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    opened: list[Path] = []
    monkeypatch.setattr(desktop_open, "open_url", lambda path: opened.append(path) or True)
    assert desktop_open.reveal(desktop_open.files_to_attach(package), package, "linux")
    assert opened == []
    text = asked.read_text()
    assert "org.freedesktop.FileManager1.ShowItems" in text
    assert (package / "bao-cao.pdf").as_uri() in text


def test_without_a_way_to_select_the_folder_opens(package: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    failing = bin_dir / "dbus-send"      # no session bus: the call fails
    failing.write_text("#!/bin/sh\nexit 1\n")
    failing.chmod(failing.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(bin_dir))
    opened: list[Path] = []
    monkeypatch.setattr(desktop_open, "open_url", lambda path: opened.append(path) or False)
    assert not desktop_open.reveal(desktop_open.files_to_attach(package), package, "linux")
    assert opened == [package]


# ---------------------------------------------------------------------- xdg-open's answer
linux_only = pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="xdg-open is Linux's")


def xdg_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """This PC's xdg-open, answering as `body` says; what it was asked to open goes to asked.txt."""
    bin_dir = tmp_path / "xdg-bin"
    bin_dir.mkdir()
    script = bin_dir / "xdg-open"
    script.write_text(f'#!/bin/sh\necho "$1" > "{tmp_path / "asked.txt"}"\n{body}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return tmp_path / "asked.txt"


@linux_only
def test_no_program_for_the_file_is_an_answer_not_a_silence(package: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # What xdg-open does with no mail program set up for an .eml (Qt counted its start as done).
    asked = xdg_open(tmp_path, monkeypatch,
                     "echo \"xdg-open: no method available for opening '$1'\" >&2\nexit 3")
    draft = package.with_suffix(".eml")
    draft.write_text("To: vanthu@snv.dongthap.gov.vn\n")
    assert desktop_open.open_url(draft, "linux") is False
    assert asked.read_text().strip() == str(draft)


@linux_only
def test_a_program_opened_is_success(package: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    asked = xdg_open(tmp_path, monkeypatch, "exit 0")
    assert desktop_open.open_url(package, "linux") is True
    assert asked.read_text().strip() == str(package)


@linux_only
def test_a_program_xdg_open_waits_for_is_success_without_waiting_for_it(
        package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without a known desktop, xdg-open runs the program in the foreground until it is closed.
    xdg_open(tmp_path, monkeypatch, "exec sleep 6")
    started = time.monotonic()
    assert desktop_open.open_url(package, "linux") is True
    assert time.monotonic() - started < desktop_open.XDG_OPEN_ANSWER_SECONDS + 1.5


@linux_only
def test_the_saved_line_says_when_no_program_opens_the_file(qtbot, window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    xdg_open(tmp_path, monkeypatch, "exit 3")
    pdf = tmp_path / "BC-CCHC_xa-my-an_2026-Q1.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    window.notice.show_saved(pdf)
    window.notice.open_file.click()
    assert window.notice.message.text() == f"Máy tính chưa có chương trình để mở tệp này. Tệp ở: {pdf}"
    assert window.notice.copy_path.isVisible()
    window.notice.open_folder.click()
    assert "chưa có chương trình quản lý tệp" in window.notice.message.text()
