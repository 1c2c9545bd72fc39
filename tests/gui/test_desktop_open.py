"""Showing the package's files selected in their folder, for a clerk who attaches them in
webmail: the command of each platform, and the folder opened when there is none."""

from __future__ import annotations

import os
import stat
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
