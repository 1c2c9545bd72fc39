"""Báo cáo > Bảng tổng hợp tỷ lệ các đơn vị: the subordinate units' main rates against their
targets in one table, sortable by any rate's number and filtered by name or to the units below a
target, the consolidating unit's own rate from the sums in its last row, and the bars of the
chosen rate below, in the table's order. Exported as a PDF or a workbook in Vietnamese.

The board is domain/unit_board.py's, read off the GUI thread through gui/services.Consolidation;
the table is gui/unit_board_table.py, the bars gui/bar_chart_widget.py; the layout is
ui/unit_board_dialog.ui.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QWidget

from cchc_desktop.domain.unit_board import UnitBoard, rate_chart
from cchc_desktop.gui import file_dialogs, window_geometry
from cchc_desktop.gui.designer.ui_unit_board_dialog import Ui_UnitBoardDialog
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.export import EXPORT_DIR_SETTING, KINDS
from cchc_desktop.gui.unit_board_table import UnitBoardModel, UnitBoardProxy
from cchc_desktop.gui.worker import BackgroundTask, run_for
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.services import Consolidation
    from cchc_desktop.imports.subordinates import BoardRow


class UnitBoardDialog(QDialog):
    """`rows`: the consolidation board's rows when its dialog has them (not read twice)."""

    def __init__(self, consolidation: Consolidation, parent: QWidget | None = None, *,
                 rows: Sequence[BoardRow] | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnitBoardDialog()
        self.ui.setupUi(self)
        window_geometry.fit_dialog(self, parent)   # designed at 1040 × 700
        self.consolidation = consolidation
        self.board: UnitBoard | None = None
        self.precision = 2
        self.job: BackgroundTask | None = None
        self.export_job: BackgroundTask | None = None
        self.last_export: Path | None = None
        ui = self.ui
        self.model = UnitBoardModel(self)
        self.proxy = UnitBoardProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table, self.chart = ui.table, ui.chart
        self.table.setModel(self.proxy)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)   # the data file's order first
        header = self.table.horizontalHeader()
        # the rates as wide as their figures and headers; the names get what is left, the note
        # the end of the line
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        ui.splitter.setSizes([360, 300])
        close = ui.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Đóng"))
        ui.filterEdit.textChanged.connect(self.proxy.set_words)
        ui.belowOnly.toggled.connect(self.proxy.set_below_only)
        ui.rateChoice.currentIndexChanged.connect(lambda _index: self.show_chart())
        header.sortIndicatorChanged.connect(self._sorted_by)
        for signal in (self.proxy.layoutChanged, self.proxy.modelReset, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved):
            signal.connect(lambda *_args: self.show_chart())
        ui.exportPdf.clicked.connect(lambda: self.export("pdf"))
        ui.exportXlsx.clicked.connect(lambda: self.export("xlsx"))
        for button in (ui.exportPdf, ui.exportXlsx):
            button.setEnabled(False)
        self.load(rows)

    # ------------------------------------------------------------------ the board
    def load(self, rows: Sequence[BoardRow] | None = None) -> BackgroundTask:
        consolidation = self.consolidation

        def task(_progress: Any) -> Any:
            return consolidation.rate_board(rows), consolidation.report().precision

        self.ui.summary.setText(_("Đang đọc báo cáo của các đơn vị..."))
        self.job = run_for(self, task, on_success=self._loaded, on_failure=self._failed)
        return self.job

    def _loaded(self, result: tuple[UnitBoard, int]) -> None:
        self.job = None
        board, self.precision = result
        self.board = board
        ui = self.ui
        ui.rateChoice.blockSignals(True)
        ui.rateChoice.clear()
        for column in board.columns:
            ui.rateChoice.addItem(column.label(), column.code)
        ui.rateChoice.blockSignals(False)
        self.model.set_board(board)
        below = sum(1 for line in board.lines if line.below_target)
        ui.summary.setText(_("<b>{unit}</b> — {period}: {sent}/{total} đơn vị đã gửi báo cáo, "
                             "{below} đơn vị có tỷ lệ dưới chỉ tiêu.").format(
            unit=board.unit.name, period=board.period.label, sent=len(board.reported),
            total=len(board.lines), below=below))
        for button in (ui.exportPdf, ui.exportXlsx):
            button.setEnabled(True)
        self.show_chart()

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.ui.summary.setText("")
        show_error(self, error, _("Không đọc được báo cáo của các đơn vị"))

    def chosen_code(self) -> str | None:
        code = self.ui.rateChoice.currentData()
        return str(code) if code else None

    def choose_rate(self, code: str) -> None:
        index = self.ui.rateChoice.findData(code)
        if index >= 0:
            self.ui.rateChoice.setCurrentIndex(index)

    def _sorted_by(self, column: int, _order: Qt.SortOrder) -> None:
        """Sorting by a rate draws that rate: the bars follow the table."""
        code = self.model.code_at(column)
        if code is not None:
            self.choose_rate(code)

    def show_chart(self) -> None:
        code = self.chosen_code()
        if self.board is None or code is None:
            self.chart.set_chart(None)
            return
        lines = [line for line in self.proxy.visible_lines() if not line.is_total]
        self.chart.set_chart(rate_chart(self.board, code, lines, total=True), self.precision)

    # ------------------------------------------------------------------ export
    def export(self, kind: str, path: Path | None = None) -> BackgroundTask | None:
        """Write the board as `kind` ('pdf', 'xlsx') to `path`, asked when not given."""
        board = self.board
        if board is None or self.export_job is not None:
            return None
        if path is None:
            suffix, file_filter = KINDS[kind]
            path = file_dialogs.save_file(self, self.consolidation, EXPORT_DIR_SETTING,
                                          _("Lưu bảng tổng hợp tỷ lệ"), _(file_filter),
                                          self.consolidation.board_file_name(suffix), suffix)
            if path is None:
                return None
            if path.suffix.lower() != suffix:
                path = path.with_name(path.name + suffix)
        consolidation, chosen = self.consolidation, path

        def task(_progress: Any) -> Any:
            consolidation.write_board(board, kind, chosen)
            return chosen

        self.ui.exportState.setText(_("Đang ghi {name}...").format(name=chosen.name))
        self.export_job = run_for(self, task, on_success=self._exported, on_failure=self._export_failed)
        return self.export_job

    def _exported(self, path: Path) -> None:
        self.export_job = None
        self.last_export = path
        self.ui.exportState.setText(_("Đã lưu {name} vào thư mục {folder}").format(
            name=path.name, folder=path.parent))

    def _export_failed(self, error: BaseException) -> None:
        self.export_job = None
        self.ui.exportState.setText("")
        show_error(self, error, _("Chưa xuất được"))
