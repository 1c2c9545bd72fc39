"""Worksheet names from section headings: at most 31 characters (Excel's limit), unique, and
never cut in the middle of a word.

A heading that fits is kept. A Vietnamese heading that does not first uses the standard
abbreviations of administrative writing ("thủ tục hành chính" → "TTHC", as the 2011
template itself writes "I.3. Cải cách TTHC"). If it is still too long it is cut after a
whole word and ends with "…". Vietnamese writes a space between syllables, not between
words, and most of its words have two syllables: the cut is made after a comma, around a
one-syllable function word ("và", "của"...), or after an even number of syllables of a
phrase, so "Cải cách thủ tục hành chính" never becomes "Cải cách thủ tục hành".
"""

from __future__ import annotations

import re

from cchc_desktop.documents.text import nfc

LIMIT = 31                          # Excel refuses longer sheet names
ELLIPSIS = "…"
FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# The abbreviations official documents use; uppercase headings are matched too.
ABBREVIATIONS = (
    ("cán bộ, công chức, viên chức", "CBCCVC"),
    ("cải cách hành chính", "CCHC"),
    ("thủ tục hành chính", "TTHC"),
    ("hành chính nhà nước", "HCNN"),
    ("chính quyền điện tử", "CQĐT"),
    ("chính quyền số", "CQS"),
    ("ủy ban nhân dân", "UBND"),
    ("hội đồng nhân dân", "HĐND"),
)
_ABBREVIATION = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(long) for long, _short in ABBREVIATIONS) + r")(?!\w)",
    re.IGNORECASE)
_SHORT = {long: short for long, short in ABBREVIATIONS}
# One-syllable words that stand alone between the two-syllable ones.
FUNCTION_WORDS = frozenset({
    "và", "của", "các", "những", "cho", "với", "về", "trong", "tại", "theo", "có", "là",
    "được", "đã", "để", "từ", "đến", "hoặc",
})
ACRONYMS = frozenset(short for _long, short in ABBREVIATIONS) | {"CCHC", "TTHC", "CNTT", "NĐ-CP"}
_SECTION_NUMBER = re.compile(r"^[IVXLC\d]+(\.\d+)*\.?$")


def clean(text: str) -> str:
    """`text` as Excel takes it in a sheet name: no [ ] : * ? / \\, no outer quotes, one space."""
    return " ".join(FORBIDDEN.sub("-", nfc(text)).split()).strip("'")


def abbreviate(text: str) -> str:
    return _ABBREVIATION.sub(lambda match: _SHORT[match.group(1).casefold()], text)


def word_ends(text: str, *, vietnamese: bool) -> list[int]:
    """Where a word of `text` ends: the places a cut leaves whole words (the end excluded)."""
    ends: list[int] = []
    syllables = 0        # syllables of the current phrase not yet paired into a word
    # In a heading of mixed case an uppercase token is an acronym ("TTHC"); in an uppercase
    # heading only the known ones are.
    mixed_case = not text.isupper()
    for match in re.finditer(r"\S+", text):
        token, end = match.group(), match.end()
        if end == len(text):
            break
        bare = token.rstrip(",;.").casefold()
        if not vietnamese or _SECTION_NUMBER.match(token) or token != token.rstrip(",;"):
            ends.append(end)         # an English word, the section number, a phrase's end
            syllables = 0
        elif bare in FUNCTION_WORDS or token in ACRONYMS or (mixed_case and token.isupper()):
            if syllables % 2 == 0:   # "và", an abbreviation: a word of its own
                ends.append(end)
            syllables = 0
        else:
            syllables += 1
            if syllables % 2 == 0:
                ends.append(end)
    return ends


def shorten(text: str, limit: int = LIMIT, *, vietnamese: bool = True) -> str:
    """`text` in at most `limit` characters, whole words only ("…" when cut)."""
    if len(text) <= limit:
        return text
    if vietnamese:
        short = abbreviate(text)
        if len(short) <= limit:
            return short
        text = short
    room = limit - len(ELLIPSIS)
    fitting = [end for end in word_ends(text, vietnamese=vietnamese) if end <= room]
    if fitting:
        return text[:fitting[-1]].rstrip(" ,;.-") + ELLIPSIS
    return text[:room].rstrip() + ELLIPSIS   # one word longer than a sheet name: nothing better


def sheet_name(text: str, used: set[str], *, vietnamese: bool = True) -> str:
    """A name for a new sheet headed `text`, unlike those in `used` (casefolded, updated)."""
    cleaned = clean(text).rstrip(" ,.;-") or "Sheet"
    name = shorten(cleaned, vietnamese=vietnamese)
    counter = 2
    while name.casefold() in used:
        suffix = f" ({counter})"
        name = shorten(cleaned, LIMIT - len(suffix), vietnamese=vietnamese) + suffix
        counter += 1
    used.add(name.casefold())
    return name
