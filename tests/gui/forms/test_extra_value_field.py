"""gui/forms/extra_value_field.py promises: the value of one of the unit's own figures is typed
as the indicators' are ("2.987,455", at most 3 decimals, checked at every keystroke): a valid
text is the figure at once, through one undoable step; a refused text stays in the field with
its reason under it, the figure back where the entry began, listed as being corrected (and
shown again if the field is rebuilt meanwhile); a locked report's field is read-only; its
menu offers the figure's history.

Beside tests/gui/forms/test_extra_figures.py (refused texts, Esc from the findings, NaN and
huge exponents, conflicts, through the section's group in the window): here `parse_extra` is
checked alone and the field built alone on a session of the sample report.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.forms.extra_value_field import ExtraValueField, parse_extra
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text

SIGNATURES = ExtraFigure("cds", "cqdt.chu_ky_so", "Số chữ ký số (thiết bị ký số) đã cấp", "chữ ký số",
                         Decimal("2987.455"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    session.set_extra_figures("cds", [SIGNATURES])
    yield session
    session.close()


def field_of(qtbot: QtBot, session: ReportSession) -> ExtraValueField:
    field = ExtraValueField(session, SIGNATURES)
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    return field


def type_over(field: ExtraValueField, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    type_text(field.edit, text)


def value(session: ReportSession) -> Decimal | None:
    [figure] = session.extra_figures("cds")
    return figure.value


@pytest.mark.parametrize(("text", "parsed", "problem"), [
    ("1.234,5", Decimal("1234.5"), None),
    ("  ", None, None),                                   # emptied: no value
    ("2.987,455", Decimal("2987.455"), None),
    ("1,2345", None, "Nhập tối đa 3 chữ số thập phân."),
    ("12a", None, "'12a' không phải là số (ví dụ đúng: 1.234,5)."),
    ("nan", None, "Giá trị không phải là số hữu hạn."),
])
def test_a_value_is_read_the_vietnamese_way_or_refused_with_its_reason(
        text: str, parsed: Decimal | None, problem: str | None) -> None:
    assert parse_extra(text) == (parsed, problem)


def test_the_field_shows_the_figure_and_takes_a_valid_text_at_once(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    field = field_of(qtbot, session)
    assert field.edit.text() == "2.987,455"
    assert field.edit.accessibleName() == "Số chữ ký số (thiết bị ký số) đã cấp"
    assert field.objectName() == "extra:cqdt.chu_ky_so"
    steps = session.undo_stack.count()
    type_over(field, "1.500")
    assert value(session) == 1500
    QTest.keyClick(field.edit, Qt.Key.Key_Return)
    assert session.undo_stack.count() == steps + 1      # the keystrokes of one entry: one step
    session.undo_stack.undo()
    assert value(session) == Decimal("2987.455")
    field.show_value()                                   # as its group does on a change
    assert field.edit.text() == "2.987,455"


def test_a_refused_text_stays_with_its_reason_and_is_being_corrected(qtbot: QtBot,
                                                                    session: ReportSession) -> None:
    field = field_of(qtbot, session)
    type_over(field, "40")
    type_text(field.edit, ",12345")                      # "40,12345": four decimals too many
    assert value(session) == Decimal("2987.455")         # back where the entry began
    assert field.edit.text() == "40,12345"
    assert field.message.text() == "Nhập tối đa 3 chữ số thập phân." and not field.message.isHidden()
    assert field.edit.property("invalid") == "true"
    correction = session.correction("extra/cqdt.chu_ky_so")
    assert correction is not None
    assert (correction.label, correction.text, correction.page) == (
        "Số chữ ký số (thiết bị ký số) đã cấp", "40,12345", "cds")
    QTest.keyClick(field.edit, Qt.Key.Key_Escape)        # given up: the saved figure again
    assert field.edit.text() == "2.987,455" and field.message.isHidden()
    assert session.corrections() == ()


def test_a_field_rebuilt_while_corrected_shows_the_refused_text(qtbot: QtBot,
                                                               session: ReportSession) -> None:
    first = field_of(qtbot, session)
    type_over(first, "12a")
    again = field_of(qtbot, session)                     # the section's rows built again
    assert again.edit.text() == "12a"
    assert again.message.text() == "'12a' không phải là số (ví dụ đúng: 1.234,5)."
    assert again.is_refused()
    type_over(again, "12")
    assert value(session) == 12 and not again.is_refused()


def test_a_locked_report_shows_the_field_read_only(qtbot: QtBot, session: ReportSession) -> None:
    session.set_status(ReportStatus.FINAL)
    field = field_of(qtbot, session)
    assert field.edit.isReadOnly()
    type_text(field.edit, "9")
    assert field.edit.text() == "2.987,455" and value(session) == Decimal("2987.455")


def test_the_menu_asks_for_the_figures_history(qtbot: QtBot, session: ReportSession) -> None:
    field = field_of(qtbot, session)
    asked: list[tuple[str, str]] = []
    session.history_requested.connect(lambda entity, key: asked.append((entity, key)))
    menu = field.context_menu()
    history = menu.actions()[-1]
    assert (history.objectName(), history.text()) == ("history", "Lịch sử...")
    history.trigger()
    assert asked == [("extra", "cqdt.chu_ky_so")]
    menu.deleteLater()
