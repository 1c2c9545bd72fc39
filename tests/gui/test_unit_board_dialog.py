"""Báo cáo > Bảng tổng hợp tỷ lệ các đơn vị: a province's clerk sorts its communes by a rate
(by the number, not the text), filters them by a name typed without accents or to those below
a target, reads the province's rate from the sums, and exports the board."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from cchc_desktop import i18n
from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog
from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog
from cchc_desktop.storage.repository import ReportStore
from tests.documents.doc_helpers import pdf_text
from tests.gui.helpers import require_english_catalogue, type_text
from tests.rate_board_data import ON_TIME, ONLINE, PLAN, province_store

TOTAL = "Sở Nội vụ tỉnh Thử (tổng các đơn vị)"


@pytest.fixture
def province(store: ReportStore, window, tmp_path: Path) -> int:  # type: ignore[no-untyped-def]
    report_id = province_store(store, tmp_path / "nhan")
    window.open_report(report_id)
    return report_id


def open_board(qtbot: QtBot, window) -> UnitBoardDialog:  # type: ignore[no-untyped-def]
    assert window.ui.act_rate_board in window.ui.menu_report.actions()
    assert window.ui.act_rate_board.isEnabled()
    window.ui.act_rate_board.trigger()
    dialog = window.findChild(UnitBoardDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    return dialog


def column(dialog: UnitBoardDialog, index: int) -> list[str]:
    proxy = dialog.proxy
    return [proxy.index(row, index).data() for row in range(proxy.rowCount())]


def click_header(qtbot: QtBot, dialog: UnitBoardDialog, section: int) -> None:
    header = dialog.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
                header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)


def test_the_board_shows_each_units_rates_marks_and_the_sum_row(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int) -> None:
    dialog = open_board(qtbot, window)
    assert dialog.windowTitle() == "Bảng tổng hợp tỷ lệ các đơn vị"
    assert "3/4 đơn vị đã gửi báo cáo, 3 đơn vị có tỷ lệ dưới chỉ tiêu" in dialog.ui.summary.text()
    on_time = dialog.model.rate_column(ON_TIME)
    assert column(dialog, 0) == ["UBND xã An Bình", "UBND xã Định An", "UBND xã Mỹ Hòa",
                                 "UBND xã Tân Thạnh", TOTAL]
    assert column(dialog, on_time) == ["90,00%", "100,00%", "75,00% ▼", "—", "95,97%"]
    assert column(dialog, dialog.model.rate_column(PLAN)) == ["100,00%", "30,00% ▼", "—", "—",
                                                              "65,00% ▼"]
    note = dialog.model.columnCount() - 1
    assert column(dialog, note) == ["▼ dưới chỉ tiêu", "▼ dưới chỉ tiêu", "▼ dưới chỉ tiêu",
                                    "Chưa gửi báo cáo", "▼ dưới chỉ tiêu"]
    header = dialog.model.headerData(on_time, Qt.Orientation.Horizontal)
    assert header.replace("\n", " ") == "Tỷ lệ giải quyết đúng và trước hạn (chỉ tiêu 90,00%)"
    assert header.endswith("\n(chỉ tiêu 90,00%)")
    total_tip = dialog.proxy.index(4, on_time).data(Qt.ItemDataRole.ToolTipRole)
    assert "595/620" in total_tip and "chỉ tiêu 90,00%" in total_tip
    # the bars of the chosen rate: every unit, then the province, against the target
    assert dialog.chosen_code() == ON_TIME
    assert dialog.chart.bar_labels() == [
        "UBND xã An Bình: 90,00%", "UBND xã Định An: 100,00%", "UBND xã Mỹ Hòa: 75,00% ▼",
        "UBND xã Tân Thạnh: —", f"{TOTAL}: 95,97%"]
    assert [t.value for t in dialog.chart.chart.targets] == [90]
    dialog.close()


def test_a_rate_column_sorts_by_its_number_and_the_bars_follow(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int) -> None:
    dialog = open_board(qtbot, window)
    online = dialog.model.rate_column(ONLINE)
    click_header(qtbot, dialog, online)
    order = dialog.table.horizontalHeader().sortIndicatorOrder()
    ascending = ["10,00% ▼", "50,00% ▼", "75,00%", "—", "64,84%"]
    # by the text, "10" < "50" < "75" happens to agree: the on-time rate tells them apart
    if order == Qt.SortOrder.DescendingOrder:
        ascending = ["75,00%", "50,00% ▼", "10,00% ▼", "—", "64,84%"]
    assert column(dialog, online) == ascending
    assert dialog.chosen_code() == ONLINE           # sorting by a rate draws that rate
    on_time = dialog.model.rate_column(ON_TIME)
    dialog.table.sortByColumn(on_time, Qt.SortOrder.AscendingOrder)
    # 75 < 90 < 100 as numbers ("100,00%" would come first as text); no figure, then the sum
    assert column(dialog, on_time) == ["75,00% ▼", "90,00%", "100,00%", "—", "95,97%"]
    assert [label.split(":")[0] for label in dialog.chart.bar_labels()] == [
        "UBND xã Mỹ Hòa", "UBND xã An Bình", "UBND xã Định An", "UBND xã Tân Thạnh", TOTAL]
    dialog.table.sortByColumn(on_time, Qt.SortOrder.DescendingOrder)
    assert column(dialog, on_time) == ["100,00%", "90,00%", "75,00% ▼", "—", "95,97%"]
    dialog.close()


def test_filtering_by_a_name_without_accents_and_to_units_below_target(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int) -> None:
    dialog = open_board(qtbot, window)
    dialog.ui.filterEdit.setFocus()
    type_text(dialog.ui.filterEdit, "my hoa")
    assert column(dialog, 0) == ["UBND xã Mỹ Hòa", TOTAL]        # the sum row always stays
    assert dialog.chart.bar_labels() == ["UBND xã Mỹ Hòa: 75,00% ▼", f"{TOTAL}: 95,97%"]
    dialog.ui.filterEdit.clear()
    type_text(dialog.ui.filterEdit, "ĐỊNH")
    assert column(dialog, 0) == ["UBND xã Định An", TOTAL]
    dialog.ui.filterEdit.clear()
    qtbot.mouseClick(dialog.ui.belowOnly, Qt.MouseButton.LeftButton)
    assert dialog.ui.belowOnly.isChecked()
    assert column(dialog, 0) == ["UBND xã An Bình", "UBND xã Định An", "UBND xã Mỹ Hòa", TOTAL]
    type_text(dialog.ui.filterEdit, "an")
    assert column(dialog, 0) == ["UBND xã An Bình", "UBND xã Định An", TOTAL]
    dialog.close()


def test_the_board_exports_a_vietnamese_pdf_and_a_workbook(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int, tmp_path: Path) -> None:
    dialog = open_board(qtbot, window)
    assert dialog.consolidation.board_file_name(".pdf") == "BANG-TY-LE_snv-thu_2026-Q3.pdf"
    for kind in ("pdf", "xlsx"):
        assert dialog.export(kind, tmp_path / f"bang.{kind}") is not None
        qtbot.waitUntil(lambda: dialog.export_job is None, timeout=30_000)
        assert dialog.last_export == tmp_path / f"bang.{kind}"
        assert "Đã lưu" in dialog.ui.exportState.text()
    text = pdf_text(tmp_path / "bang.pdf", layout=False)
    assert "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ" in text and "595/620" in text and "75,00% ▼" in text
    sheet = openpyxl.load_workbook(tmp_path / "bang.xlsx").active
    assert sheet is not None
    assert [row[1] for row in sheet.iter_rows(min_row=7, values_only=True)][-1] == TOTAL
    dialog.close()


def test_the_consolidation_dialog_opens_the_board_from_its_rows(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int) -> None:
    window.ui.act_board.trigger()
    consolidation = window.findChild(ConsolidationDialog)
    qtbot.waitUntil(lambda: consolidation.board_job is None, timeout=10_000)
    consolidation.ui.rateBoard.click()
    dialog = consolidation.findChild(UnitBoardDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
    assert column(dialog, 0)[-1] == TOTAL
    dialog.close()
    consolidation.close()


def test_an_english_window_shows_english_words_and_exports_vietnamese(  # type: ignore[no-untyped-def]
        qtbot: QtBot, window, province: int, tmp_path: Path) -> None:
    require_english_catalogue()
    i18n.set_language("en")
    dialog = open_board(qtbot, window)
    assert dialog.windowTitle() == "Units' rates board"
    assert "3/4 units have reported" in dialog.ui.summary.text()
    on_time = dialog.model.rate_column(ON_TIME)
    assert dialog.model.headerData(on_time, Qt.Orientation.Horizontal).replace("\n", " ") == \
        "On-time rate (target 90.00%)"
    assert column(dialog, on_time) == ["90.00%", "100.00%", "75.00% ▼", "—", "95.97%"]
    assert column(dialog, 0)[-1] == "Sở Nội vụ tỉnh Thử (all units)"
    assert column(dialog, dialog.model.columnCount() - 1)[:4] == ["▼ below target"] * 3 + ["Not reported"]
    dialog.export("pdf", tmp_path / "bang.pdf")
    qtbot.waitUntil(lambda: dialog.export_job is None, timeout=30_000)
    assert dialog.ui.exportState.text().startswith("Saved bang.pdf")
    text = pdf_text(tmp_path / "bang.pdf", layout=False)
    assert "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ" in text and "Tỷ lệ giải quyết đúng và trước hạn" in text
    assert "95,97%" in text and "(tổng các đơn vị)" in text and "below" not in text
    dialog.close()
