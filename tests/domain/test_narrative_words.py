"""narrative_words: the words of a narrative read as the name of a rate.

Precision before recall: a name may leave words out, but never a number, a level or a
coordinated word ("đúng và trước hạn"), and a text must say at least two of its words.
"""

from __future__ import annotations

import pytest

from cchc_desktop.domain.narrative_words import (
    Token,
    fold,
    folded_words,
    label_words,
    level_words,
    levels_named,
    name_match,
    tokens,
)
from cchc_desktop.domain.units import level_catalogue

ON_TIME = "Tỷ lệ hồ sơ giải quyết đúng và trước hạn"
ONLINE_3 = "Tỷ lệ dịch vụ công trực tuyến mức độ 3"


def test_fold_drops_accents_and_case_one_character_for_one() -> None:
    text = "Đạt TỶ LỆ Hồ sơ đúng hạn"
    assert fold(text) == "dat ty le ho so dung han"
    assert len(fold(text)) == len(text)
    # a decomposed text folds alike, so positions are those of the NFC text
    assert fold("Ti\u0309 le\u0323") == "ti le"


def test_tokens_keep_where_each_word_stands() -> None:
    text = "Đạt tỷ lệ"
    found = tokens(text, offset=10)
    assert [t.word for t in found] == ["dat", "ty", "le"]
    assert [text[t.start - 10:t.end - 10] for t in found] == ["Đạt", "tỷ", "lệ"]


def test_abbreviations_are_spelled_out_in_the_place_of_the_abbreviation() -> None:
    assert tokens("TTHC mới") == [Token(w, 0, 4) for w in ("thu", "tuc", "hanh", "chinh")] \
        + [Token("moi", 5, 8)]
    assert folded_words("DVCTT và CBCCVC") == ["dich", "vu", "cong", "truc", "tuyen", "va",
                                              "can", "bo", "cong", "chuc", "vien", "chuc"]


def test_long_and_short_texts_are_read_alike() -> None:
    # texts longer than the cached length are read without the cache: same answer
    short = "Tỷ lệ TTHC giải quyết đúng hạn. "
    long = short * 40
    assert len(long) > 400
    assert folded_words(long) == folded_words(short) * 40
    assert tokens(long)[-1].end == len(long) - 2


def test_label_words_drop_ty_le_in_front_and_name_the_coordinated_words() -> None:
    words, coordinated = label_words(ON_TIME)
    assert words == ("ho", "so", "giai", "quyet", "dung", "va", "truoc", "han")
    assert coordinated == {"dung", "truoc"}
    assert label_words("Tỉ lệ cán bộ xuất sắc, tốt")[1] == {"sac", "tot"}
    assert label_words("Số TTHC")[0] == ("so", "thu", "tuc", "hanh", "chinh")


def test_the_full_name_matches_with_nothing_left_out() -> None:
    assert name_match(folded_words("hồ sơ giải quyết đúng và trước hạn"), ON_TIME, set()) == 0


def test_a_name_may_leave_words_out_and_says_how_many() -> None:
    assert name_match(folded_words("hồ sơ giải quyết"), "Tỷ lệ hồ sơ giải quyết trực tuyến",
                      set()) == 2


def test_a_coordinated_word_cannot_be_left_out() -> None:
    assert name_match(folded_words("hồ sơ giải quyết trước hạn"), ON_TIME, set()) is None


def test_a_number_or_a_level_cannot_be_left_out() -> None:
    assert name_match(folded_words("dịch vụ công trực tuyến mức độ"), ONLINE_3, set()) is None
    assert name_match(folded_words("DVCTT mức độ 3"), ONLINE_3, set()) == 0
    assert name_match(folded_words("DVCTT mức độ 3"), ONLINE_3 + ", 4", set()) is None
    assert name_match(folded_words("hồ sơ giải quyết"), "Tỷ lệ hồ sơ cấp xã giải quyết",
                      set()) is None


def test_at_least_two_words_and_at_most_half_may_be_missing() -> None:
    name = "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình"
    assert name_match(["giai"], name, set()) is None
    assert name_match(["giai", "quyet"], name, set()) is None   # 4 of 6 left out
    assert name_match(folded_words("hồ sơ giải quyết trực tuyến"), name, set()) == 2


def test_only_filler_may_follow_the_name_forwards() -> None:
    assert name_match(folded_words("dịch vụ công trực tuyến mức độ 3 còn thấp, mới"),
                      ONLINE_3, set()) == 0
    assert name_match(folded_words("dịch vụ công trực tuyến mức độ 3 ngân sách"),
                      ONLINE_3, set()) is None


def test_backwards_the_words_before_a_figure_are_read_from_the_figure_back() -> None:
    read = folded_words("trong năm có hồ sơ giải quyết đúng và trước hạn")
    assert name_match(read, ON_TIME, set(), backwards=True) == 0
    assert name_match(read, ON_TIME, set()) is None


def test_the_units_words_do_not_count_as_the_name() -> None:
    assert name_match(["ho", "so"], "Tỷ lệ hồ sơ", {"ho", "so"}) is None
    assert name_match(["ho", "so", "dung", "han"], "Số hồ sơ đúng hạn", {"ho", "so"}) == 0


def test_level_words_are_the_words_of_the_levels_labels() -> None:
    catalogue = level_catalogue()
    for level in catalogue.levels:
        assert set(folded_words(catalogue.label(level))) <= level_words()
    assert "xa" in level_words() and "ho" not in level_words()


def test_levels_named_are_whole_labels_only() -> None:
    assert levels_named(folded_words("cấp xã và cấp huyện")) == {"xa", "huyen"}
    assert levels_named(folded_words("toàn xã")) == set()
    assert levels_named([]) == set()


@pytest.mark.parametrize("text", ["", "   ", "!!!"])
def test_texts_without_words_have_no_tokens(text: str) -> None:
    assert tokens(text) == []
