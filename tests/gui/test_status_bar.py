"""gui/status_bar.py: the open report's period with its dates and deadline, its status, and
whether its edits are saved. Beside tests/gui/test_saving.py and test_autosave.py, which see the
save state change in the window as the clerk types; here the bar on its own, each wording.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.autosave import AutoSaver
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.status_bar import ReportStatusBar
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def bar(qtbot):  # type: ignore[no-untyped-def]
    status = ReportStatusBar()
    qtbot.addWidget(status)
    return status


@pytest.fixture
def session(store: ReportStore, sample_report_id: int):  # type: ignore[no-untyped-def]
    opened = ReportSession(store, sample_report_id)
    yield opened
    opened.close()


def test_no_report_open_points_to_the_start_page(bar) -> None:  # type: ignore[no-untyped-def]
    bar.show_report(None, dt.date(2026, 3, 16))
    assert bar.period_label.text() == "Chưa mở báo cáo. Chọn kỳ báo cáo ở trang đầu."
    assert bar.status_label.text() == "" and bar.save_label.text() == ""


def test_the_period_its_dates_and_the_days_left(bar, session) -> None:  # type: ignore[no-untyped-def]
    bar.show_report(session, dt.date(2026, 3, 16))
    assert bar.period_label.text() == ("Quý I năm 2026 · số liệu từ 15/12/2025 đến 14/03/2026 · "
                                       "hạn gửi 20/03/2026 (còn 4 ngày)")
    assert bar.status_label.text() == "Trạng thái: Dự thảo"
    assert bar.save_label.text() == "Mọi thay đổi được lưu tự động"
    bar.show_report(session, dt.date(2026, 3, 20))
    assert bar.period_label.text().endswith("hạn gửi 20/03/2026 (hết hạn hôm nay)")
    bar.show_report(session, dt.date(2026, 4, 1))
    assert bar.period_label.text().endswith("(quá hạn 12 ngày)")
    bar.show_report(None, dt.date(2026, 4, 1))
    assert bar.status_label.text() == "", "closing the report empties what it said"


def test_a_submitted_report_is_not_late(bar, session) -> None:  # type: ignore[no-untyped-def]
    session.set_status(ReportStatus.FINAL)
    bar.show_report(session, dt.date(2026, 3, 16))
    assert bar.status_label.text() == "Trạng thái: Hoàn thành"
    session.set_status(ReportStatus.SUBMITTED)
    bar.show_report(session, dt.date(2026, 5, 2))
    assert bar.period_label.text().endswith("hạn gửi 20/03/2026 (đã gửi)")
    assert bar.status_label.text() == "Trạng thái: Đã gửi"


def test_the_save_state_in_words(qtbot, bar) -> None:  # type: ignore[no-untyped-def]
    refusals: list[str] = []

    def explain(error: BaseException) -> KnownError:
        return KnownError(f"Ổ đĩa đầy: {error}")

    saver = AutoSaver(explain=explain)
    saver.queue("A1", lambda: None)
    bar.show_save_state(saver)
    assert bar.save_label.text() == "Đang lưu..."
    assert saver.flush()
    bar.show_save_state(saver)
    assert re.fullmatch(r"Đã lưu lúc \d\d:\d\d:\d\d", bar.save_label.text())
    assert saver.last_saved is not None
    assert bar.save_label.text().endswith(saver.last_saved.strftime("%H:%M:%S"))

    def refused() -> None:
        refusals.append("A2")
        raise OSError("no space")

    saver.queue("A2", refused)
    assert not saver.flush()
    bar.show_save_state(saver)
    assert bar.save_label.text() == "Chưa lưu được — sẽ thử lại"
    assert refusals == ["A2"]
    saver.hold("A3")
    bar.show_save_state(saver)
    assert bar.save_label.text() == "Chưa lưu được — sẽ thử lại", "a failing write says so first"
    saver.queue("A2", lambda: None)
    assert not saver.flush(), "held: not all saved"
    bar.show_save_state(saver)
    assert bar.save_label.text() == "Chưa lưu: chờ anh/chị chọn giá trị giữ lại"
    saver.release("A3")
    bar.show_save_state(saver)
    assert bar.save_label.text().startswith("Đã lưu lúc ")
