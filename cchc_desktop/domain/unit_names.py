"""Names of units compared, searched and turned into codes, the same way everywhere.

Clerks write one body many ways: "UBND xã Mỹ An", "Ủy ban nhân dân xã Mỹ An",
"Uỷ ban nhân dân Xã Mỹ An". `normalise_name` maps them to one form, `same_unit_name`
compares through it, `fold` strips every accent for search as you type, and
`derive_unit_code` is the single place a code is made from a name (for a body that is
not in the official list); `slug` is the single ASCII slug of the app.
"""

from __future__ import annotations

import re
import unicodedata

# Tone marks move between vowels in the two spellings ("hoà" / "hòa", "uỷ" / "ủy"); the
# vowel marks (circumflex, breve, horn) do not, and change the letter.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_ABBREVIATIONS = (
    (re.compile(r"\bu\.?\s?b\.?\s?n\.?\s?d\b\.?", re.IGNORECASE), "ủy ban nhân dân"),
    (re.compile(r"\bh\.?\s?đ\.?\s?n\.?\s?d\b\.?", re.IGNORECASE), "hội đồng nhân dân"),
    (re.compile(r"\btp\.\s*|\btp\s+", re.IGNORECASE), "thành phố "),
    (re.compile(r"\btx\.\s*", re.IGNORECASE), "thị xã "),
    (re.compile(r"\btt\.\s*", re.IGNORECASE), "thị trấn "),
)
_CODE_SHORT = (("ủy ban nhân dân", "ubnd"), ("hội đồng nhân dân", "hdnd"))
MAX_CODE_LENGTH = 80


def _canonical_tones(text: str) -> str:
    """Each word with its tone mark at the end, so both tone placements read alike."""
    words = []
    for word in unicodedata.normalize("NFD", text).split(" "):
        tones = "".join(ch for ch in word if ch in _TONES)
        words.append("".join(ch for ch in word if ch not in _TONES) + tones)
    return unicodedata.normalize("NFC", " ".join(words))


def normalise_name(name: str) -> str:
    """One spelling of a unit's name: NFC, single spaces, abbreviations spelled out,
    tone marks in one place, casefolded. 'UBND Xã Mỹ An' -> 'ủy ban nhân dân xã mỹ an'."""
    text = unicodedata.normalize("NFC", name)
    text = " ".join(text.replace("\u00a0", " ").split())
    text = re.sub(r"\s*[-–]\s*", " - ", text)
    for pattern, spelled in _ABBREVIATIONS:
        text = pattern.sub(spelled, text)
    text = " ".join(text.split())
    return _canonical_tones(text.casefold())


def same_unit_name(a: str, b: str) -> bool:
    """True when two names are spellings of one body ('UBND xã Mỹ An' and
    'Ủy ban nhân dân xã Mỹ An')."""
    return normalise_name(a) == normalise_name(b)


def strip_accents(text: str) -> str:
    """The letters without tone or vowel marks, case kept: 'Đặc khu' -> 'Dac khu'."""
    text = unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower-case letters without any accent, for search: 'Đặc khu Phú Quốc' ->
    'dac khu phu quoc'."""
    return " ".join(strip_accents(text).casefold().split())


def slug(text: str, max_length: int | None = None) -> str:
    """The app's one ASCII slug: 'Trước khi nhập (bản 2)' -> 'truoc-khi-nhap-ban-2'."""
    ascii_text = fold(text).encode("ascii", "ignore").decode()
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if max_length is not None:
        result = result[:max_length].rstrip("-")
    return result


def derive_unit_code(name: str, superior_code: str = "") -> str:
    """The code of a body not in the official list, made once from its name.

    The same name, however spelled, gives the same code: 'UBND xã Mỹ An' and
    'Ủy ban nhân dân xã Mỹ An' are both 'ubnd-xa-my-an'. With the code of the superior
    unit in front ('82-so-noi-vu'), two provinces' departments of the same name stay
    apart. A derived code always holds a letter, so it never looks like an official one.
    """
    text = normalise_name(name)
    for long, short in _CODE_SHORT:
        text = text.replace(normalise_name(long), short)
    body = slug(text, MAX_CODE_LENGTH) or "don-vi"
    if body.isdigit():
        body = f"dv-{body}"
    superior = slug(superior_code)
    return f"{superior}-{body}" if superior else body
