"""Footnotes at the foot of the page of their citation, in one layout pass.

A paragraph that cites documents is wrapped in `FootnotedParagraph`. When the frame
measures it, it asks for its own height plus the height of its footnotes not placed
yet, so it is only put on a page that has room for both. Once it is placed the
document (see pdf_page.ReportDoc.afterFlowable) gives the extra height back to the
text flow and raises the bottom of the frame by the same amount instead: the footnotes
are then drawn there when the page ends. A paragraph split across pages carries to
each part only the footnotes whose markers it holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from cchc_desktop.documents.text import markup

SEPARATOR = 10.0      # room for the short rule above the footnotes of a page
GAP = 1.0             # between two footnotes
MARKER = "footnote"   # the name of the <onDraw> tag that marks a footnote reference


@dataclass
class FootnoteState:
    """Footnote texts, and which page each went to, for one layout of the document."""

    texts: list[str]
    style: ParagraphStyle
    width: float
    page: int = 0
    placed: set[int] = field(default_factory=set)
    by_page: dict[int, list[int]] = field(default_factory=dict)
    _heights: dict[int, float] = field(default_factory=dict)

    def paragraph(self, number: int) -> Paragraph:
        return Paragraph(f"<super>{number}</super> {markup(self.texts[number - 1])}", self.style)

    def height(self, number: int) -> float:
        if number not in self._heights:
            self._heights[number] = self.paragraph(number).wrap(self.width, 10_000)[1]
        return self._heights[number]

    def pending(self, numbers: list[int]) -> list[int]:
        return [n for n in dict.fromkeys(numbers)
                if n not in self.placed and 0 < n <= len(self.texts)]

    def extra(self, numbers: list[int]) -> float:
        """Room the foot of the current page needs for these footnotes besides what it has."""
        pending = self.pending(numbers)
        if not pending:
            return 0.0
        first = 0.0 if self.by_page.get(self.page) else SEPARATOR
        return first + sum(self.height(n) + GAP for n in pending)

    def place(self, numbers: list[int]) -> None:
        for number in self.pending(numbers):
            self.placed.add(number)
            self.by_page.setdefault(self.page, []).append(number)

    def page_height(self, page: int) -> float:
        numbers = self.by_page.get(page, [])
        if not numbers:
            return 0.0
        return SEPARATOR + sum(self.height(n) + GAP for n in numbers)


def marker_numbers(paragraph: Paragraph, width: float) -> list[int]:
    """The footnote numbers whose <onDraw> markers this paragraph (or part of one) holds."""
    found: list[int] = []
    frags = getattr(paragraph, "frags", None) or []
    for frag in frags:
        definition = getattr(frag, "cbDefn", None)
        if definition is not None and getattr(definition, "name", "") == MARKER:
            found.append(int(definition.label))
    if found:
        return found
    if getattr(paragraph, "blPara", None) is None:
        paragraph.wrap(width, 10_000)
    for line in getattr(paragraph.blPara, "lines", []):
        for word in getattr(line, "words", ()):
            definition = getattr(word, "cbDefn", None)
            if definition is not None and getattr(definition, "name", "") == MARKER:
                found.append(int(definition.label))
    return found


class FootnotedParagraph(Flowable):  # type: ignore[misc]
    """A paragraph that reserves room at the foot of its page for its footnotes."""

    def __init__(self, paragraph: Paragraph, numbers: list[int], state: FootnoteState) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.numbers = numbers
        self.state = state
        self.extra = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.paragraph.wrap(avail_width, avail_height)
        self.extra = self.state.extra(self.numbers)
        self.width, self.height = width, height + self.extra
        return width, height + self.extra

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.state.extra(self.numbers)
        if room <= 0:
            return []
        parts = self.paragraph.split(avail_width, room)
        return [FootnotedParagraph(part, marker_numbers(part, avail_width), self.state)
                for part in parts]

    def drawOn(self, canvas: object, x: float, y: float, _sW: float = 0) -> None:
        self.paragraph.drawOn(canvas, x, y + self.extra, _sW=_sW)

    def getSpaceBefore(self) -> float:
        return float(self.paragraph.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.paragraph.getSpaceAfter())

    def getKeepWithNext(self) -> bool:
        return bool(self.paragraph.getKeepWithNext())
