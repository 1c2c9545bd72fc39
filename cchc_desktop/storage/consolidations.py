"""What a consolidation keeps in the data file: the subordinate units' reports as they
arrived, the consolidated report, and the consolidating unit's own figures apart from the
sums. The sums themselves are made in imports/subordinates.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.domain.report import Report
from cchc_desktop.i18n import _
from cchc_desktop.storage.models import OwnValueRow, ReportRow, UnitRow, utcnow
from cchc_desktop.storage.reports import ReportsPart
from cchc_desktop.storage.rows import WHOLE_REPORT, editable_row, report_from_row


@dataclass(frozen=True)
class StoredSubmission:
    """A subordinate unit's report with when and from which file it arrived."""

    report_id: int | None
    report: Report
    received_at: dt.datetime | None
    source_name: str = ""
    source_sha256: str = ""


class ConsolidationPart(ReportsPart):
    def subordinate_reports(self, year: int, kind: PeriodKind | str, *,
                            include_inactive: bool = True) -> list[StoredSubmission]:
        """The reports of the own unit's subordinate units for one period, as they arrived,
        in the order of the units."""
        with self.database.session() as session:
            own = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if own is None:
                return []
            query = select(ReportRow).join(UnitRow).where(
                UnitRow.superior_id == own.id, ReportRow.year == year,
                ReportRow.kind == PeriodKind(kind).value)
            if not include_inactive:
                query = query.where(UnitRow.active)
            rows = session.scalars(query.options(*WHOLE_REPORT).order_by(UnitRow.id))
            return [StoredSubmission(r.id, report_from_row(r), r.received_at, r.source_name,
                                     r.source_sha256) for r in rows]

    def own_figures(self, report_id: int) -> dict[str, Decimal] | None:
        """The consolidating unit's own figures kept apart from the sums (possibly none at
        all); None when the report was never consolidated."""
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is None or row.consolidated_at is None:
                return None
            return {v.code: v.value for v in row.own_values}

    def save_consolidation(self, report_id: int, report: Report,
                           incoming: Sequence[StoredSubmission], own: Mapping[str, Decimal],
                           *, summed: int) -> None:
        """Store the units' new files, the consolidated `report` (of `summed` units) and the
        unit's `own` figures, in one transaction: together or not at all."""
        incoming = [StoredSubmission(s.report_id, self._check_values(s.report), s.received_at,
                                     s.source_name, s.source_sha256) for s in incoming]
        report = self._check_values(report)
        with self.database.session() as session:
            row = editable_row(session, report_id)
            for submission in incoming:
                saved = self._save_in(session, submission.report,
                                      _("Nhận tệp {name}").format(name=submission.source_name))
                saved.received_at = submission.received_at
                saved.source_name, saved.source_sha256 = (submission.source_name,
                                                          submission.source_sha256)
            self._save_in(session, report, _("Tổng hợp đơn vị trực thuộc"),
                          summary=("consolidation", str(summed)))
            row.consolidated_at = utcnow()
            row.own_values = [OwnValueRow(code=code, value=value) for code, value in own.items()]
