"""Báo cáo > Kèm phụ lục xu hướng: the report PDF exported from the window gets the trends annex
when the clerk ticks it (kept in the data file); greyed with its reason for a unit of one period."""

from __future__ import annotations

from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text

from cchc_desktop.domain.units import Unit
from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.export import PDF_TRENDS_SETTING
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import trend_reports
from tests.gui.file_answers import answer_file_dialogs

TITLE = "XU HƯỚNG CÁC CHỈ TIÊU CHÍNH"


@pytest.fixture
def saved_to(monkeypatch, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The save dialog answered with 'bao-cao.pdf' in tmp_path."""
    answer_file_dialogs(monkeypatch, save=lambda request: tmp_path / "bao-cao.pdf")
    monkeypatch.setattr(desktop_open, "open_url", lambda path: True)
    return tmp_path / "bao-cao.pdf"


def _store_year(store: ReportStore, commune: OwnUnit, kinds: tuple[str, ...]) -> dict[str, int]:
    unit = Unit(commune.code, commune.name, commune.level, commune.parent)
    return {r.period.kind.value: store.save_report(r) for r in trend_reports(unit=unit)
            if r.period.kind.value in kinds}


def _export(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.export("pdf")
    qtbot.waitUntil(lambda: window.notice.isVisible() and window.exporter.job is None,
                    timeout=30000)


def test_ticked_the_pdf_ends_with_the_trends_annex(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                   saved_to: Path) -> None:
    ids = _store_year(store, commune, ("Q1", "H1", "Q3", "Y"))
    window.open_report(ids["Y"])
    action = window.ui.act_pdf_trends
    window.ui.menu_report.aboutToShow.emit()
    assert action in window.ui.menu_report.actions()
    assert action.isEnabled() and not action.isChecked()
    assert action.text() == "Kèm phụ lục xu hướng"

    _export(qtbot, window)
    assert TITLE not in pdf_text(saved_to, layout=False)

    action.trigger()
    assert action.isChecked()
    assert window.session.setting(PDF_TRENDS_SETTING) == "1"   # kept in the data file
    window.ui.menu_report.aboutToShow.emit()
    assert action.isChecked()
    window.notice.hide()
    _export(qtbot, window)
    text = pdf_text(saved_to, layout=False)
    annex = text[text.index(TITLE):]
    assert "từ Quý I/2026 đến Năm/2026" in annex
    for figure in ("50,00%", "75,00%", "90,00%", "95,00%"):
        assert figure in annex, figure


def test_one_period_greys_the_option_and_says_why(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                  saved_to: Path) -> None:
    ids = _store_year(store, commune, ("Q1",))
    window.open_report(ids["Q1"])
    window.session.set_setting(PDF_TRENDS_SETTING, "1")     # ticked once, for another period
    window.ui.menu_report.aboutToShow.emit()
    action = window.ui.act_pdf_trends
    assert not action.isEnabled() and not action.isChecked()
    assert "cần ít nhất 2 kỳ báo cáo định kỳ của đơn vị trong tệp dữ liệu, mới có 1" \
        in action.text()
    _export(qtbot, window)
    assert TITLE not in pdf_text(saved_to, layout=False)
