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

from cchc_desktop import i18n
from tests.gui.helpers import require_english_catalogue


@pytest.fixture
def english_window(window, monkeypatch):  # type: ignore[no-untyped-def]
    require_english_catalogue()
    i18n.set_language("en")
    return window


def _export(qtbot, window, kind: str, path: Path, monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The export, and what the window said when it was done (the notice above the page)."""
    assert window.exporter.export(window.session, kind, path) is not None
    qtbot.waitUntil(lambda: window.exporter.job is None and window.notice.isVisible(), timeout=30000)
    return [window.notice.message.text()]


def test_an_english_window_exports_a_vietnamese_pdf(qtbot, english_window, sample_report_id,
                                                    tmp_path, monkeypatch) -> None:
    need("pdftotext")
    window = english_window
    window.open_report(sample_report_id)
    assert window.ui.menu_file.title() == "&File"
    path = tmp_path / "bao-cao.pdf"
    boxes = _export(qtbot, window, "pdf", path, monkeypatch)
    assert boxes == [f"Saved {path.name} in the folder {path.parent}"], "the window speaks English"
    assert_vietnamese_pdf(pdf_text(path, layout=False))


def test_an_english_window_exports_a_vietnamese_workbook(qtbot, english_window, sample_report_id,
                                                         tmp_path, monkeypatch) -> None:
    window = english_window
    window.open_report(sample_report_id)
    path = tmp_path / "bao-cao.xlsx"
    boxes = _export(qtbot, window, "xlsx", path, monkeypatch)
    assert boxes == [f"Saved {path.name} in the folder {path.parent}"], "the window speaks English"
    assert window.ui.menu_file.title() == "&File"
    assert_vietnamese_workbook(workbook_texts(path))
