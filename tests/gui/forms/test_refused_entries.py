"""Fields hold what they show: a refused entry is never saved, not even partly.

Every test reads the data file itself (a real SQLite file, through the store) after the
autosave, so "not saved" means not on disk, not merely not in memory.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.gui.session import Correction
from tests.gui.helpers import field, type_into, type_text, wait_saved

INPUT = "tthc.hs.xa.moi_truc_tuyen"   # a count, one of the parts of the total below
TOTAL = "tthc.hs.xa.tiep_nhan"        # received = brought forward + online + in person
MONEY = "tcc.dtc.giai_ngan"           # triệu đồng, 3 decimals
PERCENT = "cddh.hai_long"


def on_disk(qtbot, window, store, code: str) -> Decimal | None:  # type: ignore[no-untyped-def]
    """The figure in the data file once the autosave has written what it holds."""
    wait_saved(qtbot, window)
    value: Decimal | None = store.load_report(window.session.report_id).values.get(code)
    return value


@pytest.fixture
def form(qtbot, window, new_report):  # type: ignore[no-untyped-def]
    """The new report with 42 brought forward and 311 in person, saved; the clerk's window."""
    for code, text in (("tthc.hs.xa.ky_truoc", "42"), ("tthc.hs.xa.moi_truc_tiep", "311")):
        widget = field(window, code)
        type_into(qtbot, widget, text)
        qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    wait_saved(qtbot, window)
    return window


def leave(qtbot, window, widget) -> None:  # type: ignore[no-untyped-def]
    """Move the focus to another field, as the clerk clicking elsewhere."""
    other = field(window, "tthc.hs.xa.ky_truoc")
    other.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: other.edit.hasFocus(), timeout=2000)
    window.show_page(widget.indicator.section_id)


def test_a_decimal_typed_key_by_key_into_a_count_saves_nothing(qtbot, form, store) -> None:
    window = form
    widget = field(window, INPUT)
    steps = window.session.undo_stack.count()
    type_into(qtbot, widget, "1.234,5")
    assert widget.edit.text() == "1.234,5"
    assert widget.message.isVisibleTo(window)
    assert widget.message.text() == "Chỉ nhập số nguyên."
    assert widget.edit.property("invalid") == "true"      # app.qss: the error border
    # "1.234" was valid on the way; the refused entry leaves nothing of it behind.
    assert window.session.value(INPUT) is None
    assert window.session.figure(TOTAL) == 42 + 311
    assert on_disk(qtbot, window, store, INPUT) is None
    # Leaving the field keeps the refused text and its message.
    leave(qtbot, window, widget)
    assert widget.edit.text() == "1.234,5"
    assert widget.message.isVisibleTo(window)
    assert window.session.correction(INPUT) is not None
    # Nothing to undo: the refused entry left no step behind.
    assert window.session.undo_stack.count() == steps


def test_a_refused_entry_after_a_pause_goes_back_on_disk_too(qtbot, form, store) -> None:
    """The clerk stops after "1.234" (the autosave writes it) and then types ",5"."""
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1.204")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)     # 1.204 saved, the entry is done
    assert on_disk(qtbot, window, store, INPUT) == 1204
    type_into(qtbot, widget, "1.234")
    assert on_disk(qtbot, window, store, INPUT) == 1234        # what the field showed at that moment
    type_text(widget.edit, ",5")
    assert widget.edit.text() == "1.234,5"
    assert window.session.value(INPUT) == 1204
    assert on_disk(qtbot, window, store, INPUT) == 1204
    assert window.session.figure(TOTAL) == 42 + 311 + 1204


def test_correcting_the_text_saves_it(qtbot, form, store) -> None:
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1.234,5")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(widget.edit, Qt.Key.Key_Backspace)
    assert widget.edit.text() == "1.234"
    assert not widget.message.isVisibleTo(window)
    assert widget.edit.property("invalid") == "false"
    assert window.session.correction(INPUT) is None
    assert window.session.figure(TOTAL) == 42 + 311 + 1234
    assert on_disk(qtbot, window, store, INPUT) == 1234


def test_esc_brings_back_the_saved_value(qtbot, form, store) -> None:
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1204")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    assert widget.edit.text() == "1.204"
    type_into(qtbot, widget, "12o4")
    assert widget.message.text() == "'12o4' không phải là số (ví dụ đúng: 1.234,5)."
    qtbot.keyClick(widget.edit, Qt.Key.Key_Escape)
    assert widget.edit.text() == "1.204"
    assert not widget.message.isVisibleTo(window)
    assert window.session.corrections() == ()
    assert on_disk(qtbot, window, store, INPUT) == 1204


