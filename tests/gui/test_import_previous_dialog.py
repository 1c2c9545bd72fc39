"""gui/import_previous_dialog.py: the preview of Tệp > Nhập kỳ trước says which file and report
it reads, lists each change (or that nothing carries over, and then offers no "Áp dụng"), names
the figures the template no longer has, offers last period's texts only when the file has some;
with a workbook edited in Excel nothing can be applied until every figure is chosen, and the
list shows what the chosen values change. stored_preview offers, for a report just started,
the carry-over from the reports the data file already holds. Beside
tests/gui/test_import_dialogs.py (the import through the window: cancel, apply, the texts, a
wrong period, the offer on a new report) and test_edited_workbook_import.py (a real edited
workbook imported)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from cchc_desktop.domain.carry_over import CarryOverPlan, ValueChange
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.exchange.workbook_visible import VisibleDifference
from cchc_desktop.gui.differences_chooser import HIDDEN, VISIBLE
from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog, stored_preview
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.imports.previous import PreviousImportPreview
from cchc_desktop.storage.repository import ReportStore
from tests.factories import make_report, records
from tests.gui.conftest import commune_unit

CARRIED = ValueChange("tthc.hs.xa.ky_truoc", "Số hồ sơ kỳ trước chuyển qua (cấp xã)", None,
                      Decimal(123), "Số cuối kỳ báo cáo Năm 2025")
COMPUTERS = VisibleDifference("cds.may_tinh.tong", "Tổng số máy tính", "Biểu số liệu", "D12",
                              Decimal(54), Decimal(60), "60")
NOTHING = "(Tệp không có số liệu nào cần chuyển sang kỳ này)"


def preview(plan: CarryOverPlan | None = None, **fields) -> PreviousImportPreview:  # type: ignore[no-untyped-def]
    source = make_report(unit=commune_unit().unit, year=2025, kind="Y")
    return PreviousImportPreview(1, Path("/home/van-thu/nam-2025.xlsx"), source,
                                 plan if plan is not None else CarryOverPlan("Năm 2025"), **fields)


def dialog_of(qtbot, shown: PreviousImportPreview, **kwargs) -> ImportPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = ImportPreviewDialog(shown, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def lines(dialog: ImportPreviewDialog) -> list[str]:
    return [dialog.changes.item(i).text() for i in range(dialog.changes.count())]


def test_the_preview_names_the_file_and_each_change(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = CarryOverPlan("Năm 2025", values=[CARRIED], texts={"phuong_huong": "1. Số hóa hồ sơ."},
                         unmapped_codes=["cu.so_may_in", "cu.so_may_fax"])
    dialog = dialog_of(qtbot, preview(plan))
    assert dialog.windowTitle() == "Nhập kỳ trước"
    assert dialog.ui.heading.text() == (
        "Tệp <b>nam-2025.xlsx</b>: báo cáo Năm 2025 của Ủy ban nhân dân xã Mỹ An. Khi áp dụng, "
        "báo cáo đang mở sẽ thay đổi như sau:")
    assert lines(dialog)[0] == ("Số hồ sơ kỳ trước chuyển qua (cấp xã): (trống) → 123 "
                                "(Số cuối kỳ báo cáo Năm 2025)")
    assert dialog.unmapped.text() == ("Không nhập 2 số liệu không còn trong mẫu báo cáo hiện tại: "
                                      "cu.so_may_in, cu.so_may_fax.")
    assert dialog.use_texts.isEnabled()
    assert dialog.use_texts.toolTip() == ("Chép 1 phần nội dung của kỳ trước vào các phần còn trống "
                                          "của báo cáo này.")
    assert dialog.apply_button.text() == "Áp dụng" and dialog.apply_button.isEnabled()
    assert [b.text() for b in dialog.buttons.buttons()] == ["Áp dụng", "Hủy"]


def test_nothing_to_carry_over_cannot_be_applied(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, preview())
    assert lines(dialog) == [NOTHING]
    assert not dialog.apply_button.isEnabled()
    assert dialog.unmapped.isHidden()
    assert not dialog.use_texts.isEnabled()
    assert dialog.use_texts.toolTip() == "Tệp không có nội dung văn bản."
    dialog.use_texts.setChecked(True)
    assert dialog.include_texts() is False


def test_texts_only_when_ticked_and_enter_applies(qtbot) -> None:  # type: ignore[no-untyped-def]
    plan = CarryOverPlan("Năm 2025", values=[CARRIED], texts={"phuong_huong": "1. Số hóa hồ sơ."})
    dialog = dialog_of(qtbot, preview(plan), intro="Báo cáo mới: lấy số liệu từ tệp dữ liệu?")
    assert dialog.ui.heading.text() == "Báo cáo mới: lấy số liệu từ tệp dữ liệu?"
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.include_texts() is False
    dialog.use_texts.setFocus()
    qtbot.keyClick(dialog.use_texts, Qt.Key.Key_Space)
    assert dialog.include_texts() is True
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog.changes, Qt.Key.Key_Return)
    assert finished.args == [QDialog.DialogCode.Accepted.value]


def test_an_edited_workbook_is_applied_only_once_every_figure_is_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    other = VisibleDifference("tthc.hs.xa.moi_truc_tuyen", "Số hồ sơ trực tuyến", "Biểu số liệu",
                              "D20", Decimal(66), Decimal(70), "70")
    plan = CarryOverPlan("Năm 2025", values=[CARRIED])
    chosen = ValueChange("cds.may_tinh.tong", "Tổng số máy tính", None, Decimal(60),
                         "Số đầu kỳ, lấy từ báo cáo Năm 2025")
    asked: list[set[str]] = []

    def rechoose(codes: set[str]) -> PreviousImportPreview:
        asked.append(codes)
        return preview(CarryOverPlan("Năm 2025", values=[CARRIED, chosen]))

    dialog = dialog_of(qtbot, preview(plan, differences=[COMPUTERS, other]), rechoose=rechoose)
    assert dialog.chooser is not None
    assert not dialog.apply_button.isEnabled()
    dialog.chooser.choose(COMPUTERS.code, VISIBLE)
    assert asked == [] and not dialog.apply_button.isEnabled()      # one figure still open
    dialog.chooser.choose(other.code, HIDDEN)
    assert asked == [{"cds.may_tinh.tong"}]
    assert dialog.apply_button.isEnabled()
    assert lines(dialog)[1] == "Tổng số máy tính: (trống) → 60 (Số đầu kỳ, lấy từ báo cáo Năm 2025)"
    assert dialog.preview.plan.values == [CARRIED, chosen]


def test_a_choice_the_back_end_refuses_is_said_and_blocks_applying(qtbot) -> None:  # type: ignore[no-untyped-def]
    def rechoose(codes: set[str]) -> PreviousImportPreview:
        if codes:
            raise KnownError("Tổng số máy tính: 60 nhỏ hơn số máy tính kết nối mạng (62).")
        return preview(CarryOverPlan("Năm 2025", values=[CARRIED]))

    dialog = dialog_of(qtbot, preview(differences=[COMPUTERS]), rechoose=rechoose)
    assert dialog.choice_problem.isHidden()
    dialog.chooser.choose(COMPUTERS.code, VISIBLE)  # type: ignore[union-attr]
    assert not dialog.choice_problem.isHidden()
    assert dialog.choice_problem.text() == "Tổng số máy tính: 60 nhỏ hơn số máy tính kết nối mạng (62)."
    assert not dialog.apply_button.isEnabled()
    dialog.chooser.choose(COMPUTERS.code, HIDDEN)  # type: ignore[union-attr]
    assert dialog.choice_problem.isHidden()
    assert dialog.apply_button.isEnabled()


def test_the_data_file_offers_the_carry_over_of_last_year(store: ReportStore, commune) -> None:  # type: ignore[no-untyped-def]
    report_id = store.create_report(2026, "Q1")
    assert stored_preview(ReportSession(store, report_id)) is None     # no earlier report
    store.save_report(make_report(records(pending=120, overdue_pending=3) | {"cds.may_tinh.tong": 54},
                                  unit=commune.unit, year=2025, kind="Y"))
    offered = stored_preview(ReportSession(store, report_id))
    assert offered is not None
    assert offered.report_id == report_id
    assert offered.source_report.period.label == "Năm 2025"
    assert offered.lines()[:2] == [
        "Số hồ sơ kỳ trước chuyển qua (cấp xã): (trống) → 123 (Số cuối kỳ báo cáo Năm 2025)",
        "Tổng số máy tính: (trống) → 54 (Số đầu kỳ, lấy từ báo cáo Năm 2025)"]


def test_an_empty_report_of_last_year_offers_nothing(store: ReportStore, commune) -> None:  # type: ignore[no-untyped-def]
    report_id = store.create_report(2026, "Q1")
    store.save_report(make_report(unit=commune.unit, year=2025, kind="Y"))
    assert stored_preview(ReportSession(store, report_id)) is None
