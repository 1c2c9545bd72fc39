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
    assert window.status_label.text() == "Trạng thái: Hoàn thành"


def test_a_submitted_report_is_locked_until_unlocked_with_a_reason(qtbot, window, new_report,
                                                                  store, monkeypatch) -> None:
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.mark_final() and window.mark_submitted()
    widget = field(window, "cddh.kh.tong")
    assert widget.edit.isReadOnly()
    assert not window.act_undo.isEnabled()
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
    assert warnings == ["Cần ghi rõ lý do mở khóa."]
