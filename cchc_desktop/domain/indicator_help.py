"""What a figure means and how it is counted, for F1 on its field.

Read from the template: the indicator's label and unit, its `help` text (taken from the
official guidance where the template has it), how a derived figure is computed from others,
and whether it starts from last period's report. The window shows these lines as they are.
"""

from __future__ import annotations

from cchc_desktop.domain.template import Indicator, Template
from cchc_desktop.i18n import N_, _

CARRY = {
    "always": N_("Đầu kỳ lấy từ báo cáo kỳ trước."),
    "within_year": N_("Đầu kỳ lấy từ báo cáo kỳ trước cùng năm."),
}


def _labels(template: Template, codes: tuple[str, ...]) -> str:
    return "; ".join(str(template.indicators[code].label) for code in codes if code in template.indicators)


def indicator_help(template: Template, indicator: Indicator) -> list[str]:
    """Lines for the clerk: what it is, its unit, how it is counted, where it starts from."""
    lines = [str(indicator.label)]
    unit = str(indicator.unit)
    if unit:
        lines.append(_("Đơn vị tính: {unit}").format(unit=unit))
    if str(indicator.help):
        lines.append(str(indicator.help))
    if indicator.parts:
        lines.append(_("Tính tự động: tổng của {parts}.").format(parts=_labels(template, indicator.parts)))
    elif indicator.numerator and indicator.denominator:
        lines.append(_("Tính tự động: ({numerator}) chia cho ({denominator}), nhân 100.").format(
            numerator=_labels(template, indicator.numerator),
            denominator=_labels(template, indicator.denominator)))
    else:
        lines.append(_("Nhập trực tiếp."))
    if indicator.carry in CARRY:
        lines.append(_(CARRY[indicator.carry]))
    if indicator.optional:
        lines.append(_("Không bắt buộc: để trống nếu đơn vị không có số liệu này."))
    return lines
