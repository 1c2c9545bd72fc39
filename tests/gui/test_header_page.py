"""Thông tin báo cáo: the report's number, date, signer, recipients and dates, saved as typed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from cchc_desktop.gui.header_page import HeaderPage
from cchc_desktop.gui.navigation import ROLE
from tests.gui.helpers import type_text, wait_saved


def header_page(window) -> HeaderPage:  # type: ignore[no-untyped-def]
    page = window.current_page()
    assert isinstance(page, HeaderPage)
    return page


def type_over(qtbot, edit, text: str) -> None:  # type: ignore[no-untyped-def]
    edit.setFocus(Qt.FocusReason.MouseFocusReason)
    edit.selectAll()
    type_text(edit, text)


def test_header_is_the_first_entry_under_the_open_report(window, new_report) -> None:
    period_item = window.navigation.page_items["header"].parent()
    first = period_item.child(0)
    assert first.text(0) == "Thông tin báo cáo"
    assert first.data(0, ROLE) == ("page", "header")
    window.navigation.itemClicked.emit(first, 0)
    page = header_page(window)
    assert page.symbol.text() == "BC-UBND"
    assert page.signer_name.text() == "Trần Thị Bích Ngọc"
    assert page.start.text() == "15/12/2025" and page.end.text() == "14/03/2026"
    assert page.deadline.edit.placeholderText() == "dd/mm/yyyy"


def test_header_edits_are_saved_and_come_back_after_reopening(qtbot, window, new_report,
                                                              store) -> None:
    report_id = new_report.report_id
    window.act_header.trigger()
    page = header_page(window)
    type_over(qtbot, page.number, "5")
    type_over(qtbot, page.subject, "Báo cáo công tác CCHC quý I năm 2026 (bổ sung)")
    type_over(qtbot, page.signer_name, "Nguyễn Văn Tư")
    page.date.commit(dt.date(2026, 3, 16))
    page.recipients.setPlainText("UBND tỉnh Đồng Tháp\nSở Nội vụ\n\nLưu: VT")
    page.deadline.commit(dt.date(2026, 3, 18))
    page.precision.setValue(1)
    assert window.session.saver.pending
    qtbot.waitUntil(lambda: not window.session.saver.pending, timeout=1500)   # within a second
    assert "18/03/2026" in window.period_label.text(), "the status bar follows the deadline"
    assert page.preview.text().startswith("Số: 05/BC-UBND   Mỹ An, ngày 16 tháng 3 năm 2026")

    stored = store.load_report(report_id)
    assert stored.document.number == "5" and stored.document.date == dt.date(2026, 3, 16)
    assert stored.recipients == ["UBND tỉnh Đồng Tháp", "Sở Nội vụ", "Lưu: VT"]
    assert stored.period.deadline == dt.date(2026, 3, 18) and stored.precision == 1

    window.show_start()
    window.close_report()
    window.open_report(report_id)
    window.act_header.trigger()
    page = header_page(window)
    assert page.number.text() == "5"
    assert page.subject.text() == "Báo cáo công tác CCHC quý I năm 2026 (bổ sung)"
    assert page.signer_name.text() == "Nguyễn Văn Tư"
    assert page.date.text() == "16/03/2026"
    assert page.recipients.toPlainText() == "UBND tỉnh Đồng Tháp\nSở Nội vụ\nLưu: VT"
    assert page.deadline.text() == "18/03/2026"
    assert page.precision.value() == 1


def test_dates_in_the_wrong_order_are_not_saved(qtbot, window, new_report, store) -> None:
    window.act_header.trigger()
    page = header_page(window)
    page.end.commit(dt.date(2025, 12, 1))
    assert "trước ngày bắt đầu" in page.message.text()
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).period.end == dt.date(2026, 3, 14)
    page.reset_dates()
    assert page.message.text() == ""
    assert page.end.text() == "14/03/2026"


def test_an_unwritten_document_date_stays_empty(qtbot, window, new_report, store) -> None:
    window.act_header.trigger()
    page = header_page(window)
    assert page.date.text() == ""
    assert "chưa ghi ngày" in page.date.edit.placeholderText()
    type_over(qtbot, page.number, "7")
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date is None
