"""gui/calculator_panel.py on its own: each mode names its inputs and shows only those it uses,
an empty or a zero target is said in words, a change up, down or none, the precision spin box
and the inputs recompute as typed, and the result is offered to copy or insert only when there is
one. Beside tests/gui/test_calculator.py, which computes a/b, a target, a change and a sum in the
window and inserts a result into the narrative at the cursor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from cchc_desktop import i18n
from cchc_desktop.gui.calculator_panel import CalculatorPanel
from tests.gui.helpers import type_text


def panel_shown(qtbot) -> CalculatorPanel:  # type: ignore[no-untyped-def]
    panel = CalculatorPanel()
    qtbot.addWidget(panel)
    panel.show()
    return panel


def typed(panel: CalculatorPanel, mode: str, **inputs: str) -> str:
    panel.set_mode(mode)
    for name, text in inputs.items():
        edit = getattr(panel, name)
        edit.clear()
        type_text(edit, text)
    return panel.result.text()


def test_each_mode_names_its_inputs(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    assert [panel.mode.itemText(i) for i in range(panel.mode.count())] == [
        "Tỷ lệ a/b (%)", "a so với chỉ tiêu (%)", "Thay đổi giữa hai giá trị", "Tổng một dãy số"]
    shown = {}
    for key in ("ratio", "target", "change"):
        panel.set_mode(key)
        shown[key] = (panel.a_label.text(), panel.b_label.text())
        assert panel.a.isVisible() and panel.b.isVisible() and not panel.items.isVisible()
    assert shown == {"ratio": ("Tử số a", "Mẫu số b"), "target": ("Kết quả a", "Chỉ tiêu kế hoạch"),
                     "change": ("Giá trị cũ", "Giá trị mới")}
    panel.set_mode("sum")
    assert panel.items.isVisible() and panel.items_label.text() == "Các số"
    assert not panel.a.isVisible() and not panel.b.isVisible()


def test_nothing_typed_nothing_to_copy_or_insert(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    assert typed(panel, "ratio", a="43") == "Nhập số để tính."
    assert not panel.copy_button.isEnabled() and not panel.insert_button.isEnabled()
    assert typed(panel, "sum", items=" ;; ") == "Nhập số để tính."
    assert panel.message.isHidden()
    assert panel.copy_button.text() == "Sao chép"
    assert panel.insert_button.text() == "Chèn vào văn bản"


def test_a_zero_target_and_a_zero_denominator_are_said(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    assert typed(panel, "target", a="5", b="0") == "Chỉ tiêu bằng 0: không tính được tỷ lệ."
    assert typed(panel, "ratio", a="5", b="0", unit="hồ sơ") == "5/0 hồ sơ, đạt -"


def test_a_change_up_down_from_nothing_or_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    assert typed(panel, "change", a="1.389", b="1.389", unit="hồ sơ") == "Không thay đổi (1.389)."
    # From zero there is no percentage to give.
    assert typed(panel, "change", a="0", b="5", unit="hồ sơ") == "tăng 5 hồ sơ so với 0"
    assert typed(panel, "change", a="1.234,5", b="1.000", unit="triệu đồng") == \
        "giảm 234,5 triệu đồng (19,00%) so với 1.234,5"


def test_a_sum_takes_negatives_and_new_lines_a_comma_list_is_refused(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    panel.set_mode("sum")
    panel.items.setText("-3; 1.000\n2,5")
    assert panel.result.text() == "Tổng: 999,5"
    # "," is the decimal mark: "1,2,3" is no number, and the panel says how to write one.
    assert typed(panel, "sum", items="1,2,3") == "Nhập số để tính."
    assert panel.message.text() == "'1,2,3' không phải là số (ví dụ đúng: 1.234,5)."
    assert not panel.message.isHidden()


def test_the_precision_recomputes_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    assert typed(panel, "ratio", a="1", b="3", unit="") == "1/3, đạt 33,33%"
    assert (panel.precision.minimum(), panel.precision.maximum()) == (0, 2)
    panel.precision.setFocus()
    qtbot.keyClick(panel.precision, Qt.Key.Key_Down)
    assert panel.result.text() == "1/3, đạt 33,3%"
    qtbot.keyClick(panel.precision, Qt.Key.Key_Down)
    assert panel.result.text() == "1/3, đạt 33%"


def test_copy_and_insert_hand_over_the_sentence(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    typed(panel, "target", a="1.234,5", b="1.500", unit="triệu đồng")
    QGuiApplication.clipboard().setText("cũ")
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "1.234,5/1.500 triệu đồng, đạt 82,30% chỉ tiêu"
    with qtbot.waitSignal(panel.insert_requested) as inserted:
        qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    assert inserted.args == ["1.234,5/1.500 triệu đồng, đạt 82,30% chỉ tiêu"]


def test_a_change_of_language_keeps_the_mode_and_the_figures(qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = panel_shown(qtbot)
    typed(panel, "target", a="1", b="3", unit="")
    i18n.set_language("en")
    panel.retranslate()
    assert panel.mode.currentData() == "target"
    assert panel.mode.currentText() == "a against target (%)"
    assert panel.a_label.text() == "Result a"
    assert panel.result.text() == "1/3, 33.33% of the target"


def test_the_target_input_is_called_target_in_english(qtbot) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    panel = panel_shown(qtbot)
    panel.set_mode("target")
    assert panel.mode.currentText() == "a against target (%)"
    assert panel.b_label.text() == "Target"
