"""Tệp > Nhập kỳ trước with a hostile file: refused with a message, the report as it was.

The same corpus as tests/test_hostile_corpus.py (which offers it to the command line and
the consolidation); here through the window, the file read off the GUI thread.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from test_hostile_corpus import HOSTILE, _hostile

from tests.gui.file_answers import answer_file_dialogs


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_window_import_refuses_the_hostile_file(name: str, qtbot, window, new_report, store,  # type: ignore[no-untyped-def]
                                                    monkeypatch, tmp_path: Path) -> None:
    path = _hostile(tmp_path, name)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    answer_file_dialogs(monkeypatch, open=path)
    before = store.load_report(new_report.report_id)
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    qtbot.waitUntil(lambda: window.previous_importer.job is None, timeout=15000)
    assert shown[0].strip() and "Traceback" not in shown[0]
    assert store.load_report(new_report.report_id) == before
