"""gui/conflict_prompt.py: when another clerk wrote a field first, the clerk is asked once, after
the write that found it (never from inside it), with both values, who wrote the other and at what
local time; "Giữ giá trị của tôi" (the default) writes the clerk's value over, "Dùng giá trị
của ..." takes theirs. Beside tests/gui/test_edit_conflicts_window.py, which goes through the
whole window for a figure, a list and a justification; here the prompt and its question alone,
on a session of a real data file."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cchc_desktop.gui.conflict_prompt import ConflictPrompt, ask_keep_mine, when
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.conflicts import EditConflict, OtherWrite
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

CODE = "cddh.kh.tong"     # 66 in the sample report


@pytest.fixture
def hanoi_time() -> Iterator[None]:
    """The clock of a PC in Việt Nam (UTC+7), whatever the test machine's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Ho_Chi_Minh"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def conflict(user: str = "Nguyễn Văn An", at: dt.datetime | None = dt.datetime(2026, 12, 3, 8, 32),
             ) -> EditConflict:
    return EditConflict(entity="value", key=CODE, label="Tổng số nhiệm vụ trong kế hoạch CCHC năm",
                        theirs=Decimal(70), mine=Decimal(66), shown_theirs="70", shown_mine="66",
                        other=OtherWrite(user, at))


def answer_box(qtbot, seen: list[QMessageBox], button: str | None) -> None:  # type: ignore[no-untyped-def]
    """When the question is up: note it, then click `button` (None: press Enter)."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box)
        if button is None:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            [chosen] = [b for b in box.buttons() if b.text() == button]
            chosen.click()

    QTimer.singleShot(0, answer)


def test_the_other_write_in_the_clerks_local_time(hanoi_time: None) -> None:
    assert when(dt.datetime(2026, 12, 3, 8, 32)) == "lúc 15:32 ngày 03/12/2026"
    # Past midnight in Việt Nam, still the old year in UTC.
    assert when(dt.datetime(2026, 12, 31, 17, 5)) == "lúc 00:05 ngày 01/01/2027"
    assert when(None) == ""


def test_the_question_names_the_field_both_values_and_who(qtbot, hanoi_time: None) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []
    answer_box(qtbot, seen, None)
    assert ask_keep_mine(parent, conflict()) is True       # Enter keeps what the clerk typed
    [box] = seen
    assert box.windowTitle() == "Người khác vừa sửa"
    assert box.text() == (
        "\u201cTổng số nhiệm vụ trong kế hoạch CCHC năm\u201d vừa được Nguyễn Văn An sửa lúc 15:32 "
        "ngày 03/12/2026.\n\nGiá trị của Nguyễn Văn An: 70\nGiá trị bạn nhập: 66\n\n"
        "Giữ giá trị nào? Lịch sử thay đổi ghi lại cả hai.")
    assert [b.text() for b in box.buttons()] == ["Giữ giá trị của tôi", "Dùng giá trị của Nguyễn Văn An"]


def test_their_value_is_taken_by_its_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []
    answer_box(qtbot, seen, "Dùng giá trị của Nguyễn Văn An")
    assert ask_keep_mine(parent, conflict()) is False


def test_an_unnamed_writer_is_someone_else(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []
    answer_box(qtbot, seen, "Dùng giá trị của một người khác")
    assert ask_keep_mine(parent, conflict(user="", at=None)) is False
    text = seen[0].text()
    assert text.startswith("\u201cTổng số nhiệm vụ trong kế hoạch CCHC năm\u201d vừa được một "
                           "người khác sửa.\n\n")           # no time: no space before the stop
    assert "\n\nGiá trị của một người khác: 70\nGiá trị bạn nhập: 66\n\n" in text
    assert "lúc" not in text


def _other_clerk_writes(db_path: Path, report_id: int, value: int) -> None:
    database = Database.open(db_path)
    try:
        other = ReportStore(database)
        seen = other.load_report(report_id).values.get(CODE)
        other.set_value(report_id, CODE, Decimal(value), expected=seen)
    finally:
        database.close()


@pytest.mark.parametrize(("keep", "stored", "shown"), [(True, 80, 80), (False, 70, 70)])
def test_the_prompt_settles_a_real_conflict_after_the_write(  # type: ignore[no-untyped-def]
        qtbot, store, db_path, sample_report_id, keep: bool, stored: int, shown: int) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    session = ReportSession(store, sample_report_id)
    asked: list[EditConflict] = []

    def choose(where: QWidget, found: EditConflict) -> bool:
        assert where is parent
        asked.append(found)
        return keep

    prompt = ConflictPrompt(parent, session, choose)
    _other_clerk_writes(db_path, sample_report_id, 70)
    session.set_value(CODE, Decimal(80))
    session.saver.flush()
    assert asked == []                  # not from inside the write: the saver is still at it
    qtbot.waitUntil(lambda: bool(prompt.settled), timeout=3000)
    [(found, kept)] = prompt.settled
    assert kept is keep and asked == [found]
    assert (found.shown_theirs, found.shown_mine) == ("70", "80")
    assert store.load_report(sample_report_id).values[CODE] == Decimal(stored)
    assert session.report.values[CODE] == Decimal(shown)
    assert not session.saver.pending
