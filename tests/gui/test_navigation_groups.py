"""The tree takes the clerk to the table being filled, the cursor where typing starts.

A section's groups of figures are listed under it while its page is shown (folded away when
another page is), and choosing a page or a group puts the cursor in its first empty field.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ROLE = Qt.ItemDataRole.UserRole


def group_ids(item) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.child(i).data(0, ROLE)[2] for i in range(item.childCount())
            if item.child(i).data(0, ROLE)[0] == "group"]


def click(qtbot, tree, item) -> None:  # type: ignore[no-untyped-def]
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())


def test_the_groups_of_the_page_shown_are_listed_under_it(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    tree = window.navigation
    records, tasks = tree.page_items["tthc"], tree.page_items["cddh"]
    assert group_ids(records) == ["tthc.cong_bo", "tthc.ra_soat", "tthc.niem_yet", "tthc.hs",
                                  "tthc.hs_khac"]
    window.show_page("tthc")
    assert records.isExpanded() and not tasks.isExpanded()
    window.show_page("cddh")
    assert tasks.isExpanded() and not records.isExpanded(), "the previous page's groups fold away"
    # A section of subsections keeps them listed; one without groups has no group items.
    assert tree.page_items["kq"].isExpanded() and not group_ids(tree.page_items["kq"])
    assert group_ids(tree.page_items["phuong_huong"]) == []


def test_a_group_chosen_puts_the_cursor_in_its_first_empty_field(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    window.session.set_value("tthc.hs.xa.moi_truc_tiep", None)   # the one left to type
    tree = window.navigation
    click(qtbot, tree, tree.page_items["tthc"])
    assert window.current_key == "tthc"
    click(qtbot, tree, tree.group_item("tthc", "tthc.hs"))
    page = window.current_page()
    edit = page.fields["tthc.hs.xa.moi_truc_tiep"].edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit, timeout=3000)
    box = page.groups["tthc.hs"]
    top = box.mapTo(page.viewport(), box.rect().topLeft()).y()
    assert 0 <= top <= 20, "the table's title at the top of the page"


def test_a_page_chosen_by_keys_takes_the_cursor_into_it(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    window.session.set_value("cddh.giao.tong", None)
    tree = window.navigation
    tree.setFocus()
    tree.setCurrentItem(tree.page_items["cddh"])
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    page = window.current_page()
    assert page.key == "cddh"
    assert QApplication.focusWidget() is page.fields["cddh.giao.tong"].edit


def test_a_full_page_puts_the_cursor_in_its_first_field(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from cchc_desktop.gui.forms.number_field import NumberField

    window.open_report(sample_report_id)
    page = window.report_pages.page("cddh")
    typed = [code for code, field in page.fields.items() if isinstance(field, NumberField)]
    for code in typed:
        if window.session.value(code) is None:
            window.session.set_value(code, Decimal(1))
    window.report_pages.enter("cddh")
    assert QApplication.focusWidget() is page.fields[typed[0]].edit


def test_a_narrative_page_puts_the_cursor_in_its_text(qtbot, window, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    window.report_pages.enter("phuong_huong")
    page = window.current_page()
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)
