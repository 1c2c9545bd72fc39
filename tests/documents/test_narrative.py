"""documents/narrative.py: the clerk's plain narrative as paragraphs, and citations as footnotes.

Blank lines part paragraphs, "- ", "– ", "• ", "+ ", "1. ", "2) ", "a) " or "đ) " start an
item of their own, other line breaks are soft and runs of spaces one space; a document cited
in the text ("Kế hoạch số 20/KH-UBND") becomes a superscript number and a footnote that adds
the date, the issuer and the subject from the report's list of documents, a document cited
twice keeping its number. Beside tests/documents/test_long_narrative.py (very long paragraphs
cut into pieces), tests/documents/test_footnotes.py (where the footnotes land on the page)
and tests/documents/test_pdf_body.py (the narrative in the PDF).
"""

from __future__ import annotations

import datetime as dt

from cchc_desktop.documents.narrative import Block, BlockKind, Footnotes, blocks, cite, marker
from cchc_desktop.domain.report import IssuedDocument

PLAN = IssuedDocument("20/KH-UBND", dt.date(2026, 1, 6), "Kế hoạch cải cách hành chính năm 2026")
DECISION = IssuedDocument("15/QĐ-UBND", dt.date(2026, 2, 3), "Kiện toàn Tổ công tác CCHC")


def test_paragraphs_are_parted_by_blank_lines_and_soft_breaks_joined() -> None:
    text = "Ủy ban nhân dân xã   đã ban hành\r\nkế hoạch.\r\n\r\n\n  Kết quả đạt 92,52%.  \n"
    assert blocks(text) == [
        Block(BlockKind.PARAGRAPH, "Ủy ban nhân dân xã đã ban hành kế hoạch."),
        Block(BlockKind.PARAGRAPH, "Kết quả đạt 92,52%.")]
    assert blocks("") == [] and blocks(" \n\n \t") == []


def test_items_start_blocks_of_their_own_and_keep_their_wording() -> None:
    text = ("Các nhiệm vụ:\n- Một cửa\n– Số hóa\ntiếp tục\n• Niêm yết\n+ Cấp xã\n"
            "1. Rà soát\n2) Công bố\na) Tuyên truyền\nđ) Kiểm tra")
    assert blocks(text) == [
        Block(BlockKind.PARAGRAPH, "Các nhiệm vụ:"),
        Block(BlockKind.DASH, "- Một cửa"),
        Block(BlockKind.DASH, "- Số hóa tiếp tục"),
        Block(BlockKind.DASH, "- Niêm yết"),
        Block(BlockKind.PLUS, "+ Cấp xã"),
        Block(BlockKind.NUMBERED, "1. Rà soát"),
        Block(BlockKind.NUMBERED, "2) Công bố"),
        Block(BlockKind.NUMBERED, "a) Tuyên truyền"),
        Block(BlockKind.NUMBERED, "đ) Kiểm tra")]
    # a dash or a number not followed by a space is the text's own
    assert blocks("-5 độ\n2026.") == [Block(BlockKind.PARAGRAPH, "-5 độ 2026.")]


def test_decomposed_vietnamese_is_composed() -> None:
    decomposed = "Xa\u0303 My\u0303 An"
    assert blocks(decomposed) == [Block(BlockKind.PARAGRAPH, "Xã Mỹ An")]
    assert cite(decomposed, None) == "Xã Mỹ An"


def test_without_footnotes_the_text_is_only_escaped() -> None:
    assert cite("Kế hoạch số 20/KH-UBND <b>&</b>", None) == (
        "Kế hoạch số 20/KH-UBND &lt;b&gt;&amp;&lt;/b&gt;")


def test_a_listed_document_cited_is_a_footnote_with_what_the_text_lacks() -> None:
    notes = Footnotes([PLAN], "Ủy ban nhân dân xã Mỹ An")
    out = cite("Thực hiện Kế hoạch số 20/kh-ubnd, xã đã triển khai.", notes)
    assert out == f"Thực hiện Kế hoạch{marker(1)}, xã đã triển khai."
    assert marker(1) == '<super>1</super><onDraw name="footnote" label="1"/>'
    assert notes.notes == ["Kế hoạch số 20/kh-ubnd ngày 06/01/2026 của Ủy ban nhân dân xã Mỹ An "
                           "về cải cách hành chính năm 2026."]


def test_the_texts_own_date_and_subject_are_not_said_twice() -> None:
    notes = Footnotes([DECISION])
    cite("Quyết định số 15/QĐ-UBND ngày 3 tháng 2 năm 2026 về kiện toàn Tổ công tác.", notes)
    assert notes.notes == ["Quyết định số 15/QĐ-UBND ngày 3 tháng 2 năm 2026."]
    unlisted = Footnotes([DECISION])
    cite("Công văn số 7/UBND-VP ngày 05/03/2026 đôn đốc.", unlisted)
    assert unlisted.notes == ["Công văn số 7/UBND-VP ngày 05/03/2026."]


def test_a_document_cited_twice_keeps_its_number_across_paragraphs() -> None:
    notes = Footnotes([PLAN, DECISION])
    first = cite("Kế hoạch số 20/KH-UBND và Quyết định số 15/QĐ-UBND.", notes)
    second = cite("Tiếp tục Kế hoạch số 20/kh-UBND.", notes)
    assert first == f"Kế hoạch{marker(1)} và Quyết định{marker(2)}."
    assert second.startswith(f"Tiếp tục Kế hoạch{marker(1)}")
    assert len(notes.notes) == 2 and notes.notes[1].startswith("Quyết định số 15/QĐ-UBND ngày "
                                                               "03/02/2026 về kiện toàn")
    assert notes.find("20/kh-ubnd") is PLAN and notes.find("99/KH-UBND") is None
