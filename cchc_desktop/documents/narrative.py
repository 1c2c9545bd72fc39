"""The clerk's narrative text turned into paragraphs, with document citations as footnotes.

The text is plain: paragraphs are separated by blank lines; a line that starts with
"- " or "+ " (a bullet), "1. " (a numbered item) or "a) " starts a paragraph of its
own; other line breaks inside a paragraph are soft. Administrative reports cite
documents in footnotes: "ban hành Kế hoạch¹ ..." with the footnote "¹ Kế hoạch số
20/KH-UBND ngày 06/01/2026 ...". A citation written in the text ("Kế hoạch số
20/KH-UBND ngày 06/01/2026") is moved to a footnote that way; when the document is
in the report's list of documents issued, the footnote adds what the text lacks
(the date, the subject).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field

from cchc_desktop.documents.text import lower_first, markup, nfc
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import IssuedDocument


class BlockKind(enum.Enum):
    PARAGRAPH = "paragraph"
    DASH = "dash"        # "- item"
    PLUS = "plus"        # "+ sub-item"
    NUMBERED = "numbered"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


_ITEM = re.compile(r"^(?:(?P<dash>[-–•])|(?P<plus>\+)|(?P<num>\d{1,3}[.)]|[a-zđ]\)))\s+",
                   re.IGNORECASE)


def blocks(text: str) -> list[Block]:
    """Split a narrative into paragraphs and list items, keeping the clerk's wording."""
    result: list[Block] = []
    current: list[str] = []
    kind = BlockKind.PARAGRAPH

    def flush() -> None:
        nonlocal current, kind
        joined = " ".join(part for part in current if part)
        if joined:
            result.append(Block(kind, joined))
        current = []
        kind = BlockKind.PARAGRAPH

    for raw_line in nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw_line.split())
        if not line:
            flush()
            continue
        match = _ITEM.match(line)
        if match:
            flush()
            if match["dash"]:
                kind = BlockKind.DASH
                line = "- " + line[match.end():]
            elif match["plus"]:
                kind = BlockKind.PLUS
            else:
                kind = BlockKind.NUMBERED
        current.append(line)
    flush()
    return result


# ------------------------------------------------------------------ citations and footnotes

# Document types of Decree 30/2020 (Appendix III) and the legal documents reports cite.
_TYPES = ("Kế hoạch", "Quyết định", "Công văn", "Thông báo", "Tờ trình", "Báo cáo",
          "Chương trình", "Chỉ thị", "Nghị quyết", "Nghị định", "Thông tư", "Hướng dẫn",
          "Văn bản", "Luật", "Thông tư liên tịch")
_DATE = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
_CITATION = re.compile(
    r"(?P<type>" + "|".join(sorted((re.escape(t) for t in _TYPES), key=len, reverse=True)) + r")"
    r"\s+số\s+(?P<number>\d+[\w/.\-]*[\w])"
    r"(?:\s+ngày\s+(?P<date>" + _DATE + r"))?",
    re.IGNORECASE)


_FOLLOWING = 40


def _key(number: str) -> str:
    return nfc(number).replace(" ", "").casefold()


@dataclass
class Footnotes:
    """Footnotes in the order they are cited; a document cited twice keeps its number."""

    documents: list[IssuedDocument] = field(default_factory=list)
    issuer: str = ""
    notes: list[str] = field(default_factory=list)
    _by_key: dict[str, int] = field(default_factory=dict)

    def add(self, text: str, key: str = "") -> int:
        if key and key in self._by_key:
            return self._by_key[key]
        self.notes.append(nfc(text))
        number = len(self.notes)
        if key:
            self._by_key[key] = number
        return number

    def find(self, number: str) -> IssuedDocument | None:
        wanted = _key(number)
        for document in self.documents:
            if _key(document.number) == wanted:
                return document
        return None

    def citation_note(self, match: re.Match[str], following: str) -> str:
        kind, number, date = match["type"], match["number"], match["date"]
        text = f"{kind} số {number}"
        document = self.find(number)
        if date:
            text += f" ngày {date}"
        elif document is not None and document.date:
            text += f" ngày {short_date(document.date)}"
        if document is not None:
            if self.issuer:
                text += f" của {self.issuer}"
            subject = nfc(document.subject).strip().rstrip(".")
            # The text usually goes on "... về <subject>": only add what it does not say.
            if subject and not following.lstrip().lower().startswith("về "):
                if subject.lower().startswith(kind.lower() + " "):
                    subject = subject[len(kind) + 1:]
                text += f" về {lower_first(subject)}"
        return text + "."


