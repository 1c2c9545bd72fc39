"""Letters, negative numbers and stray decimals are refused with a message under the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.helpers import field, type_into


@pytest.mark.parametrize(("typed", "message"), [
    ("12a", "'12a' không phải là số (ví dụ đúng: 1.234,5)."),
    ("-5", "Không nhập số âm."),
    ("2,5", "Chỉ nhập số nguyên."),
])
def test_a_count_refuses_what_is_not_a_count(qtbot, window, new_report, typed, message) -> None:
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "66")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)   # the entry of 66 is done
    type_into(qtbot, widget, typed)
    assert widget.message.isVisibleTo(window)
    assert widget.message.text() == message
    # Typed key by key, "12" and "2" were valid on the way: the refused entry keeps none of
    # them, the figure stays what it was before the entry.
    assert window.session.value("cddh.kh.tong") == 66
    assert widget.edit.text() == typed
    # Correcting the entry clears the message.
    type_into(qtbot, widget, "70")
    assert not widget.message.isVisibleTo(window)
    assert window.session.value("cddh.kh.tong") == 70


def test_a_percentage_above_one_hundred_is_refused(qtbot, window, new_report) -> None:
    widget = field(window, "cddh.hai_long")
    type_into(qtbot, widget, "101")
    assert widget.message.text() == "Giá trị là tỷ lệ phần trăm nên không vượt quá 100."
    type_into(qtbot, widget, "88,6")
    assert str(window.session.value("cddh.hai_long")) == "88.6"


def test_clearing_a_field_means_not_entered(qtbot, window, new_report) -> None:
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "66")
    type_into(qtbot, widget, "")
    assert window.session.value("cddh.kh.tong") is None
    assert not widget.message.isVisibleTo(window)
