"""Tổng hợp with a commune's workbook edited in Excel: both values shown, summing waits for the
clerk's choice, and the chosen value is what the data file sums."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import make_report, records, template
from openpyxl import load_workbook

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import DocumentInfo
from cchc_desktop.exchange.workbook import DATA_SHEET
from cchc_desktop.gui.differences_chooser import VISIBLE
from tests.gui.test_consolidation_dialog import (  # province: the fixture
    COMMUNES,
    ONLINE,
    commune_file,
    open_dialog,
    province,
)

__all__ = ["province"]


def edited(folder: Path) -> Path:
    report = make_report(records(online=66, in_person=34, early=100), unit=COMMUNES[1], year=2026,
                         kind="Q3", document=DocumentInfo(number="3", date=dt.date(2026, 9, 18)))
    path = folder / "xa-b.xlsx"
    write_workbook(build_context(report, template()), path)
    wb = load_workbook(path)
    for code, sheet, cell, _written in wb[DATA_SHEET].iter_rows(min_col=4, max_col=7,
                                                                values_only=True):
        if code == ONLINE:
            wb[sheet][cell] = 9999
    wb.save(path)
    return path


def test_the_visible_value_chosen_is_summed(qtbot, window, province, store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = commune_file(tmp_path, COMMUNES[0], records(online=100, in_person=0, early=100),
                        day=dt.date(2026, 9, 18))
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    job = dialog.add_paths([good, edited(tmp_path)])
    assert job is not None
    qtbot.waitUntil(lambda: dialog.job is None and dialog.preview is not None, timeout=20000)
    chooser = dialog.choosers["xa-b"]
    table = chooser.table
    assert [table.item(0, c).text() for c in (2, 3)] == ["66", "9.999"]
    assert not dialog.apply_button.isEnabled()          # nothing is taken silently
    chooser.choose(ONLINE, VISIBLE)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.job is None and dialog.board_job is None, timeout=10000)
    assert store.load_report(province).values[ONLINE] == 100 + 9999
