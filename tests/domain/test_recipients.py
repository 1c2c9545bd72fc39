"""Nơi nhận: each recipient once, bare when stored, in the decree's form when printed."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.recipients import (
    clean_recipient,
    normalize_recipients,
    recipient_lines_for_pdf,
    split_recipients,
)


@pytest.mark.parametrize(("typed", "clean"), [
    ("- UBND tỉnh Đồng Tháp;", "UBND tỉnh Đồng Tháp"),     # the issue's line
    ("UBND tỉnh Đồng Tháp", "UBND tỉnh Đồng Tháp"),
    ("- - UBND tỉnh Đồng Tháp;", "UBND tỉnh Đồng Tháp"),
    ("– Sở Nội vụ.", "Sở Nội vụ"),
    ("• Sở Nội vụ ;", "Sở Nội vụ"),
    ("+ Bộ Nội vụ,", "Bộ Nội vụ"),
    ("-Bộ Nội vụ;", "Bộ Nội vụ"),
    ("  UBND   TP  ; ", "UBND TP"),
    ("- TT. TU; TT. HĐND TP;", "TT. TU; TT. HĐND TP"),     # the seeds' two-in-one line stays
    ("- Lưu: VT, VP.", "Lưu: VT, VP"),
    ("- Như trên;", "Như trên"),
    ("Sở Nội vụ tỉnh Đồng Tháp (b/c);", "Sở Nội vụ tỉnh Đồng Tháp (b/c)"),
    ("-  ", ""),
])
def test_clean_one_line(typed: str, clean: str) -> None:
    assert clean_recipient(typed) == clean


def test_decomposed_vietnamese_is_stored_composed() -> None:
    import unicodedata

    typed = unicodedata.normalize("NFD", "- UBND tỉnh Đồng Tháp;")
    assert normalize_recipients([typed]) == [unicodedata.normalize("NFC", "UBND tỉnh Đồng Tháp")]


def test_duplicates_and_empties_go_the_first_spelling_stays() -> None:
    lines = ["- UBND tỉnh Đồng Tháp;", "", "UBND TỈNH ĐỒNG THÁP", "ubnd tinh dong thap.",
             "Sở  Nội vụ;", "- Sở Nội vụ"]
    assert normalize_recipients(lines) == ["UBND tỉnh Đồng Tháp", "Sở Nội vụ"]


@pytest.mark.parametrize(("typed", "keep"), [
    ("- Lưu: VT.", "Lưu: VT"),
    ("Lưu: VT, VP", "Lưu: VT, VP"),
    ("- Lưu: VT,NTH.", "Lưu: VT,NTH"),
    ("Lưu VT", "Lưu: VT"),
    ("LƯU: VT", "Lưu: VT"),
    ("Luu: VT, VP.", "Lưu: VT, VP"),
    ("- Lưu:", "Lưu: VT"),
    ("Lưu", "Lưu: VT"),
])
def test_filing_line_is_found_and_spelled_the_decree_way(typed: str, keep: str) -> None:
    assert split_recipients(["Sở Nội vụ", typed]) == (["Sở Nội vụ"], keep)


def test_a_body_named_luu_tru_is_a_recipient_not_the_filing_line() -> None:
    assert split_recipients(["Trung tâm Lưu trữ lịch sử tỉnh"]) == (
        ["Trung tâm Lưu trữ lịch sử tỉnh"], None)
    assert split_recipients(["Lưu trữ tỉnh"]) == (["Lưu trữ tỉnh"], None)


def test_filing_line_typed_first_or_twice_is_stored_once_last() -> None:
    lines = ["- Lưu: VT, VP.", "UBND tỉnh Đồng Tháp", "- Lưu: VT.", "Sở Nội vụ"]
    assert normalize_recipients(lines) == ["UBND tỉnh Đồng Tháp", "Sở Nội vụ", "Lưu: VT, VP"]


def test_lines_in_one_string_are_split() -> None:
    assert normalize_recipients(["UBND tỉnh\nSở Nội vụ\n"]) == ["UBND tỉnh", "Sở Nội vụ"]


def test_printed_lines_issue_cases() -> None:
    # "- UBND tỉnh Đồng Tháp;" typed printed "- - UBND tỉnh Đồng Tháp;"; "- Lưu: VT." twice.
    typed = ["- UBND tỉnh Đồng Tháp;", "- Sở Nội vụ tỉnh Đồng Tháp;", "- Lưu: VT."]
    assert recipient_lines_for_pdf(typed) == [
        "- UBND tỉnh Đồng Tháp;", "- Sở Nội vụ tỉnh Đồng Tháp;", "- Lưu: VT."]


def test_printed_lines_add_the_filing_line_once() -> None:
    assert recipient_lines_for_pdf(["UBND tỉnh Đồng Tháp", "Sở Nội vụ"]) == [
        "- UBND tỉnh Đồng Tháp;", "- Sở Nội vụ;", "- Lưu: VT."]
    assert recipient_lines_for_pdf([]) == ["- Lưu: VT."]
    assert recipient_lines_for_pdf(["Bộ Nội vụ"], keep_line_default="Lưu: VT, NTH") == [
        "- Bộ Nội vụ;", "- Lưu: VT, NTH."]


def test_printed_lines_keep_the_clerks_filing_line_last() -> None:
    assert recipient_lines_for_pdf(["Lưu: VT, VP", "Bộ Nội vụ;"]) == [
        "- Bộ Nội vụ;", "- Lưu: VT, VP."]
