"""gui/final_dialog.py: before a report is marked final, what it still leaves empty or
unexplained, grouped with their counts (empty groups left out, a long group folded), and two
answers, "Quay lại bổ sung" the default so that Enter never marks final by accident. Beside
tests/gui/test_report_status.py, which marks the window's report final through this dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.lifecycle import Readiness
from cchc_desktop.domain.template import Severity
from cchc_desktop.gui.final_dialog import ReadinessDialog

SECTIONS = ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "II.1. Cải cách thể chế")
WARNING = Finding("tthc.ty_le_dung_han", Severity.WARNING, ("tthc.hs.tong.ty_le_dung_han",),
                  "Tỷ lệ hồ sơ giải quyết đúng hạn 85,00% thấp hơn mục tiêu 90,00%.")


def readiness(sections: tuple[str, ...] = (), empty: tuple[str, ...] = (),
              warnings: tuple[Finding, ...] = ()) -> Readiness:
    return Readiness(errors=(), sections_without_text=sections, empty_indicators=empty,
                     unjustified_warnings=warnings)


def dialog_of(qtbot, ready: Readiness) -> ReadinessDialog:  # type: ignore[no-untyped-def]
    dialog = ReadinessDialog(ready)
    qtbot.addWidget(dialog)
    return dialog


def test_each_group_with_its_count_and_items(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, readiness(SECTIONS, ("Số văn bản QPPL đã ban hành",), (WARNING,)))
    assert dialog.windowTitle() == "Kiểm tra trước khi hoàn thành"
    assert dialog.groups() == {
        "Mục chưa có nội dung (in ra \u201cKhông có.\u201d): 2": list(SECTIONS),
        "Chỉ tiêu chưa nhập số liệu: 1": ["Số văn bản QPPL đã ban hành"],
        "Cảnh báo chưa có giải trình: 1": [
            "Tỷ lệ hồ sơ giải quyết đúng hạn 85,00% thấp hơn mục tiêu 90,00%."],
    }


def test_an_empty_group_is_left_out(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, readiness(warnings=(WARNING,)))
    assert list(dialog.groups()) == ["Cảnh báo chưa có giải trình: 1"]


def test_a_long_group_is_folded_a_short_one_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    many = tuple(f"Chỉ tiêu số {n}" for n in range(1, 10))        # nine: folded
    eight = tuple(f"Mục {n}" for n in range(1, 9))                 # eight: still open
    dialog = dialog_of(qtbot, readiness(eight, many))
    sections, indicators = (dialog.tree.topLevelItem(i) for i in range(2))
    assert sections is not None and indicators is not None
    assert sections.text(0).endswith(": 8") and sections.isExpanded()
    assert indicators.text(0) == "Chỉ tiêu chưa nhập số liệu: 9"
    assert not indicators.isExpanded()
    assert indicators.childCount() == 9


def test_enter_goes_back_without_marking_final(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, readiness(SECTIONS))
    assert dialog.back.text() == "Quay lại bổ sung"
    assert dialog.confirm.text() == "Vẫn đánh dấu hoàn thành"
    assert dialog.back.isDefault() and not dialog.confirm.isDefault()
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert finished.args == [QDialog.DialogCode.Rejected.value]


def test_the_confirm_button_marks_final(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_of(qtbot, readiness(SECTIONS))
    dialog.show()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert finished.args == [QDialog.DialogCode.Accepted.value]
    assert dialog.result() == QDialog.DialogCode.Accepted.value
