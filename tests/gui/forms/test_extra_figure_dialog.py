"""gui/forms/extra_figure_dialog.py promises: "Thêm số liệu..." offers the template's suggested
figures of the section first (their keys kept, so a superior unit can sum them), then a figure
the unit names itself, keyed from its name and unique in the report; "Thêm tỷ lệ..." is of two
different figures of the section, a suggested rate bringing the figures the report lacks
("thêm: ..."); "Sửa..." changes a name, unit or terms and keeps the key and value; what
cannot be added is said under the fields in a sentence, and the dialog stays open.

Beside tests/gui/forms/test_extra_figures.py, which adds, renames and removes figures through
the section's group in the window: here the dialog is built alone on a session of the sample
report and its fields filled as the clerk does.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.gui.forms.extra_figure_dialog import ExtraFigureDialog
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text

MEETINGS = ExtraFigure("tcbm", "own.so_cuoc_hop", "Số cuộc họp", "cuộc", Decimal(12))
ONLINE = ExtraFigure("tcbm", "own.so_cuoc_hop_truc_tuyen", "Số cuộc họp trực tuyến", "cuộc", Decimal(9))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def dialog_of(qtbot: QtBot, session: ReportSession, section: str, *, rate: bool = False,
              editing: ExtraFigure | None = None) -> ExtraFigureDialog:
    dialog = ExtraFigureDialog(session, section, rate=rate, editing=editing)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def offered(dialog: ExtraFigureDialog) -> list[str]:
    items = [dialog.ui.suggestions.item(row) for row in range(dialog.ui.suggestions.count())]
    return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items if item is not None]


def ok(dialog: ExtraFigureDialog) -> None:
    dialog.ui.buttons.accepted.emit()


def name_own(dialog: ExtraFigureDialog, label: str, unit: str = "") -> None:
    dialog.ui.suggestions.setCurrentRow(dialog.ui.suggestions.count() - 1)
    type_text(dialog.ui.label, label)
    if unit:
        type_text(dialog.ui.unit, unit)


def test_the_sections_suggestions_come_first_and_keep_their_key(qtbot: QtBot, session: ReportSession) -> None:
    dialog = dialog_of(qtbot, session, "tthc")
    assert dialog.windowTitle() == "Thêm số liệu bổ sung"
    assert offered(dialog) == ["sohoa.tinh.phai", "sohoa.tinh.da", "sohoa.huyen.phai", "sohoa.huyen.da",
                               "sohoa.xa.phai", "sohoa.xa.da", ""]     # no rates, the own entry last
    dialog.ui.suggestions.setCurrentRow(4)
    assert (dialog.ui.label.text(), dialog.ui.unit.text()) == ("Số hồ sơ phải số hóa cấp xã", "hồ sơ")
    ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.figures() == [ExtraFigure("tthc", "sohoa.xa.phai", "Số hồ sơ phải số hóa cấp xã", "hồ sơ")]


def test_an_own_figure_is_keyed_from_its_name_unique_in_the_report(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    session.set_extra_figures("tcbm", [ONLINE])
    dialog = dialog_of(qtbot, session, "tcbm")
    assert offered(dialog) == [""]                       # nothing suggested for this section
    name_own(dialog, "  Số cuộc họp   trực tuyến ", " cuộc ")
    [added] = dialog.added()
    assert (added.label, added.unit) == ("Số cuộc họp trực tuyến", "cuộc")
    assert added.key == "own.so_cuoc_hop_truc_tuyen_2"          # the first is taken
    assert dialog.figures() == [ONLINE, added]


def test_a_figure_without_a_name_is_refused_and_the_dialog_stays(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    dialog = dialog_of(qtbot, session, "tcbm")
    name_own(dialog, "   ")
    ok(dialog)
    assert dialog.ui.problem.text() == "Hãy nhập tên số liệu."
    assert not dialog.ui.problem.isHidden()
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    type_text(dialog.ui.label, "Số máy chủ")
    ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.ui.problem.isHidden()


def test_a_rate_needs_two_different_figures_of_the_section(qtbot: QtBot, session: ReportSession) -> None:
    session.set_extra_figures("tcbm", [MEETINGS])
    lonely = dialog_of(qtbot, session, "tcbm", rate=True)
    assert lonely.windowTitle() == "Thêm tỷ lệ"
    assert lonely.ui.unit.isHidden() and not lonely.ui.numerator.isHidden()
    name_own(lonely, "Tỷ lệ họp trực tuyến")
    ok(lonely)
    assert lonely.ui.problem.text() == "Số bị chia và số chia phải là hai số liệu khác nhau."
    session.set_extra_figures("tcbm", [MEETINGS, ONLINE])
    dialog = dialog_of(qtbot, session, "tcbm", rate=True)
    name_own(dialog, "Tỷ lệ họp trực tuyến")
    dialog.ui.numerator.setCurrentIndex(dialog.ui.numerator.findData(ONLINE.key))
    dialog.ui.denominator.setCurrentIndex(dialog.ui.denominator.findData(MEETINGS.key))
    ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [rate] = dialog.added()
    assert (rate.key, rate.unit, rate.rate_of) == ("own.ty_le_hop_truc_tuyen", "%",
                                                   (ONLINE.key, MEETINGS.key))


def test_a_rate_without_figures_asks_for_them_first(qtbot: QtBot, session: ReportSession) -> None:
    dialog = dialog_of(qtbot, session, "tcbm", rate=True)
    assert offered(dialog) == [""]
    name_own(dialog, "Tỷ lệ ký số")
    ok(dialog)
    assert dialog.ui.problem.text() == "Tỷ lệ cần hai số liệu của mục này: hãy thêm số liệu trước."


def test_a_suggested_rate_brings_the_figures_the_report_lacks(qtbot: QtBot, session: ReportSession) -> None:
    dialog = dialog_of(qtbot, session, "tthc", rate=True)
    assert offered(dialog) == ["sohoa.tinh.ty_le", "sohoa.huyen.ty_le", "sohoa.xa.ty_le", ""]
    dialog.ui.suggestions.setCurrentRow(2)
    assert dialog.ui.numerator.currentText() == "thêm: Số hồ sơ đã số hóa cấp xã"
    assert dialog.ui.denominator.currentText() == "thêm: Số hồ sơ phải số hóa cấp xã"
    assert not dialog.ui.numerator.isEnabled()          # the template's fraction, not another
    assert [f.key for f in dialog.added()] == ["sohoa.xa.da", "sohoa.xa.phai", "sohoa.xa.ty_le"]
    dialog.ui.suggestions.setCurrentRow(3)              # the unit's own rate: its terms free
    assert dialog.ui.numerator.isEnabled() and dialog.ui.label.text() == ""


def test_editing_keeps_the_key_and_value_and_changes_the_name(qtbot: QtBot, session: ReportSession) -> None:
    session.set_extra_figures("tcbm", [MEETINGS, ONLINE])
    dialog = dialog_of(qtbot, session, "tcbm", editing=MEETINGS)
    assert dialog.windowTitle() == "Sửa số liệu bổ sung"
    assert dialog.ui.suggestions.isHidden()
    assert (dialog.ui.label.text(), dialog.ui.unit.text()) == ("Số cuộc họp", "cuộc")
    dialog.ui.label.selectAll()
    type_text(dialog.ui.label, "Số cuộc họp giao ban")
    ok(dialog)
    assert dialog.figures() == [
        ExtraFigure("tcbm", "own.so_cuoc_hop", "Số cuộc họp giao ban", "cuộc", Decimal(12)), ONLINE]
