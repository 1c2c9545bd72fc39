"""The main window: navigation on the left, the section's form in the centre, the findings
and the calculator on the right, the period and the save state in the status bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from cchc_desktop import __version__
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.rules import Finding
from cchc_desktop.gui.calculator_panel import CalculatorPanel
from cchc_desktop.gui.errors import guarded, show_known_error
from cchc_desktop.gui.export import Exporter
from cchc_desktop.gui.findings_panel import FindingsPanel, correction_text
from cchc_desktop.gui.forms.annex_page import AnnexPage
from cchc_desktop.gui.forms.builder import OverviewPage, build_page
from cchc_desktop.gui.forms.narrative import NarrativeEditor
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.navigation import NavigationTree
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.start_page import StartPage, days_left_text
from cchc_desktop.gui.translations import language_bridge
from cchc_desktop.gui.trust_dialog import open_trust_dialog
from cchc_desktop.i18n import _, current_language, set_language

if TYPE_CHECKING:  # SQLAlchemy loads after the window is shown (see app.run)
    from cchc_desktop.storage.instance_lock import InstanceLock
    from cchc_desktop.storage.repository import ReportStore

APP_TITLE = "CCHC Desktop"


class MainWindow(QMainWindow):
    def __init__(self, store: ReportStore | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.store = store
        self.today = today
        self.data_lock: InstanceLock | None = None   # held for the data file (app.run)
        self._lock_taken_here = False
        self.session: ReportSession | None = None
        self.pages: dict[str, SectionPage] = {}
        self.current_key = ""
        self.last_narrative: NarrativeEditor | None = None
        self.undo_group = QUndoGroup(self)
        self.exporter = Exporter(self)
        self.resize(1360, 860)

        self.stack = QStackedWidget(self)
        self.start_page = StartPage(store, today(), self.stack)
        self.start_page.open_requested.connect(self._open_own_period)
        self.start_page.setup_requested.connect(self.first_run_setup)
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)

        self.navigation = NavigationTree(self)
        self.navigation.start_requested.connect(self.show_start)
        self.navigation.period_requested.connect(self._open_period_of)
        self.navigation.page_requested.connect(self.show_page)
        self.nav_dock = self._dock("navigationDock", self.navigation, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.findings = FindingsPanel(self)
        self.findings.jump_requested.connect(self.jump_to)
        self.findings.correction_requested.connect(self.jump_to_correction)
        self.findings_dock = self._dock("findingsDock", self.findings, Qt.DockWidgetArea.RightDockWidgetArea)
        self.calculator = CalculatorPanel(self)
        self.calculator.insert_requested.connect(self.insert_into_narrative)
        self.calculator_dock = self._dock("calculatorDock", self.calculator,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.nav_dock], [330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.findings_dock], [330], Qt.Orientation.Horizontal)

        self.period_label = QLabel(self)
        self.status_label = QLabel(self)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveState")
        for label in (self.period_label, self.status_label, self.save_label):
            label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addWidget(self.period_label, 1)
        self.statusBar().addPermanentWidget(self.status_label)
        self.statusBar().addPermanentWidget(self.save_label)

        self._create_actions()
        self._create_menus()
        language_bridge().changed.connect(self._language_changed)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        self.retranslate()
        self.refresh_navigation()
        self._update_actions()

    def set_store(self, store: ReportStore) -> None:
        """The data file, once open: the window is shown before it, so that it appears at once."""
        self.store = store
        self.start_page.set_store(store)
        self.refresh_navigation()

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------------ actions and menus
    def _action(self, name: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                icon: QStyle.StandardPixmap | None = None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        pixmap = QStyle.StandardPixmap
        keys = QKeySequence.StandardKey
        self.act_start = self._action("start", self.show_start, "Ctrl+Home", pixmap.SP_DirHomeIcon)
        self.act_settings = self._action("settings", self.open_settings, keys.Preferences,
                                         pixmap.SP_FileDialogDetailedView)
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_quit = self._action("quit", self.close, keys.Quit)
        if self.act_quit.shortcut().isEmpty():
            self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.act_undo = self._action("undo", self.undo_group.undo, keys.Undo, pixmap.SP_ArrowBack)
        self.act_redo = self._action("redo", self.undo_group.redo, keys.Redo, pixmap.SP_ArrowForward)
        # Clerks coming from Word press Ctrl+Y; others Ctrl+Shift+Z: accept both everywhere.
        redo_keys: list[QKeySequence] = []
        for key in (QKeySequence(keys.Redo), QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
            if not key.isEmpty() and key not in redo_keys:
                redo_keys.append(key)
        self.act_redo.setShortcuts(redo_keys)
        self.undo_group.canUndoChanged.connect(lambda _can: self._update_actions())
        self.undo_group.canRedoChanged.connect(lambda _can: self._update_actions())
        self.undo_group.undoTextChanged.connect(lambda _text: self._undo_texts())
        self.undo_group.redoTextChanged.connect(lambda _text: self._undo_texts())
        self.act_findings = self._action("nextFinding", self.next_finding, "F8")
        self.act_final = self._action("markFinal", self.mark_final, "Ctrl+Shift+H",
                                      pixmap.SP_DialogApplyButton)
        self.act_submitted = self._action("markSubmitted", self.mark_submitted, None)
        self.act_reopen = self._action("reopen", self.reopen, None)
        self.act_pdf = self._action("exportPdf", lambda: self.export("pdf"), "Ctrl+E",
                                    pixmap.SP_DialogSaveButton)
        self.act_xlsx = self._action("exportXlsx", lambda: self.export("xlsx"), "Ctrl+Shift+E")
        self.act_import_previous = self._action("importPrevious", self.import_previous, "Ctrl+I",
                                                pixmap.SP_DialogOpenButton)
        self.act_header = self._action("reportHeader", self.show_header, None)
        self.act_submit = self._action("submitPackage", self.submit_package, None)
        self.act_consolidate = self._action("consolidate", self.consolidate, None)
        self.act_board = self._action("subordinateBoard", lambda: self.consolidate(board=True), None)
        self.act_calculator = self.calculator_dock.toggleViewAction()
        self.act_calculator.setShortcut(QKeySequence("F9"))
        self.act_findings_panel = self.findings_dock.toggleViewAction()
        self.act_navigation = self.nav_dock.toggleViewAction()
        self.act_about = self._action("about", self.about, keys.HelpContents)
        self.act_about_qt = self._action("aboutQt", QApplication.aboutQt, None)
        self.act_restore = self._action("restore", self.restore_data, None)
        self.act_history = self._action("reportHistory", self.show_report_history, None)
        self.act_trust = self._action("trustStore", lambda: open_trust_dialog(self), None)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_start)
        self.menu_file.addAction(self.act_import_previous)
        self.menu_file.addAction(self.act_restore)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_report = bar.addMenu("")
        self.menu_report.addAction(self.act_header)
        self.menu_report.addSeparator()
        for action in (self.act_final, self.act_submitted, self.act_reopen):
            self.menu_report.addAction(action)
        self.menu_report.addSeparator()
        self.menu_report.addAction(self.act_pdf)
        self.menu_report.addAction(self.act_xlsx)
        self.menu_report.addAction(self.act_submit)
        self.menu_report.addSeparator()
        self.menu_report.addAction(self.act_consolidate)
        self.menu_report.addAction(self.act_board)
        self.menu_report.addSeparator()
        self.menu_report.addAction(self.act_history)
        self.menu_tools = bar.addMenu("")
        for action in (self.act_calculator, self.act_findings_panel, self.act_navigation,
                       self.act_findings):
            self.menu_tools.addAction(action)
        self.menu_tools.addSeparator()
        self.menu_tools.addAction(self.act_trust)
        self.menu_tools.addAction(self.act_settings)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)
        self.menu_help.addAction(self.act_about_qt)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        items: tuple[QAction | None, ...] = (
            self.act_start, None, self.act_undo, self.act_redo, None, self.act_final,
            self.act_pdf, self.act_xlsx, None, self.act_calculator)
        for entry in items:
            if entry is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(entry)
        self.addToolBar(self.toolbar)

    def retranslate(self) -> None:
        self.menu_file.setTitle(_("&Tệp"))
        self.menu_edit.setTitle(_("&Sửa"))
        self.menu_report.setTitle(_("&Báo cáo"))
        self.menu_tools.setTitle(_("&Công cụ"))
        self.menu_help.setTitle(_("Trợ &giúp"))
        self.toolbar.setWindowTitle(_("Thanh công cụ"))
        texts = {
            self.act_start: _("Trang đầu"), self.act_settings: _("Cài đặt..."),
            self.act_quit: _("Thoát"), self.act_findings: _("Đến phát hiện tiếp theo"),
            self.act_final: _("Đánh dấu hoàn thành"), self.act_submitted: _("Đánh dấu đã gửi"),
            self.act_reopen: _("Mở lại để sửa..."),
            self.act_pdf: _("Xuất PDF..."), self.act_xlsx: _("Xuất Excel..."),
            self.act_about: _("Giới thiệu CCHC Desktop"), self.act_about_qt: _("Giới thiệu Qt"),
        }
        for action, text in texts.items():
            action.setText(text)
        self.act_restore.setText(_("Khôi phục..."))
        self.act_history.setText(_("Lịch sử thay đổi..."))
        self.act_trust.setText(_("Chứng thư tin cậy..."))
        self.act_final.setToolTip(_("Đánh dấu báo cáo hoàn thành (không còn lỗi)"))
        self.act_import_previous.setText(_("Nhập kỳ trước..."))
        self.act_header.setText(_("Thông tin báo cáo..."))
        self.act_submit.setText(_("Đóng gói gửi đi..."))
        self.act_consolidate.setText(_("Tổng hợp đơn vị trực thuộc..."))
        self.act_board.setText(_("Tình hình gửi báo cáo của đơn vị trực thuộc..."))
        self.nav_dock.setWindowTitle(_("Điều hướng"))
        self.findings_dock.setWindowTitle(_("Phát hiện"))
        self.calculator_dock.setWindowTitle(_("Máy tính"))
        self._undo_texts()
        self.start_page.refresh()
        self.findings.retranslate()
        self.calculator.retranslate()
        self._update_status()

    def _undo_texts(self) -> None:
        undo, redo = self.undo_group.undoText(), self.undo_group.redoText()
        self.act_undo.setText(_("Hoàn tác") + (f": {undo}" if undo else ""))
        self.act_redo.setText(_("Làm lại") + (f": {redo}" if redo else ""))
        self.act_undo.setIconText(_("Hoàn tác"))
        self.act_redo.setIconText(_("Làm lại"))

    def _language_changed(self, _language: str) -> None:
        self.retranslate()
        # Generated forms carry template labels and findings carry sentences: rebuild them.
        if self.session is not None:
            self.session.refresh()
        key = self.current_key
        self._drop_pages()
        self.refresh_navigation()
        if key:
            self.show_page(key)

    def _update_actions(self) -> None:
        session = self.session
        status = session.report.status if session else None
        self.act_final.setEnabled(status is ReportStatus.DRAFT)
        self.act_submitted.setEnabled(status is ReportStatus.FINAL)
        self.act_reopen.setEnabled(status in (ReportStatus.FINAL, ReportStatus.SUBMITTED))
        for action in (self.act_pdf, self.act_xlsx, self.act_findings):
            action.setEnabled(session is not None)
        self.act_history.setEnabled(session is not None)
        self.act_restore.setEnabled(self.store is not None)
        self.act_undo.setEnabled(self.undo_group.canUndo())
        self.act_redo.setEnabled(self.undo_group.canRedo())
        for action in (self.act_import_previous, self.act_header, self.act_submit):
            action.setEnabled(session is not None)
        consolidates = self._consolidates()
        self.act_consolidate.setEnabled(consolidates)
        self.act_board.setEnabled(consolidates)

    # ------------------------------------------------------------------ status bar
    def _update_status(self) -> None:
        session = self.session
        if session is None:
            self.period_label.setText(_("Chưa mở báo cáo. Chọn kỳ báo cáo ở trang đầu."))
            self.status_label.setText("")
            self.save_label.setText("")
            self.setWindowTitle(APP_TITLE)
            return
        period = session.report.period
        self.period_label.setText(
            _("{period} · số liệu từ {start} đến {end} · hạn gửi {deadline} ({left})").format(
                period=period.label, start=short_date(period.start), end=short_date(period.end),
                deadline=short_date(period.deadline),
                left=days_left_text(period, self.today(), session.report.status)))
        self.status_label.setText(_("Trạng thái: {status}").format(status=session.report.status.label))
        self._update_save_state()
        self.setWindowTitle(f"{session.report.unit.name} — {period.label} — {APP_TITLE}")

    def _update_save_state(self, *_args: object) -> None:
        if self.session is None:
            return
        saver = self.session.saver
        if saver.failing:
            self.save_label.setText(_("Chưa lưu được — sẽ thử lại"))
        elif saver.pending:
            self.save_label.setText(_("Đang lưu..."))
        elif saver.last_saved is not None:
            self.save_label.setText(_("Đã lưu lúc {time}").format(
                time=saver.last_saved.strftime("%H:%M:%S")))
        else:
            self.save_label.setText(_("Mọi thay đổi được lưu tự động"))

    def _save_failed(self, error: KnownError) -> None:
        """Once per run of failed writes (the saver keeps the edits and retries)."""
        self._update_save_state()
        message = KnownError(error.message + "\n\n" + _(
            "Các thay đổi vẫn được giữ trong chương trình và sẽ được lưu tự động ngay khi "
            "ghi được (chương trình thử lại sau vài giây và mỗi khi anh/chị nhập tiếp). "
            "Đừng đóng chương trình cho đến khi thanh trạng thái báo đã lưu."))
        show_known_error(self, message, _("Chưa lưu được thay đổi"))

    # ------------------------------------------------------------------ units and reports
    def first_run_setup(self) -> bool:
        from cchc_desktop.gui.setup_dialog import SetupDialog

        assert self.store is not None
        dialog = SetupDialog(self.store, self.today(), self)
        accepted = dialog.exec() == SetupDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.start_page.refresh()
            self.refresh_navigation()
        return accepted

    @guarded
    def open_settings(self) -> None:
        from cchc_desktop.gui.settings_dialog import SettingsDialog

        if self.store is None:
            return
        dialog = SettingsDialog(self.store, self.today(), self)
        if dialog.exec() == SettingsDialog.DialogCode.Accepted:
            language = dialog.chosen_language()
            self.start_page.refresh()
            self.refresh_navigation()
            if language != current_language():
                set_language(language)
        dialog.deleteLater()

    def refresh_navigation(self) -> None:
        if self.store is None:
            self.navigation.clear()
            return
        self.navigation.populate(self.store, self.session, self.today())
        if self.current_key:
            self.navigation.select_page(self.current_key)

    def _open_own_period(self, year: int, kind: str) -> None:
        own = self.store.own_unit() if self.store else None
        if own is not None:
            self._open_period_of(own.code, year, kind)

    @guarded
    def _open_period_of(self, unit_code: str, year: int, kind: str) -> None:
        if self.store is None:
            return
        report_id = self.store.find_report_id(unit_code, year, kind)
        if report_id is None:
            own = self.store.own_unit()
            if own is None or own.code != unit_code:
                return
            label = PeriodKind(kind).label
            answer = QMessageBox.question(
                self, _("Bắt đầu báo cáo"),
                _("Chưa có báo cáo {period} năm {year}. Bắt đầu báo cáo này?").format(
                    period=label, year=year))
            if answer != QMessageBox.StandardButton.Yes:
                return
            report_id = self.store.create_report(year, kind)
            self.open_report(report_id)
            self.offer_carry_over()
            return
        self.open_report(report_id)

    def open_report(self, report_id: int) -> None:
        if self.session is not None and self.session.report_id == report_id:
            self.show_page(self.current_key or self._first_section())
            return
        assert self.store is not None
        if self.session is not None and not self.session.saver.flush():
            # Closing it now would drop the edits the disk has not taken yet.
            QMessageBox.warning(self, _("Chưa lưu được"), _(
                "Các thay đổi của báo cáo đang mở chưa lưu được vào tệp dữ liệu nên chưa mở "
                "báo cáo khác. Hãy chờ thanh trạng thái báo đã lưu rồi thử lại."))
            return
        self.close_report()
        session = ReportSession(self.store, report_id, self)
        self.session = session
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.saver.pending_changed.connect(self._update_save_state)
        session.saver.saved.connect(self._update_save_state)
        session.saver.failed.connect(self._save_failed)
        session.history_requested.connect(self.show_field_history)
        session.status_changed.connect(self._status_changed)
        session.context_changed.connect(self.navigation.refresh_findings)
        self.findings.bind(session)
        self.refresh_navigation()
        self._update_status()
        self._update_actions()
        self.show_page(self._first_section())

    def close_report(self) -> bool:
        session = self.session
        if session is None:
            return True
        saved = session.close()
        self.findings.bind(None)
        self.undo_group.removeStack(session.undo_stack)
        self._drop_pages()
        self.session = None
        self.current_key = ""
        session.deleteLater()
        self._update_status()
        self._update_actions()
        return saved

    def _drop_pages(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.last_narrative = None

    def _first_section(self) -> str:
        assert self.session is not None
        return self.session.template.sections[0].id

    # ------------------------------------------------------------------ pages
    def show_start(self) -> None:
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)
        self.current_key = ""

    def page(self, key: str) -> SectionPage | None:
        """The page of a section or annex, built on first use and kept while the report is open."""
        if self.session is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = self._build_page(key)
            if page is None:
                return None
            page.set_read_only(self.session.locked)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _build_page(self, key: str) -> SectionPage | None:
        session = self.session
        assert session is not None
        template = session.template
        if key == "header":
            from cchc_desktop.gui.header_page import HeaderPage

            header = HeaderPage(session, self.stack, today=self.today)
            header.period_changed.connect(self._update_status)
            return header
        if key.startswith("annex:"):
            for index, annex in enumerate(template.annexes, 1):
                if f"annex:{annex.id}" == key:
                    return AnnexPage(annex, index, session, self.stack)
            return None
        for section, depth in template.walk():
            if section.id == key:
                page = build_page(section, depth, session, self.stack)
                if isinstance(page, OverviewPage):
                    page.navigate.connect(self.show_page)
                return page
        return None

    def show_page(self, key: str) -> None:
        page = self.page(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self.navigation.select_page(key)

    def current_page(self) -> SectionPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, SectionPage) else None

    # ------------------------------------------------------------------ findings
    def jump_to(self, finding: Finding) -> None:
        """Show the section of the finding and put the cursor in the first field it involves."""
        session = self.session
        if session is None:
            return
        for code in self._jump_codes(finding):
            indicator = session.template.indicators[code]
            page = self.page(indicator.section_id)
            if page is not None and code in page.fields:
                self.show_page(indicator.section_id)
                page.focus_code(code)
                return
        if finding.section:
            self.show_page(finding.section)
            page = self.current_page()
            if page is not None:
                page.focus_narrative()

    def jump_to_correction(self, key: str) -> None:
        """Show the page of a field being corrected and put the cursor in it."""
        correction = self.session.correction(key) if self.session else None
        if correction is None:
            return
        page = self.page(correction.page)
        if page is not None:
            self.show_page(correction.page)
            page.focus_field(key)

    def _jump_codes(self, finding: Finding) -> list[str]:
        """Typed figures first (the clerk fixes those), then the inputs of derived ones."""
        assert self.session is not None
        indicators = self.session.template.indicators
        ordered: list[str] = []
        pending = list(finding.codes)
        while pending:
            code = pending.pop(0)
            if code in ordered:
                continue
            ordered.append(code)
            pending.extend(indicators[code].inputs)
        shown = [c for c in ordered if self.session.indicator_shown(indicators[c])]
        return [c for c in shown if not indicators[c].derived] + \
            [c for c in shown if indicators[c].derived]

    def next_finding(self) -> None:
        findings = self.findings.findings()
        if not findings:
            return
        current = self.findings.current_finding()
        index = findings.index(current) + 1 if current in findings else 0
        finding = findings[index % len(findings)]
        self.findings.select(finding)
        self.jump_to(finding)

    # ------------------------------------------------------------------ status of the report
    @guarded
    def mark_final(self) -> bool:
        """Show what is missing first: errors block, the rest is the clerk's call."""
        from cchc_desktop.gui.final_dialog import ReadinessDialog

        session = self.session
        if session is None:
            return False
        if not session.saver.flush():
            raise KnownError(_("Các thay đổi vừa nhập chưa lưu được vào tệp dữ liệu nên chưa "
                               "đổi trạng thái báo cáo. Hãy thử lại khi đã lưu được."))
        readiness = session.readiness()
        # A field still showing a refused text is not saved: the report would be final
        # without what the clerk sees on screen.
        errors = [correction_text(c) for c in session.corrections()] + \
            [f.message for f in readiness.errors]
        if errors:
            listing = "\n".join(f"• {message}" for message in errors[:12])
            more = _("\n... và {n} lỗi khác.").format(n=len(errors) - 12) if len(errors) > 12 else ""
            QMessageBox.warning(self, _("Chưa hoàn thành được"),
                                _("Báo cáo còn {n} lỗi phải sửa trước khi hoàn thành:").format(
                                    n=len(errors)) + "\n\n" + listing + more)
            return False
        if not readiness.complete:
            dialog = ReadinessDialog(readiness, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            dialog.deleteLater()
            if not accepted:
                return False
        session.set_status(ReportStatus.FINAL)
        return True

    @guarded
    def mark_submitted(self) -> bool:
        session = self.session
        if session is None:
            return False
        answer = QMessageBox.question(
            self, _("Đánh dấu đã gửi"),
            _("Sau khi đánh dấu đã gửi, báo cáo bị khóa; muốn sửa phải mở lại và ghi lý do. "
              "Tiếp tục?"))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        session.set_status(ReportStatus.SUBMITTED)
        return True

    @guarded
    def reopen(self) -> bool:
        """Mở lại để sửa...: a final or submitted report back to draft, with a reason."""
        session = self.session
        if session is None or session.report.status is ReportStatus.DRAFT:
            return False
        reason, ok = QInputDialog.getText(
            self, _("Mở lại để sửa"),
            _("Báo cáo {period} đang ở trạng thái \u201c{status}\u201d. Lý do mở lại để sửa "
              "(được ghi vào lịch sử báo cáo; một bản sao lưu được tạo trước):").format(
                period=session.report.period.label, status=session.report.status.label))
        if not ok:
            return False
        if not reason.strip():
            QMessageBox.warning(self, _("Mở lại để sửa"), _("Cần ghi rõ lý do mở lại báo cáo."))
            return False
        session.set_status(ReportStatus.DRAFT, reason.strip())
        return True

    # The names of the actions before "Mở lại để sửa..." took over both.
    unlock = reopen
    back_to_draft = reopen

    def _status_changed(self) -> None:
        locked = self.session.locked if self.session else False
        for page in self.pages.values():
            page.set_read_only(locked)
        self.findings.refresh()
        self.refresh_navigation()
        self._update_status()
        self._update_actions()

    # ------------------------------------------------------------------ tools
    def insert_into_narrative(self, text: str) -> None:
        if not text:
            return
        page = self.current_page()
        editor = self.last_narrative
        if editor is None or not shiboken6.isValid(editor) or page is None \
                or editor not in page.narratives:
            editor = page.narratives[0] if page is not None and page.narratives else None
        if editor is None or editor.edit.isReadOnly():
            self.statusBar().showMessage(_("Trang này không có phần văn bản để chèn."), 5000)
            return
        editor.insert(text)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.session is not None:
            self.session.seal_edits()
        widget = new
        while widget is not None:
            if isinstance(widget, NarrativeEditor):
                self.last_narrative = widget
                return
            widget = widget.parentWidget()

    @guarded
    def export(self, kind: str) -> None:
        if self.session is not None:
            self.exporter.export(self.session, kind)

    # ------------------------------------------------------------------ history and restore points
    @guarded
    def show_field_history(self, entity: str, key: str) -> None:
        from cchc_desktop.gui.history_dialog import field_history

        if self.session is None or self.store is None:
            return
        self.session.saver.flush()
        dialog = field_history(self.store.history(self.session.report_id, key),
                               self.session.template, entity, key, self)
        dialog.exec()
        dialog.deleteLater()

    @guarded
    def show_report_history(self) -> None:
        from cchc_desktop.gui.history_dialog import HistoryDialog

        session = self.session
        if session is None or self.store is None:
            return
        session.saver.flush()
        dialog = HistoryDialog(self.store.history(session.report_id), session.template,
                               title=_("Lịch sử thay đổi — {period}").format(
                                   period=session.report.period.label), parent=self)
        dialog.exec()
        dialog.deleteLater()

    @guarded
    def restore_data(self) -> bool:
        """Tệp > Khôi phục...: put a restore point back, after saving the current state as one."""
        from cchc_desktop.gui.restore_dialog import RestoreDialog, stamp
        from cchc_desktop.storage.backups import list_backups, restore_backup

        store = self.store
        if store is None:
            return False
        path = store.database.path
        dialog = RestoreDialog(list_backups(path), self)
        accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
        chosen = dialog.chosen
        dialog.deleteLater()
        if not accepted or chosen is None:
            return False
        if self.session is not None and not self.session.saver.flush():
            QMessageBox.warning(self, _("Khôi phục dữ liệu"), _(
                "Các thay đổi vừa nhập chưa lưu được vào tệp dữ liệu nên chưa khôi phục."))
            return False
        reopen = None
        if self.session is not None:
            report = self.session.report
            reopen = (report.unit.code, report.period.year, report.period.kind)
        self.close_report()
        self.show_start()
        store.database.close()
        try:
            safety = restore_backup(path, chosen)
        finally:
            self._reopen_data_file(store)
        if reopen is not None and self.store is not None:
            report_id = self.store.find_report_id(*reopen)
            if report_id is not None:
                self.open_report(report_id)
        QMessageBox.information(self, _("Khôi phục dữ liệu"), _(
            "Đã khôi phục dữ liệu về thời điểm {time} ({reason}).\n\nTrạng thái ngay trước khi "
            "khôi phục đã được lưu thành điểm khôi phục lúc {saved}; có thể khôi phục lại "
            "trong Tệp > Khôi phục... nếu cần.").format(
                time=stamp(chosen), reason=chosen.reason, saved=stamp(safety)))
        return True

    def _reopen_data_file(self, old: ReportStore) -> None:
        from cchc_desktop.gui.app import open_data_file
        from cchc_desktop.storage.instance_lock import InstanceLock
        from cchc_desktop.storage.repository import ReportStore

        # The lock this window holds (app.run), or one taken now for a window made without it.
        if self.data_lock is None:
            self.data_lock, self._lock_taken_here = InstanceLock(old.database.path), True
        lock = self.data_lock
        database = open_data_file(old.database.path, lock)
        self.set_store(ReportStore(database, registry=old.registry))
        self._update_actions()

    def about(self) -> None:
        QMessageBox.about(self, _("Giới thiệu CCHC Desktop"),
                          _("CCHC Desktop {version}\n\nLập báo cáo cải cách hành chính định kỳ, "
                            "chạy ngoại tuyến.").format(version=__version__))

    # ------------------------------------------------------------------ imports, header, submission
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
        from cchc_desktop.gui.import_previous_dialog import PreviousImporter

        if self.session is not None:
            # A final or submitted report takes no import: refused (with the offer to reopen)
            # before a file is even chosen.
            self.session.ensure_editable()
            self.previous_importer = PreviousImporter(self, self.reload_report)
            self.previous_importer.start(self.session)

    @guarded
    def offer_carry_over(self) -> None:
        """A report just started: offer what the data file's earlier reports carry over."""
        from cchc_desktop.gui.import_previous_dialog import PreviousImporter, stored_preview

        session = self.session
        preview = stored_preview(session) if session is not None else None
        if session is None or preview is None:
            return
        self.previous_importer = PreviousImporter(self, self.reload_report)
        self.previous_importer.review(session, preview, intro=_(
            "Tệp dữ liệu đã có báo cáo {period}. Lấy số liệu chuyển kỳ, nhiệm vụ cần theo dõi và "
            "cột so sánh từ báo cáo đó vào báo cáo mới?").format(
                period=preview.source_report.period.label))

    def show_header(self) -> None:
        if self.session is not None:
            self.show_page("header")

    def _consolidates(self) -> bool:
        """The open report is the own unit's and the unit has subordinate units to consolidate."""
        if self.session is None or self.store is None:
            return False
        own = self.store.own_unit()
        return own is not None and own.code == self.session.report.unit.code \
            and bool(self.store.subordinate_units())

    @guarded
    def consolidate(self, board: bool = False) -> None:
        from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog

        session = self.session
        if session is None or self.store is None or not self._consolidates():
            return
        dialog = ConsolidationDialog(
            self.store, session.report_id, self,
            before_change=lambda: self.session is None or self.session.saver.flush(),
            after_change=self.reload_report)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if board:
            dialog.show_board()
        dialog.open()

    @guarded
    def submit_package(self) -> None:
        from cchc_desktop.gui.submit_dialog import Submitter

        if self.session is not None:
            self.submitter = Submitter(self)
            self.submitter.start(self.session)

    # ------------------------------------------------------------------ closing
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and not self.session.saver.flush():
            answer = QMessageBox.question(
                self, _("Chưa lưu được"),
                _("Một số thay đổi chưa lưu được vào tệp dữ liệu. Vẫn thoát?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.close_report()
        if self._lock_taken_here and self.data_lock is not None:
            if self.store is not None:
                self.store.database.close()
            self.data_lock.release()
        event.accept()
