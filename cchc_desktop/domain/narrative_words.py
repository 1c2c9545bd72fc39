"""Words of a narrative read as the name of a rate: "tỷ lệ giải quyết đúng hạn" names the
on-time rate, "DVCTT mức độ 3" the online services of level 3.

Words are folded (lower case, no accents) and the reports' abbreviations spelled out
("tthc": "thủ tục hành chính"); a name may leave words out, but never a number, a level
or a coordinated word ("đúng và trước hạn"), since precision comes before recall.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from cchc_desktop.domain.units import level_catalogue


def fold(text: str) -> str:
    """Lower case without accents, one character for one: 'Đạt tỷ lệ' -> 'dat ty le'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


# Abbreviations the reports and the templates use for the same words.
_ABBREVIATIONS = {
    "dvctt": "dich vu cong truc tuyen", "dvc": "dich vu cong", "tthc": "thu tuc hanh chinh",
    "nsnn": "ngan sach nha nuoc", "htqlcl": "he thong quan ly chat luong",
    "qppl": "quy pham phap luat", "vbqppl": "van ban quy pham phap luat",
    "cchc": "cai cach hanh chinh", "hs": "ho so", "attt": "an toan thong tin",
    "cntt": "cong nghe thong tin", "cbccvc": "can bo cong chuc vien chuc",
    "ccvc": "cong chuc vien chuc", "pakn": "phan anh kien nghi",
}
# Words that do not tell one figure from another ("số", "tổng", "các", "đã", "và").
STOP = {"so", "luong", "tong", "cac", "nhung", "cua", "va", "da", "duoc", "voi", "la",
        "ty", "ti", "le"}
# Words that may follow a rate's name before its value: "tỷ lệ ... còn thấp, mới đạt".
FILLER = {"con", "thap", "moi", "chi", "cao", "kha", "rat", "chung", "van", "cung",
          "luon", "tiep", "tuc", "trong", "ky", "quy", "nay", "bao", "toan", "dia", "ban",
          "tren", "thanh", "pho", "tinh", "huyen", "xa", "cap", "i", "ii", "iii", "iv",
          "thang", "nam", "dau", "cuoi"}


@dataclass(frozen=True)
class Token:
    """A folded word and where it stands in the text it was read from."""

    word: str
    start: int
    end: int


# The narratives are audited again on every keystroke (the figures they quote change) but
# their text rarely does: the short stretches read around each percentage are folded once.
# Longer texts are not kept, so the cache stays small whatever the narratives' length.
_CACHED_LENGTH = 400


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Folded words of `text` with their place in it; abbreviations spelled out."""
    if len(text) > _CACHED_LENGTH:
        return list(_tokens(text, offset))
    return list(_cached_tokens(text, offset))


def _tokens(text: str, offset: int) -> tuple[Token, ...]:
    found = []
    for match in re.finditer(r"\w+", fold(text)):
        for word in _ABBREVIATIONS.get(match.group(0), match.group(0)).split():
            found.append(Token(word, offset + match.start(), offset + match.end()))
    return tuple(found)


_cached_tokens = lru_cache(maxsize=4096)(_tokens)


def folded_words(text: str) -> list[str]:
    return [token.word for token in tokens(text)]


@cache
def label_words(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A label's words without "Tỷ lệ" in front, and its coordinated words.

    Words joined by "và" or a comma ("đúng và trước hạn", "xuất sắc, tốt") cannot be
    left out: "giải quyết trước hạn" is not "giải quyết đúng và trước hạn". The shorthand
    a report uses for such a rate ("tỷ lệ giải quyết đúng hạn") is the rate's `short`.
    """
    folded = fold(text)
    found = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+", folded)]
    coordinated: set[str] = set()
    for index, (word, start, end) in enumerate(found):
        before = found[index - 1][0] if index else ""
        after = found[index + 1][0] if index + 1 < len(found) else ""
        if before == "va" or after == "va" or folded[:start].rstrip().endswith(",") \
                or folded[end:].lstrip().startswith(","):
            coordinated.add(word)
    words = [w for word, _s, _e in found for w in _ABBREVIATIONS.get(word, word).split()]
    if words[:2] in (["ty", "le"], ["ti", "le"]):
        words = words[2:]
    return tuple(words), frozenset(coordinated - {"va"})


def name_match(read: Sequence[str], name_text: str, extra: set[str],
               backwards: bool = False) -> int | None:
    """How many words of the name the text leaves out, or None when it does not name it.

    `read` are the words after "tỷ lệ" (or, backwards, before a figure). They must start
    with words of the name, its unit (`extra`) or words that name nothing; what follows
    (forwards) may only be filler ("còn thấp, mới"). At least two words of the name must
    be there, at most half of them may be left out, and never a number, a level or a
    coordinated word: "mức độ 3" is not "mức độ 3, 4".
    """
    name, coordinated = label_words(name_text)
    core = [w for w in name if w not in STOP and w not in extra]
    if not core:
        return None
    allowed = set(core) | extra | STOP | set(level_words())
    words = list(reversed(read)) if backwards else list(read)
    count = 0
    while count < len(words) and words[count] in allowed:
        count += 1
    head, tail = set(words[:count]), words[count:]
    if not backwards and any(word not in FILLER for word in tail):
        return None
    missing = [w for w in core if w not in head]
    if any(w.isdigit() or w in level_words() or w in coordinated for w in missing):
        return None
    if len(core) - len(missing) < min(2, len(core)) or 2 * len(missing) > len(core):
        return None
    return len(missing)


@cache
def level_words() -> frozenset[str]:
    """'cap', 'xa', 'huyen', 'tinh': the words of the levels' labels."""
    catalogue = level_catalogue()
    return frozenset(w for level in catalogue.levels for w in folded_words(catalogue.label(level)))


def levels_named(words: Sequence[str]) -> set[str]:
    """The levels the words name: 'cấp xã' -> {'xa'}."""
    text = " " + " ".join(words) + " "
    return {level for level in level_catalogue().levels
            if " " + " ".join(folded_words(level_catalogue().label(level))) + " " in text}