def test_esc_after_leaving_the_field_brings_back_the_saved_value(qtbot, form, store) -> None:
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "-5")
    leave(qtbot, window, widget)
    widget.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    assert widget.edit.text() == "-5"
    qtbot.keyClick(widget.edit, Qt.Key.Key_Escape)
    assert widget.edit.text() == ""
    assert window.session.corrections() == ()
    assert on_disk(qtbot, window, store, INPUT) is None


@pytest.mark.parametrize(("code", "typed", "message", "kept"), [
    (INPUT, "12 hồ sơ", "'12 hồ sơ' không phải là số (ví dụ đúng: 1.234,5).", None),
    (INPUT, "-1.204", "Không nhập số âm.", None),
    (MONEY, "2.987,4551", "Nhập tối đa 3 chữ số thập phân.", None),
    (PERCENT, "100,5", "Giá trị là tỷ lệ phần trăm nên không vượt quá 100.", None),
])
def test_every_kind_of_figure_refuses_without_saving(qtbot, form, store, code, typed, message,
                                                     kept) -> None:
    window = form
    widget = field(window, code)
    type_into(qtbot, widget, typed)
    assert widget.edit.text() == typed
    assert widget.message.text() == message
    assert window.session.value(code) == kept
    assert on_disk(qtbot, window, store, code) == kept


def test_money_keeps_its_saved_value_when_a_fourth_decimal_is_typed(qtbot, form, store) -> None:
    window = form
    widget = field(window, MONEY)
    type_into(qtbot, widget, "2.987,455")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    type_text(widget.edit, "1")
    assert widget.edit.text() == "2.987,4551"
    assert widget.message.text() == "Nhập tối đa 3 chữ số thập phân."
    assert on_disk(qtbot, window, store, MONEY) == Decimal("2987.455")


def test_the_findings_say_which_field_is_being_corrected(qtbot, form) -> None:
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1.234,5")
    panel = window.findings
    first = panel.list.item(0)
    label = widget.indicator.full_label
    assert first.text() == ("Đang sửa: " + label + " \u2013 \u201c1.234,5\u201d chưa được lưu "
                            "(Chỉ nhập số nguyên.)")
    assert isinstance(first.data(Qt.ItemDataRole.UserRole), Correction)
    assert panel.summary.text().startswith("1 ô đang sửa, chưa được lưu")
    # The findings are those of the saved values: no finding is about 1.234.
    assert all("1.234" not in f.message for f in window.session.context.findings)
    # Double-click: back to the field, from another page.
    window.show_page("cddh")
    panel.list.itemDoubleClicked.emit(first)
    assert window.current_key == widget.indicator.section_id
    qtbot.waitUntil(lambda: widget.edit.hasFocus(), timeout=2000)
    # Corrected: the row goes.
    type_into(qtbot, widget, "1.234")
    assert not any(isinstance(panel.list.item(r).data(Qt.ItemDataRole.UserRole), Correction)
                   for r in range(panel.list.count()))


