"""domain/extra_figures.py: figures a unit adds to a section beyond the template's indicators.

A figure is stored only with a key of its shape, a section of the template, a value in the
number domain and, for a rate, two other figures; a report's list names its first bad
figure, a key twice included; a section's figures are replaced in place; keys of figures
named alike get a number; the change log keeps a figure as JSON that reads back (rates by
their figures' labels). Beside tests/domain/test_rich_text.py (sums, rates again, carry over,
keys from labels), tests/domain/test_template_extra_figures.py (the template's offers) and
tests/storage/test_extra_figure_edits.py (the log in the data file).
"""

from __future__ import annotations

from decimal import Decimal

from factories import template

from cchc_desktop.domain.extra_figures import (
    ExtraFigure,
    LoggedFigure,
    extra_figure_problem,
    figures_problem,
    key_from_label,
    logged,
    merged_figures,
    rate_value,
    read_logged,
    unique_key,
)

REVENUE = ExtraFigure("tcc", "ns.thu", "Thu ngân sách", "triệu đồng", Decimal("1250.50"))
ESTIMATE = ExtraFigure("tcc", "ns.du_toan", "Dự toán thu", "triệu đồng", Decimal(1000))
RATE = ExtraFigure("tcc", "ns.ty_le", "Tỷ lệ thu so với dự toán", "%", None,
                   ("ns.thu", "ns.du_toan"))
MEETINGS = ExtraFigure("cddh", "hop", "Số cuộc họp", "cuộc", Decimal(4))


def test_a_figure_is_stored_only_when_each_part_is_sound() -> None:
    tpl = template()
    assert extra_figure_problem(REVENUE, tpl) is None and extra_figure_problem(RATE, tpl) is None
    assert extra_figure_problem(ExtraFigure("tcc", "Thu Ngân Sách", "Thu"), tpl) == (
        "mã chỉ được gồm chữ thường không dấu, số, dấu chấm, gạch dưới")
    assert extra_figure_problem(ExtraFigure("khong_co", "ns.thu", "Thu"), tpl) == (
        "mục không có trong mẫu")
    assert extra_figure_problem(ExtraFigure("tcc", "ns.thu", "Thu", "", Decimal("1e20")), tpl) == (
        "quá lớn hoặc quá nhiều chữ số (tối đa 15 chữ số có nghĩa)")
    for bad_rate in (("ns.ty_le", "ns.du_toan"), ("ns.thu", "Dự toán")):
        figure = ExtraFigure("tcc", "ns.ty_le", "Tỷ lệ", "%", None, bad_rate)
        assert extra_figure_problem(figure, tpl) == "tỷ lệ phải là của hai số liệu khác"
    typed = ExtraFigure("tcc", "ns.ty_le", "Tỷ lệ", "%", Decimal(5), ("ns.thu", "ns.du_toan"))
    assert extra_figure_problem(typed, tpl) == "tỷ lệ phải là của hai số liệu khác"


def test_a_list_names_its_first_bad_figure_and_a_key_taken_twice() -> None:
    tpl = template()
    assert figures_problem([REVENUE, ESTIMATE, RATE], tpl) is None
    assert figures_problem([REVENUE, ESTIMATE, REVENUE], tpl) == ("ns.thu", "mã bị trùng")
    bad = ExtraFigure("nowhere", "x", "X")
    assert figures_problem([REVENUE, bad, REVENUE], tpl) == ("x", "mục không có trong mẫu")
    assert figures_problem([], tpl) is None


def test_a_sections_figures_are_replaced_where_they_stood() -> None:
    figures = [MEETINGS, REVENUE, ESTIMATE, ExtraFigure("cds", "tk", "Tài khoản", "", Decimal(9))]
    new = [ExtraFigure("tcc", "ns.chi", "Chi ngân sách", "triệu đồng", Decimal(800))]
    assert [f.key for f in merged_figures(figures, "tcc", new)] == ["hop", "ns.chi", "tk"]
    assert [f.key for f in merged_figures(figures, "tcc", [])] == ["hop", "tk"]
    assert [f.key for f in merged_figures([MEETINGS], "tcc", new)] == ["hop", "ns.chi"]


def test_keys_named_alike_get_a_number_and_labels_fold_to_keys() -> None:
    assert unique_key("own.so_xe", []) == "own.so_xe"
    assert unique_key("own.so_xe", ["own.so_xe"]) == "own.so_xe_2"
    assert unique_key("own.so_xe", ["own.so_xe", "own.so_xe_2", "own.so_xe_4"]) == "own.so_xe_3"
    assert key_from_label("Số xe ô tô công!") == "own.so_xe_o_to_cong"
    assert key_from_label("!!! ???") == "own.figure"
    assert len(key_from_label("Đường " * 40)) == len("own.") + 60


def test_the_log_keeps_a_figure_that_reads_back() -> None:
    assert logged(REVENUE) == ('{"label": "Thu ngân sách", "unit": "triệu đồng", '
                               '"value": "1250.5"}')
    assert read_logged(logged(REVENUE)) == LoggedFigure("Thu ngân sách", "triệu đồng",
                                                       Decimal("1250.5"), None)
    rate = read_logged(logged(RATE, [REVENUE]))      # the estimate is gone: named by its key
    assert rate == LoggedFigure("Tỷ lệ thu so với dự toán", "%", None,
                                ("Thu ngân sách", "ns.du_toan"))


def test_an_unreadable_log_entry_is_none_and_a_bad_value_no_value() -> None:
    assert read_logged(None) is None and read_logged("") is None
    assert read_logged("{không phải JSON") is None and read_logged("[1, 2]") is None
    assert read_logged('{"label": "Thu", "value": "abc"}') == LoggedFigure("Thu", "", None, None)


def test_a_rate_is_its_two_figures_in_per_cent() -> None:
    assert rate_value(RATE, [REVENUE, ESTIMATE]) == Decimal("125.05")
    assert rate_value(RATE, [REVENUE]) is None
    assert rate_value(RATE, [REVENUE, ExtraFigure("tcc", "ns.du_toan", "Dự toán", "", Decimal(0))]
                      ) is None
    assert rate_value(REVENUE, []) == Decimal("1250.50")      # not a rate: its own value
    assert RATE.is_rate and not REVENUE.is_rate
