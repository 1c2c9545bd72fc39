"""Opening a file or a folder in the PC's own program (file manager, PDF reader, mail program),
and showing files selected in their folder for a clerk who attaches them in webmail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

REVEAL_TIMEOUT_SECONDS = 5
# How long xdg-open is given to say it found no program. It answers at once when it has none;
# once it has started one it may wait for it to end (without a known desktop it runs the program
# in the foreground), so a launcher still running after this is taken as a program opened.
XDG_OPEN_ANSWER_SECONDS = 2.0
# Launchers still waiting for the program they started: kept until they end, then reaped.
_waiting: list[subprocess.Popen[bytes]] = []


def open_url(path: Path, platform: str = sys.platform) -> bool:
    """The folder in the file manager, a file in its program (patched in the tests).

    False when the PC has no program for it (no mail program set up, no file manager): the
    caller says so and shows the path, never leaves the clerk with a button that did nothing.
    On Linux Qt hands the path to xdg-open and counts its start as success, so a PC without a
    program for the file's type saw nothing happen (xdg-open says so on the console only, and
    exits with an error): there xdg-open is run here and its answer read.
    """
    launcher = shutil.which("xdg-open") if platform not in ("win32", "darwin") else None
    if launcher is None:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    _waiting[:] = [process for process in _waiting if process.poll() is None]
    try:
        # Its own session: the program it starts outlives the app and its console.
        process = subprocess.Popen([launcher, str(path)], stdin=subprocess.DEVNULL,
                                   start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(timeout=XDG_OPEN_ANSWER_SECONDS) == 0
    except subprocess.TimeoutExpired:
        _waiting.append(process)
        return True


def reveal_command(files: Sequence[Path], platform: str = sys.platform) -> list[str] | None:
    """The command that opens the files' folder with them selected, or None where the platform
    has no such command.

    Windows Explorer selects one file (`/select,` takes one path): the first, which the
    caller makes the one to attach (the package's .zip). macOS's Finder reveals them all.
    Elsewhere the freedesktop file-manager interface over D-Bus (Nautilus, Dolphin, Nemo,
    Thunar and Caja implement ShowItems), when `dbus-send` is there.
    """
    if not files:
        return None
    if platform == "win32":
        return ["explorer.exe", f"/select,{os.path.normpath(files[0])}"]
    if platform == "darwin":
        return ["open", "-R", *(str(f) for f in files)]
    dbus_send = shutil.which("dbus-send")
    if dbus_send is None:
        return None
    uris = ",".join(Path(f).absolute().as_uri() for f in files)
    return [dbus_send, "--session", "--print-reply", "--dest=org.freedesktop.FileManager1",
            "--type=method_call", "/org/freedesktop/FileManager1",
            "org.freedesktop.FileManager1.ShowItems", f"array:string:{uris}", "string:"]


def reveal(files: Sequence[Path], folder: Path, platform: str = sys.platform) -> bool:
    """The files shown selected in their folder; else `folder` opened; False if neither could
    be done (the caller then shows the path)."""
    existing = [Path(f) for f in files if Path(f).exists()]
    command = reveal_command(existing, platform)
    if command is not None and _run(command, platform):
        return True
    return open_url(folder)


def _run(command: list[str], platform: str) -> bool:
    try:
        if platform == "win32":
            # Explorer answers 1 even when it did select the file: its start is the success.
            subprocess.Popen(command)
            return True
        result = subprocess.run(command, capture_output=True, timeout=REVEAL_TIMEOUT_SECONDS,
                                check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def files_to_attach(folder: Path) -> list[Path]:
    """A package folder's files in the order a clerk attaches them: its .zip beside the
    folder first (one file to attach), then the PDF, the workbook and the rest."""
    order = {".pdf": 1, ".xlsx": 2, ".json": 3}
    inside = sorted((f for f in folder.iterdir() if f.is_file()),
                    key=lambda f: (order.get(f.suffix.lower(), 4), f.name)) if folder.is_dir() else []
    beside = folder.with_name(folder.name + ".zip")
    return ([beside] if beside.is_file() else []) + inside
