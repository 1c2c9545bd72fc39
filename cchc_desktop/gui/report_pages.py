"""The window's centre: the start page, and the open report's pages built on first use.

A page (a section, the header, an annex) is built the first time it is shown and kept
while the report is open; a change of language drops them all (they hold the template's
labels). Findings and fields being corrected are found here: their page is shown and the
cursor put in the field. The calculator's results go into the narrative last edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from cchc_desktop.domain.rules import Finding
from cchc_desktop.gui.forms.field_findings import figures_at_fault
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.start_page import StartPage

if TYPE_CHECKING:   # the editor is built with the pages, after start-up
    from cchc_desktop.gui.forms.narrative import NarrativeEditor


class ReportPages(QObject):
    page_shown = Signal(str)     # the key of the page now shown
    period_changed = Signal()    # the header page changed the report's period

    def __init__(self, stack: QStackedWidget, start_page: StartPage,
                 today: Callable[[], dt.date]) -> None:
        super().__init__(stack)
        self.stack = stack
        self.start_page = start_page
        self.today = today
        self.session: ReportSession | None = None
        self.pages: dict[str, SectionPage] = {}
        self.current_key = ""   # "" while the start page is shown
        self.last_narrative: NarrativeEditor | None = None
        stack.addWidget(start_page)

    def bind(self, session: ReportSession | None) -> None:
        """The report whose pages to show (None: no report open)."""
        self.drop()
        self.session = session
        self.current_key = ""

    def drop(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.last_narrative = None

    def first_section(self) -> str:
        assert self.session is not None
        return self.session.template.sections[0].id

    def set_read_only(self, locked: bool) -> None:
        for page in self.pages.values():
            page.set_read_only(locked)

    # ------------------------------------------------------------------ showing
    def show_start(self) -> None:
        self.start_page.refresh()
        self.stack.setCurrentWidget(self.start_page)
        self.current_key = ""

    def show(self, key: str) -> None:
        page = self.page(key)
        if page is None:
            return
        self.stack.setCurrentWidget(page)
        self.current_key = key
        self.page_shown.emit(key)

    def enter(self, key: str, group: str = "") -> None:
        """The page chosen by the clerk (or one of its groups), the cursor where typing starts."""
        self.show(key)
        page = self.current()
        if page is not None and page.key == key:
            page.enter(group)

    def current(self) -> SectionPage | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, SectionPage) else None

    def page(self, key: str) -> SectionPage | None:
        """The page of a section or annex, built on first use and kept while the report is open."""
        if self.session is None:
            return None
        page = self.pages.get(key)
        if page is None:
            page = self._build(key, self.session)
            if page is None:
                return None
            page.set_read_only(self.session.locked)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    def _build(self, key: str, session: ReportSession) -> SectionPage | None:
        template = session.template
        if key == "header":
            # Start-up time: the header page brings the recipients' lists and the date field.
            from cchc_desktop.gui.header_page import HeaderPage

            header = HeaderPage(session, self.stack, today=self.today)
            header.period_changed.connect(self.period_changed)
            return header
        # start-up: the forms' code (builder, tables, narrative editor) loads with the first page,
        # after the window answers, not before it is shown (issue 15)
        from cchc_desktop.gui.forms.annex_page import AnnexPage
        from cchc_desktop.gui.forms.builder import OverviewPage, build_page

        if key.startswith("annex:"):
            for index, annex in enumerate(template.annexes, 1):
                if f"annex:{annex.id}" == key:
                    return AnnexPage(annex, index, session, self.stack)
            return None
        for section, depth in template.walk():
            if section.id == key:
                page = build_page(section, depth, session, self.stack)
                if isinstance(page, OverviewPage):
                    page.navigate.connect(self.enter)
                return page
        return None

    # ------------------------------------------------------------------ narratives
    def note_focus(self, widget: QWidget | None) -> None:
        """Remember the narrative the cursor is in, if it is in one."""
        if not self.pages:          # no page built, so no narrative (nor its module) yet
            return
        # start-up: loaded with the first page (see _build)
        from cchc_desktop.gui.forms.narrative import NarrativeEditor

        while widget is not None:
            if isinstance(widget, NarrativeEditor):
                self.last_narrative = widget
                return
            widget = widget.parentWidget()

    def insert_text(self, text: str) -> bool:
        """Into the narrative last edited on the page shown, else the page's first; False if none
        takes it (no narrative on the page, or the report is locked)."""
        page = self.current()
        editor = self.last_narrative
        if editor is None or not shiboken6.isValid(editor) or page is None \
                or editor not in page.narratives:
            editor = page.narratives[0] if page is not None and page.narratives else None
        if editor is None or editor.edit.isReadOnly():
            return False
        editor.insert(text)
        return True

    # ------------------------------------------------------------------ findings
    def jump_to(self, finding: Finding) -> None:
        """Show the section of the finding and put the cursor in the first field it involves."""
        session = self.session
        if session is None:
            return
        for code in figures_at_fault(finding, session):
            indicator = session.template.indicators[code]
            page = self.page(indicator.section_id)
            if page is not None and code in page.fields:
                self.show(indicator.section_id)
                page.focus_code(code)
                return
        if finding.section:
            self.show(finding.section)
            page = self.current()
            if page is not None:
                page.focus_narrative()

    def jump_to_correction(self, key: str) -> None:
        """Show the page of a field being corrected and put the cursor in it."""
        correction = self.session.correction(key) if self.session else None
        if correction is None:
            return
        page = self.page(correction.page)
        if page is not None:
            self.show(correction.page)
            page.focus_field(key)
