"""gui/pin_offer.py: after a consolidation, the question whether to pin the certificates of the
units that signed for the first time: window-modal (the board stays live), "Ghim" the default,
nothing pinned unless the reviewer says yes. Beside tests/submission/test_signer_pins.py (what is
offered) and tests/gui/test_consolidation_dialog.py (the consolidation that asks).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.gui.pin_offer import ask_to_pin
from cchc_desktop.imports.signer_pins import PinOffer
from cchc_desktop.storage.trust_store import PinResult


def offer(code: str, name: str, signer: str, fingerprint: str) -> PinOffer:
    return PinOffer(code, name, b"der", signer,
                    PinResult("new", None, fingerprint, "Chưa ghim chứng thư"))


OFFERS = [offer("xa-my-an", "UBND xã Mỹ An", "Trần Thị Bích Ngọc", "ab12cd34ef56aa77bb88cc99"),
          offer("xa-tan-my", "", "Lê Văn Tâm", "0011223344556677ffee")]


def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_nothing_to_ask_opens_no_box(qtbot) -> None:  # type: ignore[no-untyped-def]
    pinned: list[Sequence[PinOffer]] = []
    assert ask_to_pin(parent(qtbot), [], pinned.append) is None
    assert pinned == []


def test_the_question_lists_each_unit_with_a_short_fingerprint(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = parent(qtbot)
    box = ask_to_pin(window, OFFERS, lambda offers: None)
    assert box is not None
    assert box.windowTitle() == "Ghim chứng thư ký"
    assert box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    text = box.text()
    assert text.startswith("2 đơn vị gửi gói ký số lần đầu. Ghim chứng thư của họ")
    assert ("• UBND xã Mỹ An: ghim chứng thư của Trần Thị Bích Ngọc làm chứng thư ký của đơn "
            "vị? (AB12 CD34 EF56 AA77)") in text
    assert "• xa-tan-my: ghim chứng thư của Lê Văn Tâm" in text, "no name: the unit's code"
    assert "(0011 2233 4455 6677)" in text
    assert sorted(b.text() for b in box.buttons()) == ["Ghim", "Không ghim"]
    assert box.defaultButton().text() == "Ghim"
    box.close()


def test_ghim_pins_all_the_offers(qtbot) -> None:  # type: ignore[no-untyped-def]
    pinned: list[Sequence[PinOffer]] = []
    window = parent(qtbot)
    box = ask_to_pin(window, OFFERS, pinned.append)
    assert box is not None
    assert pinned == [], "nothing pinned while the question is open"
    qtbot.keyClick(box, Qt.Key.Key_Return)           # the default button
    qtbot.waitUntil(lambda: not box.isVisible())
    assert [[o.unit_code for o in offers] for offers in pinned] == [["xa-my-an", "xa-tan-my"]]


def test_khong_ghim_or_escape_pins_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    pinned: list[Sequence[PinOffer]] = []
    window = parent(qtbot)
    box = ask_to_pin(window, OFFERS, pinned.append)
    assert box is not None
    no = next(b for b in box.buttons() if b.text() == "Không ghim")
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    again = ask_to_pin(window, OFFERS[:1], pinned.append)
    assert again is not None and again.text().startswith("1 đơn vị gửi gói ký số lần đầu.")
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not again.isVisible())
    assert pinned == []
    assert not box.isVisible() and isinstance(box, QMessageBox)
