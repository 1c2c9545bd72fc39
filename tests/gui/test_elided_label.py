"""gui/elided_label.py: a label that shortens its text with "…" when narrow, the whole text then
in its tool tip, and never asks for more room than a dozen characters."""

from __future__ import annotations

from cchc_desktop.gui.elided_label import MINIMUM_CHARACTERS, ElidedLabel

TEXT = "Quý I năm 2026 — hạn nộp báo cáo: 20/03/2026"


def label_of_width(qtbot, width: int) -> ElidedLabel:  # type: ignore[no-untyped-def]
    label = ElidedLabel()
    qtbot.addWidget(label)
    label.setText(TEXT)
    label.resize(width, label.sizeHint().height())
    label.show()   # a hidden widget's resize events wait until it is shown
    qtbot.waitExposed(label)
    return label


def test_a_wide_label_shows_the_whole_text_and_no_tip(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 0)
    label.resize(label.fontMetrics().horizontalAdvance(TEXT) + 40, 30)
    assert label.shown_text() == TEXT
    assert not label.elided()
    assert label.toolTip() == ""


def test_a_narrow_label_shortens_with_an_ellipsis_and_tips_the_whole_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 80)
    shown = label.shown_text()
    assert label.elided()
    assert shown.endswith("…") and len(shown) < len(TEXT)
    assert TEXT.startswith(shown[:-1])
    assert label.toolTip() == TEXT
    assert label.text() == TEXT   # text() stays the whole text


def test_the_tip_follows_a_resize_both_ways(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 80)
    assert label.toolTip() == TEXT
    label.resize(label.fontMetrics().horizontalAdvance(TEXT) + 40, 30)
    assert label.toolTip() == ""
    label.resize(60, 30)
    assert label.toolTip() == TEXT


def test_new_text_on_a_narrow_label_gets_its_own_tip(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 80)
    other = "Quý II năm 2026 — hạn nộp báo cáo: 20/06/2026"
    label.setText(other)
    assert label.toolTip() == other
    label.setText("Ngắn")
    assert label.toolTip() == ""


def test_its_least_width_is_a_dozen_characters_not_the_whole_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 300)
    least = label.fontMetrics().averageCharWidth() * MINIMUM_CHARACTERS
    margins = label.contentsMargins()
    assert label.minimumSizeHint().width() == least + margins.left() + margins.right()
    assert label.minimumSizeHint().width() < label.fontMetrics().horizontalAdvance(TEXT)
    short = ElidedLabel()
    qtbot.addWidget(short)
    short.setText("Q1")
    assert short.minimumSizeHint().width() < least   # a short text asks for its own width only


def test_it_paints_the_shortened_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = label_of_width(qtbot, 80)
    image = label.grab().toImage()
    assert not image.isNull()
    background = image.pixel(0, 0)
    assert any(image.pixel(x, y) != background
               for x in range(image.width()) for y in range(image.height()))
