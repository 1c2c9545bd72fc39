"""Figures of other reports kept beside a report, when those reports are not in this data file
(last period's file came from another PC): the 'previous' and 'last_year' columns."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cchc_desktop.storage.changes import log_change
from cchc_desktop.storage.models import ComparisonRow
from cchc_desktop.storage.rows import editable_row
from cchc_desktop.storage.units import StorePart

# A column as kept: its label ("Năm 2025") and the entered figures by code.
StoredColumn = tuple[str, Mapping[str, Decimal]]


def replace_comparison(session: Session, report_id: int, kind: str, column: StoredColumn) -> None:
    label, values = column
    session.execute(delete(ComparisonRow).where(ComparisonRow.report_id == report_id,
                                                ComparisonRow.kind == kind))
    session.add_all(ComparisonRow(report_id=report_id, kind=kind, code=code, label=label,
                                  value=value) for code, value in values.items())
    log_change(session, report_id, "comparison", kind, None, label)


class ComparisonsPart(StorePart):
    def set_comparison(self, report_id: int, kind: str, label: str,
                       values: Mapping[str, Decimal]) -> None:
        """Keep another report's figures beside this one ('previous' or 'last_year')."""
        with self.database.session() as session:
            editable_row(session, report_id)
            replace_comparison(session, report_id, kind, (label, values))

    def comparison(self, report_id: int, kind: str) -> tuple[str, dict[str, Decimal]] | None:
        with self.database.session() as session:
            rows = list(session.scalars(select(ComparisonRow).where(
                ComparisonRow.report_id == report_id, ComparisonRow.kind == kind)))
            if not rows:
                return None
            return rows[0].label, {row.code: row.value for row in rows}
