"""gui/navigation.py: the tree on the left. The start page, the own unit's years (this year's
always) with its four periods and their status, the subordinate units' reports, then the open
report's pages: its header, sections with sentence-case titles, annexes numbered in roman; an
icon on the sections with findings; a click or Enter says what to open; long titles wrap.

Beside tests/gui/test_navigation_groups.py, which follows a section's groups of figures and
the cursor into the page chosen, through the window. Here the tree on its own, filled from a
ReportController on a real data file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTreeWidgetItem

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.template import Section
from cchc_desktop.domain.units import Text, Unit
from cchc_desktop.gui.navigation import ROLE, NavigationTree, section_label, sentence_case
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.storage.repository import OwnUnit, ReportStore

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def controller(store: ReportStore) -> Iterator[ReportController]:
    made = ReportController(store)
    yield made
    made.close()


@pytest.fixture
def tree(qtbot) -> NavigationTree:  # type: ignore[no-untyped-def]
    made = NavigationTree()
    qtbot.addWidget(made)
    made.resize(320, 700)
    made.show()
    return made


def texts(item: QTreeWidgetItem) -> list[str]:
    return [item.child(i).text(0) for i in range(item.childCount())]  # type: ignore[union-attr]


def top(tree: NavigationTree) -> list[str]:
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]  # type: ignore[union-attr]


def test_titles_in_sentence_case_unless_written_mixed() -> None:
    assert sentence_case("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH") == \
        "Công tác chỉ đạo, điều hành cải cách hành chính"
    assert sentence_case("Cải cách thủ tục hành chính (TTHC)") == "Cải cách thủ tục hành chính (TTHC)"
    assert sentence_case("") == ""
    section = Section(id="cddh", number="I", title=Text("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
                                                        "STEERING AND MANAGING ADMINISTRATIVE REFORM"))
    assert section_label(section) == "I. Công tác chỉ đạo, điều hành cải cách hành chính"


def test_before_the_unit_is_set_up_only_the_start_page(tree: NavigationTree,
                                                       controller: ReportController) -> None:
    tree.populate(controller, TODAY)
    assert top(tree) == ["Trang đầu: báo cáo cần làm"]


def test_this_years_four_periods_and_the_subordinate_units_reports(
        tree: NavigationTree, controller: ReportController, store: ReportStore, commune: OwnUnit) -> None:
    store.set_subordinate_units([Unit("ap-my-hoa", "Ấp Mỹ Hòa", "thon", commune.name),
                                 Unit("ap-my-loi", "Ấp Mỹ Lợi", "thon", commune.name)])
    report_id = controller.create_report(2025, "Y")
    controller.open(report_id)
    controller.set_status(ReportStatus.FINAL)
    controller.close()
    tree.populate(controller, TODAY)
    assert top(tree) == ["Trang đầu: báo cáo cần làm", "Ủy ban nhân dân xã Mỹ An", "Ấp Mỹ Hòa",
                         "Ấp Mỹ Lợi"]
    own = tree.topLevelItem(1)
    assert own is not None and own.isExpanded()
    assert texts(own) == ["2026", "2025"], "this year first, though nothing is started in it"
    this_year, last_year = own.child(0), own.child(1)
    assert this_year is not None and last_year is not None and this_year.isExpanded()
    assert texts(this_year) == ["Quý I (chưa bắt đầu)", "6 tháng (chưa bắt đầu)",
                                "Quý III (chưa bắt đầu)", "Năm (chưa bắt đầu)"]
    assert texts(last_year)[3] == "Năm (hoàn thành)"
    assert last_year.child(3).data(0, ROLE) == ("period", "xa-my-an", 2025, "Y")  # type: ignore[union-attr]
    hoa = tree.topLevelItem(2)
    assert hoa is not None and hoa.childCount() == 0, "a unit with no report has no years"


def test_the_open_report_lists_its_pages_under_its_period(
        tree: NavigationTree, controller: ReportController, sample_report_id: int) -> None:
    controller.open(sample_report_id)
    tree.populate(controller, TODAY)
    own = tree.topLevelItem(1)
    period = own.child(0).child(0)  # type: ignore[union-attr]
    assert period is not None and period.text(0) == "Quý I (dự thảo)" and period.font(0).bold()
    assert texts(period) == [
        "Thông tin báo cáo", "I. Công tác chỉ đạo, điều hành cải cách hành chính",
        "II. Kết quả thực hiện các nhiệm vụ cải cách hành chính",
        "III. Đánh giá chung", "IV. Phương hướng, nhiệm vụ kỳ tới",
        "V. Kiến nghị, đề xuất", "Phụ lục"]
    annexes = period.child(6)
    assert annexes is not None and not annexes.isExpanded()
    assert texts(annexes)[0].startswith("I. ") and texts(annexes)[1].startswith("II. ")
    assert sorted(tree.page_items)[:3] == ["annex:don_vi", "annex:giai_trinh", "annex:kien_nghi"]
    assert tree.page_items["header"].data(0, ROLE) == ("page", "header")
    assert tree.page_items["tthc"].parent() is tree.page_items["kq"]
    assert tree.page_items["cddh"].toolTip(0) == ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH "
                                                  "CHÍNH"), "the title as the template writes it"


def test_a_click_or_enter_says_what_to_open(qtbot, tree: NavigationTree,  # type: ignore[no-untyped-def]
                                            controller: ReportController, sample_report_id: int) -> None:
    controller.open(sample_report_id)
    tree.populate(controller, TODAY)
    asked: list[tuple[object, ...]] = []
    tree.start_requested.connect(lambda: asked.append(("start",)))
    tree.period_requested.connect(lambda unit, year, kind: asked.append(("period", unit, year, kind)))
    tree.page_requested.connect(lambda key: asked.append(("page", key)))
    tree.group_requested.connect(lambda key, group: asked.append(("group", key, group)))

    def click(item: QTreeWidgetItem | None) -> None:
        assert item is not None
        tree.scrollToItem(item)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=tree.visualItemRect(item).center())

    click(tree.topLevelItem(0))
    own = tree.topLevelItem(1)
    click(own.child(0).child(1))  # type: ignore[union-attr]
    click(tree.page_items["cddh"])
    click(own)                                        # a unit's row opens nothing
    tree.select_page("tthc")                         # its page shown: its groups listed
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert asked == [("start",), ("period", "xa-my-an", 2026, "H1"), ("page", "cddh"),
                     ("group", "tthc", "tthc.cong_bo")]


def shows(tree: NavigationTree, key: str, icon: QIcon) -> bool:
    """The page's row has `icon` (the same picture)."""
    return tree.page_items[key].icon(0).pixmap(16).toImage() == icon.pixmap(16).toImage()


