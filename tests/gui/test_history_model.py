"""gui/history_model.py: the change log as a table model that reads a page of changes when the
view first asks for one of its rows, keeps a few pages, answers for the newest row at once, and
filters by a query."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from cchc_desktop.gui import history_model
from cchc_desktop.gui.history_model import PAGE, HistoryModel
from cchc_desktop.storage.changes import Change, ChangeLog

HEADERS = ["Mã", "Cũ", "Mới"]
EDITS = PAGE * 3 + 7


def cells(change: Change) -> list[str]:
    return [change.key, change.old or "", change.new or ""]


class CountedLog(ChangeLog):
    """The real change log, counting its page reads."""

    reads: list[int]

    def changes(self, ids):  # type: ignore[no-untyped-def]
        self.reads.append(len(ids))
        return super().changes(ids)


@pytest.fixture
def log(new_report) -> CountedLog:  # type: ignore[no-untyped-def]
    session = new_report
    code = next(iter(session.template.indicators))
    for n in range(1, EDITS + 1):
        session.set_value(code, Decimal(n))
        assert session.saver.flush()
    log = CountedLog(session.store.database, session.report_id)
    log.reads = []
    return log


def test_rows_are_the_changes_oldest_first_and_nothing_is_read_up_front(log) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(log, HEADERS, cells)
    assert log.reads == []
    assert model.rowCount() >= EDITS
    assert model.columnCount() == len(HEADERS)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Cũ"
    last = model.rowCount() - 1
    assert model.data(model.index(last, 2)) == str(EDITS)   # the newest, answered at once
    assert log.reads == [model.rowCount() % PAGE or PAGE]   # the last page only
    ids = log.ids()
    assert [model.change(row).id for row in range(model.rowCount())] == ids
    values = [model.cell(row, 2) for row in range(model.rowCount())]
    assert values[-EDITS:] == [str(n) for n in range(1, EDITS + 1)]


def test_a_page_is_read_once_per_page_not_per_row(log) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(log, HEADERS, cells)
    for row in range(PAGE):
        model.data(model.index(row, 0))
        model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert log.reads == [PAGE]


def test_other_roles_read_nothing(log) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(log, HEADERS, cells)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(QModelIndex()) is None
    assert log.reads == []
    assert model.rowCount(model.index(0, 0)) == 0   # a table: no children


def test_only_a_few_pages_are_kept(log, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(history_model, "KEPT_PAGES", 2)
    model = HistoryModel(log, HEADERS, cells)
    for page in range(3):
        model.cell(page * PAGE, 0)
    assert len(log.reads) == 3
    model.cell(PAGE, 0)                       # page 1 still kept
    assert len(log.reads) == 3
    model.cell(0, 0)                          # page 0 was dropped: read again
    assert len(log.reads) == 4


def test_the_filter_is_a_query_and_resets_the_view(log, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(log, HEADERS, cells)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    everything = model.rowCount()
    with qtbot.waitSignal(model.modelReset, timeout=1000):
        model.set_filter("7", lambda change: change.new or "")
    wanted = [n for n in range(1, EDITS + 1) if "7" in str(n)]
    assert [model.cell(row, 2) for row in range(model.rowCount())] == [str(n) for n in wanted]
    model.set_filter("", lambda change: change.new or "")
    assert model.rowCount() == everything


def test_the_view_shows_the_newest_row(log, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = HistoryModel(log, HEADERS, cells)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(500, 300)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    qtbot.wait(10)
    last = model.index(model.rowCount() - 1, 2)
    assert view.visualRect(last).isValid()
    assert len(log.reads) <= 2   # the last page (and the one above it), not every row above
