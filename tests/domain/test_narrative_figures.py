"""narrative_figures: paragraphs, footnotes, fractions and quoted rates of a pasted narrative.

The module promises that nothing which may be a date or a document number is read as a
fraction, that footnotes are told apart from the text, and that a rate is only taken
from the words that follow its fraction within one sentence.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from cchc_desktop.domain.narrative_figures import (
    CLAUSE_REACH,
    COUNT,
    PERCENT,
    Paragraph,
    clause_end,
    clause_start,
    fractions,
    paragraphs,
    quoted_rates,
    vi_decimal,
    word_before,
    year_like,
)

# ------------------------------------------------------------------ paragraphs

def test_blank_lines_split_paragraphs_and_wrapped_lines_join() -> None:
    text = "Trong kỳ, UBND xã đã\nban hành kế hoạch.\n\nĐoạn thứ hai."
    assert paragraphs(text) == [Paragraph("Trong kỳ, UBND xã đã ban hành kế hoạch."),
                                Paragraph("Đoạn thứ hai.")]


@pytest.mark.parametrize("item", ["- ", "+ ", "• ", "1. ", "2) ", "a) ", "đ) "])
def test_a_list_item_starts_a_paragraph_of_its_own(item: str) -> None:
    found = paragraphs(f"Kết quả như sau:\n{item}mục một\n{item}mục hai")
    assert [p.text for p in found] == ["Kết quả như sau:", f"{item}mục một".strip(),
                                       f"{item}mục hai".strip()]


def test_footnote_markers_and_format_tags_are_removed_from_the_text() -> None:
    [paragraph] = paragraphs("Đã rà soát 10<sup>1</sup> TTHC, <b>đạt</b> 5<super>2</super>³ nhiệm vụ")
    assert paragraph == Paragraph("Đã rà soát 10 TTHC, đạt 5 nhiệm vụ")


def test_a_line_starting_with_its_marker_is_a_footnote_until_a_blank_line() -> None:
    found = paragraphs("Văn bản chính.\n<sup>1</sup> Kế hoạch số 20/KH-UBND\ncủa UBND huyện\n\n"
                       "Văn bản tiếp.\n¹ Chú thích khác")
    assert found == [Paragraph("Văn bản chính."),
                     Paragraph("Kế hoạch số 20/KH-UBND của UBND huyện", footnote=True),
                     Paragraph("Văn bản tiếp."), Paragraph("Chú thích khác", footnote=True)]


def test_a_list_item_inside_a_footnote_stays_in_the_footnote() -> None:
    found = paragraphs("¹ Gồm:\n- Kế hoạch 1\n- Kế hoạch 2")
    assert found == [Paragraph("Gồm: - Kế hoạch 1 - Kế hoạch 2", footnote=True)]


def test_everything_after_a_separator_line_is_footnotes() -> None:
    found = paragraphs("Văn bản.\n__________\nGhi chú một\n\nGhi chú hai\n- mục")
    assert [p.footnote for p in found] == [False, True, True, True]


def test_a_line_holding_only_a_number_starts_a_footnote_but_a_figure_in_text_does_not() -> None:
    found = paragraphs("Văn bản.\n2\nKế hoạch số 5\n\n10 TTHC đã công bố")
    assert found == [Paragraph("Văn bản."), Paragraph("2 Kế hoạch số 5", footnote=True),
                     Paragraph("10 TTHC đã công bố")]


def test_windows_and_old_mac_line_ends_and_decomposed_accents_are_read_alike() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"   # "Kế hoạch" as some PDFs paste it
    assert paragraphs(f"Một\r\n\r\nHai\r\rBa {decomposed}") == [
        Paragraph("Một"), Paragraph("Hai"), Paragraph("Ba Kế hoạch")]


def test_non_breaking_spaces_are_collapsed() -> None:
    assert paragraphs("42\u00a0\u00a0/ 66  hồ sơ") == [Paragraph("42 / 66 hồ sơ")]


def test_an_empty_or_blank_narrative_has_no_paragraphs() -> None:
    assert paragraphs("") == []
    assert paragraphs(" \n\n\t\n") == []


# ------------------------------------------------------------------ fractions

@pytest.mark.parametrize("text", [
    "31/8/2023", "06/02/2023", "62/2020/NĐ-CP", "tháng 8/2020", "8/2020", "quý 3/2023",
    "ngày 31/8", "30/6", "số 45/12", "Số: 45/12", "20/KH-UBND", "đến 15/3", "1/2023",
    "ngày 5/12", "từ 1/10", "hết 15/12", "Học kỳ 1/2",
])
def test_dates_and_document_numbers_are_not_fractions(text: str) -> None:
    assert fractions(text) == []
    assert fractions(f"Theo văn bản {text} của tỉnh, có 42/66 xã") != []
    assert [(f.numerator, f.denominator) for f in fractions(f"Theo {text}, có 42/66 xã")] \
        == [(42, 66)]


def test_a_fraction_with_thousand_separators_reads_as_its_value() -> None:
    [found] = fractions("Tiếp nhận 1.234/2.000 hồ sơ")
    assert (found.numerator, found.denominator) == (Decimal(1234), Decimal(2000))
    assert (found.num_text, found.den_text) == ("1.234", "2.000")
    assert "Tiếp nhận 1.234/2.000 hồ sơ"[found.start:found.end] == "1.234/2.000"


def test_a_count_over_a_month_number_is_still_a_fraction_when_it_is_not_a_day() -> None:
    assert [(f.numerator, f.denominator) for f in fractions("3/10 xã; 42/66 nhiệm vụ; 40/5 hồ sơ")] \
        == [(3, 10), (42, 66), (40, 5)]


def test_spaces_around_the_slash_are_allowed_but_decimals_and_words_after_are_not() -> None:
    assert [(f.numerator, f.denominator) for f in fractions("đạt 42 / 66 nhiệm vụ")] == [(42, 66)]
    assert fractions("42/66,5") == []
    assert fractions("42/66abc") == []
    assert fractions("abc42/66") == []


# ------------------------------------------------------------------ quoted rates

def test_a_rate_after_dat_ty_le_is_read_with_its_decimals() -> None:
    text = "Đã giải quyết 42/66 nhiệm vụ, đạt tỷ lệ 63,6%"
    [rate] = quoted_rates(text)
    assert (rate.fraction.numerator, rate.fraction.denominator) == (42, 66)
    assert (rate.percent, rate.decimals) == (Decimal("63.6"), 1)
    assert rate.excerpt == "42/66 nhiệm vụ, đạt tỷ lệ 63,6%"
    assert text[rate.start:rate.end] == rate.excerpt


@pytest.mark.parametrize("text, percent", [
    ("42/66 (63%)", "63"), ("42/66 hồ sơ chiếm 63,64%", "63.64"),
    ("42/66 hồ sơ, đạt được tỷ lệ là 1.000%", "1000"), ("42/66 hồ sơ đạt 63 %", "63"),
])
def test_the_ways_a_report_gives_a_fractions_rate(text: str, percent: str) -> None:
    assert [r.percent for r in quoted_rates(text)] == [Decimal(percent)]


@pytest.mark.parametrize("text", [
    "42/66 nhiệm vụ. Năm sau đạt 63%",        # another sentence
    "42/66 nhiệm vụ; đạt 63%",                 # another clause
    "42/66 nhiệm vụ\tđạt 63%",                # another table cell
    "42/66 nhiệm vụ " + "rất " * 20 + "đạt 63%",  # too far after the fraction
    "42/66 nhiệm vụ, tỷ lệ 63%",               # no "đạt"/"chiếm" nor bracket
])
def test_a_rate_is_not_taken_from_beyond_its_fractions_words(text: str) -> None:
    assert quoted_rates(text) == []
    assert len(fractions(text)) == 1


def test_the_nearer_fraction_takes_the_rate() -> None:
    assert [(r.fraction.numerator, r.percent) for r in
            quoted_rates("42/66 nhiệm vụ và 5/10 hồ sơ đạt 50%")] == [(5, 50)]


# ------------------------------------------------------------------ figures and words

def test_vi_decimal_reads_vietnamese_separators() -> None:
    assert vi_decimal("12.381") == 12381
    assert vi_decimal("50,5") == Decimal("50.5")
    assert vi_decimal("1.234.567,25") == Decimal("1234567.25")


@pytest.mark.parametrize("text, expected", [("2023", True), ("1900", True), ("2100", True),
                                            ("1899", False), ("2101", False), ("203", False),
                                            ("20231", False)])
def test_year_like(text: str, expected: bool) -> None:
    assert year_like(text) is expected


def test_word_before_walks_back_over_spaces_and_lowers_the_word() -> None:
    text = "Theo  Tháng   8/2020"
    assert word_before(text, text.index("8/")) == "tháng"
    assert word_before(text, 0) == ""
    assert word_before("   ", 3) == ""


def test_count_and_percent_patterns_do_not_take_parts_of_fractions_or_decimals() -> None:
    text = "có 12 xã, 42/66 hồ sơ, đạt 63,5% và 1.234 TTHC"
    assert [m.group(0) for m in COUNT.finditer(text)] == ["12", "1.234"]
    assert [m["pct"] for m in PERCENT.finditer(text)] == ["63,5"]


def test_a_clause_starts_after_the_last_boundary_before_the_figure() -> None:
    text = "Kết quả: đạt 50%; số hồ sơ là 12"
    assert text[clause_start(text, len(text)):] == " số hồ sơ là 12"
    assert clause_start("không có dấu", 5) == 0


def test_a_clause_reaches_back_at_most_clause_reach_characters() -> None:
    text = "x" * (CLAUSE_REACH * 3)
    assert clause_start(text, len(text)) == len(text) - CLAUSE_REACH


def test_the_words_after_a_figure_end_at_a_comma_or_a_sentence() -> None:
    assert clause_end("đạt 46%, trong đó", 4) == 6
    assert clause_end("46 hồ sơ, trong đó", 0) == len("46 hồ sơ")
    assert clause_end("46 hồ sơ v.v. còn", 0) == len("46 hồ sơ v.v")
    assert clause_end("không dừng", 0) == len("không dừng")
    assert clause_end("a, b; c", 0, boundary=re.compile(";")) == 4


def test_a_rate_in_brackets_is_quoted_with_its_closing_bracket() -> None:
    [rate] = quoted_rates("Hoàn thành 42/66 (63%) nhiệm vụ.")
    assert rate.excerpt == "42/66 (63%)"
    assert rate.percent == 63
