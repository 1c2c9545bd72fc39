"""gui/window_dialogs.py: the dialogs the window's menus open. The unit's setup says whether the
clerk saved it, Cài đặt returns the language chosen (None on Esc), F1 on a figure tells what it
means and how it is counted (nothing outside a figure or without a report), the imports refuse
a final report before any file is asked for, and Xu hướng opens on the open report's unit.

Beside tests/gui/test_first_run.py, test_field_help.py, test_import_dialogs.py and
test_trends_dialog.py (the same dialogs reached from the whole window); here each function
with a bare parent widget, its dialogs answered by clicks (Lưu) or cancelled as Esc does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui import file_dialogs, window_dialogs
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.storage.repository import ReportStore

TODAY = dt.date(2026, 3, 16)


def when_shown(act: Callable[[QDialog], None]) -> list[str]:
    """`act` on the next modal dialog once it shows (its title kept), as the clerk would."""
    titles: list[str] = []

    def find() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, find)
            return
        titles.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(0, find)
    return titles


def save(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    button = box.button(QDialogButtonBox.StandardButton.Save)
    assert button is not None and button.text() == "Lưu"
    button.click()


def press_escape(dialog: QDialog) -> None:
    dialog.reject()     # what Esc does; a key event to a dialog being shown may come too early


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_setup_says_whether_the_unit_was_saved(qtbot, parent, store: ReportStore) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    when_shown(press_escape)
    assert window_dialogs.setup(parent, controller, TODAY) is False
    assert store.own_unit() is None

    def name_and_save(dialog: QDialog) -> None:
        dialog.findChild(QLineEdit, "name").setText("Ủy ban nhân dân xã Mỹ An")  # type: ignore[union-attr]
        save(dialog)

    when_shown(name_and_save)
    assert window_dialogs.setup(parent, controller, TODAY) is True
    assert store.own_unit().name == "Ủy ban nhân dân xã Mỹ An"  # type: ignore[union-attr]


def test_the_settings_return_the_language_chosen(qtbot, parent, store, commune) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)

    def english(dialog: QDialog) -> None:
        dialog.language.setCurrentIndex(dialog.language.findData("en"))  # type: ignore[attr-defined]
        save(dialog)

    titles = when_shown(english)
    assert window_dialogs.settings(parent, controller, TODAY) == "en"
    assert titles == ["Cài đặt"]
    when_shown(press_escape)
    assert window_dialogs.settings(parent, controller, TODAY) is None


def test_f1_tells_what_the_focused_figure_means(qtbot, parent, store, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    session = controller.open(sample_report_id)
    field = QWidget(parent)
    field.setObjectName("field:tthc.hs.xa.tiep_nhan")
    edit = QLineEdit(field)
    other = QLineEdit(parent)
    layout = QVBoxLayout(parent)
    layout.addWidget(field)
    layout.addWidget(other)
    parent.show()
    parent.activateWindow()
    qtbot.waitUntil(parent.isActiveWindow, timeout=2000)
    other.setFocus()
    assert window_dialogs.field_help(parent, session) is None, "not a figure"
    edit.setFocus()
    assert window_dialogs.field_help(parent, None) is None, "no report open"
    box = window_dialogs.field_help(parent, session)
    assert box is not None and box.isVisible()
    assert (box.windowTitle(), box.text()) == ("Chỉ tiêu", "Số hồ sơ tiếp nhận")
    assert "Tính tự động: tổng của" in box.informativeText()
    box.close()
    controller.close()


def test_a_final_report_refuses_the_imports_before_a_file_is_asked(  # type: ignore[no-untyped-def]
        qtbot, parent, store, sample_report_id, monkeypatch) -> None:
    asked: list[object] = []

    def ask(*args: object) -> list[str]:
        asked.append(args)
        return []

    monkeypatch.setattr(file_dialogs, "ask", ask)
    controller = ReportController(store)
    session = controller.open(sample_report_id)
    session.set_status(ReportStatus.FINAL)
    for start in (window_dialogs.import_word, window_dialogs.import_previous):
        with pytest.raises(KnownError) as refused:
            start(parent, session, lambda: None)
        assert "Quý I năm 2026" in refused.value.message
    assert asked == []
    controller.close()


def test_the_trends_open_on_the_open_reports_unit(qtbot, parent, store, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    session = controller.open(sample_report_id)
    dialog = window_dialogs.trends(parent, controller, session)
    assert dialog.isVisible() and dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    chart = dialog.ui.chart.chart
    assert chart is not None and chart.periods == ["Quý I/2026"]
    dialog.close()
    controller.close()
