"""Báo cáo > Tổng hợp đơn vị trực thuộc: drop the units' files, see what is refused and what a
new revision changes, sum them, then follow who has sent on the board.

The checks and the sums are the back end's (cchc_desktop.imports.subordinates); this dialog
runs them off the GUI thread and asks the clerk to confirm each replaced revision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.gui.board import BoardTable, UnitFiguresDialog
from cchc_desktop.gui.differences_chooser import DifferencesChooser
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.style import set_flag
from cchc_desktop.gui.worker import BackgroundTask, busy_dialog, run_in_background
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.imports.subordinates import BoardRow, ConsolidationPreview, Incoming
    from cchc_desktop.storage.repository import ReportStore

CONSOLIDATION_DIR_SETTING = "consolidation_dir"
SUFFIXES = (".xlsx", ".json", ".zip")


def dropped_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    """Local files and folders carried by a drag; other URLs (web links) are ignored."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropArea(QLabel):
    """The place to drop the units' files or a folder of them."""

    dropped = Signal(list)   # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropArea")
        self.setAcceptDrops(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMinimumHeight(90)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setText(_("Kéo thả vào đây các tệp báo cáo (.xlsx, .json) hoặc gói báo cáo (.zip) của đơn vị "
                       "trực thuộc, hoặc cả thư mục chứa chúng."))
        self._style(False)

    def _style(self, active: bool) -> None:
        # The look of both states is QLabel#dropArea in resources/style/app.qss.
        set_flag(self, "active", active)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()
            self._style(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if dropped_paths(event):
            event.acceptProposedAction()

    def dragLeaveEvent(self, event: Any) -> None:
        self._style(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._style(False)
        paths = dropped_paths(event)
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)


class RevisionBox(QGroupBox):
    """A unit that sent again: what changes, and the box to tick to take the new revision."""

    def __init__(self, item: Incoming, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        report = item.submission.report
        assert item.replaces is not None
        self.code = report.unit.code
        self.setObjectName(f"revision:{self.code}")
        self.setTitle(_("{unit}: lần gửi mới ({name})").format(unit=report.unit.name,
                                                              name=item.path.name))
        layout = QVBoxLayout(self)
        self.differences = QListWidget(self)
        self.differences.addItems(item.differences)
        self.differences.setMaximumHeight(130)
        layout.addWidget(self.differences)
        self.confirm = QCheckBox(_("Thay lần gửi {old} bằng lần gửi {new}").format(
            old=item.replaces.revision, new=report.revision), self)
        self.confirm.setObjectName(f"replace:{self.code}")
        layout.addWidget(self.confirm)


class ConsolidationDialog(QDialog):
    """`before_change` writes pending edits (False stops); `after_change` reloads the report."""

    IMPORT_TAB, BOARD_TAB = 0, 1

    def __init__(self, store: ReportStore, report_id: int, parent: QWidget | None = None, *,
                 before_change: Callable[[], bool] = lambda: True,
                 after_change: Callable[[], None] = lambda: None) -> None:
        super().__init__(parent)
        self.setObjectName("consolidationDialog")
        self.store = store
        self.report_id = report_id
        self.before_change = before_change
        self.after_change = after_change
        self.paths: list[Path] = []
        self.preview: ConsolidationPreview | None = None
        self.revisions: list[RevisionBox] = []
        self.choosers: dict[str, DifferencesChooser] = {}
        self.job: BackgroundTask | None = None
        self.board_job: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None
        self.applied: list[Incoming] = []
        report = store.load_report(report_id)
        self.setWindowTitle(_("Tổng hợp báo cáo đơn vị trực thuộc"))
        self.resize(920, 660)
        layout = QVBoxLayout(self)
        title = QLabel(_("<b>{unit}</b> — tổng hợp báo cáo {period} của các đơn vị trực thuộc "
                         "(hạn gửi {deadline})").format(
            unit=report.unit.name, period=report.period.label,
            deadline=report.period.deadline.strftime("%d/%m/%Y")), self)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._import_tab(), _("Nhận tệp"))
        self.tabs.addTab(self._board_tab(), _("Tình hình gửi báo cáo"))
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Đóng"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_preview()
        self.load_board()

    # ------------------------------------------------------------------ building
    def _import_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.drop_area = DropArea(tab)
        self.drop_area.dropped.connect(self.add_paths)
        layout.addWidget(self.drop_area)
        row = QHBoxLayout()
        self.choose_files = QPushButton(_("Chọn tệp..."), tab)
        self.choose_files.clicked.connect(self._choose_files)
        self.choose_folder = QPushButton(_("Chọn thư mục..."), tab)
        self.choose_folder.clicked.connect(self._choose_folder)
        self.clear_button = QPushButton(_("Bỏ các tệp đã chọn"), tab)
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.choose_files)
        row.addWidget(self.choose_folder)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.state = QLabel(tab)
        self.state.setObjectName("consolidationState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

        scroll = QScrollArea(tab)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.accepted_box = QGroupBox(_("Tệp hợp lệ"), body)
        box = QVBoxLayout(self.accepted_box)
        self.accepted_list = QListWidget(self.accepted_box)
        self.accepted_list.setObjectName("accepted")
        box.addWidget(self.accepted_list)
        self.body_layout.addWidget(self.accepted_box)
        self.refused_box = QGroupBox(_("Tệp không nhận (kèm lý do)"), body)
        box = QVBoxLayout(self.refused_box)
        self.refused_list = QListWidget(self.refused_box)
        self.refused_list.setObjectName("refused")
        self.refused_list.setWordWrap(True)
        self.refused_list.setStyleSheet("color: #b00020;")
        box.addWidget(self.refused_list)
        self.body_layout.addWidget(self.refused_box)
        self.revisions_box = QGroupBox(_("Đơn vị gửi lại báo cáo: đánh dấu để thay lần gửi trước"),
                                       body)
        self.revisions_layout = QVBoxLayout(self.revisions_box)
        self.body_layout.addWidget(self.revisions_box)
        self.edited_box = QGroupBox(_("Tệp Excel đã bị sửa: chọn số liệu sẽ tổng hợp"), body)
        self.edited_box.setObjectName("editedWorkbooks")
        self.edited_layout = QVBoxLayout(self.edited_box)
        self.body_layout.addWidget(self.edited_box)
        self.body_layout.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.apply_button = QPushButton(_("Tổng hợp"), tab)
        self.apply_button.setObjectName("consolidate")
        self.apply_button.clicked.connect(self.apply)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        return tab

    def _board_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.board_summary = QLabel(tab)
        self.board_summary.setObjectName("boardSummary")
        layout.addWidget(self.board_summary)
        self.board = BoardTable(tab)
        self.board.unit_activated.connect(self.show_unit)
        layout.addWidget(self.board, 1)
        row = QHBoxLayout()
        hint = QLabel(_("Nhấp đúp vào một đơn vị để xem số liệu đơn vị đã gửi."), tab)
        hint.setStyleSheet("color: #5f6368;")
        row.addWidget(hint, 1)
        refresh = QPushButton(_("Làm mới"), tab)
        refresh.clicked.connect(self.load_board)
        row.addWidget(refresh)
        layout.addLayout(row)
        return tab

    def _run(self, task: Callable[[Callable[[int, int], None]], Any],
             on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None]) -> BackgroundTask:
        """Background work whose answer is dropped if the clerk closed the dialog meanwhile."""
        def alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def call(result: Any) -> None:
                if shiboken6.isValid(self):
                    callback(result)
            return call

        return run_in_background(task, on_success=alive(on_success), on_failure=alive(on_failure))

    def show_board(self) -> None:
        self.tabs.setCurrentIndex(self.BOARD_TAB)

    # ------------------------------------------------------------------ choosing files
    def _start_folder(self) -> str:
        return self.store.setting(CONSOLIDATION_DIR_SETTING) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Chọn tệp báo cáo của đơn vị trực thuộc"), self._start_folder(),
            _("Báo cáo (*.xlsx *.json *.zip)"))
        if names:
            self.add_paths([Path(name) for name in names])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Chọn thư mục chứa báo cáo của đơn vị trực thuộc"), self._start_folder())
        if folder:
            self.add_paths([Path(folder)])

    def add_paths(self, paths: Sequence[Path]) -> BackgroundTask | None:
        """Add files or folders to this batch and check the whole batch again, off the GUI thread."""
        new = [Path(p) for p in paths if Path(p) not in self.paths]
        if not new:
            return None
        self.paths += new
        first = new[0]
        self.store.set_setting(CONSOLIDATION_DIR_SETTING, str(first if first.is_dir() else first.parent))
        return self._prepare()

    def clear(self) -> None:
        self.paths = []
        self.preview = None
        self._show_preview()

    def _prepare(self) -> BackgroundTask:
        store, report_id, paths = self.store, self.report_id, list(self.paths)

        def task(_progress: Callable[[int, int], None]) -> Any:
            from cchc_desktop.imports.subordinates import prepare_consolidation

            return prepare_consolidation(store, report_id, paths)

        self._set_busy(True)
        self.state.setText(_("Đang kiểm tra các tệp..."))
        self.job = self._run(task, self._prepared, self._prepare_failed)
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
        self.accepted_list.clear()
        self.refused_list.clear()
        for box in self.revisions:
            self.revisions_layout.removeWidget(box)
            box.deleteLater()
        self.revisions = []
        for chooser_box in self.edited_box.findChildren(QGroupBox):
            self.edited_layout.removeWidget(chooser_box)
            chooser_box.deleteLater()
        self.choosers = {}
        if preview is None:
            self.state.setText(_("Chưa chọn tệp nào.") if not self.paths else "")
            self.edited_box.hide()
            for group in (self.accepted_box, self.refused_box, self.revisions_box):
                group.hide()
            self.apply_button.setEnabled(False)
            return
        for item in preview.accepted:
            report = item.submission.report
            text = _("{unit} — {name}, lần gửi {revision}").format(
                unit=report.unit.name, name=item.path.name, revision=report.revision)
            if item.error_count:
                text += " — " + _("có {n} lỗi").format(n=item.error_count)
            if item.replaces is not None:
                text += " — " + _("gửi lại")
            if item.signature:
                text += "\n    " + "\n    ".join(item.signature)
            entry = QListWidgetItem(text)
            entry.setToolTip(str(item.path))
            self.accepted_list.addItem(entry)
        for refused in preview.refused:
            entry = QListWidgetItem(refused.message)
            entry.setToolTip(str(refused.path))
            self.refused_list.addItem(entry)
        for item in preview.new_revisions:
            box = RevisionBox(item, self.revisions_box)
            self.revisions_layout.addWidget(box)
            self.revisions.append(box)
        for item in preview.accepted:
            if not item.visible_differences:
                continue
            code = item.submission.report.unit.code
            edited = QGroupBox(_("{unit} ({name})").format(unit=item.submission.report.unit.name,
                                                            name=item.path.name), self.edited_box)
            box_layout = QVBoxLayout(edited)
            chooser = DifferencesChooser(item.visible_differences, edited)
            chooser.setObjectName(f"differences:{code}")
            chooser.changed.connect(self._update_apply)
            box_layout.addWidget(chooser)
            self.edited_layout.addWidget(edited)
            self.choosers[code] = chooser
        self.edited_box.setVisible(bool(self.choosers))
        self.accepted_box.setVisible(bool(preview.accepted))
        self.refused_box.setVisible(bool(preview.refused))
        self.revisions_box.setVisible(bool(self.revisions))
        self.state.setText(_("{files} tệp: {accepted} hợp lệ ({revisions} gửi lại), {refused} không "
                             "nhận.").format(files=len(preview.accepted) + len(preview.refused),
                                             accepted=len(preview.accepted),
                                             revisions=len(self.revisions),
                                             refused=len(preview.refused)))
        self._update_apply()

    def _update_apply(self) -> None:
        """Summing waits until every edited workbook's figures are decided."""
        preview = self.preview
        self.apply_button.setEnabled(preview is not None and bool(preview.accepted) and all(
            chooser.complete() for chooser in self.choosers.values()))

    def visible_choices(self) -> dict[str, set[str]]:
        return {code: chooser.visible_codes() for code, chooser in self.choosers.items()}

    def confirmed_codes(self) -> set[str]:
        return {box.code for box in self.revisions if box.confirm.isChecked()}

    # ------------------------------------------------------------------ applying
    def apply(self) -> BackgroundTask | None:
        preview = self.preview
        if preview is None or not preview.accepted or self.job is not None:
            return None
        if not self.before_change():
            return None
        if not all(chooser.complete() for chooser in self.choosers.values()):
            return None
        store, codes, choices = self.store, self.confirmed_codes(), self.visible_choices()

        def task(_progress: Callable[[int, int], None]) -> Any:
            from cchc_desktop.imports.subordinates import apply_consolidation

            return apply_consolidation(store, preview, replace_codes=codes,
                                       visible_choices=choices)

        self._set_busy(True)
        self.progress = busy_dialog(self, _("Tổng hợp"), _("Đang tổng hợp số liệu..."))
        self.job = self._run(task, self._applied, self._apply_failed)
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

    def _apply_failed(self, error: BaseException) -> None:
        self._close_progress()
        self._show_preview()
        show_error(self, error, _("Không tổng hợp được"))

    # ------------------------------------------------------------------ the board
    def load_board(self) -> BackgroundTask:
        store, report_id = self.store, self.report_id

        def task(_progress: Callable[[int, int], None]) -> Any:
            from cchc_desktop.imports.subordinates import board

            return board(store, report_id)

        self.board_summary.setText(_("Đang đọc tình hình gửi báo cáo..."))
        self.board_job = self._run(task, self._board_loaded, self._board_failed)
        return self.board_job

    def _board_loaded(self, rows: list[BoardRow]) -> None:
        self.board_job = None
        self.board.set_rows(rows)
        self.board_summary.setText(self.board.summary())

    def _board_failed(self, error: BaseException) -> None:
        self.board_job = None
        self.board_summary.setText("")
        show_error(self, error, _("Không đọc được tình hình gửi báo cáo"))

    def show_unit(self, row: BoardRow) -> UnitFiguresDialog | None:
        if row.report is None:
            return None
        dialog = UnitFiguresDialog(row, self.store.registry.get(row.report.template_ref), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def reject(self) -> None:
        # A check still running reports back to this dialog: wait for it rather than crash.
        if self.job is not None:
            return
        super().reject()
