"""Số liệu bổ sung on a section's page: added, typed the Vietnamese way, computed as a rate,
removed and undone, refused when wrong, saved in the data file and printed in the PDF."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cchc_desktop.domain.extra_figures import MAX_PER_REPORT, ExtraFigure, key_from_label
from cchc_desktop.gui.forms.extra_figure_dialog import ExtraFigureDialog
from cchc_desktop.gui.forms.extra_figures import ExtraFiguresGroup
from cchc_desktop.gui.history_dialog import HistoryDialog
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field, type_into, type_text, wait_saved

Fill = Callable[[ExtraFigureDialog], None]


def answer(monkeypatch: pytest.MonkeyPatch, fill: Fill) -> list[ExtraFigureDialog]:
    """Answer "Thêm số liệu..." / "Thêm tỷ lệ..." with `fill`, then OK as the clerk clicks it."""
    shown: list[ExtraFigureDialog] = []

    def run(dialog: ExtraFigureDialog) -> int:
        shown.append(dialog)
        fill(dialog)
        dialog.ui.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(ExtraFigureDialog, "exec", run)
    return shown


def own(label: str, unit: str) -> Fill:
    """A figure the unit names itself: the last entry of the list, its name and unit typed."""
    def fill(dialog: ExtraFigureDialog) -> None:
        dialog.ui.suggestions.setCurrentRow(dialog.ui.suggestions.count() - 1)
        type_text(dialog.ui.label, label)
        type_text(dialog.ui.unit, unit)
    return fill


def suggested(key: str) -> Fill:
    """The template's suggested figure `key`, chosen in the list."""
    def fill(dialog: ExtraFigureDialog) -> None:
        rows = [dialog.ui.suggestions.item(i) for i in range(dialog.ui.suggestions.count())]
        keys = [row.data(Qt.ItemDataRole.UserRole) for row in rows]
        assert key in keys, f"{key} is not offered: {keys}"
        assert keys.index(key) < keys.index(""), "the template's figures come first"
        dialog.ui.suggestions.setCurrentRow(keys.index(key))
    return fill


def group_on(window, section_id: str) -> ExtraFiguresGroup:  # type: ignore[no-untyped-def]
    window.show_page(section_id)
    [group] = window.current_page().extras
    return group


def type_value(group: ExtraFiguresGroup, key: str, text: str) -> None:
    field = group.fields[key]
    field.edit.setFocus(Qt.FocusReason.MouseFocusReason)
    field.edit.selectAll()
    type_text(field.edit, text)
    field.edit.editingFinished.emit()


def reopened(db_path: Path, report_id: int):  # type: ignore[no-untyped-def]
    """The report as another opening of the data file reads it."""
    database = Database.open(db_path)
    try:
        return ReportStore(database).load_report(report_id)
    finally:
        database.close()


