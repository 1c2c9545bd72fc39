"""Text on its way into a document: Unicode NFC, XML escaping, ASCII-safe names.

reportlab does no text shaping, so decomposed (NFD) Vietnamese would print with
misplaced tone marks: every string passes through `nfc` before it reaches reportlab,
and through `markup` when it goes into Paragraph markup.

A template label (domain Text) is refused here: `str()` would give the UI's language,
and a document is written in its own (`text.render(language)` first).
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from cchc_desktop.domain.unit_names import strip_accents
from cchc_desktop.domain.units import Text

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def nfc(text: object) -> str:
    if isinstance(text, Text):
        raise TypeError(f"render the label {text.vi!r} in the document's language first")
    return unicodedata.normalize("NFC", "" if text is None else str(text))


def markup(text: object) -> str:
    """Plain text as Paragraph markup: NFC, with & < > escaped."""
    return escape(nfc(text))


def ascii_slug(text: str, fallback: str = "bao-cao") -> str:
    """'Xã Mỹ An' -> 'Xa-My-An': letters without tone marks, safe in any file system."""
    stripped = strip_accents(nfc(text))
    slug = _UNSAFE.sub("-", stripped).strip("-.")
    return re.sub(r"-{2,}", "-", slug) or fallback


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


ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    out = []
    for value, letters in ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
