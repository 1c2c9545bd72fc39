"""Draft -> final (refused while errors remain) -> submitted (locked) -> unlocked with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from cchc_desktop.domain.report import ReportStatus
from tests.gui.helpers import field, fill, type_into


def test_final_is_refused_while_errors_remain(qtbot, window, new_report, monkeypatch) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "70", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append(text))
    assert window.mark_final() is False
    assert window.session.report.status is ReportStatus.DRAFT
    assert "Báo cáo còn 1 lỗi phải sửa trước khi hoàn thành:" in shown[0]
    assert "• Tổng số nhiệm vụ trong kế hoạch CCHC năm (70) khác tổng" in shown[0]

    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    assert window.mark_final() is True
    assert window.session.report.status is ReportStatus.FINAL
    assert window.ui.statusbar.status_label.text() == "Trạng thái: Hoàn thành"


def test_a_submitted_report_is_locked_until_unlocked_with_a_reason(qtbot, window, new_report,
                                                                  store, monkeypatch) -> None:
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.mark_final() and window.mark_submitted()
    widget = field(window, "cddh.kh.tong")
    assert widget.edit.isReadOnly()
    assert not window.ui.act_undo.isEnabled()
    assert store.load_report(window.session.report_id).values["cddh.kh.tong"] == 66

    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Sở Nội vụ yêu cầu bổ sung số liệu", True))
    assert window.unlock()
    assert window.session.report.status is ReportStatus.DRAFT
    assert not widget.edit.isReadOnly()
    changes = [c for c in store.history(window.session.report_id) if c.entity == "status"]
    assert changes[-1].reason == "Sở Nội vụ yêu cầu bổ sung số liệu"
    assert (changes[-1].old, changes[-1].new) == ("submitted", "draft")


def test_unlocking_without_a_reason_is_refused(qtbot, window, new_report, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    assert window.mark_final() and window.mark_submitted()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("   ", True))
    assert not window.unlock()
    assert window.session.report.status is ReportStatus.SUBMITTED
    assert warnings == ["Cần ghi rõ lý do mở lại báo cáo."]


def test_a_final_report_takes_no_edit_and_offers_to_reopen(qtbot, window, new_report, store,
                                                          monkeypatch) -> None:
    from cchc_desktop.gui import errors

    fill(qtbot, window, {"cddh.kh.tong": "66", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})
    assert window.mark_final()
    assert field(window, "cddh.kh.tong").edit.isReadOnly(), "final is read-only, not only submitted"
    assert window.ui.act_reopen.isEnabled() and window.ui.act_reopen.text() == "Mở lại để sửa..."
    assert not window.ui.act_final.isEnabled()

    boxes: list[str] = []

    def answer(box: QMessageBox) -> int:
        boxes.append(box.text())
        next(b for b in box.buttons() if b.text() == "Mở lại để sửa...").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Nhập số liệu kỳ trước", True))
    window.import_previous()        # refused before a file is chosen, with the offer
    assert boxes and boxes[0].startswith("Báo cáo Quý I năm 2026 đã hoàn thành nên không sửa được.")
    assert window.session.report.status is ReportStatus.DRAFT
    [reopened] = [c for c in store.history(window.session.report_id)
                  if c.entity == "status" and c.new == "draft"]
    assert (reopened.old, reopened.reason) == ("final", "Nhập số liệu kỳ trước")
    assert not field(window, "cddh.kh.tong").edit.isReadOnly()
    del errors


def test_marking_final_shows_what_is_missing_first(qtbot, window, new_report, monkeypatch) -> None:
    from cchc_desktop.gui.final_dialog import ReadinessDialog

    fill(qtbot, window, {"cddh.kh.tong": "66", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})
    seen: dict[str, list[str]] = {}

    def go_back(dialog: ReadinessDialog) -> int:
        seen.update(dialog.groups())
        return 0   # "Quay lại bổ sung"

    monkeypatch.setattr(ReadinessDialog, "exec", go_back)
    assert window.mark_final() is False
    assert window.session.report.status is ReportStatus.DRAFT
    titles = list(seen)
    assert titles[0].startswith("Mục chưa có nội dung (in ra “Không có.”): ")
    assert "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH" in seen[titles[0]]
    assert "II.1. Cải cách thể chế" in seen[titles[0]]
    assert titles[1].startswith("Chỉ tiêu chưa nhập số liệu: ")
    assert "Số văn bản QPPL đã ban hành" in seen[titles[1]]
    assert "Tổng số nhiệm vụ trong kế hoạch CCHC năm" not in seen[titles[1]]
