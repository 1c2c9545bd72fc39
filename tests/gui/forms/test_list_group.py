"""gui/forms/list_group.py promises: an indicator group laid out as a list, one row per
indicator: its label (its help as tooltip, the field its buddy), a field to type in or, for a
figure the clerk does not type, the computed figure in italics, its unit, and a column for the
previous period and one for the same period last year when they are known.

Beside tests/gui/forms/test_records_form.py (a rate beside its inputs in the window): here the
group is built alone on a session of the sample report, with earlier reports in the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.template import Group
from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.list_group import LABEL_MINIMUM, ListGroup, header
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.factories import sample_report
from tests.gui.forms.sample_data import sample_id, sample_store

PLAN, DONE, RATE = "cddh.kh.tong", "cddh.kh.hoan_thanh", "cddh.kh.ty_le_hoan_thanh"


def group_of(session: ReportSession, group_id: str) -> Group:
    return next(group for section in session.template.sections
                for part in (section, *section.children) for group in part.groups
                if group.id == group_id)


def built(qtbot: QtBot, session: ReportSession, group_id: str = "cddh.kh") -> ListGroup:
    box = ListGroup(group_of(session, group_id), session)
    qtbot.addWidget(box)
    return box


def grid_of(box: ListGroup) -> QGridLayout:
    grid = box.layout()
    assert isinstance(grid, QGridLayout)
    return grid


def cell(box: ListGroup, row: int, col: int) -> QWidget:
    item = grid_of(box).itemAtPosition(row, col)
    widget = item.widget() if item is not None else None
    assert widget is not None, (row, col)
    return widget


def row_texts(box: ListGroup, row: int) -> list[str]:
    grid = box.layout()
    assert isinstance(grid, QGridLayout)
    texts = []
    for col in range(grid.columnCount()):
        item = grid.itemAtPosition(row, col)
        widget = item.widget() if item is not None else None
        if isinstance(widget, NumberField):
            texts.append(widget.edit.text())
        elif isinstance(widget, QLabel):
            texts.append(widget.text())
    return texts


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


@pytest.fixture
def compared(store: ReportStore) -> Iterator[ReportSession]:
    """The sample opened after last year's Năm and Quý I were saved beside it."""
    for year, kind, plan in ((2025, "Y", "60"), (2025, "Q1", "1234")):
        store.save_report(dataclasses.replace(sample_report(), period=Period.default(year, kind),
                                              values={PLAN: Decimal(plan)}))
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def test_each_indicator_is_a_row_of_label_field_and_unit(qtbot: QtBot, session: ReportSession) -> None:
    box = built(qtbot, session)
    assert box.title() == "Kế hoạch CCHC năm"
    assert row_texts(box, 0) == ["Chỉ tiêu", "Kỳ này", "Đơn vị tính"]
    assert row_texts(box, 1) == ["Tổng số nhiệm vụ trong kế hoạch CCHC năm", "66", "nhiệm vụ"]
    assert list(box.fields) == list(group_of(session, "cddh.kh").codes)
    field = box.fields[PLAN]
    assert isinstance(field, NumberField)
    label = cell(box, 1, 0)
    assert isinstance(label, QLabel) and label.buddy() is field.edit     # Alt+letter reaches it
    assert label.toolTip() == str(session.template.indicators[PLAN].help)


def test_a_figure_not_typed_is_computed_in_italics_across_field_and_unit(
        qtbot: QtBot, session: ReportSession) -> None:
    box = built(qtbot, session)
    rate = box.fields[RATE]
    assert isinstance(rate, DerivedLabel)
    assert rate.text() == "42/66 nhiệm vụ, đạt 63,64%"
    [row] = [r for r in range(1, grid_of(box).rowCount())
             if row_texts(box, r)[0] == "Tỷ lệ hoàn thành kế hoạch"]
    assert cell(box, row, 1) is rate and cell(box, row, 2) is rate      # spans the unit's column
    assert cell(box, row, 0).property("tone") == "italic"
    session.set_value(DONE, Decimal(66))
    assert rate.text() == "66/66 nhiệm vụ, đạt 100,00%"


def test_earlier_periods_get_their_columns_with_their_names(qtbot: QtBot, compared: ReportSession) -> None:
    box = built(qtbot, compared)
    assert row_texts(box, 0) == ["Chỉ tiêu", "Kỳ này", "Đơn vị tính", "Kỳ trước\n(Năm 2025)",
                                 "Cùng kỳ năm trước\n(Quý I năm 2025)"]
    assert row_texts(box, 1) == ["Tổng số nhiệm vụ trong kế hoạch CCHC năm", "66", "nhiệm vụ",
                                 "60", "1.234"]
    assert row_texts(box, 2)[3:] == ["", ""]                              # not known then


def test_labels_give_the_evidence_buttons_their_room(qtbot: QtBot, session: ReportSession) -> None:
    box = built(qtbot, session)
    field = box.fields[PLAN]
    assert isinstance(field, NumberField)
    room = field.evidence_room()
    assert room > 0
    assert cell(box, 1, 0).minimumWidth() == LABEL_MINIMUM - room


def test_a_header_is_a_wrapped_column_heading(qtbot: QtBot) -> None:
    parent = QLabel()
    qtbot.addWidget(parent)
    label = header("Cùng kỳ năm trước", parent)
    assert label.property("tone") == "column-header" and label.wordWrap()
    assert label.text() == "Cùng kỳ năm trước"
