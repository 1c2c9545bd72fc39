"""gui/forms/date_field.py: a date typed the Vietnamese way, read when the clerk finishes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from cchc_desktop.gui.forms.date_field import DateField
from tests.gui.helpers import type_text

SAVED = dt.date(2026, 3, 16)


@pytest.fixture
def date_field(qtbot) -> DateField:  # type: ignore[no-untyped-def]
    widget = DateField(open_on=lambda: dt.date(2026, 1, 1))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_value(SAVED)
    return widget


def finish(qtbot, widget: DateField, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type over the field and press Enter, as the clerk does."""
    widget.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    widget.edit.selectAll()
    if text:
        type_text(widget.edit, text)
    else:
        qtbot.keyClick(widget.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["25/9/2026", "25/09/2026", "25092026"])
def test_a_date_typed_the_vietnamese_way_is_saved_once(qtbot, date_field, typed) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    finish(qtbot, date_field, typed)
    assert committed == [dt.date(2026, 9, 25)]
    assert date_field.value() == dt.date(2026, 9, 25)
    assert date_field.text() == "25/09/2026"   # shown the one way, whatever was typed
    assert date_field.problem() == ""


def test_nothing_is_read_before_the_clerk_finishes(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    date_field.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    date_field.edit.selectAll()
    type_text(date_field.edit, "2/3/2026")   # a half-typed "2/3/2026x" must not be saved early
    assert committed == []
    assert date_field.value() == SAVED


def test_the_same_date_again_is_not_a_change(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    finish(qtbot, date_field, "16/3/2026")
    assert committed == []
    assert date_field.text() == "16/03/2026"


def test_a_date_that_does_not_exist_is_refused_with_its_reason(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    finish(qtbot, date_field, "30/2/2026")
    assert committed == []
    assert date_field.value() == SAVED                       # the saved date kept
    assert date_field.text() == "30/2/2026"                  # what was typed stays to be corrected
    assert "tháng 2 năm 2026 chỉ có 28 ngày" in date_field.problem()
    assert date_field.edit.property("invalid") == "true"
    assert date_field.message.isVisibleTo(date_field)


def test_a_correction_clears_the_reason(qtbot, date_field) -> None:
    finish(qtbot, date_field, "32/1/2026")
    assert "ngày chỉ từ 1 đến 31" in date_field.problem()
    finish(qtbot, date_field, "31/1/2026")
    assert date_field.problem() == ""
    assert date_field.edit.property("invalid") != "true"
    assert date_field.value() == dt.date(2026, 1, 31)


def test_esc_puts_back_the_saved_date(qtbot, date_field) -> None:
    finish(qtbot, date_field, "30/2/2026")
    qtbot.keyClick(date_field.edit, Qt.Key.Key_Escape)
    assert date_field.text() == "16/03/2026"
    assert date_field.problem() == ""
    assert date_field.value() == SAVED


def test_an_emptied_field_saves_no_date_when_allowed(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    finish(qtbot, date_field, "")
    assert committed == [None]
    assert date_field.value() is None


def test_a_required_date_cannot_be_emptied(qtbot) -> None:
    widget = DateField(allow_empty=False)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_value(SAVED)
    finish(qtbot, widget, "")
    assert widget.value() == SAVED
    assert widget.problem() == "Cần ghi ngày này."


def test_a_read_only_field_reads_nothing(qtbot, date_field) -> None:
    date_field.set_read_only(True)
    date_field.edit.setText("1/1/2026")
    date_field.commit_text()
    assert date_field.value() == SAVED
    assert not date_field.button.isEnabled()


def test_set_value_shows_without_announcing(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    date_field.set_value(dt.date(2025, 12, 31))
    assert committed == []
    assert date_field.text() == "31/12/2025"


def test_the_calendar_opens_on_the_date_typed_then_saved_then_default(qtbot) -> None:
    widget = DateField(open_on=lambda: dt.date(2026, 1, 1))
    qtbot.addWidget(widget)
    widget.show()
    assert widget.calendar_start() == dt.date(2026, 1, 1)   # not January 2000
    widget.set_value(SAVED)
    assert widget.calendar_start() == SAVED
    widget.edit.setText("5/7/2026")
    assert widget.calendar_start() == dt.date(2026, 7, 5)
    widget.edit.setText("30/2/2026")   # not a date: the saved one
    assert widget.calendar_start() == SAVED


def test_a_day_picked_on_the_calendar_is_saved(qtbot, date_field) -> None:
    committed: list[object] = []
    date_field.committed.connect(committed.append)
    popup = date_field.open_calendar()
    assert popup.calendar.selectedDate().toString("dd/MM/yyyy") == "16/03/2026"
    assert (popup.calendar.yearShown(), popup.calendar.monthShown()) == (2026, 3)
    assert popup.calendar.locale().name() == "vi_VN"
    qtbot.waitExposed(popup)
    popup.calendar.clicked.emit(QDate(2026, 3, 20))
    assert committed == [dt.date(2026, 3, 20)]
    assert date_field.text() == "20/03/2026"
    assert not popup.isVisible()
