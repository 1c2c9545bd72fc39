"""Nhập kỳ trước from a workbook edited in Excel: both values shown, the clerk's choice imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_report, records, template
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialog

from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.exchange.workbook import DATA_SHEET
from cchc_desktop.gui.differences_chooser import HIDDEN, VISIBLE
from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
from tests.gui.conftest import commune_unit
from tests.gui.file_answers import answer_file_dialogs

COMPUTERS = "cds.may_tinh.tong"       # a stock carried from the previous report
ONLINE = "tthc.hs.xa.moi_truc_tuyen"


def edited_workbook(folder: Path) -> Path:
    """Last year's report as the app exports it, then two cells changed in "Excel"."""
    report = make_report(records(pending=120, online=66) | {COMPUTERS: 54},
                         unit=commune_unit().unit, year=2025, kind="Y")
    path = folder / "nam-2025.xlsx"
    write_workbook(build_context(report, template()), path)
    wb = load_workbook(path)
    for code, sheet, cell, _written in wb[DATA_SHEET].iter_rows(min_col=4, max_col=7,
                                                                values_only=True):
        if code == COMPUTERS:
            wb[sheet][cell] = 60              # retyped
        elif code == ONLINE:
            wb[sheet][cell] = "=60+6"         # a formula typed over the figure
    wb.save(path)
    return path


@pytest.fixture
def answer(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}
    path = edited_workbook(tmp_path)
    answer_file_dialogs(monkeypatch, open=path)

    def exec_dialog(dialog: ImportPreviewDialog) -> int:
        chooser = dialog.chooser
        assert chooser is not None
        table = chooser.table
        seen["rows"] = [[table.item(r, c).text() for c in range(4)] for r in range(table.rowCount())]
        seen["apply_before"] = dialog.apply_button.isEnabled()
        chooser.choose_all(VISIBLE)            # the formula is left undecided
        seen["apply_partial"] = dialog.apply_button.isEnabled()
        chooser.choose(ONLINE, VISIBLE)        # not possible: stays undecided
        seen["formula_choice"] = chooser.choices[
            [d.code for d in chooser.differences].index(ONLINE)].currentIndex()
        chooser.choose(ONLINE, HIDDEN)
        if seen.get("computers") == "hidden":
            chooser.choose(COMPUTERS, HIDDEN)
        seen["lines"] = [dialog.changes.item(i).text() for i in range(dialog.changes.count())]
        seen["apply_after"] = dialog.apply_button.isEnabled()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(ImportPreviewDialog, "exec", exec_dialog)
    return seen


def _import(qtbot, window, answer) -> None:  # type: ignore[no-untyped-def]
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: "apply_after" in answer, timeout=8000)
    qtbot.waitUntil(lambda: window.previous_importer.job is None, timeout=8000)


def test_both_values_are_shown_and_the_visible_one_chosen_is_imported(
        qtbot, window, new_report, store, answer) -> None:  # type: ignore[no-untyped-def]
    _import(qtbot, window, answer)
    rows = {row[0].rsplit("[", 1)[1].rstrip("]"): row for row in answer["rows"]}  # type: ignore[union-attr]
    assert rows[COMPUTERS][2:] == ["54", "60"]
    assert rows[ONLINE][2:] == ["66", "=60+6"]          # the formula's text, never its result
    assert answer["apply_before"] is False and answer["apply_partial"] is False
    assert answer["formula_choice"] == 0
    assert answer["apply_after"] is True
    assert any("→ 60" in line for line in answer["lines"])  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: store.load_report(new_report.report_id).values.get(COMPUTERS) == 60,
                    timeout=8000)


def test_choosing_the_hidden_value_imports_the_hidden_value(
        qtbot, window, new_report, store, answer) -> None:  # type: ignore[no-untyped-def]
    answer["computers"] = "hidden"
    _import(qtbot, window, answer)
    qtbot.waitUntil(lambda: store.load_report(new_report.report_id).values.get(COMPUTERS) == 54,
                    timeout=8000)
