"""gui/forms/annex_page.py promises: each annex of the template shown as it will be printed,
read-only, under its heading "Phụ lục I. ...": the figures (this period, and the previous
period and the same period last year when known), the justifications of the warnings with
the clerk's notes, the subordinate units, the proposals and the documents issued; an empty
annex says "(Chưa có nội dung)" across its columns; a shown annex follows the report.

Beside tests/gui/forms/test_in_place.py (cells updated in place, sizes, a hidden annex
catching up, rows gained and lost, long lists) and test_annex_model.py (the model alone):
here the pages are built alone on a session of the sample report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import IssuedDocument
from cchc_desktop.gui.forms.annex_page import AnnexPage
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.factories import sample_report
from tests.gui.forms.sample_data import sample_id, sample_store

PLAN = "cddh.kh.tong"      # "Tổng số nhiệm vụ trong kế hoạch CCHC năm": 66 in the sample
STAFF = "tcbm.bien_che.vien_chuc.co_mat"   # 31 present of 30 given: the sample's warning


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


def page_of(qtbot: QtBot, session: ReportSession, annex_id: str) -> AnnexPage:
    [(index, annex)] = [(i, a) for i, a in enumerate(session.template.annexes, 1) if a.id == annex_id]
    page = AnnexPage(annex, index, session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown(page: AnnexPage) -> list[list[str]]:
    model = page.model
    return [[model.text(row, col) for col in range(len(model.headers))] for row in range(model.rowCount())]


def row_of(page: AnnexPage, code: str) -> list[str]:
    label = page.session.template.indicators[code].full_label
    [row] = [row for row in shown(page) if row[1] == label]
    return row


def test_the_figures_annex_numbers_its_rows_with_units_and_figures(qtbot: QtBot,
                                                                  session: ReportSession) -> None:
    page = page_of(qtbot, session, "so_lieu")
    assert page.model.headers == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này"]
    rows = shown(page)
    assert rows[0] == ["1", "Tổng số nhiệm vụ trong kế hoạch CCHC năm", "nhiệm vụ", "66"]
    assert [row[0] for row in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert row_of(page, "tcc.dtc.giai_ngan")[2:] == ["triệu đồng", "2.987,455"]
    assert row_of(page, "cddh.kh.ty_le_hoan_thanh")[3] == "42/66 nhiệm vụ, đạt 63,64%"
    assert page.table.editTriggers() == page.table.EditTrigger.NoEditTriggers


def test_a_figure_set_elsewhere_is_shown_at_once(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "so_lieu")
    session.set_value(PLAN, Decimal(1234))
    assert row_of(page, PLAN)[3] == "1.234"
    assert row_of(page, "cddh.kh.ty_le_hoan_thanh")[3] == "42/1.234 nhiệm vụ, đạt 3,40%"
    session.set_value(PLAN, None)
    assert row_of(page, PLAN)[3] == ""


def test_earlier_periods_add_their_columns(qtbot: QtBot, store: ReportStore) -> None:
    for year, kind, value in ((2025, "Y", "60"), (2025, "Q1", "58")):
        store.save_report(dataclasses.replace(sample_report(), period=Period.default(year, kind),
                                              values={PLAN: Decimal(value)}))
    session = ReportSession(store, sample_id())   # opened after them: it finds them
    page = page_of(qtbot, session, "so_lieu")
    assert page.model.headers == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước",
                                  "Cùng kỳ năm trước"]
    assert shown(page)[0][3:] == ["66", "60", "58"]
    assert row_of(page, "cddh.kh.hoan_thanh")[3:] == ["42", "", ""]
    session.close()


def test_the_justifications_give_the_warning_and_the_clerks_note(qtbot: QtBot,
                                                                session: ReportSession) -> None:
    page = page_of(qtbot, session, "giai_trinh")
    assert page.model.headers == ["Chỉ tiêu", "Cảnh báo", "Giải trình"]
    assert shown(page) == [[
        "Viên chức có mặt",
        "Viên chức có mặt (31) lớn hơn số viên chức được giao (30): vượt 1.",
        "01 viên chức hợp đồng theo Nghị định 111/2022/NĐ-CP được tính tạm vào số có mặt."]]
    session.set_note(STAFF, "")
    assert shown(page)[0][2] == ""
    session.set_value(STAFF, Decimal(30))          # no more warning: nothing to justify
    assert shown(page) == [["(Chưa có nội dung)", "", ""]]
    assert page.table.columnSpan(0, 0) == 3


def test_an_annex_without_rows_says_so_across_its_columns(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "don_vi")        # a commune has no subordinate units
    assert page.model.headers == ["Mã", "Đơn vị", "Tình trạng", "Thời điểm nhận"]
    assert shown(page) == [["(Chưa có nội dung)", "", "", ""]]
    assert page.table.columnSpan(0, 0) == 4


def test_the_proposals_and_documents_annexes_number_their_rows(qtbot: QtBot,
                                                             session: ReportSession) -> None:
    proposals = page_of(qtbot, session, "kien_nghi")
    assert proposals.model.headers == ["STT", "Đơn vị đề xuất", "Nội dung kiến nghị", "Kiến nghị với"]
    assert shown(proposals)[1] == ["2", "Ủy ban nhân dân xã Mỹ An",
                                   "Nâng cấp đường truyền phục vụ Bộ phận Một cửa.",
                                   "Sở Khoa học và Công nghệ"]
    documents = page_of(qtbot, session, "van_ban")
    assert shown(documents) == [
        ["1", "20/KH-UBND", "06/01/2026", "Kế hoạch cải cách hành chính năm 2026"],
        ["2", "35/KH-UBND", "20/01/2026", "Kế hoạch tuyên truyền cải cách hành chính năm 2026"]]
    session.set_list("documents", [IssuedDocument("41/QĐ-UBND", None, "Quyết định kiện toàn", "cddh")])
    assert shown(documents) == [["1", "41/QĐ-UBND", "", "Quyết định kiện toàn"]]


def test_the_heading_numbers_the_annex_in_roman(qtbot: QtBot, session: ReportSession) -> None:
    page = page_of(qtbot, session, "van_ban")
    assert page.key == "annex:van_ban" and page.objectName() == "page:annex:van_ban"
    heading = page.body.findChildren(QLabel)[0]
    assert heading.text() == "Phụ lục V. Danh mục văn bản chỉ đạo, điều hành đã ban hành"
