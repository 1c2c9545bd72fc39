"""After a consolidation: offer to pin the certificates of units that signed for the first time.

The question is a window-modal box (open(), not exec()) so the consolidation's board stays
live behind it; nothing is pinned unless the reviewer says yes (imports/signer_pins.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMessageBox, QWidget

from cchc_desktop.domain.trust_policy import short_fingerprint
from cchc_desktop.i18n import _
from cchc_desktop.imports.signer_pins import PinOffer


def ask_to_pin(parent: QWidget, offers: Sequence[PinOffer],
               pin_all: Callable[[Sequence[PinOffer]], object]) -> QMessageBox | None:
    """Open the question for `offers` (None when there is nothing to ask); yes calls `pin_all`
    with them (gui/services.Consolidation.pin)."""
    if not offers:
        return None
    lines = [f"• {offer.question} ({short_fingerprint(offer.decision.new_fingerprint)})"
             for offer in offers]
    box = QMessageBox(QMessageBox.Icon.Question, _("Ghim chứng thư ký"), _(
        "{n} đơn vị gửi gói ký số lần đầu. Ghim chứng thư của họ để lần sau, nếu gói được ký bằng "
        "chứng thư khác, chương trình cảnh báo (hãy đối chiếu dấu vân tay với đơn vị trước khi "
        "ghim):").format(n=len(offers)) + "\n\n" + "\n".join(lines),
        QMessageBox.StandardButton.NoButton, parent)
    pin = box.addButton(_("Ghim"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Không ghim"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(pin)

    def answered() -> None:
        if box.clickedButton() is pin:
            pin_all(offers)

    box.finished.connect(answered)
    box.open()
    return box
