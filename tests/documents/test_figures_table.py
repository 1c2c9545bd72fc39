"""documents/figures_table.py: the report's figures as the annex and the workbook arrange them.

Areas are the sections holding indicator groups (numbered 'II.2'), rows are group titles,
level sub-headings and numbered figure rows with this period, the previous one, last year
and a remark (a rate's fraction, then the clerk's note); per-level groups show the levels
that have figures (the unit's own when none has), the total only beside two levels or more;
optional figures only when some column has one; sentences read a rate's numerator and
denominator in its fraction, not twice. All in the language passed, Vietnamese for the
documents. Beside tests/documents/test_workbook.py and tests/documents/test_pdf_annexes.py,
which read these rows back from the finished workbook and PDF.
"""

from __future__ import annotations

from decimal import Decimal

from documents.doc_helpers import sample_context
from factories import make_report, records, template

from cchc_desktop.documents.figures_table import (
    Row,
    RowKind,
    area_rows,
    areas,
    extra_blocks,
    format_value,
    section_headings,
    sentence_items,
    shown_levels,
)
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.i18n import language_named

VI = language_named("vi")
PLAN = {"cddh.kh.tong": 66, "cddh.kh.hoan_thanh": 42, "cddh.kh.dang_thuc_hien": 20,
        "cddh.kh.chua_thuc_hien": 4}


def test_areas_are_the_sections_with_groups_numbered_as_the_outline() -> None:
    headings = [area.heading for area in areas(template(), VI)]
    assert headings == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "II.1. Cải cách thể chế",
        "II.2. Cải cách thủ tục hành chính", "II.3. Cải cách tổ chức bộ máy",
        "II.4. Cải cách chế độ công vụ", "II.5. Cải cách tài chính công",
        "II.6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"]
    assert section_headings(template(), VI)["tcc"] == "II.5. Cải cách tài chính công"
    english = areas(template(), language_named("en"))[0]
    assert english.heading == "I. DIRECTION AND MANAGEMENT OF ADMINISTRATIVE REFORM"


def test_an_areas_rows_number_the_figures_and_remark_a_rate_and_a_note() -> None:
    report = make_report(PLAN, notes={"cddh.kh.chua_thuc_hien": " Chờ kinh phí. "})
    previous = make_report({**PLAN, "cddh.kh.hoan_thanh": 30}, kind="Y", year=2025)
    context = build_context(report, template(), previous=previous)
    rows = area_rows(context, areas(template(), VI)[0], VI)
    assert [(r.kind, r.stt, r.label) for r in rows[:6]] == [
        (RowKind.GROUP, "", "Kế hoạch CCHC năm"),
        (RowKind.FIGURE, "1", "Tổng số nhiệm vụ trong kế hoạch CCHC năm"),
        (RowKind.FIGURE, "2", "Số nhiệm vụ đã hoàn thành"),
        (RowKind.FIGURE, "3", "Số nhiệm vụ đang thực hiện"),
        (RowKind.FIGURE, "4", "Số nhiệm vụ chưa thực hiện"),
        (RowKind.FIGURE, "5", "Tỷ lệ hoàn thành kế hoạch")]
    done, not_started, rate = rows[2], rows[4], rows[5]
    assert (done.code, done.current, done.previous, done.last_year) == (
        "cddh.kh.hoan_thanh", Decimal(42), Decimal(30), None)
    assert not_started.remark == "Chờ kinh phí."
    assert (rate.current, rate.remark) == (Decimal("63.64"), "42/66 nhiệm vụ")
    assert rows[6] == Row(RowKind.GROUP, "Nhiệm vụ cấp trên giao")


def test_per_level_blocks_show_the_levels_with_figures_and_then_the_total() -> None:
    group = template().section("tthc").groups[-2]
    assert group.id == "tthc.hs" and group.total_level == "tong"
    only_commune = build_context(make_report(records("xa", online=5)), template())
    assert shown_levels(only_commune, group) == ["xa"]
    two = build_context(make_report({**records("huyen", online=3), **records("xa", online=5)}),
                        template())
    assert shown_levels(two, group) == ["huyen", "xa", "tong"]
    nothing = build_context(make_report({}), template())
    assert shown_levels(nothing, group) == ["xa"]           # the commune's own level
    area = next(a for a in areas(template(), VI) if a.section.id == "tthc")
    levels = [r.label for r in area_rows(two, area, VI) if r.kind is RowKind.LEVEL]
    assert levels[-3:] == ["Cấp huyện", "Cấp xã", "Tổng cộng"]


def test_an_optional_figure_is_shown_only_when_some_column_has_it() -> None:
    area = areas(template(), VI)[0]
    assert template().indicators["cddh.sang_kien"].optional
    without = area_rows(build_context(make_report(PLAN), template()), area, VI)
    assert "cddh.sang_kien" not in [r.code for r in without]
    last_year = make_report({"cddh.sang_kien": 3}, year=2025)
    with_it = area_rows(build_context(make_report(PLAN), template(), last_year=last_year),
                        area, VI)
    row = next(r for r in with_it if r.code == "cddh.sang_kien")
    assert (row.current, row.last_year) == (None, Decimal(3))


def test_sentences_read_a_rates_parts_in_its_fraction_only() -> None:
    context = build_context(make_report(PLAN), template())
    codes = list(template().section("cddh").groups[0].codes)
    assert sentence_items(context, codes, VI) == [
        "số nhiệm vụ đang thực hiện 20 nhiệm vụ", "số nhiệm vụ chưa thực hiện 4 nhiệm vụ",
        "tỷ lệ hoàn thành kế hoạch: 42/66 nhiệm vụ, đạt 63,64%"]
    # without the rate in the block, its parts are said themselves
    assert sentence_items(context, codes[:2], VI) == [
        "tổng số nhiệm vụ trong kế hoạch CCHC năm 66 nhiệm vụ",
        "số nhiệm vụ đã hoàn thành 42 nhiệm vụ"]


def test_values_are_written_the_vietnamese_way() -> None:
    context = sample_context()
    received = template().indicators["tthc.hs.xa.tiep_nhan"]
    rate = template().indicators["cddh.kh.ty_le_hoan_thanh"]
    assert format_value(received, Decimal(1234567), 2, language=VI) == "1.234.567"
    assert format_value(received, None, 2, language=VI) == ""
    assert format_value(rate, context.figures.get(rate.code), 2,
                        context.figures.rates.get(rate.code), language=VI) == "63,64%"


def test_extra_figures_come_by_section_in_the_templates_order_unknown_last() -> None:
    figures = [ExtraFigure("khong_co", "x.y", "Số liệu lạ", "cái", Decimal(1)),
               ExtraFigure("tcc", "ns.thu", "Thu ngân sách", "triệu đồng", Decimal("1250.5")),
               ExtraFigure("cddh", "hop", "Số cuộc họp", "cuộc", Decimal(4)),
               ExtraFigure("cddh", "trong", "Chưa nhập", "cuộc")]
    context = build_context(make_report({}, extra_figures=figures), template())
    blocks = extra_blocks(context, VI)
    assert [(heading, [row.figure.key for row in rows]) for heading, rows in blocks] == [
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", ["hop"]),
        ("II.5. Cải cách tài chính công", ["ns.thu"]),
        ("khong_co", ["x.y"])]
