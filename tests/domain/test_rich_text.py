"""The rich narrative's structure: its stored form round-trips, its plain text is what the
checks read, and a hostile stored form is refused with where, never a traceback."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from cchc_desktop.domain.extra_figures import ExtraFigure, carried_over, key_from_label, rate_value, summed
from cchc_desktop.domain.rich_text import (
    Cell,
    Footnote,
    ListBlock,
    Paragraph,
    RichText,
    RichTextError,
    Run,
    Table,
)

SAMPLE = RichText((
    Paragraph((Run("Tiếp nhận "), Run("1.237", bold=True), Run(" hồ sơ"),
               Footnote("Gồm 12 xã và 3 phường."))),
    ListBlock(True, ((Run("Lĩnh vực đất đai"),), (Run("Hộ tịch", italic=True),))),
    Table((1, 3, 2), 1, (
        (Cell((Run("STT"),), rowspan=2), Cell((Run("Nội dung"),), colspan=2)),
        (Cell((Run("Tên"),)), Cell((Run("Số"),))),
        (Cell((Run("1"),)), Cell((Run("Đất đai"),)), Cell((Run("42"),))),
    )),
))


def test_the_stored_form_round_trips_through_json_text():
    stored = json.dumps(SAMPLE.to_json(), ensure_ascii=False)
    assert RichText.from_json(json.loads(stored)) == SAMPLE


def test_plain_text_keeps_words_lists_cells_and_footnotes():
    assert SAMPLE.plain_text() == (
        "Tiếp nhận 1.237 hồ sơ (Gồm 12 xã và 3 phường.)\n\n"
        "1. Lĩnh vực đất đai\n2. Hộ tịch\n\n"
        "STT | Nội dung\nTên | Số\n1 | Đất đai | 42")
    assert SAMPLE.footnotes() == ["Gồm 12 xã và 3 phường."]
    assert not SAMPLE.is_plain()


def test_a_plain_narrative_reads_as_paragraphs_and_lists_and_needs_no_structure():
    rich = RichText.from_plain("Đoạn một\ndòng hai\n\n- mục a\n- mục b\n1. số một\n\nkết")
    assert rich.blocks == (
        Paragraph((Run("Đoạn một dòng hai"),)),
        ListBlock(False, ((Run("mục a"),), (Run("mục b"),))),
        ListBlock(True, ((Run("số một"),),)),
        Paragraph((Run("kết"),)),
    )
    assert rich.is_plain()


def test_the_grid_puts_each_cell_where_spans_leave_room():
    table = SAMPLE.tables()[0]
    assert [(r, c, cell.content[0].text) for r, c, cell in table.spans()
            if isinstance(cell.content[0], Run)] == [
        (0, 0, "STT"), (0, 1, "Nội dung"), (1, 1, "Tên"), (1, 2, "Số"),
        (2, 0, "1"), (2, 1, "Đất đai"), (2, 2, "42")]


@pytest.mark.parametrize("stored, where", [
    ([], "nội dung định dạng"),
    ({"blocks": [{"type": "image"}]}, "blocks[0]"),
    ({"blocks": [{"type": "paragraph", "content": [{"text": 5}]}]}, "blocks[0].content[0]"),
    ({"blocks": [{"type": "paragraph", "content": [{"text": "a", "bold": "yes"}]}]}, ".bold"),
    ({"blocks": [{"type": "paragraph", "content": [{"html": "<b>"}]}]}, "khóa không biết"),
    ({"blocks": [{"type": "table", "widths": [], "rows": []}]}, "ít nhất một cột"),
    ({"blocks": [{"type": "table", "widths": [1], "rows": [[{"content": []}, {"content": []}]]}]},
     "rộng hơn"),
    ({"blocks": [{"type": "table", "widths": [1, 1], "rows": [[{"content": [], "rowspan": 3}]]}]},
     "quá dòng cuối"),
    ({"blocks": [{"type": "table", "widths": [1, 1], "header_rows": 2, "rows": [[]]}]},
     "header_rows"),
    ({"blocks": [{"type": "table", "widths": [1, 1], "rows": [
        [{"content": [], "rowspan": 2}, {"content": []}],
        [{"content": [], "colspan": 2}]]}]}, "rộng hơn"),
    ({"blocks": [{"type": "paragraph", "content": [{"text": "x"}]}] * 2001}, "nhiều quá"),
    ({"blocks": [{"type": "paragraph", "content": [{"text": "x" * 200_001}]}]}, "dài quá"),
])
def test_a_stored_form_of_the_wrong_shape_is_refused_saying_where(stored, where):
    with pytest.raises(RichTextError, match=where.replace("[", r"\[").replace("]", r"\]")):
        RichText.from_json(stored)


def test_a_narrative_too_long_in_total_is_refused():
    block = {"type": "paragraph", "content": [{"text": "x" * 150_000}]}
    with pytest.raises(RichTextError, match="nội dung dài quá"):
        RichText.from_json({"blocks": [block] * 14})


def test_extra_figures_sum_by_key_and_rates_are_computed_again_from_the_sums():
    def unit(revenue: str, estimate: str) -> list[ExtraFigure]:
        return [ExtraFigure("s1", "own.thu_ngan_sach", "Thu ngân sách", "triệu đồng", Decimal(revenue)),
                ExtraFigure("s1", "own.du_toan", "Dự toán", "triệu đồng", Decimal(estimate)),
                ExtraFigure("s1", "own.ty_le_thu", "Tỷ lệ thu so dự toán", "%", None,
                            ("own.thu_ngan_sach", "own.du_toan"))]
    total = summed([unit("30", "100"), unit("50", "100")])
    assert [f.value for f in total] == [Decimal(80), Decimal(200), None]
    assert rate_value(total[2], total) == Decimal(40)
    assert rate_value(unit("1", "0")[2], unit("1", "0")) is None
    assert all(f.value is None for f in carried_over(total))
    assert key_from_label("Số tài khoản Đảng viên") == "own.so_tai_khoan_dang_vien"