def test_a_figure_added_on_section_two_and_typed_is_in_the_data_file(
        qtbot, window, new_report, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answer(monkeypatch, own("Số xe ô tô công được sắp xếp", "chiếc"))
    group = group_on(window, "kq")            # II. KẾT QUẢ THỰC HIỆN... (its overview page)
    assert group.title() == "Số liệu bổ sung" and group.rows.isHidden()
    group.add_button.click()
    key = key_from_label("Số xe ô tô công được sắp xếp")
    assert key == "own.so_xe_o_to_cong_duoc_sap_xep"
    assert list(group.fields) == [key]
    type_value(group, key, "1.234")
    assert group.fields[key].edit.text() == "1.234"
    wait_saved(qtbot, window)
    report_id = window.session.report_id
    window.close()

    [figure] = reopened(db_path, report_id).extra_figures
    assert (figure.section_id, figure.key, figure.label, figure.unit, figure.value) == (
        "kq", key, "Số xe ô tô công được sắp xếp", "chiếc", Decimal(1234))


def test_a_rate_of_two_suggested_figures_shows_its_percentage(
        qtbot, window, new_report, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "tthc")
    answer(monkeypatch, suggested("sohoa.xa.phai"))
    group.add_button.click()
    answer(monkeypatch, suggested("sohoa.xa.da"))
    group.add_button.click()
    type_value(group, "sohoa.xa.phai", "1.428")
    type_value(group, "sohoa.xa.da", "1.421")

    def rate(dialog: ExtraFigureDialog) -> None:
        # The clerk's own rate of the two: the numerator and denominator chosen in the lists.
        dialog.ui.suggestions.setCurrentRow(dialog.ui.suggestions.count() - 1)
        type_text(dialog.ui.label, "Tỷ lệ hồ sơ đã số hóa")
        dialog.ui.numerator.setCurrentIndex(dialog.ui.numerator.findData("sohoa.xa.da"))
        dialog.ui.denominator.setCurrentIndex(dialog.ui.denominator.findData("sohoa.xa.phai"))

    answer(monkeypatch, rate)
    group.add_rate_button.click()
    rate_key = "own.ty_le_ho_so_da_so_hoa"
    assert group.rates[rate_key].text() == "1.421/1.428 hồ sơ, đạt 99,51%"
    type_value(group, "sohoa.xa.da", "714")      # live: the rate follows the typing
    assert group.rates[rate_key].text() == "714/1.428 hồ sơ, đạt 50,00%"
    wait_saved(qtbot, window)
    figures = {f.key: f for f in reopened(db_path, window.session.report_id).extra_figures}
    assert figures[rate_key].rate_of == ("sohoa.xa.da", "sohoa.xa.phai")
    assert figures["sohoa.xa.phai"].label == "Số hồ sơ phải số hóa cấp xã"
    assert figures["sohoa.xa.phai"].value == 1428


def test_a_suggested_rate_brings_its_figures_with_the_templates_keys(
        qtbot, window, new_report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cv")
    assert group.add_rate_button.isEnabled(), "the template offers rates for this section"
    shown = answer(monkeypatch, suggested("ccvc.nu.ty_le"))
    group.add_rate_button.click()
    [dialog] = shown
    assert dialog.ui.label.text() == "Tỷ lệ cán bộ, công chức nữ"
    assert not dialog.ui.numerator.isEnabled(), "a suggested rate keeps the template's terms"
    assert [f.key for f in window.session.extra_figures("cv")] == [
        "ccvc.nu", "ccvc.tong", "ccvc.nu.ty_le"]
    assert group.rates["ccvc.nu.ty_le"].text() == "-"
    type_value(group, "ccvc.tong", "40")
    type_value(group, "ccvc.nu", "17")
    assert group.rates["ccvc.nu.ty_le"].text() == "17/40 người, đạt 42,50%"

    # Offered once: the suggestion already in the report is not in the list again.
    shown = answer(monkeypatch, lambda d: d.ui.suggestions.setCurrentRow(0))
    group.add_button.click()
    [again] = shown
    offered = [again.ui.suggestions.item(i).data(Qt.ItemDataRole.UserRole)
               for i in range(again.ui.suggestions.count())]
    assert "ccvc.tong" not in offered and "ccvc.dang_vien" in offered


def test_a_figure_removed_comes_back_with_undo(qtbot, window, new_report, db_path,
                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.thu_dien_tu"))
    group.add_button.click()
    type_value(group, "cqdt.thu_dien_tu", "2.500")
    group.removers["cqdt.thu_dien_tu"].click()
    assert window.session.extra_figures("cds") == [] and not group.fields
    wait_saved(qtbot, window)
    assert reopened(db_path, window.session.report_id).extra_figures == []

    assert window.ui.act_undo.text().startswith("Hoàn tác: Xóa số liệu bổ sung")
    window.ui.act_undo.trigger()
    [figure] = window.session.extra_figures("cds")
    assert figure.value == 2500
    assert group.fields["cqdt.thu_dien_tu"].edit.text() == "2.500"
    wait_saved(qtbot, window)
    [stored] = reopened(db_path, window.session.report_id).extra_figures
    assert (stored.key, stored.value) == ("cqdt.thu_dien_tu", 2500)

    window.ui.act_undo.trigger()   # the value typed
    assert group.fields["cqdt.thu_dien_tu"].edit.text() == ""
    window.ui.act_redo.trigger()
    assert group.fields["cqdt.thu_dien_tu"].edit.text() == "2.500"


def test_a_figure_renamed_keeps_its_key_and_value(qtbot, window, new_report, db_path,
                                                  monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answer(monkeypatch, own("Số xe công", "chiếc"))
    group = group_on(window, "tcc")
    group.add_button.click()
    type_value(group, "own.so_xe_cong", "12")

    def rename(dialog: ExtraFigureDialog) -> None:
        assert dialog.ui.suggestions.isHidden() and dialog.ui.label.text() == "Số xe công"
        dialog.ui.label.setText("Số xe ô tô công")
        dialog.ui.unit.setText("xe")

    answer(monkeypatch, rename)
    group.editors["own.so_xe_cong"].click()
    [figure] = window.session.extra_figures("tcc")
    assert (figure.key, figure.label, figure.unit, figure.value) == (
        "own.so_xe_cong", "Số xe ô tô công", "xe", 12)
    wait_saved(qtbot, window)
    assert reopened(db_path, window.session.report_id).extra_figures == [figure]
    window.ui.act_undo.trigger()
    assert window.session.extra_figures("tcc")[0].label == "Số xe công"

    answer(monkeypatch, lambda dialog: dialog.ui.label.clear())
    group.editors["own.so_xe_cong"].click()   # refused in the dialog: nothing changes
    assert window.session.extra_figures("tcc")[0].label == "Số xe công"


def test_a_bad_value_is_refused_under_the_field_and_not_stored(
        qtbot, window, new_report, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.chu_ky_so"))
    group.add_button.click()
    field = group.fields["cqdt.chu_ky_so"]
    type_value(group, "cqdt.chu_ky_so", "12a")
    assert field.edit.text() == "12a"
    assert not field.message.isHidden()
    assert field.message.text() == "'12a' không phải là số (ví dụ đúng: 1.234,5)."
    assert [c.key for c in window.session.corrections()] == ["extra/cqdt.chu_ky_so"]
    type_value(group, "cqdt.chu_ky_so", "1,2345")
    assert field.message.text() == "Nhập tối đa 3 chữ số thập phân."
    wait_saved(qtbot, window)
    [stored] = reopened(db_path, window.session.report_id).extra_figures
    assert stored.value is None, "neither refused text reached the data file, not even 1,234"
    assert field.edit.text() == "1,2345" and not field.message.isHidden()

    # Typing in another figure leaves the refused text where it is, still being corrected.
    answer(monkeypatch, suggested("cqdt.thu_dien_tu"))
    group.add_button.click()
    type_value(group, "cqdt.thu_dien_tu", "40")
    assert group.fields["cqdt.chu_ky_so"].edit.text() == "1,2345"
    assert [c.key for c in window.session.corrections()] == ["extra/cqdt.chu_ky_so"]

    type_value(group, "cqdt.chu_ky_so", "310")
    field = group.fields["cqdt.chu_ky_so"]   # the rows were built again for the figure added
    assert field.message.isHidden() and not window.session.corrections()
    wait_saved(qtbot, window)
    assert [f.value for f in reopened(db_path, window.session.report_id).extra_figures] == [310, 40]


def test_a_locked_report_shows_its_figures_read_only(qtbot, window, new_report,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.chu_ky_so"))
    group.add_button.click()
    type_value(group, "cqdt.chu_ky_so", "5")
    assert window.mark_final()
    assert group.fields["cqdt.chu_ky_so"].edit.isReadOnly()
    assert not group.add_button.isEnabled() and not group.add_rate_button.isEnabled()
    assert not group.removers["cqdt.chu_ky_so"].isEnabled()


def test_the_history_names_the_figure_and_its_values(qtbot, window, new_report,
                                                     monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answer(monkeypatch, own("Số xe công", "chiếc"))
    group = group_on(window, "tcc")
    group.add_button.click()
    type_value(group, "own.so_xe_cong", "1.234,5")
    dialog = HistoryDialog(window.session.history_log(), window.session.template)
    qtbot.addWidget(dialog)
    rows = [(dialog.cell(r, "Nội dung"), dialog.cell(r, "Cũ → mới")) for r in dialog.visible_rows()]
    assert ("Số liệu bổ sung: Số xe công", "(trống) → 1.234,5 chiếc") in rows

    # Right-click > Lịch sử... in the figure's field: its own changes only.
    answer(monkeypatch, own("Số xe chuyên dùng", "chiếc"))
    group.add_button.click()
    opened: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda self: opened.append(self) or 0)
    menu = group.fields["own.so_xe_cong"].context_menu()
    next(a for a in menu.actions() if a.objectName() == "history").trigger()
    [mine] = opened
    assert mine.windowTitle() == "Lịch sử: Số liệu bổ sung: Số xe công"
    assert [mine.cell(r, "Cũ → mới") for r in mine.visible_rows()] == ["(trống) → 1.234,5 chiếc"]


def _pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(text.split())


def test_the_pdf_prints_the_figures_typed_in_the_window(qtbot, window, new_report, tmp_path,
                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.thu_dien_tu"))
    group.add_button.click()
    type_value(group, "cqdt.thu_dien_tu", "12.345")
    target = tmp_path / "bao-cao.pdf"
    answer_file_dialogs(monkeypatch, save=lambda request: target)
    monkeypatch.setattr("cchc_desktop.gui.desktop_open.open_url", lambda path: True)
    window.ui.act_pdf.trigger()
    qtbot.waitUntil(lambda: target.exists() and window.exporter.job is None, timeout=30000)
    assert "Số tài khoản thư điện tử công vụ đã cấp: 12.345 tài khoản" in _pdf_text(target)


def test_no_figure_is_added_past_the_reports_bound(qtbot, window, new_report,
                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    session.set_extra_figures("tcc", [ExtraFigure("tcc", f"own.so_{i}", f"Số {i}")
                                      for i in range(MAX_PER_REPORT)])
    group = group_on(window, "cds")
    shown = answer(monkeypatch, own("Một số nữa", "cái"))
    group.add_button.click()
    [dialog] = shown
    assert dialog.ui.problem.text() == f"Báo cáo đã có {MAX_PER_REPORT} số liệu bổ sung, không thêm được nữa."
    assert session.extra_figures("cds") == [] and len(session.report.extra_figures) == MAX_PER_REPORT


def test_a_refused_text_is_found_from_the_findings_and_given_up_with_esc(
        qtbot, window, new_report, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.chu_ky_so"))
    group.add_button.click()
    type_value(group, "cqdt.chu_ky_so", "25")
    type_value(group, "cqdt.chu_ky_so", "25x")
    [correction] = window.session.corrections()
    assert (correction.label, correction.page) == ("Số chữ ký số (thiết bị ký số) đã cấp", "cds")

    window.show_page("cddh")
    window.findings.correction_requested.emit(correction.key)   # double-clicked in the panel
    field = group.fields["cqdt.chu_ky_so"]
    assert window.current_page().key == "cds" and field.edit.hasFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Escape)
    assert field.edit.text() == "25" and field.message.isHidden()
    assert not window.session.corrections() and window.session.extra_figures("cds")[0].value == 25


@pytest.mark.parametrize("keep_mine", [True, False])
def test_figures_another_clerk_wrote_first_are_settled_by_the_clerk(
        qtbot, window, new_report, db_path, monkeypatch, keep_mine) -> None:  # type: ignore[no-untyped-def]
    group = group_on(window, "cds")
    answer(monkeypatch, suggested("cqdt.chu_ky_so"))
    group.add_button.click()
    type_value(group, "cqdt.chu_ky_so", "10")
    wait_saved(qtbot, window)
    database = Database.open(db_path)   # another clerk, on the same data
    try:
        other = ReportStore(database)
        seen = other.load_report(new_report.report_id).extra_figures
        other.set_extra_figures(new_report.report_id, "cds",
                                [replace(seen[0], value=Decimal(20))], expected=seen)
    finally:
        database.close()
    asked = []
    window.conflicts.choose = lambda _parent, conflict: asked.append(conflict) or keep_mine
    type_value(group, "cqdt.chu_ky_so", "15")
    qtbot.waitUntil(lambda: len(window.conflicts.settled) == 1, timeout=10000)
    [conflict] = asked
    assert conflict.label == \
        f"Số liệu bổ sung mục {window.session.template.section('cds').title}"
    assert (conflict.shown_theirs, conflict.shown_mine) == (
        "\u201cSố chữ ký số (thiết bị ký số) đã cấp: 20\u201d",
        "\u201cSố chữ ký số (thiết bị ký số) đã cấp: 15\u201d")
    wait_saved(qtbot, window)
    expected = Decimal(15) if keep_mine else Decimal(20)
    assert reopened(db_path, new_report.report_id).extra_figures[0].value == expected
    assert window.session.extra_figures("cds")[0].value == expected
    assert group.fields["cqdt.chu_ky_so"].edit.text() == ("15" if keep_mine else "20")


def test_nan_or_a_huge_exponent_typed_is_refused_under_the_field_in_both_kinds_of_field(
        qtbot, window, new_report, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answer(monkeypatch, own("Số xe ô tô công được sắp xếp", "chiếc"))
    group = group_on(window, "kq")
    group.add_button.click()
    key = key_from_label("Số xe ô tô công được sắp xếp")
    for text in ("nan", "1e999999"):
        type_value(group, key, text)
        assert group.fields[key].message.isVisible()
        assert "Giá trị" in group.fields[key].message.text()
        typed = field(window, "cddh.kh.tong")
        type_into(qtbot, typed, text)
        assert "Giá trị" in typed.message.text() and window.session.value("cddh.kh.tong") is None
        window.show_page("kq")
    wait_saved(qtbot, window)
    [figure] = reopened(db_path, window.session.report_id).extra_figures
    assert figure.value is None
