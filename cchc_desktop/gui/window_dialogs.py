"""The dialogs the window's menus open, and the importers they start.

Each function takes the window as the dialogs' parent and what the dialog needs (the
controller, the open report, "today"), and returns what the window keeps or shows next; the
window's methods of the same meaning (first_run_setup, open_settings, import_previous, ...)
hand off to them. A KnownError raised here is the caller's to show (MainWindow wraps its
actions in errors.guarded).

The dialogs are imported when first opened (each such import says "start-up time"): setup,
settings, import, consolidation and the trust store together would add about 0.1 s to the
start, the trust store SQLAlchemy too (benchmarks/bench_window.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cchc_desktop.domain.indicator_help import indicator_help
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

if TYPE_CHECKING:  # loaded when first opened (start-up time, see above)
    from cchc_desktop.gui.import_previous_dialog import PreviousImporter
    from cchc_desktop.gui.trends_dialog import TrendsDialog
    from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog
    from cchc_desktop.gui.word_import_dialog import WordImporter


# ------------------------------------------------------------------ the unit and the app
def setup(parent: QWidget, controller: ReportController, today: dt.date) -> bool:
    """The unit's first-run setup; whether the clerk saved it."""
    from cchc_desktop.gui.setup_dialog import SetupDialog  # start-up time

    dialog = SetupDialog(controller.unit_settings(), today, parent)
    accepted = dialog.exec() == SetupDialog.DialogCode.Accepted
    dialog.deleteLater()
    return accepted


def settings(parent: QWidget, controller: ReportController, today: dt.date) -> str | None:
    """Công cụ > Cài đặt; the interface language chosen if the clerk saved, else None."""
    from cchc_desktop.gui.settings_dialog import SettingsDialog  # start-up time

    dialog = SettingsDialog(controller.unit_settings(), today, parent)
    language = dialog.chosen_language() if dialog.exec() == SettingsDialog.DialogCode.Accepted else None
    dialog.deleteLater()
    return language


def field_help(parent: QWidget, session: ReportSession | None) -> QMessageBox | None:
    """F1 on a figure: what it means and how it is counted (the box shown), else None."""
    widget = QApplication.focusWidget()
    while widget is not None and not widget.objectName().startswith("field:"):
        widget = widget.parentWidget()
    if widget is None or session is None:
        return None
    indicator = session.template.indicators.get(widget.objectName().removeprefix("field:"))
    if indicator is None:
        return None
    lines = indicator_help(session.template, indicator)
    box = QMessageBox(QMessageBox.Icon.Information, _("Chỉ tiêu"), lines[0],
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("fieldHelp")
    box.setInformativeText("\n".join(lines[1:]))
    box.open()
    return box


def legacy_text(parent: QWidget, insert: Callable[[str], bool] | None) -> None:
    from cchc_desktop.gui.legacy_text_dialog import LegacyTextDialog  # start-up time

    LegacyTextDialog(parent, insert).exec()


def par_assessment(parent: QWidget, session: ReportSession, today: Callable[[], dt.date]) -> None:
    """The open report's unit assessed against the PAR index criteria, its figures used."""
    # Start-up time: the criteria loader (yaml, jsonschema) loads with the first opening.
    from cchc_desktop.gui.par_assessment_dialog import ParAssessmentDialog

    dialog = ParAssessmentDialog(session, parent, today=today)
    dialog.exec()
    dialog.deleteLater()


def trust(parent: QWidget, controller: ReportController) -> None:
    # Start-up time: the trust store brings SQLAlchemy, which loads after the window shows.
    from cchc_desktop.gui.trust_dialog import open_trust_dialog

    records = controller.trust()
    # The unit's settings remember the folder the certificates were last taken from.
    open_trust_dialog(parent, records, controller.unit_settings() if records is not None else None)


# ------------------------------------------------------------------ imports into the open report
def import_previous(parent: QWidget, session: ReportSession,
                    reload: Callable[[], None]) -> PreviousImporter:
    """Tệp > Nhập kỳ trước: the importer started on the open report."""
    from cchc_desktop.gui.import_previous_dialog import PreviousImporter  # start-up time

    # A final or submitted report takes no import: refused (with the offer to reopen) before a
    # file is even chosen.
    session.ensure_editable()
    importer = PreviousImporter(parent, reload)
    importer.start(session)
    return importer


def import_word(parent: QWidget, session: ReportSession, reload: Callable[[], None]) -> WordImporter:
    from cchc_desktop.gui.word_import_dialog import WordImporter  # start-up time

    # As Nhập kỳ trước: a final or submitted report is refused before a file is chosen.
    session.ensure_editable()
    importer = WordImporter(parent, reload)
    importer.start(session)
    return importer


def carry_over(parent: QWidget, session: ReportSession,
               reload: Callable[[], None]) -> PreviousImporter | None:
    """A report just started: offer what the data file's earlier reports carry over (the
    importer reviewing it), None when they carry nothing."""
    from cchc_desktop.gui.import_previous_dialog import (  # start-up time
        PreviousImporter,
        stored_preview,
    )

    preview = stored_preview(session)
    if preview is None:
        return None
    importer = PreviousImporter(parent, reload)
    importer.review(session, preview, intro=_(
        "Tệp dữ liệu đã có báo cáo {period}. Lấy số liệu chuyển kỳ, nhiệm vụ cần theo dõi và "
        "cột so sánh từ báo cáo đó vào báo cáo mới?").format(
            period=preview.source_report.period.label))
    return importer


# ------------------------------------------------------------------ the units below, trends
def consolidation(parent: QWidget, controller: ReportController, reload: Callable[[], None],
                  board: bool) -> None:
    """Báo cáo > Tổng hợp đơn vị trực thuộc (its board first if `board`), left open."""
    from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog  # start-up time

    dialog = ConsolidationDialog(controller.consolidation(), parent,
                                 before_change=controller.flush, after_change=reload)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if board:
        dialog.show_board()
    dialog.open()


def rate_board(parent: QWidget, controller: ReportController) -> UnitBoardDialog:
    """Báo cáo > Bảng tổng hợp tỷ lệ các đơn vị, left open."""
    from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog  # start-up time

    dialog = UnitBoardDialog(controller.consolidation(), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def trends(parent: QWidget, controller: ReportController,
           session: ReportSession | None) -> TrendsDialog:
    """Báo cáo > Xu hướng: the open report's unit (else the data file's own) across its
    periods, left open."""
    from cchc_desktop.gui.trends_dialog import TrendsDialog  # start-up time

    own = controller.own_unit()
    unit_code = session.report.unit.code if session is not None else (
        own.code if own is not None else "")
    reports, template_for = controller.unit_reports(unit_code)
    dialog = TrendsDialog(reports, template_for, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
