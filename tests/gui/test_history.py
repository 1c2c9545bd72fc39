"""Who changed what and when: a field's history from its context menu, the report's from the menu."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QInputDialog, QMenu

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.history_dialog import HistoryDialog
from cchc_desktop.storage.repository import current_user
from tests.gui.helpers import field, type_into, type_text, wait_saved

STAMP = re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}$")


@pytest.fixture
def opened(monkeypatch) -> list[HistoryDialog]:  # type: ignore[no-untyped-def]
    dialogs: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda dialog: dialogs.append(dialog) or 0)
    return dialogs


def _history_action(menu: QMenu):  # type: ignore[no-untyped-def]
    [action] = [a for a in menu.actions() if a.objectName() == "history"]
    return action


def _rows(dialog: HistoryDialog, *columns: str) -> list[tuple[str, ...]]:
    return [tuple(dialog.cell(row, c) for c in columns) for row in dialog.visible_rows()]


def test_right_click_on_a_figure_shows_its_history(qtbot, window, new_report, opened) -> None:
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "66")
    wait_saved(qtbot, window)
    type_into(qtbot, field(window, "cddh.kh.hoan_thanh"), "40")
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "1234")

    menu = widget.context_menu()
    assert len(menu.actions()) > 3, "the usual cut/copy/paste stay in the menu"
    action = _history_action(menu)
    assert action.text() == "Lịch sử..."
    action.trigger()  # writes what is pending first

    [dialog] = opened
    assert dialog.windowTitle() == "Lịch sử: Tổng số nhiệm vụ trong kế hoạch CCHC năm"
    assert _rows(dialog, "Người sửa", "Cũ → mới", "Lý do") == [
        (current_user(), "(trống) → 66", ""), (current_user(), "66 → 1.234", "")]
    assert all(STAMP.match(dialog.cell(row, "Thời điểm")) for row in dialog.visible_rows())
    # The figure's note is part of its history, so each row says which of the two changed.
    assert {dialog.cell(row, "Nội dung") for row in dialog.visible_rows()} == {
        "Tổng số nhiệm vụ trong kế hoạch CCHC năm"}


def test_right_click_on_a_narrative_shows_its_history(qtbot, window, new_report, opened) -> None:
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    type_text(editor.edit, "Ban hành Kế hoạch số 20/KH-UBND.")
    wait_saved(qtbot, window)
    _history_action(editor.context_menu()).trigger()
    [dialog] = opened
    assert dialog.windowTitle().startswith("Lịch sử: Nội dung mục ")
    assert _rows(dialog, "Cũ → mới") == [("(trống) → Ban hành Kế hoạch số 20/KH-UBND.",)]
    dialog.table.selectRow(0)
    assert "Sau:\nBan hành Kế hoạch số 20/KH-UBND." in dialog.detail.toPlainText()


def test_the_whole_report_history_with_a_filter(qtbot, window, new_report, opened,
                                                monkeypatch) -> None:
    type_into(qtbot, field(window, "cddh.kh.tong"), "66")
    wait_saved(qtbot, window)
    type_into(qtbot, field(window, "cddh.kh.hoan_thanh"), "66")
    wait_saved(qtbot, window)
    window.session.set_status(ReportStatus.FINAL)
    window.session.set_status(ReportStatus.SUBMITTED)
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("Sửa số nhiệm vụ theo Kế hoạch bổ sung", True))
    assert window.unlock()

    assert window.ui.act_history.text() == "Lịch sử thay đổi..."
    assert window.ui.act_history in window.ui.menu_report.actions()
    window.ui.act_history.trigger()
    [dialog] = opened
    assert dialog.windowTitle() == "Lịch sử thay đổi — Quý I năm 2026"
    rows = _rows(dialog, "Nội dung", "Cũ → mới", "Lý do")
    assert ("Tổng số nhiệm vụ trong kế hoạch CCHC năm", "(trống) → 66", "") in rows
    assert ("Trạng thái báo cáo", "Dự thảo → Hoàn thành", "") in rows
    assert ("Trạng thái báo cáo", "Hoàn thành → Đã gửi", "") in rows
    assert rows[-1] == ("Trạng thái báo cáo", "Đã gửi → Dự thảo",
                        "Sửa số nhiệm vụ theo Kế hoạch bổ sung")

    dialog.filter.setText("kế hoạch bổ sung")
    assert _rows(dialog, "Cũ → mới") == [("Đã gửi → Dự thảo",)]
    dialog.filter.setText("TỔNG SỐ NHIỆM VỤ")
    assert _rows(dialog, "Cũ → mới") == [("(trống) → 66",)]
    dialog.filter.setText("")
    assert len(dialog.visible_rows()) == len(rows)


def test_history_needs_an_open_report(window) -> None:
    assert not window.ui.act_history.isEnabled()
