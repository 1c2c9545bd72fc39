"""What the window's form (ui/main_window.ui) cannot hold: the platform's standard keys, the
style's icons, the docks' show/hide actions, the undo actions' texts, and which actions are on
for the open report.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QStyle

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.designer.ui_main_window import Ui_MainWindow
from cchc_desktop.gui.export import PDF_TRENDS_SETTING
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


def add_keys_and_icons(ui: Ui_MainWindow, style: QStyle) -> None:
    """The platform's standard keys, the style's icons, the docks' show/hide actions (in Công cụ
    before the findings; the calculator's in the toolbar)."""
    keys, pixmap = QKeySequence.StandardKey, QStyle.StandardPixmap
    for action, key, fallback in ((ui.act_settings, keys.Preferences, "Ctrl+,"),
                                  (ui.act_quit, keys.Quit, "Ctrl+Q"), (ui.act_undo, keys.Undo, ""),
                                  (ui.act_guide, keys.HelpContents, "F1")):
        action.setShortcut(QKeySequence(key))
        if action.shortcut().isEmpty() and fallback:
            action.setShortcut(QKeySequence(fallback))
    # Clerks coming from Word press Ctrl+Y; others Ctrl+Shift+Z: accept both everywhere.
    redo_keys: list[QKeySequence] = []
    for sequence in (QKeySequence(keys.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if not sequence.isEmpty() and sequence not in redo_keys:
            redo_keys.append(sequence)
    ui.act_redo.setShortcuts(redo_keys)
    for action, icon in ((ui.act_start, pixmap.SP_DirHomeIcon),
                         (ui.act_settings, pixmap.SP_FileDialogDetailedView),
                         (ui.act_undo, pixmap.SP_ArrowBack), (ui.act_redo, pixmap.SP_ArrowForward),
                         (ui.act_final, pixmap.SP_DialogApplyButton),
                         (ui.act_pdf, pixmap.SP_DialogSaveButton),
                         (ui.act_import_previous, pixmap.SP_DialogOpenButton)):
        action.setIcon(style.standardIcon(icon))
    calculator = ui.calculatorDock.toggleViewAction()
    calculator.setShortcut(QKeySequence("F9"))
    ui.menu_tools.insertActions(ui.act_findings, [
        calculator, ui.findingsDock.toggleViewAction(), ui.navigationDock.toggleViewAction()])
    ui.mainToolbar.addAction(calculator)


def follow_undo_group(ui: Ui_MainWindow, undo_group: QUndoGroup) -> None:
    """Hoàn tác / Làm lại follow the open report's undo steps: on or off, and what they undo."""
    # Sent on every undo step, not only when the state flips: only the two actions follow
    # (the others ask the data file, milliseconds on each keystroke).
    undo_group.canUndoChanged.connect(ui.act_undo.setEnabled)
    undo_group.canRedoChanged.connect(ui.act_redo.setEnabled)
    undo_group.undoTextChanged.connect(lambda _text: undo_texts(ui, undo_group))
    undo_group.redoTextChanged.connect(lambda _text: undo_texts(ui, undo_group))


def undo_texts(ui: Ui_MainWindow, undo_group: QUndoGroup) -> None:
    undo, redo = undo_group.undoText(), undo_group.redoText()
    ui.act_undo.setText(_("Hoàn tác") + (f": {undo}" if undo else ""))
    ui.act_redo.setText(_("Làm lại") + (f": {redo}" if redo else ""))


def enable_actions(ui: Ui_MainWindow, session: ReportSession | None, controller: ReportController,
                   undo_group: QUndoGroup) -> None:
    """Each action on or off for the open report (or none), its status and the clerk's login."""
    status = session.report.status if session else None
    # A viewer's login (storage/server.py) reads: what would write is not offered at all.
    writes = session is not None and session.view_only is None
    ui.act_final.setEnabled(writes and status is ReportStatus.DRAFT)
    ui.act_submitted.setEnabled(writes and status is ReportStatus.FINAL)
    ui.act_reopen.setEnabled(writes and status in (ReportStatus.FINAL, ReportStatus.SUBMITTED))
    for action in (ui.act_pdf, ui.act_xlsx, ui.act_findings, ui.act_history, ui.act_header):
        action.setEnabled(session is not None)
    for action in (ui.act_import_previous, ui.act_import_word, ui.act_submit,
                   ui.act_par_assessment):
        action.setEnabled(writes)
    ui.act_restore.setEnabled(controller.file_open)
    ui.act_trends.setEnabled(controller.file_open)
    offer_trends_annex(ui.act_pdf_trends, session, controller)
    ui.act_undo.setEnabled(undo_group.canUndo())
    ui.act_redo.setEnabled(undo_group.canRedo())
    consolidates = controller.consolidates()
    ui.act_consolidate.setEnabled(consolidates and writes)
    ui.act_board.setEnabled(consolidates)
    ui.act_rate_board.setEnabled(consolidates)


def offer_trends_annex(action: QAction, session: ReportSession | None,
                       controller: ReportController) -> bool:
    """Báo cáo > Kèm phụ lục xu hướng: offered when the data file holds two regular periods of
    the report's unit, else greyed with the reason in its text; the clerk's choice is kept in
    the data file. Returns whether the next PDF gets the annex."""
    reason = None
    if session is not None:
        from cchc_desktop.domain.trends import trend_unavailable  # start-up: with the first report

        reason = trend_unavailable(s.period for s in controller.reports(session.report.unit.code))
    action.setEnabled(session is not None and reason is None)
    action.setText(_("Kèm phụ lục xu hướng") if reason is None else
                   _("Kèm phụ lục xu hướng (chưa được: {reason})").format(reason=reason))
    with QSignalBlocker(action):
        action.setChecked(session is not None and reason is None
                          and session.setting(PDF_TRENDS_SETTING) == "1")
    return action.isChecked()
