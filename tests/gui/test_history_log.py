"""The history dialog over a long change log: rows read a page at a time, filtered by a query."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cchc_desktop import i18n
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.gui import history_model
from cchc_desktop.gui.history_dialog import HistoryDialog, field_history
from cchc_desktop.storage.changes import ChangeLog
from cchc_desktop.storage.models import ChangeRow
from cchc_desktop.storage.repository import OwnUnit, ReportStore

COUNT = 5 * history_model.PAGE + 7       # several pages, the last one short


@pytest.fixture
def log(store: ReportStore, commune: OwnUnit) -> ChangeLog:
    report_id = store.create_report(2026, "Q1")
    start = dt.datetime(2025, 1, 1, 8, 0)
    with store.database.session() as session:
        for n in range(COUNT):
            if n == 3:
                session.add(ChangeRow(report_id=report_id, at=start, user="cb-lan", entity="status",
                                      key="status", old_value="submitted", new_value="draft",
                                      reason="Sửa theo Kế hoạch bổ sung"))
            else:
                session.add(ChangeRow(report_id=report_id, at=start + dt.timedelta(minutes=n),
                                      user="cb-minh", entity="value",
                                      key="cddh.kh.tong" if n % 2 else "cddh.kh.hoan_thanh",
                                      old_value=str(n), new_value=str(1000 + n)))
    return ChangeLog(store.database, report_id)


def _all_rows(dialog: HistoryDialog, column: str) -> list[str]:
    return [dialog.cell(row, column) for row in dialog.visible_rows()]


def test_every_change_is_a_row_and_the_newest_is_selected(qtbot, log: ChangeLog, store) -> None:
    dialog = HistoryDialog(log, store.registry.default())
    qtbot.addWidget(dialog)
    # The report's own "Tạo báo cáo" line comes first, then the COUNT changes written here.
    rows = _all_rows(dialog, "Cũ → mới")
    assert len(rows) == COUNT + 1
    assert rows[1] == "0 → 1.000" and rows[-1] == f"{COUNT - 1} → {1000 + COUNT - 1:,}".replace(",", ".")
    assert dialog.table.selectionModel().selectedRows()[0].row() == COUNT
    assert f"Sau:\n{1000 + COUNT - 1:,}".replace(",", ".") in dialog.detail.toPlainText()
    # Rows far apart come from pages read when asked for, not kept all at once.
    assert len(dialog.model._pages) <= history_model.KEPT_PAGES


def test_the_filter_finds_a_change_on_another_page_and_clears(qtbot, log: ChangeLog, store) -> None:
    dialog = HistoryDialog(log, store.registry.default())
    qtbot.addWidget(dialog)
    dialog.filter.setText("KẾ HOẠCH BỔ SUNG")
    assert _all_rows(dialog, "Cũ → mới") == ["Đã gửi → Dự thảo"]
    assert dialog.detail.toPlainText() == ""      # what was selected is no longer listed
    dialog.table.selectRow(0)
    assert "Lý do: Sửa theo Kế hoạch bổ sung" in dialog.detail.toPlainText()
    # A figure as the table writes it (grouped), not only as the log keeps it.
    dialog.filter.setText(f"{1000 + COUNT - 2:,}".replace(",", "."))
    assert _all_rows(dialog, "Cũ → mới") == [f"{COUNT - 2} → {1000 + COUNT - 2:,}".replace(",", ".")]
    dialog.filter.setText("không có ở đâu")
    assert dialog.visible_rows() == []
    dialog.filter.setText("")
    assert len(dialog.visible_rows()) == COUNT + 1


def test_a_field_history_reads_only_that_field(qtbot, log: ChangeLog, store) -> None:
    dialog = field_history(log, store.registry.default(), "value", "cddh.kh.tong")
    qtbot.addWidget(dialog)
    assert len(dialog.visible_rows()) == len([n for n in range(COUNT) if n % 2 and n != 3])
    assert "Nội dung" in dialog.columns
    assert {dialog.cell(row, "Nội dung") for row in dialog.visible_rows()} == {
        "Tổng số nhiệm vụ trong kế hoạch CCHC năm"}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value", ["0", "7", "999", "1000", "1234567", "123456789012345", "12.5",
                                   "-1234", "1234.000"])
def test_a_figure_is_written_as_format_number_writes_it(qtbot, log: ChangeLog, store, language: str,
                                                        value: str) -> None:
    i18n.set_language(language)
    dialog = HistoryDialog(log, store.registry.default())
    qtbot.addWidget(dialog)
    [change] = log.changes(log.ids()[2:3])
    decimals = store.registry.default().indicators[change.key].decimals
    assert dialog.value_text(change, value) == format_number(Decimal(value), decimals)
