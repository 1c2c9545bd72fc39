"""domain/indicator_help.py: the lines F1 shows about a figure, read from the template.

The label, its unit, the template's help text, how a derived figure is computed (a sum of
labels, a numerator over a denominator) or that it is typed in, where it starts from, and
whether it may stay empty. Beside tests/gui/test_field_help.py, which shows them on F1.
"""

from __future__ import annotations

from factories import template

from cchc_desktop.domain.field_kinds import IndicatorKind
from cchc_desktop.domain.indicator_help import indicator_help
from cchc_desktop.domain.template import Indicator
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import set_language


def test_a_sum_names_its_parts_by_label() -> None:
    tpl = template()
    assert indicator_help(tpl, tpl.indicators["tthc.hs.xa.tiep_nhan"]) == [
        "Số hồ sơ tiếp nhận", "Đơn vị tính: hồ sơ",
        "Tính tự động: tổng của Số hồ sơ kỳ trước chuyển qua; Mới tiếp nhận trực tuyến; "
        "Mới tiếp nhận trực tiếp, bưu chính."]


def test_a_rate_names_its_numerator_and_denominator() -> None:
    tpl = template()
    assert indicator_help(tpl, tpl.indicators["cddh.kh.ty_le_hoan_thanh"])[2] == (
        "Tính tự động: (Số nhiệm vụ đã hoàn thành) chia cho (Tổng số nhiệm vụ trong kế hoạch "
        "CCHC năm), nhân 100.")


def test_an_entered_figure_says_its_help_its_start_and_that_it_may_stay_empty() -> None:
    tpl = template()
    assert indicator_help(tpl, tpl.indicators["cddh.sang_kien"]) == [
        "Số sáng kiến, giải pháp CCHC được công nhận", "Đơn vị tính: sáng kiến",
        "Sáng kiến, giải pháp về CCHC được cấp có thẩm quyền công nhận bằng quyết định trong kỳ.",
        "Nhập trực tiếp.", "Không bắt buộc: để trống nếu đơn vị không có số liệu này."]
    assert indicator_help(tpl, tpl.indicators["cddh.kh.tong"])[-1] == (
        "Đầu kỳ lấy từ báo cáo kỳ trước cùng năm.")


def test_a_figure_without_unit_carried_always_and_parts_the_template_lacks() -> None:
    own = Indicator("x.ton", Text("Tồn cuối kỳ"), Text(""), IndicatorKind.SUM, "x", "x.g",
                    parts=("x.khong_co", "cddh.kh.tong"), carry="always")
    assert indicator_help(template(), own) == [
        "Tồn cuối kỳ", "Tính tự động: tổng của Tổng số nhiệm vụ trong kế hoạch CCHC năm.",
        "Đầu kỳ lấy từ báo cáo kỳ trước."]


def test_the_lines_follow_the_windows_language() -> None:
    set_language("en")
    lines = indicator_help(template(), template().indicators["cddh.sang_kien"])
    assert lines[1:2] + lines[3:] == ["Unit: initiatives", "Typed in.",
                                      "Optional: leave it empty if the unit has no such figure."]