def test_a_report_with_a_field_being_corrected_cannot_be_made_final(qtbot, form,
                                                                    monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = form
    type_into(qtbot, field(window, INPUT), "1.234,5")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    assert window.mark_final() is False
    assert "\u201c1.234,5\u201d chưa được lưu" in shown[0]


def test_a_rebuilt_form_still_shows_the_refused_text(qtbot, form) -> None:
    """Changing the language rebuilds the pages; what the clerk typed is still there."""
    window = form
    type_into(qtbot, field(window, INPUT), "1.234,5")
    window.report_pages.drop()
    again = field(window, INPUT)
    assert again.edit.text() == "1.234,5"
    assert again.message.text() == "Chỉ nhập số nguyên."
    assert window.session.value(INPUT) is None


def test_undo_after_a_refused_entry_undoes_the_entry_before(qtbot, form) -> None:
    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1204")
    qtbot.keyClick(widget.edit, Qt.Key.Key_Return)
    type_into(qtbot, widget, "1.234,5")
    window.session.undo_stack.undo()
    # The refused entry left no step: undo takes back the 1.204 and shows it.
    assert window.session.value(INPUT) is None
    assert widget.edit.text() == ""
    assert window.session.corrections() == ()


# ---------------------------------------------------------------------- list tables
def documents_table(window):  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    return next(t for t in window.current_page().lists if t.spec.kind == "documents")


def test_a_date_that_does_not_exist_is_not_saved_and_stays_in_its_cell(qtbot, form, store) -> None:
    window = form
    table = documents_table(window)
    table.add_button.click()
    table.table.item(0, 0).setText("20/KH-UBND")
    table.table.item(0, 1).setText("06/01/2026")
    table.table.item(0, 1).setText("31/02/2026")
    def cell():  # type: ignore[no-untyped-def]
        return table.table.item(0, 1)   # the table is rebuilt as the list changes

    assert cell().text() == "31/02/2026"
    assert table.message.isVisibleTo(window)
    assert table.message.text().startswith("Dòng 1: Ngày \u201c31/02/2026\u201d không có trong lịch.")
    assert window.session.correction("documents/0/1") is not None
    # Another cell of the same row is still saved; the date keeps its saved value.
    table.table.item(0, 2).setText("Kế hoạch CCHC năm 2026")
    assert cell().text() == "31/02/2026"
    assert cell().background().color().name() == "#fff4f4"
    wait_saved(qtbot, window)
    [saved] = store.load_report(window.session.report_id).documents
    assert (saved.number, saved.date.isoformat(), saved.subject) == \
        ("20/KH-UBND", "2026-01-06", "Kế hoạch CCHC năm 2026")
    # Esc on the cell brings the saved date back.
    table.table.setCurrentCell(0, 1)
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key.Key_Escape)
    assert cell().text() == "06/01/2026"
    assert not table.message.isVisibleTo(window)
    assert window.session.corrections() == ()


def test_a_refused_date_can_be_corrected(qtbot, form, store) -> None:
    window = form
    table = documents_table(window)
    table.add_button.click()
    table.table.item(0, 1).setText("6/1/26")
    assert window.session.report.documents[0].date is None
    assert "\u201c6/1/26\u201d phải viết dạng ngày/tháng/năm" in window.findings.list.item(0).text()
    table.table.item(0, 1).setText("6/1/2026")
    assert table.table.item(0, 1).text() == "06/01/2026"
    assert window.session.corrections() == ()
    wait_saved(qtbot, window)
    [saved] = store.load_report(window.session.report_id).documents
    assert saved.date is not None and saved.date.isoformat() == "2026-01-06"


def test_removing_a_row_moves_the_refused_text_with_its_row(qtbot, form) -> None:
    window = form
    table = documents_table(window)
    table.add_button.click()
    table.add_button.click()
    table.table.item(1, 1).setText("32/01/2026")
    table.table.setCurrentCell(0, 0)
    table.remove_button.click()
    assert table.table.rowCount() == 1
    assert table.table.item(0, 1).text() == "32/01/2026"
    assert window.session.correction("documents/0/1") is not None
    assert window.session.correction("documents/1/1") is None


# ---------------------------------------------------------------------- header
def test_the_precision_field_cannot_show_a_value_it_does_not_hold(qtbot, form) -> None:
    window = form
    window.show_page("header")
    page = window.current_page()
    spin = page.precision
    spin.setFocus()
    spin.selectAll()
    type_text(spin, "5")   # outside 0-2: the box refuses the key
    assert spin.text() == str(window.session.report.precision)
    assert spin.value() == window.session.report.precision


def test_a_total_says_it_does_not_count_a_field_being_corrected(qtbot, form) -> None:
    from tests.gui.forms.test_records_form import records_table

    window = form
    widget = field(window, INPUT)
    type_into(qtbot, widget, "1.234,5")
    total = records_table(window).fields[TOTAL]
    assert total.text() == "353"
    assert "đang sửa" in total.toolTip() and widget.indicator.full_label in total.toolTip()
    assert total.property("tone") == "estimated"          # app.qss: amber italic
    type_into(qtbot, widget, "1.234")
    assert total.text() == "1.587"
    assert total.toolTip() == "Tính tự động, không nhập."
    assert total.property("tone") == "computed"


def test_a_rebuilt_list_table_still_shows_the_refused_date(qtbot, form) -> None:
    window = form
    table = documents_table(window)
    table.add_button.click()
    table.table.item(0, 1).setText("31/02/2026")
    window.report_pages.drop()
    again = documents_table(window)
    assert again is not table
    assert again.table.item(0, 1).text() == "31/02/2026"
    assert again.message.isVisibleTo(window)
    assert window.session.correction("documents/0/1") is not None
