"""Thông tin báo cáo: the report's number, date, signer, recipients and dates, saved as typed."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTableView, QToolButton

from cchc_desktop.domain.header_checks import DATE_AFTER_DEADLINE_RULE
from cchc_desktop.gui.header_page import HeaderPage, UsualRecipientsDialog
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
    window.ui.act_header.trigger()
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
    assert "18/03/2026" in window.ui.statusbar.period_label.text(), "the status bar follows the deadline"
    assert page.preview.text().startswith("Số: 05/BC-UBND   Mỹ An, ngày 16 tháng 3 năm 2026")

    stored = store.load_report(report_id)
    assert stored.document.number == "5" and stored.document.date == dt.date(2026, 3, 16)
    assert stored.recipients == ["UBND tỉnh Đồng Tháp", "Sở Nội vụ", "Lưu: VT"]
    assert stored.period.deadline == dt.date(2026, 3, 18) and stored.precision == 1

    window.show_start()
    window.close_report()
    window.open_report(report_id)
    window.ui.act_header.trigger()
    page = header_page(window)
    assert page.number.text() == "5"
    assert page.subject.text() == "Báo cáo công tác CCHC quý I năm 2026 (bổ sung)"
    assert page.signer_name.text() == "Nguyễn Văn Tư"
    assert page.date.text() == "16/03/2026"
    assert page.recipients.toPlainText() == "UBND tỉnh Đồng Tháp\nSở Nội vụ\nLưu: VT"
    assert page.deadline.text() == "18/03/2026"
    assert page.precision.value() == 1


def test_dates_in_the_wrong_order_are_not_saved(qtbot, window, new_report, store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    page.end.commit(dt.date(2025, 12, 1))
    assert "trước ngày bắt đầu" in page.message.text()
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).period.end == dt.date(2026, 3, 14)
    page.reset_dates()
    assert page.message.text() == ""
    assert page.end.text() == "14/03/2026"


def test_an_unwritten_document_date_stays_empty(qtbot, window, new_report, store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    assert page.date.text() == ""
    assert "chưa ghi ngày" in page.date.edit.placeholderText()
    type_over(qtbot, page.number, "7")
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date is None


# ------------------------------------------------------------------------------ document date

def finish(qtbot, edit) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["25/09/2026", "25/9/2026", "25092026"])
def test_a_typed_document_date_is_saved(qtbot, window, new_report, store, typed: str) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    assert page.date.value() is None
    type_over(qtbot, page.date.edit, typed)
    finish(qtbot, page.date.edit)
    assert page.date.text() == "25/09/2026"
    assert page.date.problem() == ""
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date == dt.date(2026, 9, 25)
    # Q1 2026 was due on 20/03/2026: a warning under the date and in the findings.
    assert page.date_warning.isVisibleTo(page)
    assert page.date_warning.text() == "Ngày ban hành 25/09/2026 sau hạn gửi báo cáo 20/03/2026."
    assert any(f.rule == DATE_AFTER_DEADLINE_RULE for f in window.session.context.findings)


def test_an_impossible_date_is_explained_kept_on_screen_and_not_saved(qtbot, window, new_report,
                                                                      store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    type_over(qtbot, page.date.edit, "16/03/2026")
    finish(qtbot, page.date.edit)
    wait_saved(qtbot, window)
    assert not page.date_warning.isVisibleTo(page), "signed between the cut-off and the deadline"

    type_over(qtbot, page.date.edit, "31/02/2026")
    finish(qtbot, page.date.edit)
    assert page.date.text() == "31/02/2026", "the typed text stays for the clerk to fix"
    assert page.date.problem() == ("31/02/2026 không phải ngày có thật: tháng 2 năm 2026 chỉ có "
                                   "28 ngày.")
    assert page.date.message.isVisibleTo(page)
    assert page.date.value() == dt.date(2026, 3, 16)
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date == dt.date(2026, 3, 16)
    assert window.session.report.document.date == dt.date(2026, 3, 16)

    qtbot.keyClick(page.date.edit, Qt.Key.Key_Escape)
    assert page.date.text() == "16/03/2026"
    assert page.date.problem() == ""


def test_leaving_the_field_reads_the_date_too_and_emptying_it_unwrites_it(qtbot, window, new_report,
                                                                          store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    type_over(qtbot, page.date.edit, "17.3.2026")
    page.subject.setFocus(Qt.FocusReason.TabFocusReason)   # editingFinished on leaving
    assert page.date.text() == "17/03/2026"
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date == dt.date(2026, 3, 17)
    type_over(qtbot, page.date.edit, "")
    qtbot.keyClick(page.date.edit, Qt.Key.Key_Delete)
    finish(qtbot, page.date.edit)
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date is None


def test_the_calendar_speaks_vietnamese_and_opens_on_today(qtbot, window, new_report, store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    popup = page.date.open_calendar()
    calendar = popup.calendar
    assert popup.isVisible()
    # TODAY (16/03/2026) lies between the cut-off's end (14/03) and the deadline (20/03).
    assert calendar.selectedDate() == QDate(2026, 3, 16)
    assert (calendar.yearShown(), calendar.monthShown()) == (2026, 3)
    assert calendar.locale().monthName(9) == "tháng 9"
    month_button = calendar.findChild(QToolButton, "qt_calendar_monthbutton")
    assert month_button.text() == "Tháng 3"
    view = calendar.findChild(QTableView)
    header = [view.model().data(view.model().index(0, column)) for column in range(7)]
    assert header == ["Thứ 2", "Thứ 3", "Thứ 4", "Thứ 5", "Thứ 6", "Thứ 7", "CN"]

    # A click on the 18th picks it.
    model = view.model()
    cell = next(model.index(row, column) for row in range(1, model.rowCount())
                for column in range(model.columnCount())
                if model.data(model.index(row, column)) == 18)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(cell).center())
    assert not popup.isVisible()
    assert page.date.text() == "18/03/2026"
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).document.date == dt.date(2026, 3, 18)
    assert page.date.open_calendar().calendar.selectedDate() == QDate(2026, 3, 18)


def test_the_calendar_opens_on_the_cut_off_end_before_it(qtbot, window, new_report) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    type_over(qtbot, page.end.edit, "31032026")
    finish(qtbot, page.end.edit)
    type_over(qtbot, page.deadline.edit, "05/04/2026")
    finish(qtbot, page.deadline.edit)
    assert window.session.report.period.end == dt.date(2026, 3, 31)
    # TODAY (16/03) is before the new cut-off's end: the report cannot be signed yet.
    assert page.date.open_calendar().calendar.selectedDate() == QDate(2026, 3, 31)
    page.date.popup.close()  # type: ignore[union-attr]
    assert page.end.open_calendar().calendar.locale().name() == "vi_VN"


def test_period_dates_refuse_an_empty_or_impossible_date(qtbot, window, new_report, store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    type_over(qtbot, page.deadline.edit, "30/02/2026")
    finish(qtbot, page.deadline.edit)
    assert "không phải ngày có thật" in page.deadline.problem()
    page.deadline.edit.clear()
    finish(qtbot, page.deadline.edit)
    assert page.deadline.problem() == "Cần ghi ngày này."
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).period.deadline == dt.date(2026, 3, 20)


# ------------------------------------------------------------------------------ recipients

TYPED = "- UBND tỉnh Đồng Tháp;\n- Sở Nội vụ tỉnh Đồng Tháp;\nUBND tỉnh Đồng Tháp\n\n- Lưu: VT."


def test_recipients_are_stored_bare_and_printed_once(qtbot, window, new_report, store,
                                                     tmp_path) -> None:
    from documents.doc_helpers import pdf_text

    from cchc_desktop.documents.pdf_report import write_pdf
    from cchc_desktop.domain.context import build_context

    window.ui.act_header.trigger()
    page = header_page(window)
    page.recipients.setFocus(Qt.FocusReason.MouseFocusReason)
    for number, line in enumerate(TYPED.split("\n")):
        if number:
            qtbot.keyClick(page.recipients, Qt.Key.Key_Return)
        type_text(page.recipients, line)
    assert page.recipients.toPlainText() == TYPED
    wait_saved(qtbot, window)
    stored = store.load_report(new_report.report_id)
    assert stored.recipients == ["UBND tỉnh Đồng Tháp", "Sở Nội vụ tỉnh Đồng Tháp", "Lưu: VT"]
    page.subject.setFocus(Qt.FocusReason.TabFocusReason)
    assert page.recipients.toPlainText() == "UBND tỉnh Đồng Tháp\nSở Nội vụ tỉnh Đồng Tháp\nLưu: VT"

    path = tmp_path / "report.pdf"
    write_pdf(build_context(stored, window.session.template), path)
    text = pdf_text(path, layout=False)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert lines.count("- UBND tỉnh Đồng Tháp;") == 1
    assert lines.count("- Sở Nội vụ tỉnh Đồng Tháp;") == 1
    assert sum("Lưu: VT" in line for line in lines) == 1
    assert "- Lưu: VT." in lines
    assert "- -" not in text


def test_usual_recipients_of_a_commune_are_offered_and_appended(qtbot, window, new_report,
                                                                store) -> None:
    window.ui.act_header.trigger()
    page = header_page(window)
    page.recipients.setPlainText("UBND tỉnh Đồng Tháp\nLưu: VT, VP")
    seen: dict[str, object] = {}

    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UsualRecipientsDialog)
        items = {dialog.list.item(row).text(): dialog.list.item(row)
                 for row in range(dialog.list.count())}
        seen["choices"] = list(items)
        listed = items["UBND tỉnh Đồng Tháp"]
        seen["listed"] = (listed.checkState(), bool(listed.flags() & Qt.ItemFlag.ItemIsEnabled))
        items["Sở Nội vụ tỉnh Đồng Tháp"].setCheckState(Qt.CheckState.Checked)
        items["Thường trực HĐND xã"].setCheckState(Qt.CheckState.Checked)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose)
    page.usual.click()
    assert "Chủ tịch, các Phó Chủ tịch UBND xã" in seen["choices"]  # type: ignore[operator]
    assert seen["listed"] == (Qt.CheckState.Checked, False)
    assert page.recipients.toPlainText() == ("UBND tỉnh Đồng Tháp\nSở Nội vụ tỉnh Đồng Tháp\n"
                                             "Thường trực HĐND xã\nLưu: VT, VP")
    wait_saved(qtbot, window)
    assert store.load_report(new_report.report_id).recipients == [
        "UBND tỉnh Đồng Tháp", "Sở Nội vụ tỉnh Đồng Tháp", "Thường trực HĐND xã", "Lưu: VT, VP"]
