"""Text on its way into a document: Unicode NFC and XML escaping.

reportlab does no text shaping, so decomposed (NFD) Vietnamese would print with
misplaced tone marks: every string passes through `nfc` before it reaches reportlab,
and through `markup` when it goes into Paragraph markup.

A template label (domain Text) is refused here: `str()` would give the UI's language,
and a document is written in its own (`text.render(language)` first).
"""

from __future__ import annotations

import html
import unicodedata

# The documents number their annexes as the window does: written once, in domain/formatting.
from cchc_desktop.domain.formatting import roman as roman
from cchc_desktop.domain.units import Text


def nfc(text: object) -> str:
    if isinstance(text, Text):
        raise TypeError(f"render the label {text.vi!r} in the document's language first")
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def markup(text: object) -> str:
    """Plain text as Paragraph markup: NFC, with & < > escaped."""
    # html.escape, not xml.sax.saxutils.escape (the same three): saxutils imports
    # urllib.request, http.client and ssl, 30 ms of every export's start.
    return html.escape(nfc(text), quote=False)


def lower_first(text: str) -> str:
    """'Số hồ sơ' -> 'số hồ sơ', leaving acronyms ('TTHC niêm yết') alone."""
    if not text:
        return text
    first_word = text.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def vi_upper(text: str) -> str:
    """Capitals of Vietnamese text (Python's upper() handles the tone marks in NFC)."""
    return nfc(text).upper()


