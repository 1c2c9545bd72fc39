"""What the window asks the clerk before the ReportController changes the report or the data
file: starting a report, marking it final or submitted, reopening it (with a reason), putting a
restore point back, leaving edits not yet written; and the history dialogs.

Each function takes the window as the dialogs' parent and returns whether the change was made.
A KnownError raised here is the caller's to show (MainWindow wraps them in errors.guarded).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.errors import show_known_error
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

SHOWN_ERRORS = 12   # errors listed when marking final is refused; the rest are counted


def start_report(parent: QWidget, year: int, kind: str) -> bool:
    """The period has no report yet: start one?"""
    answer = QMessageBox.question(
        parent, _("Bắt đầu báo cáo"),
        _("Chưa có báo cáo {period}. Bắt đầu báo cáo này?").format(
            period=Period.default(year, kind).label))
    return answer == QMessageBox.StandardButton.Yes


def save_failed(parent: QWidget, error: KnownError) -> None:
    """A write failed (once per run of failures): the edits are kept and written once it can."""
    message = KnownError(error.message + "\n\n" + _(
        "Các thay đổi vẫn được giữ trong chương trình và sẽ được lưu tự động ngay khi "
        "ghi được (chương trình thử lại sau vài giây và mỗi khi anh/chị nhập tiếp). "
        "Đừng đóng chương trình cho đến khi thanh trạng thái báo đã lưu."))
    show_known_error(parent, message, _("Chưa lưu được thay đổi"))


def not_opened_unsaved(parent: QWidget) -> None:
    """Another report was asked for while the open one's edits are not written yet."""
    QMessageBox.warning(parent, _("Chưa lưu được"), _(
        "Các thay đổi của báo cáo đang mở chưa lưu được vào tệp dữ liệu nên chưa mở "
        "báo cáo khác. Hãy chờ thanh trạng thái báo đã lưu rồi thử lại."))


def quit_unsaved(parent: QWidget) -> bool:
    """Quit although some edits are not written yet?"""
    answer = QMessageBox.question(parent, _("Chưa lưu được"),
                                  _("Một số thay đổi chưa lưu được vào tệp dữ liệu. Vẫn thoát?"))
    return answer == QMessageBox.StandardButton.Yes


def mark_final(parent: QWidget, controller: ReportController) -> bool:
    """Show what is missing first: errors block, the rest is the clerk's call."""
    errors, readiness = controller.final_check()
    if errors:
        listing = "\n".join(f"• {message}" for message in errors[:SHOWN_ERRORS])
        more = _("\n... và {n} lỗi khác.").format(n=len(errors) - SHOWN_ERRORS) \
            if len(errors) > SHOWN_ERRORS else ""
        QMessageBox.warning(parent, _("Chưa hoàn thành được"),
                            _("Báo cáo còn {n} lỗi phải sửa trước khi hoàn thành:").format(
                                n=len(errors)) + "\n\n" + listing + more)
        return False
    if not readiness.complete:
        from cchc_desktop.gui.final_dialog import ReadinessDialog  # start-up: only when finalising
        dialog = ReadinessDialog(readiness, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not accepted:
            return False
    controller.set_status(ReportStatus.FINAL)
    return True


def mark_submitted(parent: QWidget, controller: ReportController) -> bool:
    answer = QMessageBox.question(
        parent, _("Đánh dấu đã gửi"),
        _("Sau khi đánh dấu đã gửi, báo cáo bị khóa; muốn sửa phải mở lại và ghi lý do. "
          "Tiếp tục?"))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    controller.set_status(ReportStatus.SUBMITTED)
    return True


def reopen(parent: QWidget, controller: ReportController) -> bool:
    """Mở lại để sửa...: a final or submitted report back to draft, with a reason."""
    session = controller.session
    if session is None or session.report.status is ReportStatus.DRAFT:
        return False
    reason, ok = QInputDialog.getText(
        parent, _("Mở lại để sửa"),
        _("Báo cáo {period} đang ở trạng thái \u201c{status}\u201d. Lý do mở lại để sửa "
          "(được ghi vào lịch sử báo cáo; một bản sao lưu được tạo trước):").format(
            period=session.report.period.label, status=session.report.status.label))
    if not ok:
        return False
    if not reason.strip():
        QMessageBox.warning(parent, _("Mở lại để sửa"), _("Cần ghi rõ lý do mở lại báo cáo."))
        return False
    controller.set_status(ReportStatus.DRAFT, reason.strip())
    return True


def restore(parent: QWidget, controller: ReportController, before: Callable[[], None]) -> bool:
    """Tệp > Khôi phục...: put a restore point back, after saving the current state as one.

    `before` runs once the clerk has chosen, just before the report and the file close. On a
    server whose restore needs pg_dump/pg_restore this PC lacks, what to install is said instead.
    """
    missing = controller.missing_server_tools()
    if missing is not None:
        QMessageBox.information(parent, _("Khôi phục dữ liệu"), missing)
        return False
    from cchc_desktop.gui.restore_dialog import RestoreDialog, stamp  # start-up: only to restore
    dialog = RestoreDialog(controller.restore_points(), parent)
    accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
    chosen = dialog.chosen
    dialog.deleteLater()
    if not accepted or chosen is None:
        return False
    if not controller.flush():
        QMessageBox.warning(parent, _("Khôi phục dữ liệu"), _(
            "Các thay đổi vừa nhập chưa lưu được vào tệp dữ liệu nên chưa khôi phục."))
        return False
    before()
    safety = controller.restore(chosen)
    QMessageBox.information(parent, _("Khôi phục dữ liệu"), _(
        "Đã khôi phục dữ liệu về thời điểm {time} ({reason}).\n\nTrạng thái ngay trước khi "
        "khôi phục đã được lưu thành điểm khôi phục lúc {saved}; có thể khôi phục lại "
        "trong Tệp > Khôi phục... nếu cần.").format(
            time=stamp(chosen), reason=chosen.reason, saved=stamp(safety)))
    return True


def field_history(parent: QWidget, session: ReportSession, entity: str, key: str,
                  controller: ReportController | None = None) -> None:
    """A field's changes; a figure's beside its value across the unit's periods, read from
    the data file through the controller as Báo cáo > Xu hướng reads them."""
    log = session.history_log()          # writes the pending edits first: the trend sees them
    chart = None
    if entity == "value" and controller is not None:
        from cchc_desktop.domain.trends import field_trend  # start-up: on demand, as the dialog

        reports, template_for = controller.unit_reports(session.report.unit.code)
        chart = field_trend(reports, template_for, key)
    from cchc_desktop.gui.history_dialog import field_history as field_history_dialog  # start-up: on demand
    dialog = field_history_dialog(log, session.template, entity, key, parent, chart=chart)
    dialog.exec()
    dialog.deleteLater()


def report_history(parent: QWidget, session: ReportSession) -> None:
    from cchc_desktop.gui.history_dialog import HistoryDialog  # start-up: on demand
    dialog = HistoryDialog(session.history_log(), session.template,
                           title=_("Lịch sử thay đổi — {period}").format(
                               period=session.report.period.label), parent=parent)
    dialog.exec()
    dialog.deleteLater()
