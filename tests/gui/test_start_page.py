"""gui/start_page.py: the start page lists the own unit's four regular periods of a year with
their dates, how long is left ("còn 4 ngày", "hết hạn hôm nay", "quá hạn 3 ngày", "đã gửi")
and their status; it names the report to do next and its deadline, skips a submitted one, asks
for the unit's setup when the data file has none, and one click asks to start or open a period.

Beside tests/gui/test_first_run.py and test_first_hour.py (the page in the whole window: one
click starts the report, the rows fit a laptop) and test_keyboard_path.py (Space on the due
period); here the page alone over a ReportController.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.start_page import StartPage, days_left_text
from cchc_desktop.gui.style import colour
from cchc_desktop.storage.repository import ReportStore
from tests.factories import sample_report

TODAY = dt.date(2026, 3, 16)      # Quý I's report is due on 20/03/2026


def page(qtbot, store: ReportStore | None, today: dt.date = TODAY) -> StartPage:  # type: ignore[no-untyped-def]
    start = StartPage(ReportController(store), today)
    qtbot.addWidget(start)
    return start


def row(start: StartPage, number: int) -> list[str]:
    return [start.table.item(number, col).text() for col in range(6)]  # type: ignore[union-attr]


def test_the_time_left_is_said_in_days() -> None:
    quarter = Period.default(2026, PeriodKind.Q1)             # due 20/03/2026
    assert days_left_text(quarter, dt.date(2026, 3, 16), None) == "còn 4 ngày"
    assert days_left_text(quarter, dt.date(2026, 3, 20), None) == "hết hạn hôm nay"
    assert days_left_text(quarter, dt.date(2026, 3, 23), ReportStatus.DRAFT) == "quá hạn 3 ngày"
    assert days_left_text(quarter, dt.date(2026, 3, 23), ReportStatus.SUBMITTED) == "đã gửi"


def test_without_a_unit_the_page_asks_for_its_setup(qtbot, store) -> None:  # type: ignore[no-untyped-def]
    start = page(qtbot, store)
    asked: list[bool] = []
    start.setup_requested.connect(lambda: asked.append(True))
    assert start.unit_line.text() == ("Chưa khai báo đơn vị. Hãy khai báo đơn vị của mình để bắt "
                                      "đầu báo cáo.")
    assert start.table.isHidden() and start.setup_button.text() == "Khai báo đơn vị..."
    start.show()
    qtbot.mouseClick(start.setup_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    opening = page(qtbot, None)                              # the data file is still opening
    assert opening.unit_line.text() == "Đang mở tệp dữ liệu..."
    assert opening.setup_button.isHidden()


def test_this_years_periods_the_one_due_next_and_a_click_to_start(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    start = page(qtbot, store)
    start.show()
    assert start.title.text() == "Báo cáo cải cách hành chính năm 2026"
    assert start.unit_line.text() == ("<b>Ủy ban nhân dân xã Mỹ An</b> — Ủy ban nhân dân tỉnh "
                                      "Đồng Tháp")
    assert row(start, 0) == ["Quý I năm 2026", "15/12/2025", "14/03/2026", "20/03/2026",
                             "còn 4 ngày", "Chưa bắt đầu"]
    assert row(start, 3)[0] == "Năm 2026"
    assert start.hint.text() == "Báo cáo cần làm tiếp: Quý I năm 2026, hạn gửi 20/03/2026 (còn 4 ngày)."
    assert start.due_button is start.buttons["Q1"]
    assert start.table.item(0, 0).font().bold() and not start.table.item(1, 0).font().bold()  # type: ignore[union-attr]
    asked: list[tuple[int, str]] = []
    start.open_requested.connect(lambda year, kind: asked.append((year, kind)))
    assert start.buttons["H1"].text() == "Bắt đầu báo cáo"
    qtbot.mouseClick(start.buttons["H1"], Qt.MouseButton.LeftButton)
    assert asked == [(2026, "H1")]


def test_a_submitted_report_is_done_and_the_next_period_is_due(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    store.save_report(dataclasses.replace(sample_report(), status=ReportStatus.SUBMITTED))
    start = page(qtbot, store, dt.date(2026, 3, 25))
    assert row(start, 0)[4:] == ["đã gửi", "Đã gửi"]
    assert start.buttons["Q1"].text() == "Mở báo cáo"
    assert start.due_button is start.buttons["H1"]
    assert start.hint.text().startswith("Báo cáo cần làm tiếp: 6 tháng năm 2026, hạn gửi 20/06/2026")


def test_a_past_year_shows_what_is_overdue_in_the_error_colour(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    start = page(qtbot, store)
    start.show()
    assert start.previous_year.text() == "\u25c0 Năm 2025"
    qtbot.mouseClick(start.previous_year, Qt.MouseButton.LeftButton)
    assert start.title.text() == "Báo cáo cải cách hành chính năm 2025"
    assert row(start, 3)[3:5] == ["20/12/2025", "quá hạn 86 ngày"]
    assert start.table.item(3, 4).foreground().color() == colour("error")  # type: ignore[union-attr]
    assert start.hint.text() == "" and start.due_button is None, "nothing to do in time any more"
    assert start.next_year.text() == "Năm 2026 \u25b6"
