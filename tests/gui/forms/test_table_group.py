"""gui/forms/table_group.py promises: a group the template declares "rows by level" shows the
levels as columns ("Cấp tỉnh", "Cấp xã") and the indicators as rows, only the levels that apply
to the unit and period, a total column only beside two levels or more (beside one, the
total's codes lead to the level's cells), rates stacked with their room reserved, and under
each typed cell the short comparison hint ("Kỳ trước: 42 · Cùng kỳ: 40").

Beside tests/gui/forms/test_records_form.py (a commune's table in the window, the rates as
the clerk types, a district of 2024): here the groups are built alone, for a province and
for the sample commune with earlier reports in the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.template import Group
from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.forms.table_group import TableGroup
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.factories import sample_report
from tests.gui.forms.sample_data import sample_id, sample_store

CARRIED = "tthc.hs.xa.ky_truoc"


def group_of(session: ReportSession, group_id: str) -> Group:
    return next(group for section in session.template.sections
                for part in (section, *section.children) for group in part.groups
                if group.id == group_id)


def built(qtbot: QtBot, session: ReportSession, group_id: str = "tthc.hs") -> TableGroup:
    box = TableGroup(group_of(session, group_id), session)
    qtbot.addWidget(box)
    return box


def headers(box: TableGroup) -> list[str]:
    return [label.text() for label in box.findChildren(QLabel) if label.property("tone") == "column-header"]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def province(store: ReportStore) -> Iterator[ReportSession]:
    """The data file taken over by a province's clerk, its Quý I 2026 started."""
    store.save_own_unit(OwnUnit("tinh-dong-thap", "Ủy ban nhân dân tỉnh Đồng Tháp", "tinh"))
    session = ReportSession(store, store.create_report(2026, "Q1"))
    yield session
    session.close()


@pytest.fixture
def compared(store: ReportStore) -> Iterator[ReportSession]:
    """The sample opened after last year's Năm and Quý I were saved beside it."""
    for year, kind, carried in ((2025, "Y", "42"), (2025, "Q1", "1500")):
        store.save_report(dataclasses.replace(sample_report(), period=Period.default(year, kind),
                                              values={CARRIED: Decimal(carried)}))
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def test_a_province_has_its_level_the_communes_and_a_total(qtbot: QtBot, province: ReportSession) -> None:
    box = built(qtbot, province)
    assert box.levels == ("tinh", "xa")                 # no district level after July 2025
    assert headers(box) == ["Chỉ tiêu", "Đơn vị tính", "Cấp tỉnh", "Cấp xã", "Tổng cộng"]
    total = box.fields["tthc.hs.tong.ky_truoc"]
    assert isinstance(total, DerivedLabel)               # the total is computed, not typed
    assert total is not box.fields["tthc.hs.xa.ky_truoc"]
    assert not any(".huyen." in code for code in box.fields)
    province.set_value("tthc.hs.tinh.ky_truoc", Decimal(1200))
    province.set_value("tthc.hs.xa.ky_truoc", Decimal(34))
    assert total.text() == "1.234"


def test_beside_one_level_the_total_leads_to_its_cells(qtbot: QtBot, compared: ReportSession) -> None:
    box = built(qtbot, compared)
    assert headers(box) == ["Chỉ tiêu", "Đơn vị tính", "Cấp xã"]
    for pattern in group_of(compared, "tthc.hs").patterns:
        assert box.fields[pattern.replace("{L}", "tong")] is box.fields[pattern.replace("{L}", "xa")]


def test_a_typed_cell_carries_the_comparison_hint(qtbot: QtBot, compared: ReportSession) -> None:
    box = built(qtbot, compared)
    cell = box.fields[CARRIED]
    assert isinstance(cell, NumberField)
    assert cell.hint.text() == "Kỳ trước: 42 · Cùng kỳ: 1.500"
    assert not cell.hint.isHidden()
    online = box.fields["tthc.hs.xa.moi_truc_tuyen"]
    assert isinstance(online, NumberField) and online.hint.isHidden()   # nothing known before


def test_rates_are_stacked_with_their_room_reserved(qtbot: QtBot, compared: ReportSession) -> None:
    box = built(qtbot, compared)
    rate = box.fields["tthc.hs.xa.ty_le_dung_han"]
    assert isinstance(rate, DerivedLabel) and rate.stacked
    assert rate.text() == "99,51%\n1.421/1.428 hồ sơ"
    assert rate.minimumHeight() > 0 and rate.minimumWidth() > rate.fontMetrics().horizontalAdvance("99,51%")
    label = next(label for label in box.findChildren(QLabel)
                 if label.text() == str(compared.template.indicators["tthc.hs.xa.ty_le_dung_han"].label))
    assert label.property("tone") == "italic"
