"""Exported from a window that speaks English, the PDF and the workbook are still Vietnamese."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents.doc_helpers import (
    assert_vietnamese_pdf,
    assert_vietnamese_workbook,
    need,
    pdf_text,
    workbook_texts,
)
from PySide6.QtWidgets import QMessageBox

from cchc_desktop import i18n
from tests.gui.helpers import require_english_catalogue


@pytest.fixture
def english_window(window, monkeypatch):  # type: ignore[no-untyped-def]
    require_english_catalogue()
    i18n.set_language("en")
    return window


def _export(qtbot, window, kind: str, path: Path, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: boxes.append(box.text()) or 0)
    assert window.exporter.export(window.session, kind, path) is not None
    qtbot.waitUntil(lambda: bool(boxes), timeout=30000)
    return boxes


def test_an_english_window_exports_a_vietnamese_pdf(qtbot, english_window, sample_report_id,
                                                    tmp_path, monkeypatch) -> None:
    need("pdftotext")
    window = english_window
    window.open_report(sample_report_id)
    assert window.ui.menu_file.title() == "&File"
    path = tmp_path / "bao-cao.pdf"
    boxes = _export(qtbot, window, "pdf", path, monkeypatch)
    assert boxes == [f"Saved {path}"], "the window speaks English"
    assert_vietnamese_pdf(pdf_text(path, layout=False))


def test_an_english_window_exports_a_vietnamese_workbook(qtbot, english_window, sample_report_id,
                                                         tmp_path, monkeypatch) -> None:
    window = english_window
    window.open_report(sample_report_id)
    path = tmp_path / "bao-cao.xlsx"
    boxes = _export(qtbot, window, "xlsx", path, monkeypatch)
    assert boxes == [f"Saved {path}"], "the window speaks English"
    assert window.ui.menu_file.title() == "&File"
    assert_vietnamese_workbook(workbook_texts(path))
