"""The signature block: "Nơi nhận:" on the left, the signing authority, a blank for the
signature and the seal, and the signer's name on the right (Decree 30/2020, Appendix I).

The blank records where it was drawn (SignaturePlace), so that the submission package can
put the visible digital signature there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from cchc_desktop.documents import fonts
from cchc_desktop.documents.pdf_styles import TABLE_SIZE, Styles, plain
from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.domain.recipients import recipient_lines_for_pdf
from cchc_desktop.domain.report import Report

SIGNATURE_ROOM = 30 * mm   # for the signature and the seal


@dataclass
class SignaturePlace:
    """Where the signature block left room for the signature and seal, filled in while drawing.

    The submission package places a visible digital signature there (PDF points from the
    bottom-left corner of the page; `page` counts from 0, -1 until the block is drawn).
    """

    page: int = -1
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


class SignatureRoom(Spacer):  # type: ignore[misc]
    """The blank between the signing authority and the signer's name; records where it lands."""

    def __init__(self, height: float, place: SignaturePlace | None) -> None:
        super().__init__(1, height)
        self.place = place

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        if self.place is not None:
            x, y = self.canv.absolutePosition(0, 0)
            self.place.page = self.canv.getPageNumber() - 1
            self.place.x, self.place.y = x, y
            self.place.width, self.place.height = self.width, self.height


def signature_block(report: Report, s: Styles, width: float, gettext: Callable[[str], str],
                    place: SignaturePlace | None) -> Flowable:
    """The recipients beside the signature, across the text `width`; fills `place` when drawn."""
    left: list[Flowable] = [plain(gettext("Nơi nhận:"), s.recipients_head)]
    for line in recipient_lines_for_pdf(report.recipients, keep_line_default=gettext("Lưu: VT")):
        left.append(plain(line, s.recipients))
    signer = report.signer
    right: list[Flowable] = []
    for line in (signer.authority, signer.title):
        if nfc(line).strip():
            right.append(plain(vi_upper(line.strip()), s.signature))
    right.append(SignatureRoom(SIGNATURE_ROOM, place))
    if nfc(signer.name).strip():
        right.append(plain(nfc(signer.name).strip(), s.signature))
    table = Table([[left, right]], colWidths=[width * 0.4, width * 0.6])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONT", (0, 0), (-1, -1), fonts.REGULAR, TABLE_SIZE),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return table
