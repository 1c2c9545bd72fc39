"""What an entered figure may be, by indicator kind: the one check shared by forms and files."""

from __future__ import annotations

from decimal import Decimal

from cchc_desktop.domain.rates import round_half_up
from cchc_desktop.domain.template import Indicator, IndicatorKind
from cchc_desktop.i18n import _

HUNDRED = Decimal(100)


def value_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why `value` cannot be stored for `indicator`, in a sentence; None when it can."""
    if indicator.derived:
        return _("là chỉ tiêu tính tự động, không nhập")
    if not value.is_finite():
        return _("không phải là số")
    if value < 0:
        return _("không được âm")
    if indicator.kind is IndicatorKind.COUNT and value != value.to_integral_value():
        return _("phải là số nguyên")
    if value != round_half_up(value, indicator.decimals):
        return _("có quá {n} chữ số thập phân").format(n=indicator.decimals)
    if indicator.kind is IndicatorKind.PERCENT and value > HUNDRED:
        return _("là tỷ lệ phần trăm nên không vượt quá 100")
    return None
