"""The main window: navigation on the left, the section's form in the centre, the findings
and the calculator on the right, the period and the save state in the status bar.

The frame (menus, actions, toolbar, docks, the notice line, status bar) is ui/main_window.ui;
what the form cannot hold (keys, icons, which actions are on) is gui/window_frame.py. The data
file and the open report belong to the ReportController (gui/report_controller.py), the
report's pages to ReportPages (gui/report_pages.py), the questions before a change of status
or a restore to gui/report_prompts.py, the menus' dialogs and importers to
gui/window_dialogs.py (imported when first opened: start-up time), mail to
gui/mail_actions.py, the server's address to gui/server_connection.py. This module wires the
form's actions to them and says what to show. It is about 540 lines because the names the app,
the dialogs and the tests call on the window (open_report, mark_final, show_page,
previous_importer, ...) stay, as short hand-offs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import report_prompts, server_connection, window_dialogs, window_frame, window_geometry
from cchc_desktop.gui.about_dialog import show_about
from cchc_desktop.gui.calculator_panel import CalculatorPanel
from cchc_desktop.gui.conflict_prompt import ConflictPrompt
from cchc_desktop.gui.designer.ui_main_window import Ui_MainWindow
from cchc_desktop.gui.errors import guarded
from cchc_desktop.gui.export import PDF_TRENDS_SETTING, Exporter, Trends
from cchc_desktop.gui.findings_panel import FindingsPanel
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.guide_dialog import GuideDialog, show_guide
from cchc_desktop.gui.mail_actions import MailActions
from cchc_desktop.gui.navigation import NavigationTree
from cchc_desktop.gui.outbox_keeper import OutboxKeeper
from cchc_desktop.gui.presence_keeper import PresenceKeeper, PresenceNotice
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.report_pages import ReportPages
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.shortcut_keeper import ShortcutKeeper
from cchc_desktop.gui.start_page import StartPage
from cchc_desktop.gui.submit_dialog import Submitter
from cchc_desktop.gui.translations import language_bridge
from cchc_desktop.i18n import _, current_language, set_language
from cchc_desktop.paths import APP_NAME

if TYPE_CHECKING:  # SQLAlchemy loads after the window is shown (see app.run)
    from cchc_desktop.gui.trends_dialog import TrendsDialog
    from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog
    from cchc_desktop.storage.repository import ReportStore

APP_TITLE = APP_NAME


class MainWindow(QMainWindow):
    def __init__(self, store: ReportStore | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Before the form's actions: children go in the order made, and a group outliving the
        # actions would update them, deleted, as the report's undo steps go.
        self.undo_group = QUndoGroup(self)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self._labelled_in = current_language()   # the language the form's texts are in
        self.today = today
        self.controller = ReportController(store, self)
        self.notice = self.ui.noticeBar   # the line above the pages that says what was done
        self.exporter = Exporter(self, self.notice)
        # The outbox sends when it can, whatever page is shown (gui/outbox_keeper.py).
        self.outbox_keeper = OutboxKeeper(self)
        self.mail = MailActions(self, self.controller, self.outbox_keeper, self.notice)
        # On a server: "<tên> đang sửa báo cáo này" (gui/presence_keeper.py).
        self.presence = PresenceKeeper(self)
        self.presence_notice = PresenceNotice(self.presence, self.notice)
        self.conflicts: ConflictPrompt | None = None      # the open report's, when one is
        # Ctrl+E / Ctrl+Shift+E export even from a figure (X11 line edits claim Ctrl+E).
        self.shortcut_keeper = ShortcutKeeper((self.ui.act_pdf, self.ui.act_xlsx), self)
        QApplication.instance().installEventFilter(self.shortcut_keeper)  # type: ignore[union-attr]
        self.guide: GuideDialog | None = None   # Trợ giúp > Hướng dẫn sử dụng, once opened
        self.field_help: QMessageBox | None = None   # F1 on a figure: what it means

        self.start_page = StartPage(self.controller, today(), self.ui.stack)
        self.report_pages = ReportPages(self.ui.stack, self.start_page, today)
        self.navigation = NavigationTree(self)
        self.findings = FindingsPanel(self)
        self.calculator = CalculatorPanel(self)
        self.ui.navigationDock.setWidget(self.navigation)
        self.ui.findingsDock.setWidget(self.findings)
        self.ui.calculatorDock.setWidget(window_geometry.scrolled(self.calculator))
        self.fit_to_screen()

        window_frame.add_keys_and_icons(self.ui, self.style())
        self._connect_actions()
        self._connect_parts()
        self._retranslate()
        self.refresh_navigation()
        self._update_actions()
        self.outbox_keeper.bind(self.controller.mail_outbox())

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Before the window shows: its geometry fitted to the screen (a 1366 × 768 laptop too) or
        the one remembered if it fits, `available` standing for the screens in tests."""
        window_geometry.place(self, available)
        self._docks_sized = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._docks_sized:   # once, when laid out at its size
            self._docks_sized = True
            ui = self.ui
            QTimer.singleShot(0, self, lambda: window_geometry.size_docks(
                self, (ui.navigationDock, ui.findingsDock), ui.calculatorDock, self.calculator))

    @property
    def session(self) -> ReportSession | None:
        return self.controller.session

    @property
    def store(self) -> ReportStore | None:
        """The data file's store, for the tests: dialogs get theirs from the controller."""
        return self.controller.store

    def set_store(self, store: ReportStore) -> None:
        """The data file, once open: the window is shown before it, so that it appears at once."""
        self.controller.set_store(store)

    # ------------------------------------------------------------------ the frame (also gui/window_frame.py)
    def _connect_actions(self) -> None:
        ui = self.ui
        slots: tuple[tuple[QAction, Callable[[], object]], ...] = (
            (ui.act_start, self.show_start), (ui.act_settings, self.open_settings),
            (ui.act_quit, self.close), (ui.act_undo, self.undo_group.undo),
            (ui.act_redo, self.undo_group.redo), (ui.act_findings, self.next_finding),
            (ui.act_final, self.mark_final), (ui.act_submitted, self.mark_submitted),
            (ui.act_reopen, self.reopen), (ui.act_pdf, lambda: self.export("pdf")),
            (ui.act_xlsx, lambda: self.export("xlsx")), (ui.act_import_previous, self.import_previous),
            (ui.act_import_word, self.import_word), (ui.act_header, self.show_header),
            (ui.act_submit, self.submit_package), (ui.act_consolidate, self.consolidate),
            (ui.act_board, lambda: self.consolidate(board=True)), (ui.act_rate_board, self.show_rate_board),
            (ui.act_trends, self.show_trends), (ui.act_guide, self.open_guide),
            (ui.act_about, lambda: show_about(self)), (ui.act_about_qt, QApplication.aboutQt),
            (ui.act_restore, self.restore_data), (ui.act_history, self.show_report_history),
            (ui.act_trust, self.open_trust), (ui.act_send, self.send_report),
            (ui.act_legacy_text, self.open_legacy_text), (ui.act_par_assessment, self.open_par_assessment),
            (ui.act_outbox, self.show_outbox), (ui.act_mail_account, self.edit_mail_account),
            (ui.act_connect, self.connect_server))
        for action, slot in slots:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)   # the keys work wherever the focus is in the window
        ui.act_pdf_trends.toggled.connect(self._pdf_trends_toggled)
        # Whether the unit has periods enough is asked when the menu opens, not on every change.
        ui.menu_report.aboutToShow.connect(self.update_trends_option)
        window_frame.follow_undo_group(ui, self.undo_group)

    def _connect_parts(self) -> None:
        self.controller.store_changed.connect(self._store_changed)
        self.controller.report_opened.connect(self._report_opened)
        self.controller.report_closed.connect(self._report_closed)
        self.start_page.open_requested.connect(self._open_own_period)
        self.start_page.setup_requested.connect(self.first_run_setup)
        self.navigation.start_requested.connect(self.show_start)
        self.navigation.period_requested.connect(self._open_period_of)
        # Chosen in the tree: the page, the cursor in its first empty field (the clerk types).
        self.navigation.page_requested.connect(self.report_pages.enter)
        self.navigation.group_requested.connect(self.report_pages.enter)
        self.report_pages.page_shown.connect(self.navigation.select_page)
        self.report_pages.period_changed.connect(self._update_status)
        self.findings.jump_requested.connect(self.report_pages.jump_to)
        self.findings.correction_requested.connect(self.report_pages.jump_to_correction)
        self.calculator.insert_requested.connect(self.insert_into_narrative)
        language_bridge().changed.connect(self._language_changed)
        self._hears_language = True
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # ------------------------------------------------------------------ languages
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._labelled_in != current_language():
            self._labelled_in = current_language()
            self.ui.retranslateUi(self)
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """The texts the form cannot hold: they follow the report, the undo steps, the data file."""
        window_frame.undo_texts(self.ui, self.undo_group)
        self.start_page.refresh()
        self.findings.retranslate()
        self.calculator.retranslate()
        self.notice.retranslate()
        self._update_status()

    def _language_changed(self, _language: str) -> None:
        # i18n is not a Qt translator, so Qt does not always tell the window: tell it now.
        QApplication.sendEvent(self, QEvent(QEvent.Type.LanguageChange))
        # Generated forms carry template labels and findings carry sentences: rebuild them.
        if self.session is not None:
            self.session.refresh()
        key = self.current_key
        self.report_pages.drop()
        self.refresh_navigation()
        if key:
            self.show_page(key)

    # ------------------------------------------------------------------ what is enabled, the status bar
    def _update_actions(self) -> None:
        window_frame.enable_actions(self.ui, self.session, self.controller, self.undo_group)

    def _update_status(self) -> None:
        session = self.session
        self.ui.statusbar.show_report(session, self.today())
        self.setWindowTitle(APP_TITLE if session is None else
                            f"{session.report.unit.name} — {session.report.period.label} — {APP_TITLE}")

    def _update_save_state(self, *_args: object) -> None:
        if self.session is not None:
            self.ui.statusbar.show_save_state(self.session.saver)

    def _save_failed(self, error: KnownError) -> None:
        """Once per run of failed writes (the saver keeps the edits and retries)."""
        self._update_save_state()
        report_prompts.save_failed(self, error)

    # ------------------------------------------------------------------ the data file, units and reports
    def _store_changed(self) -> None:
        self.refresh_navigation()
        self._update_actions()
        self.outbox_keeper.bind(self.controller.mail_outbox())

    # The menus' dialogs are gui/window_dialogs.py; what changes after them is said here.
    def first_run_setup(self) -> bool:
        accepted = window_dialogs.setup(self, self.controller, self.today())
        if accepted:
            self.start_page.refresh()
            self.refresh_navigation()
        return accepted

    @guarded
    def open_settings(self) -> None:
        if not self.controller.file_open:
            return
        language = window_dialogs.settings(self, self.controller, self.today())
        if language is not None:
            self.start_page.refresh()
            self.refresh_navigation()
            if language != current_language():
                set_language(language)

    def refresh_navigation(self) -> None:
        if not self.controller.file_open:
            self.navigation.clear()
            return
        self.navigation.populate(self.controller, self.today())
        if self.current_key:
            self.navigation.select_page(self.current_key)

    def _open_own_period(self, year: int, kind: str) -> None:
        """The start page's "Bắt đầu báo cáo" / "Mở báo cáo": the button says what it does, so
        clicking it is the clerk's answer; asking "Bắt đầu báo cáo này?" after it asked twice."""
        own = self.controller.own_unit()
        if own is not None:
            self._open_period_of(own.code, year, kind, asked=True)

    @guarded
    def _open_period_of(self, unit_code: str, year: int, kind: str, asked: bool = False) -> None:
        """A period chosen in the tree or on the start page; one not started yet is started after
        one question (a click in the tree only points at it), none from the start page's button."""
        report_id = self.controller.find_report(unit_code, year, kind)
        if report_id is not None:
            self.open_report(report_id)
            return
        if not self.controller.is_own_unit(unit_code):
            return
        self.controller.ensure_may_write()      # a viewer is told before being asked
        if not asked and not report_prompts.start_report(self, year, kind):
            return
        self.open_report(self.controller.create_report(year, kind))
        self.offer_carry_over()

    def open_report(self, report_id: int) -> None:
        if self.session is not None and self.session.report_id == report_id:
            self.show_page(self.current_key or self.report_pages.first_section())
            return
        if not self.controller.flush():   # closing it now would drop the edits not yet written
            report_prompts.not_opened_unsaved(self)
            return
        self.controller.open(report_id)

    def close_report(self) -> bool:
        return self.controller.close()

    def _report_opened(self) -> None:
        session = self.session
        assert session is not None
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.saver.pending_changed.connect(self._update_save_state)
        session.saver.saved.connect(self._update_save_state)
        session.saver.failed.connect(self._save_failed)
        session.history_requested.connect(self.show_field_history)
        # Another clerk on the server wrote a field first (gui/conflict_prompt.py).
        self.conflicts = ConflictPrompt(self, session)
        session.status_changed.connect(self._status_changed)
        session.context_changed.connect(self.navigation.refresh_findings)
        self.findings.bind(session)
        self.report_pages.bind(session)
        self.refresh_navigation()
        self._update_status()
        self._update_actions()
        self.show_page(self.report_pages.first_section())
        self.presence.opened(self.controller.presence(), session.report_id)
        if session.view_only is not None:
            self.notice.show_text(session.view_only_notice(), warning=True)

    def _report_closed(self, session: ReportSession) -> None:
        self.presence.closed()
        self.notice.hide()   # it spoke of that report's files
        self.findings.bind(None)
        self.undo_group.removeStack(session.undo_stack)
        self.report_pages.bind(None)
        self._update_status()
        self._update_actions()

    # ------------------------------------------------------------------ pages
    @property
    def pages(self) -> dict[str, SectionPage]:
        return self.report_pages.pages

    @property
    def current_key(self) -> str:
        """The page shown: a section id, "header", "annex:<id>"; "" for the start page."""
        return self.report_pages.current_key

    def show_start(self) -> None:
        self.report_pages.show_start()

    def show_page(self, key: str) -> None:
        self.report_pages.show(key)

    def current_page(self) -> SectionPage | None:
        return self.report_pages.current()

    def show_header(self) -> None:
        if self.session is not None:
            self.show_page("header")

    def next_finding(self) -> None:
        finding = self.findings.select_next()
        if finding is not None:
            self.report_pages.jump_to(finding)

    def insert_into_narrative(self, text: str) -> None:
        if text and not self.report_pages.insert_text(text):
            self.statusBar().showMessage(_("Trang này không có phần văn bản để chèn."), 5000)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.session is not None:
            self.session.seal_edits()
        self.report_pages.note_focus(new)

    # ------------------------------------------------------------------ status, history, restore points
    @guarded
    def mark_final(self) -> bool:
        return self.session is not None and report_prompts.mark_final(self, self.controller)

    @guarded
    def mark_submitted(self) -> bool:
        return self.session is not None and report_prompts.mark_submitted(self, self.controller)

    @guarded
    def reopen(self) -> bool:
        return report_prompts.reopen(self, self.controller)

    # The names of the actions before "Mở lại để sửa..." took over both.
    unlock = reopen
    back_to_draft = reopen

    def _status_changed(self) -> None:
        self.report_pages.set_read_only(self.session.locked if self.session else False)
        self.findings.refresh()
        self.refresh_navigation()
        self._update_status()
        self._update_actions()

    @guarded
    def show_field_history(self, entity: str, key: str) -> None:
        if self.session is not None:
            report_prompts.field_history(self, self.session, entity, key, self.controller)

    @guarded
    def show_report_history(self) -> None:
        if self.session is not None:
            report_prompts.report_history(self, self.session)

    @guarded
    def restore_data(self) -> bool:
        return self.controller.file_open and report_prompts.restore(self, self.controller, self.show_start)

    def open_guide(self) -> None:
        """F1: what the figure in focus means and how it is counted; elsewhere, the guide."""
        if self.explain_focused_field():
            return
        self.guide = show_guide(self, self.guide)

    def explain_focused_field(self) -> bool:
        box = window_dialogs.field_help(self, self.session)
        if box is not None:
            self.field_help = box
        return box is not None

    def open_legacy_text(self) -> None:
        window_dialogs.legacy_text(self, self.report_pages.insert_text if self.session is not None else None)

    @guarded
    def open_par_assessment(self) -> None:
        if self.session is not None:
            window_dialogs.par_assessment(self, self.session, self.today)

    def open_trust(self) -> None:
        window_dialogs.trust(self, self.controller)

    # ------------------------------------------------------------------ imports, export, submission
    def reload_report(self) -> None:
        """Read the open report again after an import changed the data file behind it."""
        session = self.session
        if session is None:
            return
        key, report_id = self.current_key, session.report_id
        self.close_report()
        self.open_report(report_id)
        if key:
            self.show_page(key)

    @guarded
    def import_previous(self) -> None:
        if self.session is not None:
            self.previous_importer = window_dialogs.import_previous(self, self.session, self.reload_report)

    @guarded
    def import_word(self) -> None:
        if self.session is not None:
            self.word_importer = window_dialogs.import_word(self, self.session, self.reload_report)

    @guarded
    def offer_carry_over(self) -> None:
        """A report just started: offer what the data file's earlier reports carry over."""
        importer = window_dialogs.carry_over(self, self.session, self.reload_report) \
            if self.session is not None else None
        if importer is not None:
            self.previous_importer = importer

    @guarded
    def export(self, kind: str) -> None:
        if self.session is not None:
            self.exporter.export(self.session, kind, trends=self._ticked_trends() if kind == "pdf" else None)

    def _ticked_trends(self) -> Trends | None:
        """The unit's reports for the PDF's trends annex when Kèm phụ lục xu hướng is ticked."""
        session = self.session
        if session is None or not self.update_trends_option():
            return None
        return self.controller.unit_reports(session.report.unit.code)

    def update_trends_option(self) -> bool:
        """Báo cáo > Kèm phụ lục xu hướng offered or not; whether the next PDF gets the annex."""
        return window_frame.offer_trends_annex(self.ui.act_pdf_trends, self.session, self.controller)

    def _pdf_trends_toggled(self, checked: bool) -> None:
        if self.session is not None:
            self.session.set_setting(PDF_TRENDS_SETTING, "1" if checked else "")

    def _consolidating(self) -> bool:
        return self.session is not None and self.controller.file_open and self.controller.consolidates()

    @guarded
    def consolidate(self, board: bool = False) -> None:
        if self._consolidating():
            window_dialogs.consolidation(self, self.controller, self.reload_report, board)

    @guarded
    def show_rate_board(self) -> UnitBoardDialog | None:
        """Báo cáo > Bảng tổng hợp tỷ lệ các đơn vị; returned for the tests, which close it."""
        return window_dialogs.rate_board(self, self.controller) if self._consolidating() else None

    @guarded
    def submit_package(self) -> None:
        if self.session is not None:
            self.submitter = Submitter(self)
            # The package's PDF is the one Xuất PDF writes: with the trends annex if ticked.
            self.submitter.start(self.session, self._ticked_trends())

    # ------------------------------------------------------------------ the data on a server
    def connect_server(self, address_text: str | None = None) -> bool:
        """Tệp > Kết nối máy chủ... (gui/server_connection.py), then its start page."""
        address = server_connection.connect(self, self.controller, address_text)
        if address is None:
            return False
        self.setWindowTitle(f"{APP_TITLE} — {address.masked()}")
        self.show_start()
        if self.controller.own_unit() is None:
            self.first_run_setup()
        return True

    @guarded
    def show_trends(self) -> TrendsDialog | None:
        """Báo cáo > Xu hướng; returned for the tests, which close it."""
        return window_dialogs.trends(self, self.controller, self.session) \
            if self.controller.file_open else None

    # ------------------------------------------------------------------ mail (gui/mail_actions.py)
    @guarded
    def send_report(self) -> bool:
        """Báo cáo > Gửi báo cáo qua thư: the package of this revision, into the outbox."""
        return self.mail.send(self.session)

    def show_outbox(self) -> None:
        self.mail.show_outbox()

    def edit_mail_account(self) -> bool:
        return self.mail.edit_account()

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.controller.flush() and not report_prompts.quit_unsaved(self):
            event.ignore()
            return
        self.close_report()
        # Nothing of the window may reach the data once it is given back: a send due at the
        # next tick, or a language switch rebuilding the tree from the unit, would open the
        # closed database again (and hold a connection to a server). A send under way ends
        # first, its outcome written, so that the mail is never sent twice.
        self.outbox_keeper.finish_sending()
        self.outbox_keeper.bind(None)
        if self._hears_language:
            language_bridge().changed.disconnect(self._language_changed)
            self._hears_language = False
        self.controller.release()
        window_geometry.remember(self)
        event.accept()
