"""documents/text.py: text on its way into a document, NFC and escaped.

Every string is composed (NFC) so that reportlab, which shapes nothing, prints the tone
marks in place; Paragraph markup escapes & < >; a template label (Text) must be rendered
in the document's language first; first letters change case leaving acronyms alone.
"""

from __future__ import annotations

import pytest

from cchc_desktop.documents.text import lower_first, markup, nfc, roman, upper_first, vi_upper
from cchc_desktop.domain.units import Text

DECOMPOSED = "Thu\u0309 tu\u0323c ha\u0300nh chi\u0301nh"   # "Thủ tục hành chính" in NFD


def test_nfc_composes_and_takes_any_value() -> None:
    assert nfc(DECOMPOSED) == "Thủ tục hành chính" and len(nfc(DECOMPOSED)) == 18
    assert nfc(None) == "" and nfc(1428) == "1428"


def test_a_template_label_is_refused_until_rendered() -> None:
    with pytest.raises(TypeError, match="render the label 'Kế hoạch'"):
        nfc(Text("Kế hoạch"))
    with pytest.raises(TypeError):
        markup(Text("Kế hoạch"))


def test_markup_escapes_the_three_characters_and_keeps_quotes() -> None:
    assert markup('<b>Đạt</b> "92,52%" & \'tốt\'') == (
        '&lt;b&gt;Đạt&lt;/b&gt; "92,52%" &amp; \'tốt\'')
    assert markup(DECOMPOSED) == "Thủ tục hành chính"


def test_first_letters_and_capitals() -> None:
    assert lower_first("Số hồ sơ tiếp nhận") == "số hồ sơ tiếp nhận"
    assert lower_first("TTHC niêm yết") == "TTHC niêm yết"
    assert lower_first("Ủy ban") == "ủy ban" and lower_first("") == ""
    assert lower_first("A là một chữ") == "a là một chữ"     # one capital is no acronym
    assert upper_first("đã giải quyết") == "Đã giải quyết" and upper_first("") == ""
    assert vi_upper(DECOMPOSED) == "THỦ TỤC HÀNH CHÍNH"
    assert [roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]
