"""gui/report_pages.py: the window's centre. A report's page is built the first time it is shown
and kept while the report is open; locked pages take no edit; a finding or a field being
corrected is found on its page with the cursor put in it; the calculator's result goes into
the narrative last edited.

Beside tests/gui/test_navigation_groups.py (the cursor where typing starts, chosen from the
tree), test_findings.py (findings chosen in the panel) and test_calculator.py (a result into
the narrative, through the window). Here ReportPages on its own stack, with a StartPage and a
session opened by a ReportController on the sample report, and no main window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QStackedWidget

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.forms.annex_page import AnnexPage
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.header_page import HeaderPage
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.report_pages import ReportPages
from cchc_desktop.gui.session import Correction
from cchc_desktop.gui.start_page import StartPage
from cchc_desktop.storage.repository import OwnUnit, ReportStore

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def controller(store: ReportStore, commune: OwnUnit, sample_report_id: int) -> Iterator[ReportController]:
    made = ReportController(store)
    made.open(sample_report_id)
    yield made
    made.close()


@pytest.fixture
def pages(qtbot, controller: ReportController) -> ReportPages:  # type: ignore[no-untyped-def]
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    stack.resize(900, 700)
    stack.show()
    made = ReportPages(stack, StartPage(controller, TODAY, stack), lambda: TODAY)
    made.bind(controller.session)
    return made


def test_with_no_report_only_the_start_page_is_shown(qtbot, controller: ReportController) -> None:  # type: ignore[no-untyped-def]
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    made = ReportPages(stack, StartPage(controller, TODAY, stack), lambda: TODAY)
    shown: list[str] = []
    made.page_shown.connect(shown.append)
    made.show("cddh")
    assert made.page("cddh") is None and made.current() is None
    assert stack.currentWidget() is made.start_page and made.current_key == "" and shown == []
    assert not made.insert_text("= 92,52%")


def test_a_page_is_built_once_and_kept_while_the_report_is_open(pages: ReportPages) -> None:
    shown: list[str] = []
    pages.page_shown.connect(shown.append)
    assert pages.first_section() == "cddh"
    pages.show("cddh")
    page = pages.current()
    assert page is not None and page.key == "cddh" and pages.current_key == "cddh"
    assert isinstance(page.fields["cddh.kh.tong"], NumberField)
    assert page.fields["cddh.kh.tong"].edit.text() == "66"       # the sample's figure
    pages.show("header")
    assert isinstance(pages.current(), HeaderPage)
    pages.show("cddh")
    assert pages.current() is page, "kept, not built again"
    assert shown == ["cddh", "header", "cddh"]
    assert isinstance(pages.page("annex:so_lieu"), AnnexPage)
    assert pages.page("annex:khong-co") is None and pages.page("khong-co") is None
    assert sorted(pages.pages) == ["annex:so_lieu", "cddh", "header"]
    pages.show_start()
    assert pages.current_key == "" and pages.current() is None
    pages.bind(None)
    assert pages.pages == {} and pages.stack.count() == 1, "only the start page stays"


def test_a_locked_report_builds_read_only_pages(pages: ReportPages, controller: ReportController) -> None:
    built = pages.page("cddh")
    assert built is not None
    edit = built.fields["cddh.kh.tong"].edit  # type: ignore[attr-defined]
    assert not edit.isReadOnly()
    assert controller.session is not None
    controller.session.set_status(ReportStatus.FINAL)
    pages.set_read_only(True)
    assert edit.isReadOnly()
    later = pages.page("danh_gia")
    assert later is not None and all(e.edit.isReadOnly() for e in later.narratives), \
        "built after the lock: read-only from the start"
    pages.show("danh_gia")
    assert not pages.insert_text("92,52%"), "a locked narrative takes no text"


def test_the_calculators_result_goes_into_the_narrative_last_edited(qtbot, pages: ReportPages) -> None:  # type: ignore[no-untyped-def]
    pages.show("danh_gia")
    page = pages.current()
    assert page is not None and len(page.narratives) == 2
    first, second = page.narratives
    second.edit.setFocus()
    pages.note_focus(QApplication.focusWidget() or second.edit)
    assert pages.insert_text("tỷ lệ 92,52%")
    assert "tỷ lệ 92,52%" in second.edit.toPlainText()
    assert "tỷ lệ 92,52%" not in first.edit.toPlainText()
    pages.show("phuong_huong")                      # the editor remembered is on another page
    assert pages.insert_text("1.234.567")
    shown = pages.current()
    assert shown is not None and "1.234.567" in shown.narratives[0].edit.toPlainText()
    pages.show("header")
    assert not pages.insert_text("1.234.567"), "the header page has no narrative"


def test_a_finding_shows_its_page_with_the_cursor_in_its_first_figure(  # type: ignore[no-untyped-def]
        qtbot, pages: ReportPages, controller: ReportController) -> None:
    session = controller.session
    assert session is not None
    [finding] = [f for f in session.context.findings if f.section == "tcbm"]
    assert finding.message.startswith("Viên chức có mặt (31) lớn hơn số viên chức được giao (30)")
    pages.jump_to(finding)
    page = pages.current()
    assert pages.current_key == "tcbm" and page is not None
    field = page.fields["tcbm.bien_che.vien_chuc.co_mat"]
    qtbot.waitUntil(lambda: field.edit.hasFocus())  # type: ignore[attr-defined]
    assert field.edit.text() == "31"  # type: ignore[attr-defined]


def test_a_field_being_corrected_is_found_on_its_page(  # type: ignore[no-untyped-def]
        qtbot, pages: ReportPages, controller: ReportController) -> None:
    session = controller.session
    assert session is not None
    pages.jump_to_correction("cddh.giao.tong")            # nothing refused there: nothing moves
    assert pages.current_key == ""
    session.set_value("cddh.giao.tong", Decimal(12))
    session.set_correction(Correction("cddh.giao.tong", "Tổng số nhiệm vụ được giao", "12,5",
                                      "Chỉ nhập số nguyên.", "cddh"))
    pages.show("header")
    pages.jump_to_correction("cddh.giao.tong")
    page = pages.current()
    assert pages.current_key == "cddh" and page is not None
    qtbot.waitUntil(lambda: page.fields["cddh.giao.tong"].edit.hasFocus())  # type: ignore[attr-defined]


def test_an_overview_pages_link_opens_the_subsection(qtbot, pages: ReportPages) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel  # only this test reads the overview's links

    pages.show("kq")
    overview = pages.current()
    assert overview is not None and overview.fields == {}
    link = overview.findChild(QLabel, "open:tthc")
    assert link is not None and "Cải cách thủ tục hành chính" in link.text()
    overview.ensureWidgetVisible(link)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton, pos=QPoint(8, link.height() // 2))
    assert pages.current_key == "tthc"