def test_sections_with_findings_carry_their_icon_unless_justified(
        tree: NavigationTree, controller: ReportController, sample_report_id: int) -> None:
    session = controller.open(sample_report_id)
    tree.populate(controller, TODAY)
    # Viên chức có mặt (31) > được giao (30), with the sample's note on it: dealt with.
    assert shows(tree, "tcbm", tree.file_icon) and shows(tree, "header", tree.file_icon)
    session.set_note("tcbm.bien_che.vien_chuc.co_mat", "  ")
    tree.refresh_findings()
    assert shows(tree, "tcbm", tree.warning_icon), "a blank note justifies nothing"
    assert not shows(tree, "tcbm", tree.error_icon)
    session.set_value("cddh.kh.tong", Decimal(70))        # 42 + 20 + 4 = 66: an error
    tree.refresh_findings()
    assert shows(tree, "cddh", tree.error_icon)
    assert shows(tree, "tthc", tree.file_icon)


def test_a_long_title_wraps_into_a_taller_row(tree: NavigationTree, controller: ReportController,
                                              sample_report_id: int) -> None:
    controller.open(sample_report_id)
    tree.populate(controller, TODAY)
    long, short = tree.page_items["cddh"], tree.page_items["header"]
    heights = {}
    for width in (420, 220):
        tree.setColumnWidth(0, width)
        tree.doItemsLayout()
        heights[width] = [tree.visualItemRect(item).height() for item in (long, short)]
    assert heights[220][0] > heights[220][1], "two lines or more for the long title"
    assert heights[220][0] > heights[420][0], "narrower: more lines"
    assert heights[420][1] == heights[220][1], "a short title keeps one line"

