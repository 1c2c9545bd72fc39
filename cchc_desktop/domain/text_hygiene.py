"""Text as it may enter the app: Unicode NFC, no hidden characters where they could deceive.

One rule for every reader (JSON, workbook, the data file's writes):
- every text is put in NFC, so 'Hòa' typed with a combining accent is the same unit as 'Hòa';
- a lone surrogate (from a JSON escape such as "\\ud800") is refused everywhere: it cannot be
  written as UTF-8 and would crash whatever prints it later;
- names and codes (units, indicator and section codes, template) refuse control characters,
  bidirectional overrides and isolates, zero-width and other invisible format characters: a
  unit "Xã A\u200b" would otherwise appear beside "Xã A" as a look-alike;
- narrative (sections, notes, tasks, subjects) keeps tab and line breaks and silently loses
  NUL, other control characters, bidi controls and zero-width characters, which carry no
  meaning in a Vietnamese report and only hide or reorder what is printed.
"""

from __future__ import annotations

import unicodedata

from cchc_desktop.i18n import _

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_NARRATIVE_KEEP = frozenset("\t\n\r")
_SHOWN_LENGTH = 60


class TextProblem(ValueError):
    """A text refused; `str()` is the reason in a sentence, without the field."""


def has_lone_surrogate(text: str) -> bool:
    # A surrogate is never printable (category Cs): a printable text, nearly every text,
    # is answered by one C loop instead of a Python loop over its characters.
    return not text.isprintable() and any("\ud800" <= c <= "\udfff" for c in text)


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


def hidden_character(text: str) -> str | None:
    """The first character that a name or code may not hold, as 'U+202E', or None."""
    if text.isprintable():
        # Python's printable characters exclude the categories below and every bidi and
        # zero-width character (all Cf): tests/domain/test_text_hygiene.py checks it for
        # every code point. A consolidation checks some 60 names and codes per file.
        return None
    for char in text:
        if char in BIDI_CONTROLS or char in ZERO_WIDTH:
            return _code_point(char)
        category = unicodedata.category(char)
        # Cc control, Cf format (invisible), Cs surrogate, Zl/Zp line and paragraph separators.
        if category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return _code_point(char)
    return None


def clean_name(text: str) -> str:
    """A name or code in NFC, or TextProblem when it holds what it may not."""
    if has_lone_surrogate(text):
        raise TextProblem(_("có ký tự Unicode không hợp lệ (nửa cặp thay thế)"))
    normal = unicodedata.normalize("NFC", text)
    hidden = hidden_character(normal)
    if hidden:
        raise TextProblem(_("có ký tự ẩn hoặc ký tự điều khiển ({char}), không được phép trong "
                            "tên và mã").format(char=hidden))
    return normal


def _kept_in_narrative(char: str) -> bool:
    if char in _NARRATIVE_KEEP:
        return True
    if char in BIDI_CONTROLS or char in ZERO_WIDTH:
        return False
    return unicodedata.category(char) != "Cc"


def clean_narrative(text: str) -> str:
    """A narrative text in NFC without NUL, controls (but tab, newline), bidi or zero-width.

    TextProblem for a lone surrogate: it is no character at all, so nothing can be kept.
    """
    if has_lone_surrogate(text):
        raise TextProblem(_("có ký tự Unicode không hợp lệ (nửa cặp thay thế)"))
    if text.isascii() and text.isprintable():
        return text
    return "".join(c for c in unicodedata.normalize("NFC", text) if _kept_in_narrative(c))


def shown(text: str) -> str:
    """A text as a message may quote it: hidden characters spelled out, long texts cut."""
    cut = text[:_SHOWN_LENGTH]
    out = "".join(f"<{_code_point(c)}>" if hidden_character(c) else c for c in cut)
    return out + ("…" if len(text) > _SHOWN_LENGTH else "")
