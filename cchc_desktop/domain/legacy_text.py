"""Vietnamese text in the legacy encodings of old Word files (TCVN3/ABC, VNI) and NFD, to NFC.

Old documents typed with .VnTime (TCVN3) or VNI-Times fonts store Vietnamese letters in
Latin-1 byte positions; copied out of Word they arrive as "C¸c c¬ quan" (TCVN3) or "Caùc cô
quan" (VNI). The font name says which encoding a run uses; without it, the text's own
characters do. No PyPI library was taken: the only maintained one covering both encodings
(viparse) is a whole RAG document loader, far too much to carry for two tables.

Detection must never touch normal Unicode Vietnamese or French/English text, so a legacy
encoding is chosen only when decoding turns words that are not Vietnamese syllables into words
that are.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass


class LegacyEncoding(enum.StrEnum):
    TCVN3 = "tcvn3"
    VNI = "vni"
    DECOMPOSED = "decomposed"


# TCVN 5712:1993 (VN3): lowercase toned letters and the uppercase plain modified letters.
# Per vowel, the tones in the order huyền, hỏi, ngã, sắc, nặng.
_TCVN3_TONED = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
_TCVN3_PLAIN = {"ă": "¨", "â": "©", "ê": "ª", "ô": "«", "ơ": "¬", "ư": "\xad", "đ": "®",
                "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§"}
_TONE_MARKS = "\u0300\u0309\u0303\u0301\u0323"  # huyền, hỏi, ngã, sắc, nặng


def _tcvn3_table() -> dict[int, str]:
    table = {ord(legacy): letter for letter, legacy in _TCVN3_PLAIN.items()}
    for vowel, legacies in _TCVN3_TONED.items():
        for mark, legacy in zip(_TONE_MARKS, legacies, strict=True):
            table[ord(legacy)] = unicodedata.normalize("NFC", vowel + mark)
    return table


_TCVN3 = _tcvn3_table()
# The byte values below 0xC0 are symbols in Latin-1: inside a word they betray TCVN3.
_TCVN3_SYMBOLS = frozenset(chr(code) for code in _TCVN3 if code < 0xC0)

# VNI Windows: a base letter followed by one mark character (lowercase forms; the uppercase
# forms are the same characters in upper case).
_VNI_TONES = "øûõùï"  # huyền, hỏi, ngã, sắc, nặng
_VNI_MODIFIERS = {"â": "\u0302", "ê": "\u0306"}  # circumflex, breve
_VNI_MODIFIED_TONES = {"\u0302": "àåãáä", "\u0306": "èúüéë"}
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị",
               "î": "ỵ"}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(legacy: str, letter: str) -> None:
        letter = unicodedata.normalize("NFC", letter)
        table[legacy] = letter
        table[legacy.upper()] = letter.upper()
        # A capital letter typed before a lowercase mark still means the capital.
        table[legacy[0].upper() + legacy[1:]] = letter.upper()

    for legacy, letter in _VNI_SINGLE.items():
        add(legacy, letter)
    for base in "aeouy":
        for tone_char, mark in zip(_VNI_TONES, _TONE_MARKS, strict=True):
            if base == "y" and mark == "\u0323":
                continue  # ỵ is the single character î
            add(base + tone_char, base + mark)
    for base, modifier in (("a", "\u0302"), ("e", "\u0302"), ("o", "\u0302"), ("a", "\u0306")):
        modifier_char = "â" if modifier == "\u0302" else "ê"
        add(base + modifier_char, base + modifier)
        for tone_char, mark in zip(_VNI_MODIFIED_TONES[modifier], _TONE_MARKS, strict=True):
            add(base + tone_char, base + modifier + mark)
    for base, letter in (("ô", "ơ"), ("ö", "ư")):
        for tone_char, mark in zip(_VNI_TONES, _TONE_MARKS, strict=True):
            add(base + tone_char, letter + mark)
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(re.escape(key) for key in sorted(_VNI, key=len, reverse=True)))

_TCVN3_FONT = re.compile(r"^\.vn[a-z0-9 ]+$", re.IGNORECASE)
_VNI_FONT = re.compile(r"^vni[- ]", re.IGNORECASE)
_COMBINING = re.compile("[\u0300-\u036f]")

# A Vietnamese syllable, tones stripped (breve, circumflex, horn and đ kept).
_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
_OPEN_NUCLEUS = ("uôi|ươi|ươu|iêu|yêu|oai|oay|oeo|uây|uya|uyu|ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|"
                 "ôi|ơi|ua|ui|ưa|ưi|ưu|uy|oo")
_CLOSED_NUCLEUS = "uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uơ|uy|oo|[aăâeêioôơuưy]"
_CODA = "ch|ng|nh|[cmnpt]"
_SYLLABLE = re.compile(
    rf"(?:{_ONSET})?(?:(?:{_OPEN_NUCLEUS})|(?:{_CLOSED_NUCLEUS})(?:{_CODA})?)")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Conversion:
    """What converting a text did, for a preview: the result and how much it changed."""

    source: str
    text: str
    encoding: LegacyEncoding | None
    changed_characters: int
    changed_words: int


def encoding_of_font(font_name: str) -> LegacyEncoding | None:
    """The legacy encoding a font implies (.VnTime, .VnTimeH: TCVN3; VNI-Times: VNI)."""
    name = font_name.strip()
    if _TCVN3_FONT.match(name):
        return LegacyEncoding.TCVN3
    if _VNI_FONT.match(name):
        return LegacyEncoding.VNI
    return None


def is_uppercase_font(font_name: str) -> bool:
    """TCVN3 capitals fonts (.VnTimeH, .VnArialH) show every letter in upper case."""
    name = font_name.strip()
    return encoding_of_font(name) is LegacyEncoding.TCVN3 and name.lower().endswith("h")


def _decode(text: str, encoding: LegacyEncoding) -> str:
    if encoding is LegacyEncoding.TCVN3:
        text = text.translate(_TCVN3)
    elif encoding is LegacyEncoding.VNI:
        text = _VNI_PATTERN.sub(lambda match: _VNI[match.group()], text)
    return unicodedata.normalize("NFC", text)


def _is_syllable(word: str) -> bool:
    stripped = unicodedata.normalize("NFD", word.lower())
    tones = sum(stripped.count(mark) for mark in _TONE_MARKS)
    bare = unicodedata.normalize("NFC", "".join(c for c in stripped if c not in _TONE_MARKS))
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


def _syllable_score(text: str) -> tuple[int, int]:
    """(Vietnamese syllables, other words) among the words that have a non-ASCII letter."""
    good = bad = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if _is_syllable(word):
            good += 1
        else:
            bad += 1
    return good, bad


def _tcvn3_symbols_in_words(text: str) -> int:
    count = 0
    for index, char in enumerate(text):
        if char in _TCVN3_SYMBOLS:
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if before.isalpha() or after.isalpha() or before in _TCVN3_SYMBOLS:
                count += 1
    return count


def _better(source: str, decoded: str) -> bool:
    """Whether decoding turned non-syllables into Vietnamese syllables, and mostly so."""
    good_before, bad_before = _syllable_score(source)
    good_after, bad_after = _syllable_score(decoded)
    return (good_after > good_before and bad_after < bad_before
            and good_after >= 2 * bad_after and any(ord(c) > 0xFF for c in decoded))


def detect(text: str, font_name: str = "") -> LegacyEncoding | None:
    """The legacy encoding of a text (from its font first), or None when it needs no change."""
    by_font = encoding_of_font(font_name) if font_name else None
    if by_font is not None:
        return by_font
    if text.isascii():
        return None
    if _tcvn3_symbols_in_words(text) and _better(text, _decode(text, LegacyEncoding.TCVN3)):
        return LegacyEncoding.TCVN3
    if _VNI_PATTERN.search(text) and _better(text, _decode(text, LegacyEncoding.VNI)):
        return LegacyEncoding.VNI
    if _COMBINING.search(text) and unicodedata.normalize("NFC", text) != text:
        return LegacyEncoding.DECOMPOSED
    return None


def to_unicode(text: str, encoding: LegacyEncoding | None = None, *, uppercase: bool = False) -> str:
    """The text in Unicode NFC; `None` detects the encoding; unchanged when none applies.

    `uppercase` is for runs in a TCVN3 capitals font (.VnTimeH), whose letters all show as
    capitals whatever was typed.
    """
    chosen = detect(text) if encoding is None else encoding
    if chosen is None:
        return text
    decoded = _decode(text, chosen)
    return decoded.upper() if uppercase else decoded


def convert_run(text: str, font_name: str) -> str:
    """A Word run's text in Unicode, its font deciding the encoding and the case."""
    encoding = detect(text, font_name)
    if encoding is None:
        return text
    return to_unicode(text, encoding, uppercase=is_uppercase_font(font_name))


def convert(text: str, encoding: LegacyEncoding | None = None) -> Conversion:
    """The conversion of a text with the counts a preview shows."""
    chosen = detect(text) if encoding is None else encoding
    result = to_unicode(text, chosen) if chosen is not None else text
    source_words = text.split()
    result_words = result.split()
    changed_words = sum(1 for a, b in zip(source_words, result_words, strict=False) if a != b)
    changed_characters = sum(1 for a, b in zip(text, result, strict=False) if a != b)
    changed_characters += abs(len(text) - len(result))
    return Conversion(text, result, chosen, changed_characters, changed_words)


def convert_pasted(text: str) -> tuple[str, LegacyEncoding | None]:
    """Pasted text in Unicode NFC, and the legacy encoding found (None: nothing to convert)."""
    encoding = detect(text)
    if encoding is None:
        return text, None
    return to_unicode(text, encoding), encoding
