"""Báo cáo > Tổng hợp đơn vị trực thuộc: drop the units' files, see what is refused and what a
new revision changes, sum them, then follow who has sent on the board.

The checks and the sums are the back end's (cchc_desktop.imports.subordinates); this dialog
runs them off the GUI thread, through gui/services.Consolidation (handed out by the report
controller), and asks the clerk to confirm each replaced revision. Its layout is
ui/consolidation_dialog.ui; a batch's boxes are filled by gui/consolidation_batch.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from cchc_desktop.gui import file_dialogs, window_geometry
from cchc_desktop.gui.board import UnitFiguresDialog
from cchc_desktop.gui.consolidation_batch import BatchView, RevisionBox
from cchc_desktop.gui.designer.ui_consolidation_dialog import Ui_ConsolidationDialog
from cchc_desktop.gui.differences_chooser import DifferencesChooser
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.pin_offer import ask_to_pin
from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog
from cchc_desktop.gui.worker import BackgroundTask, busy_dialog, run_for
from cchc_desktop.i18n import _
from cchc_desktop.imports.signer_pins import SignedArrival

if TYPE_CHECKING:
    from cchc_desktop.gui.services import Consolidation
    from cchc_desktop.imports.subordinates import BoardRow, ConsolidationPreview, Incoming

CONSOLIDATION_DIR_SETTING = "consolidation_dir"
SUFFIXES = (".xlsx", ".json", ".zip")


class ConsolidationDialog(QDialog):
    """`before_change` writes pending edits (False stops); `after_change` reloads the report."""

    IMPORT_TAB, BOARD_TAB = 0, 1

    def __init__(self, consolidation: Consolidation, parent: QWidget | None = None, *,
                 before_change: Callable[[], bool] = lambda: True,
                 after_change: Callable[[], None] = lambda: None) -> None:
        super().__init__(parent)
        self.ui = Ui_ConsolidationDialog()
        self.ui.setupUi(self)
        window_geometry.fit_dialog(self, parent)   # designed at 920 × 660
        self.consolidation = consolidation
        self.before_change = before_change
        self.after_change = after_change
        self.paths: list[Path] = []
        self.preview: ConsolidationPreview | None = None
        self.batch = BatchView(self.ui, on_choice=self._update_apply)
        self.job: BackgroundTask | None = None
        self.board_job: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None
        self.applied: list[Incoming] = []
        self.pin_box: QMessageBox | None = None    # the question after a first signed package
        # The widgets the window's tests and the rest of this class reach by name.
        ui = self.ui
        self.tabs, self.drop_area, self.state = ui.tabs, ui.dropArea, ui.consolidationState
        self.choose_files, self.choose_folder, self.clear_button = (
            ui.chooseFiles, ui.chooseFolder, ui.clearFiles)
        self.accepted_list, self.refused_list, self.apply_button = (
            ui.accepted, ui.refused, ui.consolidate)
        self.board_summary, self.board = ui.boardSummary, ui.board
        report = consolidation.report()
        ui.title.setText(_("<b>{unit}</b> — tổng hợp báo cáo {period} của các đơn vị trực thuộc "
                           "(hạn gửi {deadline})").format(
            unit=report.unit.name, period=report.period.label,
            deadline=report.period.deadline.strftime("%d/%m/%Y")))
        close = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Đóng"))
        ui.buttons.rejected.connect(self.reject)
        self.drop_area.dropped.connect(self.add_paths)
        self.choose_files.clicked.connect(self._choose_files)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.clear_button.clicked.connect(self.clear)
        self.apply_button.clicked.connect(self.apply)
        self.board.unit_activated.connect(self.show_unit)
        ui.refreshBoard.clicked.connect(self.load_board)
        ui.rateBoard.clicked.connect(self.show_rate_board)
        ui.copyReceipt.clicked.connect(self.copy_receipt)
        self._show_preview()
        self.load_board()

    @property
    def revisions(self) -> list[RevisionBox]:
        return self.batch.revisions

    @property
    def choosers(self) -> dict[str, DifferencesChooser]:
        return self.batch.choosers

    def show_board(self) -> None:
        self.tabs.setCurrentIndex(self.BOARD_TAB)

    # ------------------------------------------------------------------ choosing files
    def _choose_files(self) -> None:
        paths = file_dialogs.open_files(
            self, self.consolidation, CONSOLIDATION_DIR_SETTING,
            _("Chọn tệp báo cáo của đơn vị trực thuộc"), _("Báo cáo (*.xlsx *.json *.zip)"))
        if paths:
            self.add_paths(paths)

    def _choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self, self.consolidation, CONSOLIDATION_DIR_SETTING,
            _("Chọn thư mục chứa báo cáo của đơn vị trực thuộc"))
        if folder is not None:
            self.add_paths([folder])

    def add_paths(self, paths: Sequence[Path]) -> BackgroundTask | None:
        """Add files or folders to this batch and check the whole batch again, off the GUI thread."""
        new = [Path(p) for p in paths if Path(p) not in self.paths]
        if not new:
            return None
        self.paths += new
        first = new[0]
        folder = first if first.is_dir() else first.parent
        self.consolidation.set_setting(CONSOLIDATION_DIR_SETTING, str(folder))
        return self._prepare()

    def clear(self) -> None:
        self.paths = []
        self.preview = None
        self._show_preview()

    def _prepare(self) -> BackgroundTask:
        consolidation, paths = self.consolidation, list(self.paths)

        def task(_progress: Callable[[int, int], None]) -> Any:
            return consolidation.prepare(paths)

        self._set_busy(True)
        self.state.setText(_("Đang kiểm tra các tệp..."))
        self.job = run_for(self, task, on_success=self._prepared, on_failure=self._prepare_failed)
        return self.job

    def _prepared(self, preview: ConsolidationPreview) -> None:
        self.job = None
        self._set_busy(False)
        self.preview = preview
        self._show_preview()

    def _prepare_failed(self, error: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self._show_preview()
        show_error(self, error, _("Không kiểm tra được các tệp"))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.choose_files, self.choose_folder, self.clear_button, self.apply_button):
            widget.setEnabled(not busy)
        self.drop_area.setAcceptDrops(not busy)

    # ------------------------------------------------------------------ the preview
    def _show_preview(self) -> None:
        preview = self.preview
        self.batch.show(preview)
        if preview is None:
            self.state.setText(_("Chưa chọn tệp nào.") if not self.paths else "")
            self.apply_button.setEnabled(False)
            return
        self.state.setText(self.batch.summary(preview))
        self._update_apply()

    def _update_apply(self) -> None:
        """Summing waits until every edited workbook's figures are decided."""
        preview = self.preview
        self.apply_button.setEnabled(preview is not None and bool(preview.accepted)
                                     and self.batch.decided())

    def visible_choices(self) -> dict[str, set[str]]:
        return self.batch.visible_choices()

    def confirmed_codes(self) -> set[str]:
        return self.batch.confirmed_codes()

    # ------------------------------------------------------------------ applying
    def apply(self) -> BackgroundTask | None:
        preview = self.preview
        if preview is None or not preview.accepted or self.job is not None:
            return None
        if not self.before_change():
            return None
        if not self.batch.decided():
            return None
        consolidation, codes, choices = self.consolidation, self.confirmed_codes(), self.visible_choices()

        def task(_progress: Callable[[int, int], None]) -> Any:
            return consolidation.apply(preview, replace_codes=codes, visible_choices=choices)

        self._set_busy(True)
        self.progress = busy_dialog(self, _("Tổng hợp"), _("Đang tổng hợp số liệu..."))
        self.job = run_for(self, task, on_success=self._applied, on_failure=self._apply_failed)
        return self.job

    def _close_progress(self) -> None:
        self.job = None
        self._set_busy(False)
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None

    def _applied(self, chosen: list[Incoming]) -> None:
        self._close_progress()
        self.applied = list(chosen)
        skipped = len(self.preview.accepted) - len(chosen) if self.preview else 0
        self.paths = []
        self.preview = None
        self._show_preview()
        message = _("Đã tổng hợp {n} tệp.").format(n=len(chosen))
        if skipped:
            message += " " + _("{n} lần gửi lại chưa được thay vì chưa đánh dấu.").format(n=skipped)
        self.state.setText(message)
        self.after_change()
        self.load_board()
        self.show_board()
        signed = [SignedArrival(item.submission.report.unit.code, item.submission.report.unit.name,
                                item.signer_der) for item in chosen if item.signer_der]
        self.pin_box = ask_to_pin(self, self.consolidation.pin_offers(signed), self.consolidation.pin)

    def _apply_failed(self, error: BaseException) -> None:
        self._close_progress()
        self._show_preview()
        show_error(self, error, _("Không tổng hợp được"))

    # ------------------------------------------------------------------ the board
    def load_board(self) -> BackgroundTask:
        consolidation = self.consolidation

        def task(_progress: Callable[[int, int], None]) -> Any:
            return consolidation.board()

        self.board_summary.setText(_("Đang đọc tình hình gửi báo cáo..."))
        self.board_job = run_for(self, task, on_success=self._board_loaded, on_failure=self._board_failed)
        return self.board_job

    def _board_loaded(self, rows: list[BoardRow]) -> None:
        self.board_job = None
        self.board.set_rows(rows)
        self.board_summary.setText(self.board.summary())

    def _board_failed(self, error: BaseException) -> None:
        self.board_job = None
        self.board_summary.setText("")
        show_error(self, error, _("Không đọc được tình hình gửi báo cáo"))

    def copy_receipt(self) -> str:
        """The "đã nhận" reply to the unit chosen on the board, on the clipboard ("" if none)."""
        # The mail texts load with the first reply.
        from cchc_desktop.outbox.receipts import receipt_reply

        index = self.board.currentRow()
        row = self.board.rows[index] if 0 <= index < len(self.board.rows) else None
        if row is None or row.report is None or row.received_at is None:
            self.board_summary.setText(_("Chọn một đơn vị đã gửi báo cáo để soạn thư báo đã nhận."))
            return ""
        own = self.consolidation.report()
        reply = receipt_reply(unit_name=row.unit.name, period_phrase=row.report.period.phrase,
                              revision=row.revision, received_at=row.received_at,
                              errors=row.error_count, receiver_name=own.unit.name)
        QGuiApplication.clipboard().setText(reply.text)
        self.board_summary.setText(_("Đã sao chép thư báo đã nhận gửi {unit}: dán vào thư trả lời "
                                     "đơn vị.").format(unit=row.unit.name))
        return reply.text

    def show_rate_board(self) -> UnitBoardDialog:
        """The units' main rates against their targets, from the rows the board has read."""
        dialog = UnitBoardDialog(self.consolidation, self, rows=self.board.rows or None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_unit(self, row: BoardRow) -> UnitFiguresDialog | None:
        if row.report is None:
            return None
        dialog = UnitFiguresDialog(row, self.consolidation.template(row.report.template_ref), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reject(self) -> None:
        # A check still running reports back to this dialog: wait for it rather than crash.
        if self.job is not None:
            return
        super().reject()
