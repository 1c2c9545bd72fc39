"""Legacy Vietnamese encodings (TCVN3, VNI, NFD) turned into Unicode NFC, and never normal text."""

from __future__ import annotations

import unicodedata

import pytest

from cchc_desktop.domain.legacy_text import (
    LegacyEncoding,
    convert,
    convert_pasted,
    convert_run,
    detect,
    encoding_of_font,
    to_unicode,
)

# The published TCVN3 (TCVN 5712:1993 VN3) byte values, stated here independently of the module.
TCVN3_BYTES = {
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
}
TCVN3_CAPITALS = {"Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

# VNI Windows: base letter plus the published mark byte(s).
_T = {"huyền": 0xF8, "hỏi": 0xFB, "ngã": 0xF5, "sắc": 0xF9, "nặng": 0xEF}
_CIRC = {"": 0xE2, "huyền": 0xE0, "hỏi": 0xE5, "ngã": 0xE3, "sắc": 0xE1, "nặng": 0xE4}
_BREVE = {"": 0xEA, "huyền": 0xE8, "hỏi": 0xFA, "ngã": 0xFC, "sắc": 0xE9, "nặng": 0xEB}
_MARK = {"huyền": "\u0300", "hỏi": "\u0309", "ngã": "\u0303", "sắc": "\u0301", "nặng": "\u0323"}
VNI_I = {"ì": 0xEC, "ỉ": 0xE6, "ĩ": 0xF3, "í": 0xED, "ị": 0xF2}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _vni_forms() -> dict[str, str]:
    forms: dict[str, str] = {"đ": "\xf1", "ơ": "\xf4", "ư": "\xf6"}
    forms["ỵ"] = "\xee"
    for letter, code in VNI_I.items():
        forms[letter] = chr(code)
    for base in "aeouy":
        for tone, code in _T.items():
            if base == "y" and tone == "nặng":
                continue
            forms[_nfc(base + _MARK[tone])] = base + chr(code)
    for base in "aeo":
        for tone, code in _CIRC.items():
            forms[_nfc(base + "\u0302" + _MARK.get(tone, ""))] = base + chr(code)
    for tone, code in _BREVE.items():
        forms[_nfc("a\u0306" + _MARK.get(tone, ""))] = "a" + chr(code)
    for legacy, letter in (("\xf4", "ơ"), ("\xf6", "ư")):
        for tone, code in _T.items():
            forms[_nfc(letter + _MARK[tone])] = legacy + chr(code)
    return forms


VNI_FORMS = _vni_forms()


def test_the_tables_cover_the_134_letters() -> None:
    lower = set(TCVN3_BYTES)
    assert len(lower) == 67 and set(VNI_FORMS) == lower
    assert len(lower | {letter.upper() for letter in lower}) == 134


@pytest.mark.parametrize("letter", sorted(TCVN3_BYTES))
def test_every_tcvn3_letter_both_cases(letter: str) -> None:
    legacy = bytes([TCVN3_BYTES[letter]]).decode("latin-1")
    assert to_unicode(legacy, LegacyEncoding.TCVN3) == letter
    assert convert_run(legacy, ".VnTimeH") == letter.upper()


@pytest.mark.parametrize("letter", sorted(TCVN3_CAPITALS))
def test_tcvn3_plain_capitals(letter: str) -> None:
    legacy = bytes([TCVN3_CAPITALS[letter]]).decode("latin-1")
    assert to_unicode(legacy, LegacyEncoding.TCVN3) == letter


@pytest.mark.parametrize("letter", sorted(VNI_FORMS))
def test_every_vni_letter_both_cases(letter: str) -> None:
    assert to_unicode(VNI_FORMS[letter], LegacyEncoding.VNI) == letter
    assert to_unicode(VNI_FORMS[letter].upper(), LegacyEncoding.VNI) == letter.upper()


SENTENCE = "Các cơ quan, đơn vị đã thực hiện tốt công tác cải cách hành chính"


def _tcvn3(text: str) -> str:
    return "".join(chr(TCVN3_BYTES[c]) if c in TCVN3_BYTES else c for c in text)


def _vni(text: str) -> str:
    return "".join(VNI_FORMS.get(c, c) for c in text)


def test_whole_sentences_detected_and_converted() -> None:
    assert _tcvn3(SENTENCE.replace("C", "c")).startswith("c¸c c¬ quan")
    assert detect(_tcvn3(SENTENCE)) is LegacyEncoding.TCVN3
    assert to_unicode(_tcvn3(SENTENCE)) == SENTENCE
    assert detect(_vni(SENTENCE)) is LegacyEncoding.VNI
    assert to_unicode(_vni(SENTENCE)) == SENTENCE
    assert convert_pasted(_vni(SENTENCE)) == (SENTENCE, LegacyEncoding.VNI)


def test_uppercase_font_heading() -> None:
    assert convert_run(_tcvn3("ủy ban nhân dân xã mỹ an"), ".VnTimeH") == "ỦY BAN NHÂN DÂN XÃ MỸ AN"


def test_fonts() -> None:
    assert encoding_of_font(".VnTime") is LegacyEncoding.TCVN3
    assert encoding_of_font(".vnarialh") is LegacyEncoding.TCVN3
    assert encoding_of_font("VNI-Times") is LegacyEncoding.VNI
    assert encoding_of_font("vni-helve") is LegacyEncoding.VNI
    assert encoding_of_font("Times New Roman") is None
    assert detect("Cac co quan", ".VnTime") is LegacyEncoding.TCVN3


@pytest.mark.parametrize("text", [
    SENTENCE, "hoà bình, Hòa Bình, thuỷ lợi", "Plain ASCII text.",
    "Où est la naïve Noël? Garçon, café à côté, très bien.", "« Bonjour » © 2020 ½ hour",
    "Ngày 06/02/2023: Kế hoạch số 20/KH-UBND", "Müller, Straße, São Paulo, España",
])
def test_normal_text_is_left_alone(text: str) -> None:
    assert detect(text) is None
    assert to_unicode(text) == text
    assert convert_pasted(text) == (text, None)


def test_decomposed_unicode_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", SENTENCE)
    assert detect(nfd) is LegacyEncoding.DECOMPOSED
    assert to_unicode(nfd) == SENTENCE
    result = convert(nfd)
    assert result.text == SENTENCE and result.changed_words > 0
