"""gui/forms/builder.py promises: a template section becomes its page with nothing named in
code: its groups (a list, or a table when the template says so), its extra figures, its lists
(tasks, documents, proposals) and its narrative, under "I. CÔNG TÁC ..."; a parent holding no
content of its own shows the progress of its children ("25/26", errors, warnings), a click
away, or, when its children are light (narrative only), stacks them on one page.

Beside tests/gui/forms/test_records_form.py (a new template version needs no code change,
the records table) and tests/gui/test_navigation_groups.py (the window's tree): here pages
are built alone from the sample report's template.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.forms.builder import OverviewPage, build_page, has_content, section_heading
from cchc_desktop.gui.forms.list_group import ListGroup
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.forms.table_group import TableGroup
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def page_of(qtbot: QtBot, session: ReportSession, section_id: str, depth: int = 0) -> SectionPage:
    page = build_page(session.template.section(section_id), depth, session)
    qtbot.addWidget(page)
    return page


def headings(page: SectionPage) -> list[str]:
    return [label.text() for label in page.body.findChildren(QLabel)
            if label.property("tone") in ("page-title", "section-title")]


def test_a_section_page_holds_its_groups_lists_narrative_and_extra_figures(
        qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "cddh")
    assert not isinstance(page, OverviewPage)
    assert headings(page) == ["I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"]
    assert list(page.groups) == ["cddh.kh", "cddh.giao", "cddh.kiem_tra", "cddh.khac"]
    assert all(isinstance(box, ListGroup) for box in page.groups.values())
    assert page.group_codes["cddh.kh"][:2] == ["cddh.kh.tong", "cddh.kh.hoan_thanh"]
    assert set(page.fields) == {code for codes in page.group_codes.values() for code in codes}
    assert [table.spec.kind for table in page.lists] == ["tasks", "documents"]
    assert [editor.section.id for editor in page.narratives] == ["cddh"]
    assert len(page.extras) == 1


def test_a_group_laid_out_as_a_table_gets_a_table(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "tthc", depth=1)
    assert headings(page) == ["2. Cải cách thủ tục hành chính"]
    kinds = {group: type(box) for group, box in page.groups.items()}
    assert kinds == {"tthc.cong_bo": ListGroup, "tthc.ra_soat": ListGroup,
                     "tthc.niem_yet": TableGroup, "tthc.hs": TableGroup, "tthc.hs_khac": ListGroup}
    assert page.lists == []


def test_a_parent_of_figure_sections_shows_their_progress(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "kq")
    assert isinstance(page, OverviewPage)
    texts = {child: [label.text() for label in labels] for child, labels in page.cells.items()}
    assert texts == {"tc": ["7/7", "", ""], "tthc": ["25/26", "", ""], "tcbm": ["8/9", "", "1"],
                     "cv": ["8/8", "", ""], "tcc": ["7/7", "", ""], "cds": ["15/15", "", ""]}
    link = page.findChild(QLabel, "open:tthc")
    assert link is not None and "2. Cải cách thủ tục hành chính</a>" in link.text()
    opened: list[str] = []
    page.navigate.connect(opened.append)
    link.linkActivated.emit("tthc")
    assert opened == ["tthc"]


def test_the_overview_follows_the_figures_and_marks_errors(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "kq")
    assert isinstance(page, OverviewPage)
    session.set_value("tcbm.bien_che.vien_chuc.co_mat", Decimal(30))   # the warning goes
    assert [label.text() for label in page.cells["tcbm"]] == ["8/9", "", ""]
    session.set_value("tc.vbqppl.ban_hanh", None)
    assert page.cells["tc"][0].text() == "6/7"
    session.set_value("tthc.hs.xa.da_giai_quyet.dung_han", Decimal(99999))  # more than received
    errors = page.cells["tthc"][1]
    # Received ≠ resolved + pending + withdrawn, and two shares resolved above 100%.
    assert errors.text() == "3"
    assert errors.property("tone") == "error-strong"


def test_light_children_are_stacked_on_their_parents_page(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "danh_gia")
    assert not isinstance(page, OverviewPage)
    assert headings(page) == ["III. ĐÁNH GIÁ CHUNG", "1. Ưu điểm", "2. Hạn chế và nguyên nhân"]
    assert [editor.section.id for editor in page.narratives] == ["uu_diem", "han_che"]
    assert len(page.extras) == 1           # the parent's extra figures only
    assert page.fields == {}


def test_headings_and_what_counts_as_content(session: ReportSession) -> None:
    template = session.template
    assert section_heading(template.section("kien_nghi")) == "V. KIẾN NGHỊ, ĐỀ XUẤT"
    assert section_heading(template.section("cds"), 1) == \
        "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
    assert [s for s in ("cddh", "kq", "danh_gia", "uu_diem", "kien_nghi")
            if has_content(template.section(s))] == ["cddh", "uu_diem", "kien_nghi"]
