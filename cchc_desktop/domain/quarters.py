"""Flows of the quarters that have no report of their own, derived from the reports that do.

Quý II = 6 tháng - Quý I; Quý IV = Năm - 6 tháng - Quý III (the periods overlap: brief
section 2). Only flows are derived this way; a stock is the value at the later report's
cut-off. Rates are then computed from the derived figures, as for any report.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import _

_RECIPES = {
    "Q2": (PeriodKind.H1, (PeriodKind.Q1,)),
    "Q4": (PeriodKind.Y, (PeriodKind.H1, PeriodKind.Q3)),
}


def derive_quarter(template: Template, quarter: str,
                   reports: Mapping[PeriodKind, Mapping[str, Decimal]]) -> dict[str, Decimal]:
    """Entered figures of Quý II or Quý IV from the year's reports (by kind)."""
    if quarter not in _RECIPES:
        raise ReportError(_("Chỉ tính được quý II hoặc quý IV."))
    whole_kind, part_kinds = _RECIPES[quarter]
    missing = [kind for kind in (whole_kind, *part_kinds) if kind not in reports]
    if missing:
        raise ReportError(_("Thiếu báo cáo {kinds} để tính {quarter}.").format(
            kinds=", ".join(kind.label for kind in missing), quarter=quarter))
    whole = reports[whole_kind]
    derived: dict[str, Decimal] = {}
    for code, indicator in template.indicators.items():
        if indicator.derived or code not in whole:
            continue
        if indicator.flow == "flow":
            derived[code] = whole[code] - sum(
                (reports[kind].get(code, Decimal(0)) for kind in part_kinds), Decimal(0))
        else:
            derived[code] = whole[code]
    return derived
