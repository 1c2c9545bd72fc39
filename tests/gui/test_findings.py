"""The findings panel: errors first, live, a double-click to the field, justified warnings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cchc_desktop.domain.template import Severity
from tests.gui.helpers import fill, type_text, wait_saved


def test_an_inconsistent_total_shows_up_and_leads_to_its_field(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "70", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})
    panel = window.findings
    assert panel.list.count() == 1
    item = panel.list.item(0)
    finding = item.data(Qt.ItemDataRole.UserRole)
    assert finding.severity is Severity.ERROR
    assert item.text() == ("Tổng số nhiệm vụ trong kế hoạch CCHC năm (70) khác tổng đã hoàn thành, "
                           "đang thực hiện và chưa thực hiện (66): chênh lệch 4.")
    assert panel.summary.text().startswith("1 lỗi, 0 cảnh báo")

    window.show_page("tthc")  # the clerk has moved on
    rect = panel.list.visualItemRect(item)
    # A real double-click starts with a press: item views ignore a lone double-click event.
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    assert window.current_key == "cddh"
    target = window.current_page().fields["cddh.kh.tong"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target.edit)

    # Fixing the total clears the finding as the clerk types.
    target.edit.selectAll()
    type_text(target.edit, "66")
    assert panel.list.count() == 0
    assert panel.summary.text().startswith("Không có lỗi")


def test_errors_come_before_warnings(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kiem_tra.ke_hoach": "3", "cddh.kiem_tra.da_kiem_tra": "5",
                         "cddh.kh.tong": "10", "cddh.kh.hoan_thanh": "11"})
    severities = [window.findings.list.item(i).data(Qt.ItemDataRole.UserRole).severity
                  for i in range(window.findings.list.count())]
    assert severities[0] is Severity.ERROR
    assert Severity.WARNING in severities
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)


def test_a_warning_is_justified_and_the_note_is_stored(qtbot, window, new_report, store) -> None:
    fill(qtbot, window, {"cddh.kiem_tra.ke_hoach": "3", "cddh.kiem_tra.da_kiem_tra": "5"})
    panel = window.findings
    panel.list.setCurrentRow(0)
    finding = panel.current_finding()
    assert finding.severity is Severity.WARNING and not finding.justified
    assert panel.note.isEnabled()
    type_text(panel.note, "Kiểm tra đột xuất 02 bộ phận theo chỉ đạo của tỉnh.")
    assert panel.current_finding().justified
    wait_saved(qtbot, window)
    stored = store.load_report(window.session.report_id)
    assert stored.notes == {finding.codes[0]: "Kiểm tra đột xuất 02 bộ phận theo chỉ đạo của tỉnh."}
    # The justification is printed in its annex.
    window.show_page("annex:giai_trinh")
    table = window.current_page().table
    assert table.model().index(0, 2).data() == "Kiểm tra đột xuất 02 bộ phận theo chỉ đạo của tỉnh."


def test_an_error_cannot_be_justified(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "10", "cddh.kh.hoan_thanh": "11"})
    window.findings.list.setCurrentRow(0)
    assert not window.findings.note.isEnabled()
    assert window.findings.note_label.text() == "Lỗi không giải trình được: hãy sửa số liệu."


def test_sections_with_findings_are_marked_in_the_tree(qtbot, window, new_report) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "10", "cddh.kh.hoan_thanh": "11"})
    item = window.navigation.page_items["cddh"]
    assert item.icon(0).cacheKey() == window.navigation.error_icon.cacheKey()
