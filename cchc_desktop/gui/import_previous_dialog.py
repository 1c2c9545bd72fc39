"""Tệp > Nhập kỳ trước: last period's file read off the GUI thread, previewed, applied all at once.

Nothing changes until the clerk presses "Áp dụng"; the back end takes a restore point and
applies the plan in one transaction (cchc_desktop.imports.previous, reached through the
report's session). The window then reloads the report so that every page shows the
carried-over figures.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.designer.ui_import_previous_dialog import Ui_ImportPreviewDialog
from cchc_desktop.gui.differences_chooser import DifferencesChooser
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.worker import BackgroundTask, run_while_busy
from cchc_desktop.i18n import _

if TYPE_CHECKING:  # SQLAlchemy loads after the window is shown (see app.run)
    from cchc_desktop.gui.session import ReportSession
    from cchc_desktop.imports.previous import PreviousImportPreview

IMPORT_DIR_SETTING = "import_dir"


class ImportPreviewDialog(QDialog):
    """What the import will change, line by line; "Áp dụng" or "Hủy".

    The layout and the fixed texts are ui/import_previous_dialog.ui; what depends on the
    preview is filled in here.
    """

    def __init__(self, preview: PreviousImportPreview, parent: QWidget | None = None, *,
                 intro: str = "",
                 rechoose: Callable[[set[str]], PreviousImportPreview] | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportPreviewDialog()
        self.ui.setupUi(self)
        self.preview = preview
        plan = preview.plan
        source = preview.source_report
        self.ui.heading.setText(intro or _(
            "Tệp <b>{name}</b>: báo cáo {period} của {unit}. Khi áp dụng, báo cáo đang mở sẽ "
            "thay đổi như sau:").format(name=preview.source.name, period=source.period.label,
                                        unit=source.unit.name))
        self.changes = self.ui.changes
        self.changes.addItems(preview.lines() or [_("(Tệp không có số liệu nào cần chuyển sang kỳ này)")])
        self.rechoose = rechoose
        self.chooser: DifferencesChooser | None = None
        self.choice_problem = self.ui.choiceProblem
        if preview.differences:
            self.chooser = DifferencesChooser(preview.differences, self)
            self.chooser.changed.connect(self._choice_changed)
            # Above the problem line and the list of changes, sharing the height with the list.
            self.ui.layout.insertWidget(self.ui.layout.indexOf(self.choice_problem), self.chooser, 1)
        self.unmapped = self.ui.unmapped
        if plan.unmapped_codes:
            self.unmapped.setText(_("Không nhập {n} số liệu không còn trong mẫu báo cáo hiện tại: "
                                    "{codes}.").format(n=len(plan.unmapped_codes),
                                                       codes=", ".join(plan.unmapped_codes)))
        else:
            self.unmapped.hide()
        self.use_texts = self.ui.useTexts
        self.use_texts.setEnabled(bool(plan.texts))
        self.use_texts.setToolTip(
            _("Chép {n} phần nội dung của kỳ trước vào các phần còn trống của báo cáo này.").format(
                n=len(plan.texts)) if plan.texts else _("Tệp không có nội dung văn bản."))
        self.buttons = self.ui.buttons
        self.apply_button: QPushButton = self.buttons.addButton(
            _("Áp dụng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.setEnabled(not plan.empty and self.chooser is None)
        self.apply_button.setDefault(True)
        cancel = self.buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _choice_changed(self) -> None:
        """Every figure decided: show what the import will change with those values."""
        assert self.chooser is not None
        self.apply_button.setEnabled(False)
        if not self.chooser.complete():
            return
        try:
            preview = (self.rechoose(self.chooser.visible_codes()) if self.rechoose is not None
                       else self.preview)
        except KnownError as exc:
            self.choice_problem.setText(exc.message)
            self.choice_problem.show()
            return
        self.choice_problem.hide()
        self.preview = preview
        self.changes.clear()
        self.changes.addItems(preview.lines() or [
            _("(Tệp không có số liệu nào cần chuyển sang kỳ này)")])
        self.apply_button.setEnabled(not preview.plan.empty)

    def include_texts(self) -> bool:
        return self.use_texts.isEnabled() and self.use_texts.isChecked()


class PreviousImporter:
    """Runs one import for the window: choose a file, preview, apply, reload.

    `reload` is called after the data file changed, to show the new figures.
    """

    def __init__(self, parent: QWidget, reload: Callable[[], None]) -> None:
        self.parent = parent
        self.reload = reload
        self.job: BackgroundTask | None = None

    def ask_path(self, session: ReportSession) -> Path | None:
        return file_dialogs.open_file(
            self.parent, session, IMPORT_DIR_SETTING, _("Chọn tệp báo cáo kỳ trước"),
            _("Báo cáo (*.xlsx *.json);;Sổ tính Excel (*.xlsx);;Tệp JSON (*.json)"))

    def start(self, session: ReportSession, path: Path | None = None) -> BackgroundTask | None:
        """Read `path` (asked for if None) off the GUI thread, then show the preview."""
        session.ensure_editable()
        path = path or self.ask_path(session)
        if path is None:
            return None
        # What the clerk typed a moment ago must be in the file the plan is made against.
        if not session.saver.flush():
            return None
        session.set_setting(IMPORT_DIR_SETTING, str(path.parent))

        def task(_progress: Callable[[int, int], None]) -> Any:
            return session.prepare_previous_import(path)

        def show(preview: PreviousImportPreview) -> None:
            self.review(session, preview)

        return self._run(task, _("Đang đọc {name}...").format(name=path.name), show)

    def review(self, session: ReportSession, preview: PreviousImportPreview, *,
               intro: str = "") -> bool:
        """The preview dialog; on "Áp dụng", apply it. False when the clerk cancels."""
        def rechoose(codes: set[str]) -> PreviousImportPreview:
            return session.choose_previous_values(preview, codes)

        dialog = ImportPreviewDialog(preview, self.parent, intro=intro, rechoose=rechoose)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        include_texts = dialog.include_texts()
        preview = dialog.preview        # with the values the clerk chose, if the sheets differed
        dialog.deleteLater()
        if not accepted:
            return False
        self.apply(session, preview, include_texts=include_texts)
        return True

    def apply(self, session: ReportSession, preview: PreviousImportPreview, *,
              include_texts: bool) -> BackgroundTask | None:
        if not session.saver.flush():
            return None
        def task(_progress: Callable[[int, int], None]) -> Any:
            session.apply_previous_import(preview, include_texts=include_texts)

        return self._run(task, _("Đang nhập số liệu kỳ trước..."), self._applied)

    def _applied(self, _result: object) -> None:
        self.reload()
        status_bar = getattr(self.parent, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(_("Đã nhập số liệu kỳ trước."), 8000)

    # ------------------------------------------------------------------ the background work
    def _run(self, task: Callable[[Callable[[int, int], None]], Any], text: str,
             done: Callable[[Any], None]) -> BackgroundTask:
        def succeeded(result: Any) -> None:
            self._finish()
            done(result)

        self.job = run_while_busy(self.parent, _("Nhập kỳ trước"), text, task,
                                  on_success=succeeded, on_failure=self._failed)
        return self.job

    def _finish(self) -> None:
        self.job = None

    def _failed(self, error: BaseException) -> None:
        self._finish()
        show_error(self.parent, error, _("Không nhập được tệp"))


def stored_preview(session: ReportSession) -> PreviousImportPreview | None:
    """For a report just started: the carry-over from the reports this data file already holds.

    None when the file has neither the previous nor the opening report, or nothing carries over.
    """
    # start-up: the carry-over planner and storage load with the first import
    from cchc_desktop.domain.carry_over import plan_carry_over
    from cchc_desktop.imports.previous import PreviousImportPreview

    report = session.report
    previous = session.find_report(report.unit.code, report.period.previous_key())
    opening = session.find_report(report.unit.code, report.period.opening_key())
    source = previous or opening
    if source is None:
        return None
    plan = plan_carry_over(session.template, report, previous=previous, opening=opening)
    if plan.empty:
        return None
    return PreviousImportPreview(session.report_id, session.data_file, source, plan)
