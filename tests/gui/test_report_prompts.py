"""gui/report_prompts.py: what the window asks before the controller changes the report: start
it, mark it final (errors listed, at most 12), mark it submitted, reopen it with a reason, quit
or open another with edits not written, put a restore point back.

Beside tests/gui/test_report_status.py (final, submitted and reopened through the window's
menu), test_restore.py (a restore point put back and its message) and test_history_chart.py
(the history dialogs). Here each question on its own, its Vietnamese wording and what each
answer does, with a ReportController and no main window; the real boxes are answered by clicks
and keys as they open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui import report_prompts
from cchc_desktop.gui.final_dialog import ReadinessDialog
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import Correction
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.gui.helpers import type_text

Answer = Callable[[QWidget], None]


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def controller(store: ReportStore, commune: OwnUnit, sample_report_id: int) -> Iterator[ReportController]:
    made = ReportController(store)
    made.open(sample_report_id)
    yield made
    made.close()


class Clerk:
    """Answers the dialogs as they open, one answer each, and keeps what they said; gives up
    after about five seconds, so that no answer is left for another test's dialogs."""

    def __init__(self, qtbot, *answers: Answer) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.answers = list(answers)
        self.seen: list[tuple[str, str]] = []
        self.looks = 0
        QTimer.singleShot(0, self._look)

    def _look(self) -> None:
        self.looks += 1
        box = QApplication.activeModalWidget()
        if box is not None and self.answers:
            text = box.text() if isinstance(box, QMessageBox) else \
                box.labelText() if isinstance(box, QInputDialog) else ""
            self.seen.append((box.windowTitle(), text))
            self.answers.pop(0)(box)
        if self.answers and self.looks < 500:
            QTimer.singleShot(10, self._look)


def status(controller: ReportController) -> ReportStatus:
    """The open report's status now (read afresh: each question may change it)."""
    assert controller.session is not None
    return controller.session.report.status


def click(button: QMessageBox.StandardButton) -> Answer:
    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()
    return answer


def key(qtbot, pressed: Qt.Key) -> Answer:  # type: ignore[no-untyped-def]
    return lambda box: qtbot.keyClick(box, pressed)