def marker(number: int) -> str:
    """Paragraph markup of a footnote reference: a superscript and a draw-time callback."""
    return f'<super>{number}</super><onDraw name="footnote" label="{number}"/>'


def cite(text: str, footnotes: Footnotes | None) -> str:
    """Paragraph markup of `text` with citations moved into footnotes."""
    text = nfc(text)
    if footnotes is None:
        return markup(text)
    out: list[str] = []
    position = 0
    for match in _CITATION.finditer(text):
        # What follows the citation, for "... về <subject>": a few words, not the rest of the
        # text (copying the rest per citation made long texts quadratic).
        note = footnotes.citation_note(match, text[match.end():match.end() + _FOLLOWING])
        number = footnotes.add(note, key=_key(match["number"]))
        out.append(markup(text[position:match.start()]))
        out.append(markup(match["type"]) + marker(number))
        position = match.end()
    out.append(markup(text[position:]))
    return "".join(out)


# ------------------------------------------------------------------ very long paragraphs

# reportlab lays a paragraph out again from the start of what is left at every page it
# spans, and moves its words off the front of a list: a paragraph of n characters costs
# about n * n / (a page of text), so one 500,000-character paragraph took minutes. A
# paragraph longer than LONG_PARAGRAPH is therefore printed as consecutive pieces of at
# most PIECE characters, cut at a sentence's end when there is one, else between words,
# never inside a document citation; the pieces follow each other without a gap.
LONG_PARAGRAPH = 3000
PIECE = 2000
_SENTENCE_END = re.compile(r"[.!?;:…][\"”')\]]*\s+")
_SPACE = re.compile(r"\s+")


def pieces(text: str, *, long: int = LONG_PARAGRAPH, piece: int = PIECE) -> list[str]:
    """`text` itself, or for a very long paragraph its pieces (joined by one space, the text)."""
    if len(text) <= long:
        return [text]
    citations = [(m.start(), m.end() + len(" về ")) for m in _CITATION.finditer(text)]
    out: list[str] = []
    start, spans = 0, 0
    while len(text) - start > piece:
        while spans < len(citations) and citations[spans][1] <= start:
            spans += 1
        cut = _cut(text, start, start + piece, citations, spans)
        out.append(text[start:cut].rstrip())
        start = cut
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        out.append(text[start:])
    return [part for part in out if part]


def _cut(text: str, start: int, end: int, citations: list[tuple[int, int]], first: int) -> int:
    """Where a piece starting at `start` ends, at most at `end` and past its middle."""
    middle = start + (end - start) // 2

    def inside(position: int) -> bool:
        for begin, finish in citations[first:]:
            if begin >= position:
                return False
            if begin < position < finish:
                return True
        return False

    window = text[middle:end]
    for pattern in (_SENTENCE_END, _SPACE):
        ends = [middle + m.end() for m in pattern.finditer(window)]
        for position in reversed(ends):
            if not inside(position):
                return position
    # No room between words (a long run without spaces): cut the run, keeping a letter
    # and its combining marks together and a citation whole.
    cut = end
    for begin, finish in citations[first:]:
        if begin < cut < finish and begin > start:
            cut = begin
            break
        if begin >= cut:
            break
    while cut > start + 1 and unicodedata.combining(text[cut]):
        cut -= 1
    return cut
