"""gui/forms/derived.py promises: the figures the clerk does not type are worded from the
saved figures ("1.557" for a sum, "42/66 nhiệm vụ, đạt 63,64%" for a rate, or stacked
"63,64%" over "42/66 nhiệm vụ" in a table's column) and follow them; while an input at any
depth shows a refused text the figure says it does not count it ("estimated" tone); a share
above 100% is shown in the error tone with "(!)"; a label reserves room for its widest text.

Beside tests/gui/forms/test_refused_entries.py (a total's tooltip while one field is being
corrected, in the window) and test_field_findings.py (error marks on the labels of a
finding): here the labels are built alone on a session of the sample report.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.forms.derived import (
    DerivedLabel,
    corrected_inputs,
    derived_text,
    stacked_text,
    widest_stacked_text,
    widest_text,
)
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store

RECEIVED = "tthc.hs.xa.tiep_nhan"            # 1.557 = carried + online + in person
CARRIED = "tthc.hs.xa.ky_truoc"
DONE_RATE = "cddh.kh.ty_le_hoan_thanh"       # a share: tasks done of the plan's
DONE = "cddh.kh.hoan_thanh"
ON_TIME_RATE = "tthc.hs.tong.ty_le_dung_han"  # over totals of totals of the levels
ON_TIME_XA = "tthc.hs.xa.da_giai_quyet.dung_han"
MONEY_RATE = "tcc.dtc.ty_le"                 # not a share


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def label_of(qtbot: QtBot, session: ReportSession, code: str, *, align_right: bool = False,
             stacked: bool = False) -> DerivedLabel:
    label = DerivedLabel(session.template.indicators[code], session, align_right=align_right,
                         stacked=stacked)
    qtbot.addWidget(label)
    return label


def refuse(session: ReportSession, code: str, text: str = "1.234,5") -> None:
    """The field of `code` shows a text it could not save, as a NumberField tells the session."""
    session.set_correction(Correction(code, session.template.indicators[code].full_label, text,
                                      "Số hồ sơ phải là số nguyên.", "tthc"))


def test_sums_and_rates_are_worded_from_the_saved_figures(session: ReportSession) -> None:
    indicators = session.template.indicators
    assert derived_text(session, indicators[RECEIVED]) == "1.557"
    assert derived_text(session, indicators[DONE_RATE]) == "42/66 nhiệm vụ, đạt 63,64%"
    assert derived_text(session, indicators[MONEY_RATE]) == "2.987,455/15.400 triệu đồng, đạt 19,40%"
    assert stacked_text(session, indicators[ON_TIME_RATE]) == "99,51%\n1.421/1.428 hồ sơ"
    assert stacked_text(session, indicators[RECEIVED]) == "1.557"     # not a rate: one line
    session.set_value("cddh.kh.tong", None)
    assert derived_text(session, indicators[DONE_RATE]) == ""          # unknown: nothing shown
    assert stacked_text(session, indicators[DONE_RATE]) == ""


def test_the_widest_texts_leave_room_for_the_overflow_mark_of_a_share(session: ReportSession) -> None:
    indicators = session.template.indicators
    assert widest_text(session, indicators[RECEIVED]) == "999.999.999"
    assert widest_text(session, indicators[DONE_RATE]) == "999.999/999.999 nhiệm vụ, đạt 100,00% (!)"
    assert widest_text(session, indicators[MONEY_RATE]) == "999.999/999.999 triệu đồng, đạt 100,00%"
    assert widest_stacked_text(session, indicators[ON_TIME_RATE]) == "100,00% (!)\n999.999/999.999 hồ sơ"
    assert widest_stacked_text(session, indicators[RECEIVED]) == "999.999.999"


def test_a_label_follows_its_inputs(qtbot: QtBot, session: ReportSession) -> None:
    label = label_of(qtbot, session, RECEIVED, align_right=True)
    assert label.text() == "1.557"
    assert label.toolTip() == "Tính tự động, không nhập."
    assert label.property("tone") == "computed"
    session.set_value(CARRIED, Decimal(1000))
    assert label.text() == "2.515"


def test_a_share_above_one_hundred_percent_is_marked_wrong(qtbot: QtBot, session: ReportSession) -> None:
    label = label_of(qtbot, session, DONE_RATE)
    session.set_value(DONE, Decimal(70))
    assert label.text() == "70/66 nhiệm vụ, đạt 106,06% (!)"
    assert label.property("tone") == "error-strong"
    session.set_value(DONE, Decimal(66))
    assert label.text() == "66/66 nhiệm vụ, đạt 100,00%"
    assert label.property("tone") == "computed"


def test_an_input_being_corrected_at_any_depth_is_named_in_the_tooltip(qtbot: QtBot,
                                                                      session: ReportSession) -> None:
    indicator = session.template.indicators[ON_TIME_RATE]
    assert corrected_inputs(session, indicator) == []
    label = label_of(qtbot, session, ON_TIME_RATE, stacked=True)
    refuse(session, ON_TIME_XA)                 # an input of an input of the rate's inputs
    assert corrected_inputs(session, indicator) == [ON_TIME_XA]
    name = session.template.indicators[ON_TIME_XA].full_label
    assert label.toolTip() == (f"Tính theo số đã lưu: ô {name} đang sửa, giá trị đang hiện ở đó "
                               "chưa được lưu nên chưa được tính.")
    assert label.property("tone") == "estimated"
    assert label.text() == "99,51%\n1.421/1.428 hồ sơ"    # from the saved figures
    refuse(session, CARRIED)                    # not an input of this rate
    assert corrected_inputs(session, indicator) == [ON_TIME_XA]
    session.clear_correction(ON_TIME_XA)
    assert label.property("tone") == "computed"
    assert label.toolTip() == "Tính tự động, không nhập."


def test_a_label_reserves_the_room_of_its_widest_text(qtbot: QtBot, session: ReportSession) -> None:
    flat = label_of(qtbot, session, DONE_RATE)
    stacked = label_of(qtbot, session, ON_TIME_RATE, stacked=True)
    flat.reserve_width()
    stacked.reserve_width()
    font = QFont(flat.font())
    font.setBold(True)
    font.setItalic(True)
    metrics = QFontMetrics(font)
    assert flat.minimumWidth() >= metrics.horizontalAdvance("999.999/999.999 nhiệm vụ, đạt 100,00% (!)")
    assert stacked.minimumWidth() >= metrics.horizontalAdvance("999.999/999.999 hồ sơ")
    assert stacked.minimumWidth() < flat.minimumWidth()          # half a line: narrower
    assert stacked.minimumHeight() >= 2 * metrics.lineSpacing()  # two lines from the start
    assert flat.minimumHeight() == 0
