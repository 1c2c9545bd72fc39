"""Annexes and list tables on screen follow each keystroke by updating their cells in place.

Nothing is rebuilt: the table keeps its rows, the selection and where it is scrolled to,
and its columns and rows keep the sizes a table measured from scratch would have.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QTableView

from cchc_desktop.domain.report import Proposal
from cchc_desktop.gui.forms.annex_page import AnnexPage
from cchc_desktop.gui.forms.content_fit import ContentFit
from cchc_desktop.gui.forms.list_tables import ListTable
from tests.gui.helpers import field, fill, type_into, type_text

INPUT = "tthc.hs.xa.moi_truc_tuyen"
TOTAL = "tthc.hs.xa.tiep_nhan"            # a sum of INPUT and others
RATE = "tthc.hs.tong.ty_le_truc_tuyen"    # INPUT over the total received


def sizes(view: QTableView) -> tuple[list[int], list[int]]:
    """Column widths and row heights, once the header has applied what it was told and
    every row off screen has been measured (a batch per idle pass)."""
    QApplication.processEvents()
    fits = view.findChildren(ContentFit)
    for _pass in range(100):
        if all(fit.settled for fit in fits):
            break
        QApplication.processEvents()
    assert all(fit.settled for fit in fits)
    columns = view.horizontalHeader()
    rows = view.verticalHeader()
    return ([columns.sectionSize(c) for c in range(columns.count())],
            [rows.sectionSize(r) for r in range(rows.count())])


def measured_afresh(fit: ContentFit) -> tuple[list[int], list[int]]:
    """The sizes the table would have if it were filled now."""
    fit.fit_all()
    return sizes(fit.view)


def annex_row(page: AnnexPage, code: str) -> int:
    label = page.session.template.indicators[code].full_label
    rows = [r for r in range(page.model.rowCount()) if page.model.text(r, 1) == label]
    assert len(rows) == 1, code
    return rows[0]


def structure_changes(model) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    model.modelReset.connect(lambda: seen.append("reset"))
    model.rowsInserted.connect(lambda *_args: seen.append("inserted"))
    model.rowsRemoved.connect(lambda *_args: seen.append("removed"))
    model.layoutChanged.connect(lambda *_args: seen.append("layout"))
    return seen


def test_the_figures_annex_follows_each_keystroke_in_place(qtbot, window, new_report) -> None:
    widget = field(window, INPUT)            # its page is built, then another page shown
    window.show_page("annex:so_lieu")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    table, model = page.table, page.model
    rows = model.rowCount()
    row, total, rate = (annex_row(page, code) for code in (INPUT, TOTAL, RATE))
    table.selectRow(5)
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum() // 2)
    scrolled = table.verticalScrollBar().value()
    assert scrolled > 0
    changes = structure_changes(model)

    type_into(qtbot, widget, "1204")
    assert model.text(row, 3) == "1.204"
    assert model.text(total, 3) == "1.204"
    assert model.text(rate, 3) == "1.204/1.204 hồ sơ, đạt 100,00%"
    narrow = sizes(table)[0][3]
    type_text(widget.edit, "5")              # 1204 -> 12045: the rate's column gets wider
    assert model.text(row, 3) == "12.045"
    assert sizes(table)[0][3] > narrow
    assert model.index(row, 3).data() == "12.045"
    assert changes == [], "the cells were updated, not the table rebuilt"
    assert model.rowCount() == rows
    assert [i.row() for i in table.selectionModel().selectedRows()] == [5]
    assert table.verticalScrollBar().value() == scrolled
    shown = sizes(table)
    assert shown == measured_afresh(page.fit)

    window.undo_group.undo()                 # the whole entry, as typed in one field
    assert model.text(row, 3) == ""
    assert model.text(rate, 3) == ""
    assert changes == [] and model.rowCount() == rows
    assert sizes(table) == measured_afresh(page.fit)
    window.undo_group.redo()
    assert model.text(row, 3) == "12.045"


def test_rows_follow_the_width_of_the_window(qtbot, window, new_report) -> None:
    window.show_page("annex:so_lieu")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    window.resize(1600, 900)
    wide = sizes(page.table)
    assert wide == measured_afresh(page.fit)
    window.resize(900, 900)                  # the labels' column narrows: long labels wrap
    narrow = sizes(page.table)
    assert narrow[0][1] < wide[0][1]
    assert sum(narrow[1]) > sum(wide[1])
    assert narrow == measured_afresh(page.fit)
    window.resize(1600, 900)
    assert sizes(page.table) == measured_afresh(page.fit)


def test_a_hidden_annex_catches_up_when_shown(qtbot, window, new_report) -> None:
    window.show_page("annex:so_lieu")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    fill(qtbot, window, {INPUT: "311"})      # typed on its own page: the annex is hidden
    window.show_page("annex:so_lieu")
    assert page.model.text(annex_row(page, INPUT), 3) == "311"
    assert sizes(page.table) == measured_afresh(page.fit)


def test_the_justifications_annex_gains_and_loses_rows(qtbot, window, new_report) -> None:
    planned = field(window, "cddh.kiem_tra.ke_hoach")
    checked = field(window, "cddh.kiem_tra.da_kiem_tra")
    window.show_page("annex:giai_trinh")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    assert page.model.rowCount() == 1 and page.model.text(0, 0) == "(Chưa có nội dung)"
    assert page.table.columnSpan(0, 0) == 3
    type_into(qtbot, planned, "3")
    type_into(qtbot, checked, "5")           # more units checked than planned: a warning
    assert page.model.rowCount() == 1
    assert page.model.text(0, 0) == "Số đơn vị đã kiểm tra"
    assert page.model.text(0, 1).startswith("Số đơn vị đã kiểm tra (5) lớn hơn số đơn vị kiểm tra "
                                            "theo kế hoạch (3): vượt 2.")
    assert page.table.columnSpan(0, 0) == 1
    assert sizes(page.table) == measured_afresh(page.fit)
    window.undo_group.undo()
    assert page.model.text(0, 0) == "(Chưa có nội dung)"
    assert page.table.columnSpan(0, 0) == 3


def test_the_proposals_annex_takes_a_new_row_at_its_end(qtbot, window, new_report) -> None:
    window.show_page("kien_nghi")
    table = next(t for t in window.current_page().lists if t.spec.kind == "proposals")
    for _row in range(3):
        table.add_button.click()
    for row in range(3):
        table.table.item(row, 0).setText(f"Phòng số {row + 1}")
    window.show_page("annex:kien_nghi")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    page.table.selectRow(1)
    changes = structure_changes(page.model)
    window.undo_group.undo()                 # the third name
    assert page.model.text(2, 1) == ""
    assert changes == []
    window.undo_group.undo()                 # the second
    window.undo_group.undo()                 # the first
    window.undo_group.undo()                 # the third row
    assert page.model.rowCount() == 2 and changes == ["removed"]
    assert [i.row() for i in page.table.selectionModel().selectedRows()] == [1]
    window.undo_group.redo()
    assert page.model.rowCount() == 3 and changes == ["removed", "inserted"]
    assert sizes(page.table) == measured_afresh(page.fit)


def test_a_list_table_keeps_its_cells_as_one_is_edited(qtbot, window, new_report) -> None:
    window.show_page("cddh")
    tasks = next(t for t in window.current_page().lists if t.spec.kind == "tasks")
    assert isinstance(tasks, ListTable)
    for _row in range(3):
        tasks.add_button.click()
    for row in range(3):
        tasks.table.item(row, 0).setText(f"Nhiệm vụ {row + 1}")
    cells = [tasks.table.item(row, 0) for row in range(3)]
    combos = [tasks.table.cellWidget(row, 1) for row in range(3)]
    tasks.table.setCurrentCell(2, 0)
    long = "Rà soát, đánh giá và công bố danh mục thủ tục hành chính " * 4
    cells[1].setText(long)
    assert [t.text for t in window.session.report.tasks] == ["Nhiệm vụ 1", long.strip(), "Nhiệm vụ 3"]
    assert [tasks.table.item(row, 0) for row in range(3)] == cells, "the same cells, not new ones"
    assert [tasks.table.cellWidget(row, 1) for row in range(3)] == combos
    assert (tasks.table.currentRow(), tasks.table.currentColumn()) == (2, 0)
    tall = sizes(tasks.table)
    assert tall[1][1] > tall[1][0], "the long task wraps onto more lines"
    assert tall == measured_afresh(tasks.fit)
    cells[0].setText("Nhiệm vụ 1   ")         # the same task: the list does not change
    assert window.session.report.tasks[0].text == "Nhiệm vụ 1"
    window.undo_group.undo()
    assert cells[1].text() == "Nhiệm vụ 2"
    assert cells[0].text() == "Nhiệm vụ 1", "a row typed in shows the list again"
    assert sizes(tasks.table) == measured_afresh(tasks.fit)
    assert sizes(tasks.table)[1][1] == sizes(tasks.table)[1][0]


def test_a_stretched_column_never_narrows_below_its_heading(qtbot, window, new_report) -> None:
    window.show_page("annex:van_ban")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    header = page.table.horizontalHeader()
    [column] = page.fit.stretch
    window.resize(1600, 900)
    QApplication.processEvents()
    assert header.sectionSize(column) >= header.sectionSizeHint(column)
    page.table.setFixedWidth(200)            # narrower than the headings side by side
    QApplication.processEvents()
    assert header.sectionSize(column) >= header.sectionSizeHint(column), "its heading is not cut"
    assert page.table.horizontalScrollBar().maximum() > 0, "the table scrolls sideways instead"
    page.table.setMinimumWidth(0)
    page.table.setMaximumWidth(16777215)
    window.resize(1600, 900)
    qtbot.waitUntil(lambda: page.table.width() > 600, timeout=2000)
    QApplication.processEvents()
    assert header.sectionResizeMode(column) == header.ResizeMode.Stretch, "stretched again"


def test_a_list_annex_is_left_alone_while_figures_are_typed(qtbot, window, new_report) -> None:
    window.show_page("kien_nghi")
    table = next(t for t in window.current_page().lists if t.spec.kind == "proposals")
    table.add_button.click()
    table.table.item(0, 0).setText("Phòng Nội vụ")
    typed = field(window, INPUT)             # its page built, as the window keeps it
    window.show_page("annex:kien_nghi")
    page = window.current_page()
    assert isinstance(page, AnnexPage)
    rows = list(page.model.rows)
    changes = structure_changes(page.model)
    page.model.dataChanged.connect(lambda *_args: changes.append("data"))
    type_into(qtbot, typed, "311")
    assert str(window.session.figure(INPUT)) == "311"
    # The proposals did not change: their rows are neither worded nor compared again.
    assert changes == [] and all(now is before for now, before in zip(page.model.rows, rows,
                                                                        strict=True))
    window.show_page("kien_nghi")
    table.table.item(0, 0).setText("Phòng Tư pháp")
    window.show_page("annex:kien_nghi")
    assert page.model.text(0, 1) == "Phòng Tư pháp"


def test_a_long_list_shows_its_rows_on_screen_first_then_the_others(qtbot, window,
                                                                     new_report) -> None:
    window.session.set_list("proposals", [
        Proposal(f"Phòng {n + 1}", "Sở Nội vụ",
                 f"Kiến nghị số {n + 1} về tập huấn nghiệp vụ cải cách hành chính cho công chức "
                 "một cửa các xã, phường; bố trí kinh phí số hóa hồ sơ, kết quả giải quyết thủ tục "
                 "hành chính và nâng cấp trang thiết bị") for n in range(120)])
    window.resize(1600, 900)                 # room for the wrapped column to stretch
    window.show_page("kien_nghi")
    table = next(t for t in window.current_page().lists if t.spec.kind == "proposals")
    assert sizes(table.table) == measured_afresh(table.fit)
    # A name wider than the others: its column grows, the wrapped column gives way, and
    # every row's height may change.
    table.table.item(3, 0).setText("Phòng Văn hóa, Khoa học và Thông tin của xã")
    QApplication.processEvents()
    visible = sorted(table.fit._visible_rows())
    assert visible and len(visible) < 120
    assert not table.fit.settled, "the rows off screen wait for the event loop to be idle"
    shown = [table.table.rowHeight(r) for r in visible]
    widths, heights = sizes(table.table)        # once every row is measured
    assert table.fit.settled
    assert shown == [heights[r] for r in visible], "the rows on screen had their height at once"
    assert (widths, heights) == measured_afresh(table.fit)
    assert window.session.report.proposals[3].from_unit == "Phòng Văn hóa, Khoa học và Thông tin của xã"
