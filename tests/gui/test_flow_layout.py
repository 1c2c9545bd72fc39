"""gui/flow_layout.py: buttons wrap onto the next line when the row is full, the holder's height
follows its width, hidden buttons take no room, and it is never wider than its widest button."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from cchc_desktop.gui.flow_layout import FlowLayout, fixed_size_policy

LABELS = ["Đậm", "Nghiêng", "Gạch chân", "Danh sách", "Bảng", "Chú thích", "Chèn số liệu"]


def tool_row(qtbot, gap: int = 4) -> tuple[QWidget, FlowLayout, list[QPushButton]]:  # type: ignore[no-untyped-def]
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setSizePolicy(fixed_size_policy())
    layout = FlowLayout(holder, spacing=gap)
    buttons = [QPushButton(label) for label in LABELS]
    for button in buttons:
        layout.addWidget(button)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, layout, buttons


def lay_out(holder: QWidget, layout: FlowLayout, width: int) -> None:
    holder.resize(width, layout.heightForWidth(width))
    layout.setGeometry(holder.rect())


def rows(buttons: list[QPushButton]) -> list[list[str]]:
    by_y: dict[int, list[QPushButton]] = {}
    for button in buttons:
        if button.isVisible():
            by_y.setdefault(button.y(), []).append(button)
    return [[b.text() for b in sorted(line, key=QPushButton.x)] for _y, line in sorted(by_y.items())]


def whole_width(buttons: list[QPushButton], gap: int) -> int:
    return sum(button.sizeHint().width() for button in buttons) + gap * (len(buttons) - 1)


def test_a_wide_row_holds_every_button_on_one_line_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot)
    lay_out(holder, layout, whole_width(buttons, 4) + 10)
    assert rows(buttons) == [LABELS]
    assert layout.heightForWidth(holder.width()) == max(b.sizeHint().height() for b in buttons)


def test_a_narrow_row_wraps_and_grows_taller_without_overlap_or_overflow(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot)
    wide = layout.heightForWidth(whole_width(buttons, 4) + 10)
    width = whole_width(buttons, 4) // 2
    lay_out(holder, layout, width)
    lines = rows(buttons)
    assert len(lines) >= 2
    assert [label for line in lines for label in line] == LABELS   # the order kept
    assert layout.heightForWidth(width) > wide
    for button in buttons:
        assert button.geometry().right() < width
        assert button.geometry().bottom() < holder.height()
    for first in buttons:
        for second in buttons:
            if first is not second:
                assert not first.geometry().intersects(second.geometry())


def test_the_gap_is_kept_between_buttons_and_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot, gap=7)
    lay_out(holder, layout, buttons[0].sizeHint().width() + buttons[1].sizeHint().width() + 7)
    assert buttons[1].x() == buttons[0].geometry().right() + 1 + 7
    assert buttons[2].y() == buttons[0].geometry().bottom() + 1 + 7


def test_a_hidden_button_takes_no_room(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot)
    buttons[1].hide()
    lay_out(holder, layout, whole_width(buttons, 4) + 10)
    assert buttons[2].x() == buttons[0].geometry().right() + 1 + 4


def test_its_least_width_is_its_widest_button(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot)
    widest = max(button.minimumSizeHint().width() for button in buttons)
    assert layout.minimumSize().width() == widest
    assert layout.sizeHint() == layout.minimumSize()
    lay_out(holder, layout, widest)
    assert len(rows(buttons)) == len(LABELS)   # one button a line, none cut


def test_the_holder_asks_height_for_its_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    holder, layout, buttons = tool_row(qtbot)
    assert layout.hasHeightForWidth()
    assert holder.sizePolicy().hasHeightForWidth()
    assert layout.count() == len(LABELS)
    assert layout.itemAt(len(LABELS)) is None and layout.takeAt(-1) is None
    item = layout.takeAt(0)
    assert item is not None and item.widget() is buttons[0]
    assert layout.count() == len(LABELS) - 1
