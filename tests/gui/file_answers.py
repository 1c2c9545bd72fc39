"""The window tests' clerk at the file dialogs: every dialog of gui/file_dialogs answered at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.file_dialogs import Kind, Request

Answer = Path | str | list[Path] | Callable[[Request], Path | str | list[Path] | None] | None


def answer_file_dialogs(monkeypatch: pytest.MonkeyPatch, *, open: Answer = None,
                        open_many: Answer = None, save: Answer = None,
                        folder: Answer = None) -> list[Request]:
    """Answer each kind of dialog with a path (or a function of the request); None cancels.

    Returns the list the requests are recorded in, to check where a dialog opened and what
    it proposed.
    """
    answers = {Kind.OPEN: open, Kind.OPEN_MANY: open_many, Kind.SAVE: save, Kind.FOLDER: folder}
    asked: list[Request] = []

    def ask(parent: object, request: Request) -> list[str]:
        asked.append(request)
        answer = answers[request.kind]
        if callable(answer):
            answer = answer(request)
        if answer is None:
            return []
        if isinstance(answer, list):
            return [str(path) for path in answer]
        return [str(answer)]

    monkeypatch.setattr(file_dialogs, "ask", ask)
    return asked
