"""gui/differences_chooser.py: a workbook edited in Excel shows, per figure, its label and code,
the cell, the hidden value and the visible value or formula, and a choice that starts undecided;
"Tất cả..." decides every row at once, but a formula or a computed figure can only keep the
hidden value. Beside tests/gui/test_edited_workbook_import.py and
test_edited_workbook_consolidation.py, which import such a workbook through the window."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox

from cchc_desktop.exchange.workbook_visible import VisibleDifference
from cchc_desktop.gui.differences_chooser import HIDDEN, UNDECIDED, VISIBLE, DifferencesChooser

COMPUTERS = VisibleDifference("cds.may_tinh.tong", "Tổng số máy tính", "Biểu số liệu", "D12",
                              Decimal(54), Decimal(1234), "1234")
ONLINE = VisibleDifference("tthc.hs.xa.moi_truc_tuyen", "Số hồ sơ mới tiếp nhận trực tuyến",
                           "Biểu số liệu", "D20", Decimal("1237.5"), None, "=SUM(D6:D8)",
                           formula=True)
RATE = VisibleDifference("tthc.hs.tong.ty_le_dung_han", "Tỷ lệ hồ sơ giải quyết đúng hạn",
                         "Biểu số liệu", "F30", Decimal("92.52"), Decimal(95), "95", derived=True)
EMPTIED = VisibleDifference("cddh.kh.tong", "Tổng số nhiệm vụ", "Biểu số liệu", "D5", None, None, "")


def chooser_of(qtbot, *differences: VisibleDifference) -> DifferencesChooser:  # type: ignore[no-untyped-def]
    chooser = DifferencesChooser(differences)
    qtbot.addWidget(chooser)
    return chooser


def row(chooser: DifferencesChooser, index: int) -> list[str]:
    return [chooser.table.item(index, column).text() for column in range(4)]  # type: ignore[union-attr]


def combo(chooser: DifferencesChooser, code: str) -> QComboBox:
    found = chooser.findChild(QComboBox, f"choice:{code}")
    assert found is not None
    return found


def test_both_values_side_by_side_in_vietnamese_figures(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, COMPUTERS, ONLINE, EMPTIED)
    assert chooser.ui.intro.text().startswith(
        "Có 3 số liệu trên trang tính khác với phần dữ liệu ẩn của tệp")
    headers = [chooser.table.horizontalHeaderItem(c).text() for c in range(5)]  # type: ignore[union-attr]
    assert headers == ["Chỉ tiêu", "Ô", "Dữ liệu ẩn", "Trên trang tính", "Lấy số"]
    assert row(chooser, 0) == ["Tổng số máy tính [cds.may_tinh.tong]", "'Biểu số liệu'!D12",
                               "54", "1.234"]
    assert row(chooser, 1) == ["Số hồ sơ mới tiếp nhận trực tuyến [tthc.hs.xa.moi_truc_tuyen]",
                               "'Biểu số liệu'!D20", "1.237,5", "=SUM(D6:D8)"]
    assert row(chooser, 2)[2:] == ["(trống)", "(trống)"]


def test_every_row_starts_undecided(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, COMPUTERS, EMPTIED)
    box = combo(chooser, COMPUTERS.code)
    assert [box.itemText(i) for i in range(box.count())] == ["(chưa chọn)", "Dữ liệu ẩn", "Trang tính"]
    assert box.currentIndex() == UNDECIDED
    assert not chooser.complete()
    assert chooser.visible_codes() == set()


def test_a_formula_or_a_computed_figure_can_only_keep_the_hidden_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, ONLINE, RATE)
    for difference in (ONLINE, RATE):
        box = combo(chooser, difference.code)
        model = box.model()
        assert isinstance(model, QStandardItemModel)
        assert model.item(HIDDEN).isEnabled()
        assert not model.item(VISIBLE).isEnabled()
        assert box.toolTip() == difference.refusal
    assert "chứa công thức =SUM(D6:D8)" in combo(chooser, ONLINE.code).toolTip()
    assert chooser.table.item(1, 0).toolTip() == "là chỉ tiêu tính tự động, không lấy từ trang tính."  # type: ignore[union-attr]
    chooser.choose(RATE.code, VISIBLE)       # refused: stays undecided
    assert combo(chooser, RATE.code).currentIndex() == UNDECIDED


def test_all_visible_leaves_the_formulas_to_the_clerk(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, COMPUTERS, ONLINE, EMPTIED)
    changes: list[None] = []
    chooser.changed.connect(lambda: changes.append(None))
    qtbot.mouseClick(chooser.all_visible, Qt.MouseButton.LeftButton)
    assert chooser.all_visible.text() == "Tất cả lấy số trên trang tính"
    assert chooser.visible_codes() == {COMPUTERS.code, EMPTIED.code}
    assert combo(chooser, ONLINE.code).currentIndex() == UNDECIDED
    assert not chooser.complete()
    assert len(changes) == 2
    chooser.choose(ONLINE.code, HIDDEN)
    assert chooser.complete()


def test_all_hidden_decides_every_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, COMPUTERS, ONLINE, RATE)
    qtbot.mouseClick(chooser.all_hidden, Qt.MouseButton.LeftButton)
    assert chooser.all_hidden.text() == "Tất cả lấy dữ liệu ẩn"
    assert chooser.complete()
    assert chooser.visible_codes() == set()


def test_the_clerk_picks_a_row_by_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    chooser = chooser_of(qtbot, COMPUTERS, EMPTIED)
    chooser.show()
    box = combo(chooser, COMPUTERS.code)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentText() == "Trang tính"
    chooser.choose(EMPTIED.code, HIDDEN)
    assert chooser.complete()
    assert chooser.visible_codes() == {COMPUTERS.code}
