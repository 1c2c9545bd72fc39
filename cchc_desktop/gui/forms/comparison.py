"""The previous period's value and the same period last year, shown beside a figure."""

from __future__ import annotations

from cchc_desktop.domain.context import ComparisonColumn
from cchc_desktop.domain.template import Indicator
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


def compared_value(column: ComparisonColumn | None, indicator: Indicator, precision: int) -> str:
    if column is None:
        return ""
    return indicator.field_kind.text(indicator, column.values.get(indicator.code), precision)


def columns(session: ReportSession) -> list[tuple[str, ComparisonColumn]]:
    """The comparison columns known for this report, with their headings."""
    found = []
    if session.context.previous is not None:
        found.append((_("Kỳ trước"), session.context.previous))
    if session.context.last_year is not None:
        found.append((_("Cùng kỳ năm trước"), session.context.last_year))
    return found


def compact_hint(session: ReportSession, indicator: Indicator) -> str:
    """'Kỳ trước: 42 · Cùng kỳ: 40' under a table cell; '' when nothing is known."""
    parts = []
    precision = session.report.precision
    for short, column in ((_("Kỳ trước"), session.context.previous),
                          (_("Cùng kỳ"), session.context.last_year)):
        text = compared_value(column, indicator, precision)
        if text:
            parts.append(f"{short}: {text}")
    return " · ".join(parts)
