"""gui/board.py: the board of subordinate units says who sent their report, when (with the time
only when it is known), from which file, which revision, with how many errors, the status cell
coloured by a named palette entry (and a missing unit in italics, not by colour alone); Enter or a
double-click on a unit that sent its report shows its figures, rates with their fractions.
Beside tests/gui/test_consolidation_dialog.py, which reaches the board through a real
consolidation and double-clicks a unit; here the table and the drill-down alone."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem

from cchc_desktop.domain.report import SubmissionStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.gui.board import (
    RIGHT,
    BoardTable,
    UnitFiguresDialog,
    figure_rows,
    received_text,
    status_colour,
)
from cchc_desktop.imports.subordinates import BoardRow
from tests.factories import make_report, sample_report, template

PARENT = "Ủy ban nhân dân huyện Cao Lãnh"
A = Unit("xa-a", "UBND xã Phú Hòa A", "xa", PARENT)
B = Unit("xa-b", "UBND xã Tân Phước Hưng B", "xa", PARENT)
C = Unit("xa-c", "UBND xã Mỹ Long C", "xa", PARENT)


def rows() -> list[BoardRow]:
    return [
        BoardRow(A, SubmissionStatus.ON_TIME, dt.datetime(2026, 9, 18), "xa-a-Q3-r0.json", 0, 0,
                 make_report({"cddh.kh.tong": 66}, unit=A, kind="Q3")),
        BoardRow(B, SubmissionStatus.LATE, dt.datetime(2026, 10, 2, 9, 30), "xa-b-Q3-r1.xlsx", 1, 2,
                 make_report({"cddh.kh.tong": 1}, unit=B, kind="Q3")),
        BoardRow(C, SubmissionStatus.MISSING, None, "", None, 0, None),
    ]


def table_of(qtbot) -> BoardTable:  # type: ignore[no-untyped-def]
    table = BoardTable()
    qtbot.addWidget(table)
    table.set_rows(rows())
    return table


def cells(table: BoardTable, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]  # type: ignore[union-attr]


def test_received_with_the_time_only_when_known() -> None:
    a, b, c = rows()
    assert received_text(a) == "18/09/2026"
    assert received_text(b) == "02/10/2026 09:30"
    assert received_text(c) == ""


def test_the_status_colour_by_its_palette_name() -> None:
    a, b, c = rows()
    assert status_colour(a) == "board_on_time"
    assert status_colour(b) == "board_error"          # late, but its errors say more
    assert status_colour(c) == "board_missing"
    late_clean = BoardRow(B, SubmissionStatus.LATE, None, "b.json", 0, 0, b.report)
    assert status_colour(late_clean) == "board_late"
    # Errors counted without a report (nothing received) do not make the cell red.
    assert status_colour(BoardRow(C, SubmissionStatus.MISSING, None, "", None, 3, None)) == "board_missing"


def test_one_row_per_unit_in_vietnamese(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = table_of(qtbot)
    headers = [table.horizontalHeaderItem(c).text() for c in range(6)]  # type: ignore[union-attr]
    assert headers == ["Đơn vị", "Tình trạng", "Nhận lúc", "Tệp", "Lần gửi", "Lỗi"]
    assert cells(table, 0) == ["UBND xã Phú Hòa A", "Đúng hạn", "18/09/2026", "xa-a-Q3-r0.json", "0", "0"]
    assert cells(table, 1) == ["UBND xã Tân Phước Hưng B", "Trễ hạn, có 2 lỗi", "02/10/2026 09:30",
                               "xa-b-Q3-r1.xlsx", "1", "2"]
    assert cells(table, 2) == ["UBND xã Mỹ Long C", "Không báo cáo", "", "", "", ""]
    assert table.summary() == "3 đơn vị: 1 đúng hạn, 1 trễ hạn, 1 không báo cáo, 1 có lỗi."


def item(table: BoardTable, row: int, column: int) -> QTableWidgetItem:
    found = table.item(row, column)
    assert found is not None
    return found


def test_the_cells_tell_the_status_beyond_colour(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = table_of(qtbot)
    status = [item(table, r, 1) for r in range(3)]
    assert [s.background().color().name() for s in status] == ["#d4edda", "#f5c6cb", "#e3e3e3"]
    assert [s.font().italic() for s in status] == [False, False, True]
    assert item(table, 1, 5).foreground().color().name() == "#b00020"
    assert item(table, 1, 4).textAlignment() == int(RIGHT)
    assert item(table, 0, 0).toolTip() == "Nhấp đúp để xem số liệu của đơn vị."
    assert item(table, 2, 0).toolTip() == ""


def test_enter_on_a_unit_that_sent_shows_it_not_on_a_missing_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = table_of(qtbot)
    table.show()
    qtbot.waitExposed(table)
    activated: list[BoardRow] = []
    table.unit_activated.connect(activated.append)
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    table.setCurrentCell(2, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert [row.unit.code for row in activated] == ["xa-b"]


def test_set_rows_again_replaces_the_board(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = table_of(qtbot)
    table.set_rows(rows()[2:])
    assert table.rowCount() == 1
    assert cells(table, 0)[0] == "UBND xã Mỹ Long C"
    assert table.summary() == "1 đơn vị: 0 đúng hạn, 0 trễ hạn, 1 không báo cáo, 0 có lỗi."


def test_figure_rows_are_those_the_report_has() -> None:
    assert figure_rows(make_report(), template()) == []
    assert figure_rows(make_report({"cddh.kh.tong": 1234567}), template()) == [
        ("Tổng số nhiệm vụ trong kế hoạch CCHC năm", "nhiệm vụ", "1.234.567")]
    shown = figure_rows(sample_report(), template())
    assert ("Tỷ lệ hoàn thành kế hoạch", "%", "42/66 nhiệm vụ, đạt 63,64%") in shown


def test_the_drill_down_shows_one_units_figures(qtbot) -> None:  # type: ignore[no-untyped-def]
    report = sample_report()
    row = BoardRow(report.unit, SubmissionStatus.LATE, dt.datetime(2026, 4, 8, 14, 5),
                   "xa-my-an-2026-Q1.json", report.revision, 0, report)
    dialog = UnitFiguresDialog(row, template())
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Số liệu của Ủy ban nhân dân xã Mỹ An"
    assert dialog.ui.heading.text() == (
        "<b>Ủy ban nhân dân xã Mỹ An</b> — Quý I năm 2026, lần gửi 0, nhận ngày 08/04/2026 "
        "(Trễ hạn), tệp xa-my-an-2026-Q1.json")
    assert dialog.table.rowCount() == len(figure_rows(report, template()))
    assert dialog.value_of("Tổng số nhiệm vụ trong kế hoạch CCHC năm") == "66"
    assert dialog.value_of("Tỷ lệ hoàn thành đúng hạn") == "10/12 nhiệm vụ, đạt 83,33%"
    assert dialog.value_of("Không có chỉ tiêu này") is None
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(3)]  # type: ignore[union-attr]
    assert headers == ["Chỉ tiêu", "Đơn vị tính", "Giá trị"]
