"""gui/forms/number_field.py on its own promises, beside tests/gui/forms/test_refused_entries.py
(refused texts) and test_field_findings.py (error marks): a valid Vietnamese figure is the
report's figure at every keystroke, one entry is one undo step, the field follows undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.forms.number_field import NumberField
from tests.gui.helpers import field, type_into, type_text, wait_saved

BROUGHT = "tthc.hs.xa.ky_truoc"     # a count, one part of the total below
IN_PERSON = "tthc.hs.xa.moi_truc_tiep"
TOTAL = "tthc.hs.xa.tiep_nhan"      # received = brought forward + online + in person
MONEY = "tcc.dtc.giai_ngan"         # triệu đồng, 3 decimals


@pytest.fixture
def form(qtbot, window, new_report):  # type: ignore[no-untyped-def]
    return window


def test_a_vietnamese_figure_is_the_report_figure_as_it_is_typed(qtbot, form, store) -> None:
    widget = field(form, BROUGHT)
    type_into(qtbot, widget, "1")
    assert form.session.value(BROUGHT) == 1           # taken at the first key
    type_text(widget.edit, ".234")
    assert form.session.value(BROUGHT) == 1234        # "1.234" in the Vietnamese format, not 1,234
    assert form.session.figure(TOTAL) == 1234         # the total follows the typing
    assert widget.message.isHidden()
    wait_saved(qtbot, form)
    assert store.load_report(form.session.report_id).values[BROUGHT] == 1234


def test_a_decimal_figure_takes_the_vietnamese_decimal_comma(qtbot, form) -> None:
    widget = field(form, MONEY)
    type_into(qtbot, widget, "2.987,455")
    assert form.session.value(MONEY) == Decimal("2987.455")
    assert not widget.is_refused()
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert widget.edit.text() == "2.987,455"


def test_the_keystrokes_of_one_entry_are_one_undo_step(qtbot, form) -> None:
    widget = field(form, BROUGHT)
    steps = form.session.undo_stack.count()
    type_into(qtbot, widget, "311")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert form.session.undo_stack.count() == steps + 1
    other = field(form, IN_PERSON)
    type_into(qtbot, other, "42")
    qtbot.keyClick(other.edit, Qt.Key.Key_Return)
    assert form.session.undo_stack.count() == steps + 2   # another entry, another step


def test_the_field_shows_the_figure_undo_brings_back(qtbot, form) -> None:
    widget = field(form, BROUGHT)
    type_into(qtbot, widget, "42")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    type_into(qtbot, widget, "1.000")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    form.session.undo_stack.undo()
    assert form.session.value(BROUGHT) == 42
    assert widget.edit.text() == "42"
    form.session.undo_stack.undo()
    assert widget.edit.text() == ""


def test_a_refused_text_is_given_up_when_undo_changes_the_figure(qtbot, form) -> None:
    widget = field(form, BROUGHT)
    type_into(qtbot, widget, "42")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    type_into(qtbot, widget, "abc")
    assert widget.is_refused()
    form.session.undo_stack.undo()
    assert not widget.is_refused()
    assert widget.message.isHidden()
    assert widget.edit.text() == ""


def test_a_final_report_makes_its_fields_read_only(qtbot, form) -> None:
    assert not field(form, BROUGHT).edit.isReadOnly()
    form.session.set_status(ReportStatus.FINAL)
    widget = field(form, BROUGHT)
    assert widget.edit.isReadOnly()
    rebuilt = NumberField(widget.indicator, form.session)   # a page built while it is final
    qtbot.addWidget(rebuilt)
    assert rebuilt.edit.isReadOnly()


def test_the_context_menu_offers_history_and_evidence(qtbot, form) -> None:
    widget = field(form, BROUGHT)
    menu = widget.context_menu()
    names = [action.objectName() for action in menu.actions()]
    assert names[-2:] == ["history", "evidence"]
    menu.deleteLater()
