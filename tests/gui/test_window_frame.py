"""gui/window_frame.py: what the window's form cannot hold. Redo answers both Ctrl+Y and
Ctrl+Shift+Z, F9 shows the calculator, the docks' actions sit in Công cụ before the findings;
Hoàn tác / Làm lại name the step they undo; each action is on only where it can work (nothing
that writes for a final report, nothing for no report); and the trends annex is offered only
with two regular periods in the data file, its reason said in the menu otherwise.

Beside tests/gui/test_shortcut_keeper.py and test_saving.py (the keys and undo in the whole
window) and test_export_trends.py (the annex in the PDF); here the functions on the window's
form alone (ui/main_window.ui on a bare QMainWindow) and a controller.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoGroup, QUndoStack
from PySide6.QtWidgets import QMainWindow

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.designer.ui_main_window import Ui_MainWindow
from cchc_desktop.gui.export import PDF_TRENDS_SETTING
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.window_frame import (
    add_keys_and_icons,
    enable_actions,
    follow_undo_group,
    offer_trends_annex,
)
from cchc_desktop.storage.repository import ReportStore
from tests.factories import sample_report


@pytest.fixture
def ui(qtbot) -> Iterator[Ui_MainWindow]:  # type: ignore[no-untyped-def]
    window = QMainWindow()
    qtbot.addWidget(window)
    form = Ui_MainWindow()
    form.setupUi(window)
    add_keys_and_icons(form, window.style())
    yield form          # the window lives as long as its actions are used


def test_the_standard_keys_and_the_docks_actions(ui: Ui_MainWindow) -> None:
    redo = [key.toString() for key in ui.act_redo.shortcuts()]
    assert "Ctrl+Y" in redo and "Ctrl+Shift+Z" in redo and len(redo) == len(set(redo))
    assert ui.act_quit.shortcut() == QKeySequence("Ctrl+Q")
    assert ui.act_guide.shortcut() == QKeySequence("F1")
    calculator = ui.calculatorDock.toggleViewAction()
    assert calculator.shortcut() == QKeySequence("F9")
    tools = ui.menu_tools.actions()
    assert tools.index(calculator) < tools.index(ui.act_findings)
    assert ui.findingsDock.toggleViewAction() in tools
    assert calculator in ui.mainToolbar.actions()
    assert not ui.act_undo.icon().isNull()


def test_undo_and_redo_name_the_step(ui: Ui_MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    group = QUndoGroup()
    stack = QUndoStack(group)
    group.setActiveStack(stack)
    follow_undo_group(ui, group)
    stack.push(QUndoCommand("Nhập Số hồ sơ tiếp nhận"))
    assert ui.act_undo.isEnabled() and ui.act_undo.text() == "Hoàn tác: Nhập Số hồ sơ tiếp nhận"
    assert ui.act_redo.text() == "Làm lại"
    stack.undo()
    assert not ui.act_undo.isEnabled() and ui.act_undo.text() == "Hoàn tác"
    assert ui.act_redo.isEnabled() and ui.act_redo.text() == "Làm lại: Nhập Số hồ sơ tiếp nhận"


def test_without_a_report_only_what_needs_none_is_on(ui: Ui_MainWindow, store, commune) -> None:  # type: ignore[no-untyped-def]
    enable_actions(ui, None, ReportController(store), QUndoGroup())
    for action in (ui.act_final, ui.act_pdf, ui.act_history, ui.act_import_word, ui.act_consolidate,
                   ui.act_pdf_trends, ui.act_undo):
        assert not action.isEnabled(), action.objectName()
    assert ui.act_restore.isEnabled() and ui.act_trends.isEnabled()
    enable_actions(ui, None, ReportController(None), QUndoGroup())
    assert not ui.act_restore.isEnabled(), "no data file open yet"


def test_a_final_report_offers_reopening_not_writing(ui: Ui_MainWindow, store, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    session = controller.open(sample_report_id)
    group = QUndoGroup()
    enable_actions(ui, session, controller, group)
    assert ui.act_final.isEnabled() and not ui.act_submitted.isEnabled()
    assert not ui.act_reopen.isEnabled() and ui.act_import_word.isEnabled()
    assert not ui.act_consolidate.isEnabled(), "a commune consolidates no one"
    session.set_status(ReportStatus.FINAL)
    enable_actions(ui, session, controller, group)
    assert not ui.act_final.isEnabled() and ui.act_submitted.isEnabled()
    assert ui.act_reopen.isEnabled() and ui.act_pdf.isEnabled()
    controller.close()


def test_the_trends_annex_needs_two_regular_periods(ui: Ui_MainWindow, store: ReportStore,
                                                     sample_report_id: int) -> None:
    controller = ReportController(store)
    session = controller.open(sample_report_id)
    action = ui.act_pdf_trends
    assert offer_trends_annex(action, session, controller) is False
    assert not action.isEnabled()
    assert action.text() == ("Kèm phụ lục xu hướng (chưa được: cần ít nhất 2 kỳ báo cáo định kỳ "
                             "của đơn vị trong tệp dữ liệu, mới có 1)")
    last_year = dataclasses.replace(sample_report(), period=Period.default(2025, "Y"),
                                    values={"cddh.kh.tong": Decimal(60)})
    store.save_report(last_year)
    assert offer_trends_annex(action, session, controller) is False, "not chosen yet"
    assert action.isEnabled() and action.text() == "Kèm phụ lục xu hướng"
    session.set_setting(PDF_TRENDS_SETTING, "1")
    assert offer_trends_annex(action, session, controller) is True and action.isChecked()
    controller.close()
