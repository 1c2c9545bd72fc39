"""Every edit is saved without a Save button; undo and redo work across fields."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from cchc_desktop.domain.report import TaskStatus
from tests.gui.conftest import make_window
from tests.gui.helpers import field, fill, type_into, type_text, wait_saved


def test_close_and_reopen_finds_every_value(qtbot, window, new_report, store) -> None:
    fill(qtbot, window, {"cddh.kh.tong": "66", "tthc.hs.xa.moi_truc_tuyen": "1.204",
                         "tcc.dtc.giai_ngan": "2.987,455", "cddh.hai_long": "88,6"})
    window.show_page("cddh")
    editor = window.current_page().narratives[0]
    type_text(editor.edit, "Ban hành Kế hoạch số 20/KH-UBND.")
    window.show_page("cddh")
    tasks = next(t for t in window.current_page().lists if t.spec.kind == "tasks")
    tasks.add_button.click()
    tasks.table.item(0, 0).setText("Rà soát quy trình nội bộ")
    report_id = window.session.report_id

    wait_saved(qtbot, window)
    assert window.ui.statusbar.save_label.text().startswith("Đã lưu lúc ")
    window.close()

    again = make_window(qtbot, store)
    again.open_report(report_id)
    values = again.session.report.values
    assert values["cddh.kh.tong"] == 66
    assert values["tthc.hs.xa.moi_truc_tuyen"] == 1204
    assert values["tcc.dtc.giai_ngan"] == Decimal("2987.455")
    assert values["cddh.hai_long"] == Decimal("88.6")
    assert field(again, "tcc.dtc.giai_ngan").edit.text() == "2.987,455"
    assert again.session.report.texts["cddh"] == "Ban hành Kế hoạch số 20/KH-UBND."
    assert [t.text for t in again.session.report.tasks] == ["Rà soát quy trình nội bộ"]
    assert again.session.report.tasks[0].status is TaskStatus.NOT_STARTED
    again.close()


def test_saving_waits_for_a_pause_in_typing(qtbot, window, new_report, store) -> None:
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "1234")
    assert window.session.saver.pending
    assert window.ui.statusbar.save_label.text() == "Đang lưu..."
    wait_saved(qtbot, window)
    history = [c for c in store.history(window.session.report_id) if c.entity == "value"]
    assert [(c.key, c.new) for c in history] == [("cddh.kh.tong", "1234")], \
        "one history row for a figure typed digit by digit"


def test_undo_and_redo_across_fields(qtbot, window, new_report) -> None:
    first = field(window, "cddh.kh.tong")
    type_into(qtbot, first, "66")
    second = field(window, "cddh.kh.hoan_thanh")
    type_into(qtbot, second, "42")
    session = window.session

    window.ui.act_undo.trigger()
    assert session.value("cddh.kh.hoan_thanh") is None and second.edit.text() == ""
    assert session.value("cddh.kh.tong") == 66
    assert window.ui.act_undo.text() == "Hoàn tác: Sửa \u201cTổng số nhiệm vụ trong kế hoạch CCHC năm\u201d"
    window.ui.act_undo.trigger()
    assert session.value("cddh.kh.tong") is None and first.edit.text() == ""
    assert not window.ui.act_undo.isEnabled()

    window.ui.act_redo.trigger()
    window.ui.act_redo.trigger()
    assert session.value("cddh.kh.tong") == 66 and first.edit.text() == "66"
    assert session.value("cddh.kh.hoan_thanh") == 42
    # Undo also recomputes the rate and the findings.
    assert window.current_page().fields["cddh.kh.ty_le_hoan_thanh"].text() == \
        "42/66 nhiệm vụ, đạt 63,64%"


def test_ctrl_z_in_a_field_undoes_through_the_window(qtbot, window, new_report) -> None:
    widget = field(window, "cddh.kh.tong")
    type_into(qtbot, widget, "66")
    qtbot.waitUntil(lambda: widget.edit.hasFocus())
    qtbot.keyClick(widget.edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.value("cddh.kh.tong") is None
    qtbot.keyClick(widget.edit, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.session.value("cddh.kh.tong") == 66


def test_undo_of_narrative_typing(qtbot, window, new_report) -> None:
    window.show_page("uu_diem")
    editor = window.current_page().narratives[0]
    type_text(editor.edit, "Lãnh đạo quan tâm chỉ đạo.")
    assert window.ui.act_undo.isEnabled()
    window.ui.act_undo.trigger()
    assert editor.edit.toPlainText() == ""
    assert "uu_diem" not in window.session.report.texts
    window.ui.act_redo.trigger()
    assert editor.edit.toPlainText() == "Lãnh đạo quan tâm chỉ đạo."
