"""The calculator at hand: a/b, a against a target, a change, a sum, in the report's words."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from tests.gui.helpers import field, type_text


def calculate(qtbot, panel, mode: str, **inputs: str) -> str:  # type: ignore[no-untyped-def]
    panel.set_mode(mode)
    for name, text in inputs.items():
        edit = getattr(panel, name)
        edit.clear()
        type_text(edit, text)
    return panel.result.text()


def test_a_over_b_as_the_report_writes_it(qtbot, window) -> None:
    panel = window.calculator
    assert calculate(qtbot, panel, "ratio", a="43", b="66", unit="nhiệm vụ") == \
        "43/66 nhiệm vụ, đạt 65,15%"
    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == "43/66 nhiệm vụ, đạt 65,15%"


def test_inputs_accept_vietnamese_numbers(qtbot, window) -> None:
    panel = window.calculator
    assert calculate(qtbot, panel, "ratio", a="22.471", b="93.459", unit="hồ sơ") == \
        "22.471/93.459 hồ sơ, đạt 24,04%"
    assert calculate(qtbot, panel, "target", a="1.234,5", b="1.500", unit="triệu đồng") == \
        "1.234,5/1.500 triệu đồng, đạt 82,30% chỉ tiêu"


def test_change_between_two_values(qtbot, window) -> None:
    panel = window.calculator
    assert calculate(qtbot, panel, "change", a="1.389", b="1.515", unit="hồ sơ") == \
        "tăng 126 hồ sơ (9,07%) so với 1.389"
    assert calculate(qtbot, panel, "change", a="40", b="30", unit="") == \
        "giảm 10 (25,00%) so với 40"


def test_sum_of_a_list(qtbot, window) -> None:
    panel = window.calculator
    assert calculate(qtbot, panel, "sum", items="1.234,5; 10 2,25", unit="triệu đồng") == \
        "Tổng: 1.246,75 triệu đồng"


def test_a_typo_is_explained(qtbot, window) -> None:
    panel = window.calculator
    calculate(qtbot, panel, "ratio", a="4x", b="66", unit="")
    assert panel.message.text() == "'4x' không phải là số (ví dụ đúng: 1.234,5)."
    assert not panel.copy_button.isEnabled()


def test_the_result_goes_into_the_narrative_at_the_cursor(qtbot, window, new_report) -> None:
    field(window, "cddh.kh.tong")  # on section I
    editor = window.current_page().narratives[0]
    type_text(editor.edit, "Đến nay hoàn thành . Tiếp tục.")
    cursor = editor.edit.textCursor()
    cursor.setPosition(len("Đến nay hoàn thành "))
    editor.edit.setTextCursor(cursor)
    editor.edit.setFocus()
    calculate(qtbot, window.calculator, "ratio", a="43", b="66", unit="nhiệm vụ")
    window.calculator.insert_button.click()
    assert editor.edit.toPlainText() == "Đến nay hoàn thành 43/66 nhiệm vụ, đạt 65,15%. Tiếp tục."
    assert window.session.report.texts["cddh"] == editor.edit.toPlainText()
