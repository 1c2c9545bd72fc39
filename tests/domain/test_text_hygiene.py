"""The quick answers of domain/text_hygiene.py (a printable text holds nothing hidden) agree
with the rule itself, character by character, over every code point."""

from __future__ import annotations

import unicodedata

from cchc_desktop.domain.text_hygiene import BIDI_CONTROLS, ZERO_WIDTH, has_lone_surrogate, hidden_character


def _hidden_by_the_rule(char: str) -> bool:
    return char in BIDI_CONTROLS or char in ZERO_WIDTH or unicodedata.category(char) in (
        "Cc", "Cf", "Cs", "Zl", "Zp")


def test_every_code_point_is_judged_as_the_rule_says() -> None:
    wrong = [f"U+{point:04X}" for point in range(0x110000)
             if (hidden_character(chr(point)) is not None) != _hidden_by_the_rule(chr(point))]
    assert wrong == []


def test_a_hidden_character_is_found_inside_a_longer_name() -> None:
    assert hidden_character("UBND xã Mỹ An") is None
    assert hidden_character("UBND xã\u00a0Mỹ An") is None        # a no-break space is no hidden one
    assert hidden_character("UBND xã Mỹ\u200b An") == "U+200B"
    assert hidden_character("Xã A\u202e") == "U+202E"
    assert has_lone_surrogate("Xã \ud800 A") and not has_lone_surrogate("Xã A\u00a0")
