"""Báo cáo > Xuất PDF / Xuất Excel: a file name, the work off the GUI thread, then a line saying
where the file is (gui/notice_bar.py), with buttons to open it or its folder.

The document writers live in cchc_desktop.documents and are imported only when the
clerk asks for them, so the window starts fast and still works if they are missing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from cchc_desktop import documents
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.fileio import check_output
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.notice_bar import NoticeBar
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.worker import BackgroundTask, run_in_background
from cchc_desktop.i18n import N_, _

EXPORT_DIR_SETTING = "export_dir"
PDF_TRENDS_SETTING = "pdf_trends"   # "1": the report PDF gets the trends annex (main_window.py)
Trends = tuple[Sequence[Report], Callable[[str], Template]]   # the controller's unit_reports


def export_file_name(session: ReportSession, suffix: str) -> str:
    """'BC-CCHC_xa-my-an_2026-Q1.pdf', named by the documents package for every export."""
    return documents.export_file_name(session.report, suffix)


def _writer(kind: str) -> Callable[..., Any]:
    # Start-up time: ReportLab and openpyxl load when the clerk first exports.
    if kind == "pdf":
        from cchc_desktop.documents.pdf_report import write_pdf

        return write_pdf
    # start-up: openpyxl (~0.3 s) loads only when a workbook is written
    from cchc_desktop.documents.workbook import write_workbook

    return write_workbook


def _trend_source(trends: Trends) -> object:
    # Start-up time: like the writer, the trends annex (ReportLab) loads with the first PDF.
    from cchc_desktop.documents.trends_pdf import TrendSource

    return TrendSource(*trends)


KINDS = {"pdf": (".pdf", N_("Tệp PDF (*.pdf)")), "xlsx": (".xlsx", N_("Sổ tính Excel (*.xlsx)"))}


class Exporter:
    """Runs one export at a time for the window."""

    def __init__(self, parent: QWidget, notice: NoticeBar | None = None) -> None:
        self.parent = parent
        # Where "saved" is said (gui/notice_bar.py): a line above the page, not a box to close.
        self.notice = notice or NoticeBar(parent)
        self.job: BackgroundTask | None = None
        self._updating = False              # inside the progress dialog's setValue
        self._close_when_updated = False
        self.progress: QProgressDialog | None = None
        self.last_path: Path | None = None

    def ask_path(self, session: ReportSession, kind: str) -> Path | None:
        suffix, file_filter = KINDS[kind]
        chosen = file_dialogs.save_file(self.parent, session, EXPORT_DIR_SETTING, _("Lưu báo cáo"),
                                        _(file_filter), export_file_name(session, suffix), suffix)
        if chosen is None:
            return None
        if chosen.suffix.lower() != suffix:
            chosen = chosen.with_name(chosen.name + suffix)
        return chosen

    def export(self, session: ReportSession, kind: str, path: Path | None = None, *,
               trends: Trends | None = None) -> BackgroundTask | None:
        """Write the report; `trends` (the unit's reports, a PDF only) appends the trends annex."""
        if self.job is not None:
            # One export at a time: a second Ctrl+E while the first is written would share
            # (and delete) the first one's progress dialog.
            return None
        try:
            writer = _writer(kind)
        except ImportError as exc:
            QMessageBox.warning(self.parent, _("Chưa xuất được"),
                                _("Chức năng xuất {kind} chưa có trong bản cài đặt này ({detail}).")
                                .format(kind=kind.upper(), detail=exc))
            return None
        path = path or self.ask_path(session, kind)
        if path is None:
            return None

        try:
            # Never over the data file itself (or a folder, a device): the check the command
            # line makes for its outputs.
            check_output(path, inputs=[session.data_file])
        except KnownError as exc:
            QMessageBox.warning(self.parent, _("Chưa xuất được"), exc.message)
            return None
        session.saver.flush()
        session.set_setting(EXPORT_DIR_SETTING, str(path.parent))
        # The clerk may keep typing while the file is written: the writer gets a copy.
        report = copy.deepcopy(session.report)
        context = session.build_context(report)
        source = _trend_source(trends) if kind == "pdf" and trends is not None else None
        self.progress = QProgressDialog(_("Đang tạo {name}...").format(name=path.name), "", 0, 0,
                                        self.parent)
        self.progress.setWindowTitle(_("Xuất báo cáo"))
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.last_path = path

        def task(report_progress: Callable[[int, int], None]) -> Any:
            def progress(*args: Any) -> None:
                # The writers report a percentage; (done, total) is accepted too.
                if len(args) >= 2:
                    report_progress(int(args[0]), int(args[1]))
                elif args:
                    report_progress(int(args[0]), 100)
            if source is not None:
                return writer(context, path, progress=progress, trends=source)
            return writer(context, path, progress=progress)

        self.job = run_in_background(task, on_success=self._done, on_failure=self._failed,
                                     on_progress=self._progress, parent=self.parent)
        return self.job

    def _progress(self, done: int, total: int) -> None:
        if self.progress is None or not shiboken6.isValid(self.progress):
            return
        # A window-modal QProgressDialog runs the event loop inside setValue: the export may
        # finish in there (_done, its message box), and the dialog must outlive the call.
        self._updating = True
        try:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))
        finally:
            self._updating = False
            if self._close_when_updated:
                self._close_when_updated = False
                self._drop_progress()

    def _close_progress(self) -> None:
        self.job = None
        if self.progress is None:
            return
        if self._updating:
            self._close_when_updated = True
            self.progress.hide()
        else:
            self._drop_progress()

    def _drop_progress(self) -> None:
        if self.progress is not None and shiboken6.isValid(self.progress):
            self.progress.reset()
            self.progress.deleteLater()
        self.progress = None

    def _done(self, _result: object) -> None:
        self._close_progress()
        path = self.last_path
        assert path is not None
        self.notice.show_saved(path)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        show_error(self.parent, error, _("Không xuất được báo cáo"))