def reason(qtbot, text: str) -> Answer:  # type: ignore[no-untyped-def]
    def answer(box: QWidget) -> None:
        edit = box.findChild(QLineEdit)
        assert edit is not None
        if text:
            type_text(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return answer


def test_starting_a_report_asks_about_the_period(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    clerk = Clerk(qtbot, click(QMessageBox.StandardButton.Yes), key(qtbot, Qt.Key.Key_Escape))
    assert report_prompts.start_report(parent, 2026, "H1")
    assert not report_prompts.start_report(parent, 2026, "Q3")
    assert clerk.seen == [("Bắt đầu báo cáo", "Chưa có báo cáo 6 tháng năm 2026. Bắt đầu báo cáo này?"),
                          ("Bắt đầu báo cáo", "Chưa có báo cáo Quý III năm 2026. Bắt đầu báo cáo này?")]


def test_the_yearly_report_is_not_called_nam_nam(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    clerk = Clerk(qtbot, click(QMessageBox.StandardButton.Yes))
    assert report_prompts.start_report(parent, 2027, "Y")
    assert clerk.seen == [("Bắt đầu báo cáo", "Chưa có báo cáo Năm 2027. Bắt đầu báo cáo này?")]


def test_quitting_or_opening_another_with_edits_not_written(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    clerk = Clerk(qtbot, click(QMessageBox.StandardButton.No), click(QMessageBox.StandardButton.Yes),
                  key(qtbot, Qt.Key.Key_Return))
    assert not report_prompts.quit_unsaved(parent)
    assert report_prompts.quit_unsaved(parent)
    report_prompts.not_opened_unsaved(parent)
    assert clerk.seen[0] == ("Chưa lưu được", "Một số thay đổi chưa lưu được vào tệp dữ liệu. Vẫn thoát?")
    assert clerk.seen[2][1].startswith("Các thay đổi của báo cáo đang mở chưa lưu được vào tệp dữ "
                                       "liệu nên chưa mở báo cáo khác.")


def test_a_failed_write_says_the_edits_are_kept(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    clerk = Clerk(qtbot, key(qtbot, Qt.Key.Key_Return))
    report_prompts.save_failed(parent, KnownError("Ổ đĩa D: đã đầy."))
    [(title, text)] = clerk.seen
    assert title == "Chưa lưu được thay đổi"
    assert text.startswith("Ổ đĩa D: đã đầy.\n\nCác thay đổi vẫn được giữ trong chương trình")
    assert text.endswith("Đừng đóng chương trình cho đến khi thanh trạng thái báo đã lưu.")


def test_final_is_refused_with_twelve_errors_listed_and_the_rest_counted(  # type: ignore[no-untyped-def]
        qtbot, parent, controller: ReportController) -> None:
    session = controller.session
    assert session is not None
    codes = list(session.template.indicators)[:14]
    for number, code in enumerate(codes, 1):
        session.set_correction(Correction(code, f"Ô số {number}", f"{number}.5", "Chỉ nhập số nguyên.",
                                          "cddh"))
    clerk = Clerk(qtbot, key(qtbot, Qt.Key.Key_Return))
    assert not report_prompts.mark_final(parent, controller)
    [(title, text)] = clerk.seen
    assert title == "Chưa hoàn thành được"
    lines = text.splitlines()
    assert lines[0] == "Báo cáo còn 14 lỗi phải sửa trước khi hoàn thành:"
    bullets = [line for line in lines if line.startswith("• ")]
    assert len(bullets) == report_prompts.SHOWN_ERRORS == 12
    assert bullets[0] == "• Đang sửa: Ô số 1 – “1.5” chưa được lưu (Chỉ nhập số nguyên.)"
    assert bullets[-1].startswith("• Đang sửa: Ô số 12 –")
    assert lines[-1] == "... và 2 lỗi khác."
    assert status(controller) is ReportStatus.DRAFT


def test_final_after_what_is_missing_is_seen_and_accepted(  # type: ignore[no-untyped-def]
        qtbot, parent, controller: ReportController, monkeypatch) -> None:
    shown: list[int] = []

    def go_back(dialog: ReadinessDialog) -> QDialog.DialogCode:   # "Quay lại bổ sung"
        shown.append(dialog.tree.topLevelItemCount())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ReadinessDialog, "exec", go_back)
    assert not report_prompts.mark_final(parent, controller)
    assert status(controller) is ReportStatus.DRAFT
    assert shown and shown[0] >= 1, "the missing sections and figures were listed"
    monkeypatch.setattr(ReadinessDialog, "exec", lambda dialog: QDialog.DialogCode.Accepted)
    assert report_prompts.mark_final(parent, controller)
    assert status(controller) is ReportStatus.FINAL


def test_submitted_needs_a_yes_and_reopening_needs_a_reason(  # type: ignore[no-untyped-def]
        qtbot, parent, controller: ReportController, store: ReportStore) -> None:
    session = controller.session
    assert session is not None
    assert not report_prompts.reopen(parent, controller), "a draft is open already: nothing asked"
    session.set_value("cddh.kh.tong", Decimal(66))
    session.set_status(ReportStatus.FINAL)
    clerk = Clerk(qtbot, key(qtbot, Qt.Key.Key_Escape), click(QMessageBox.StandardButton.Yes))
    assert not report_prompts.mark_submitted(parent, controller)
    assert status(controller) is ReportStatus.FINAL
    assert report_prompts.mark_submitted(parent, controller)
    assert status(controller) is ReportStatus.SUBMITTED
    assert clerk.seen[0] == ("Đánh dấu đã gửi", "Sau khi đánh dấu đã gửi, báo cáo bị khóa; muốn sửa "
                                                 "phải mở lại và ghi lý do. Tiếp tục?")
    clerk = Clerk(qtbot, key(qtbot, Qt.Key.Key_Escape), reason(qtbot, "   "),
                  key(qtbot, Qt.Key.Key_Return), reason(qtbot, "  Sở Nội vụ yêu cầu sửa số liệu Biểu 06  "))
    assert not report_prompts.reopen(parent, controller), "cancelled"
    assert not report_prompts.reopen(parent, controller), "a blank reason"
    assert status(controller) is ReportStatus.SUBMITTED
    assert report_prompts.reopen(parent, controller)
    assert status(controller) is ReportStatus.DRAFT
    assert clerk.seen[0] == ("Mở lại để sửa", "Báo cáo Quý I năm 2026 đang ở trạng thái “Đã gửi”. Lý do "
                             "mở lại để sửa (được ghi vào lịch sử báo cáo; một bản sao lưu được tạo "
                             "trước):")
    assert clerk.seen[2] == ("Mở lại để sửa", "Cần ghi rõ lý do mở lại báo cáo.")
    reasons = [change.reason for change in session.history() if change.reason]
    assert reasons[-1] == "Sở Nội vụ yêu cầu sửa số liệu Biểu 06", "written stripped"
    assert store.load_report(session.report_id).status is ReportStatus.DRAFT


def test_a_restore_not_chosen_changes_nothing(qtbot, parent, controller: ReportController) -> None:  # type: ignore[no-untyped-def]
    before: list[str] = []
    clerk = Clerk(qtbot, key(qtbot, Qt.Key.Key_Escape))
    assert not report_prompts.restore(parent, controller, lambda: before.append("start page"))
    assert clerk.seen and clerk.seen[0][0] == "Khôi phục dữ liệu"
    assert before == [] and controller.session is not None
