"""gui/forms/page.py promises: a scrollable page of headings, help and blocks; choosing it
puts the cursor where the clerk starts typing (the first field left empty of the page or of a
group, else its first field, else its narrative or first input); a field being corrected, a
figure or a list's cell, is found by its key; a locked report makes every block read-only.

Beside tests/gui/test_navigation_groups.py and test_keyboard_path.py, which choose pages and
groups in a whole window: here pages are built alone (gui/forms/builder.py) on a session of
the sample report, and the focus read from the page itself (offscreen, no window is active).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.forms.builder import build_page
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.forms.page import SectionPage
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


def page_of(qtbot: QtBot, session: ReportSession, section_id: str) -> SectionPage:
    page = build_page(session.template.section(section_id), 0, session)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def focused(page: SectionPage) -> QWidget | None:
    return page.window().focusWidget()


def edit_of(page: SectionPage, code: str) -> QWidget:
    widget = page.fields[code]
    assert isinstance(widget, NumberField)
    return widget.edit


def test_headings_and_help_are_added_in_their_tones(qtbot: QtBot) -> None:
    page = SectionPage("thu")
    qtbot.addWidget(page)
    assert page.objectName() == "page:thu" and page.widgetResizable()
    title = page.add_heading("I. CÔNG TÁC CHỈ ĐẠO")
    sub = page.add_heading("1. Ưu điểm", level=1)
    page.add_help("")                                   # no help: nothing added
    page.add_help("Ghi rõ số văn bản đã ban hành.")
    page.add(QPushButton("Thêm", page.body))
    page.finish()
    labels = page.body.findChildren(QLabel)
    assert [(label.text(), label.property("tone")) for label in labels] == [
        ("I. CÔNG TÁC CHỈ ĐẠO", "page-title"), ("1. Ưu điểm", "section-title"),
        ("Ghi rõ số văn bản đã ban hành.", "muted")]
    assert labels[:2] == [title, sub]
    assert page.layout_.count() == 5                    # 3 labels, the button, the stretch


def test_entering_a_page_goes_to_its_first_empty_field(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "cddh")
    assert page.enter()
    assert focused(page) is edit_of(page, "cddh.sang_kien")   # the only one left empty


def test_entering_a_group_goes_to_its_empty_field_else_its_first(qtbot: QtBot,
                                                                session: ReportSession) -> None:
    page = page_of(qtbot, session, "tcbm")
    assert page.enter("tcbm.to_chuc")
    assert focused(page) is edit_of(page, "tcbm.to_chuc_phoi_hop")
    assert page.enter("tcbm.bien_che")                   # all filled: its first field
    assert focused(page) is edit_of(page, "tcbm.bien_che.cong_chuc.giao")


def test_a_page_without_figures_is_entered_in_its_narrative(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "kien_nghi")
    assert page.fields == {}
    assert page.enter()
    assert focused(page) is page.narratives[0].edit
    assert not page.focus_code("cddh.kh.tong")            # not on this page


def test_a_cell_being_corrected_is_found_by_its_key(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "kien_nghi")
    [table] = page.lists
    assert page.focus_field("proposals/1/2")
    assert (table.table.currentRow(), table.table.currentColumn()) == (1, 2)
    assert focused(page) is table.table
    assert not page.focus_field("proposals/7/2")          # no such row
    assert not page.focus_field("tthc.hs.xa.ky_truoc")
    assert not SectionPage("trong").focus_narrative()


def test_a_figure_is_focused_by_its_code(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "tthc")
    assert page.focus_field("tthc.hs.xa.ky_truoc")
    assert focused(page) is edit_of(page, "tthc.hs.xa.ky_truoc")


def test_read_only_reaches_every_block_and_back(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "cddh")
    page.set_read_only(True)
    field = page.fields["cddh.kh.tong"]
    assert isinstance(field, NumberField) and field.edit.isReadOnly()
    assert page.narratives[0].edit.isReadOnly()
    assert not any(table.add_button.isEnabled() for table in page.lists)
    assert not any(extra.add_button.isEnabled() for extra in page.extras)
    page.set_read_only(False)
    assert not field.edit.isReadOnly() and not page.narratives[0].edit.isReadOnly()
    assert all(table.add_button.isEnabled() for table in page.lists)
    assert all(extra.add_button.isEnabled() for extra in page.extras)
