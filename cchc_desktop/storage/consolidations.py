"""What a consolidation keeps in the data file: the subordinate units' reports as they
arrived, the consolidated report, and the consolidating unit's own figures apart from the
sums. The sums themselves are made in imports/subordinates.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.lifecycle import status_for_stored
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.domain.report import Report, ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _
from cchc_desktop.storage.bulk_reports import NewReport, insert_changes, insert_reports
from cchc_desktop.storage.changes import history_user
from cchc_desktop.storage.models import OwnValueRow, ReportRow, UnitRow, utcnow
from cchc_desktop.storage.reports import ReportsPart
from cchc_desktop.storage.rows import WHOLE_REPORT, editable_row, report_from_row
from cchc_desktop.storage.units import unit_row


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
        unit's `own` figures, in one transaction: together or not at all.

        A unit's first file for the period is a new row: those are added together, with one
        query for their units, one for the rows already there and one flush (a province
        sends 2,000 at once). A new revision replaces its row as save_report does, with what
        it changes in the history figure by figure.
        """
        incoming = [StoredSubmission(s.report_id, self._check_values(s.report), s.received_at,
                                     s.source_name, s.source_sha256) for s in incoming]
        report = self._check_values(report)
        # One transaction; nothing is flushed before it is all built (no SELECT per file).
        with self.database.session() as session, session.no_autoflush:
            row = editable_row(session, report_id)
            units = _unit_rows(session, [s.report.unit for s in incoming])
            stored = _stored_periods(session, [units[s.report.unit.code].id for s in incoming])
            fresh: list[StoredSubmission] = []
            pending: set[tuple[int, int, str, Any]] = set()
            for submission in incoming:
                period = submission.report.period
                key = (units[submission.report.unit.code].id, period.year, period.kind.value,
                       period.start)
                if key not in stored and key not in pending:
                    fresh.append(submission)
                    pending.add(key)
                    continue
                if key in pending:     # the same unit twice: the first one written before
                    self._add_new(session, units, fresh)
                    fresh, pending = [], set()
                saved = self._save_in(session, submission.report,
                                      _("Nhận tệp {name}").format(name=submission.source_name))
                _mark_received(saved, submission)
            self._add_new(session, units, fresh)
            self._save_in(session, report, _("Tổng hợp đơn vị trực thuộc"),
                          summary=("consolidation", str(summed)))
            row.consolidated_at = utcnow()
            row.own_values = [OwnValueRow(code=code, value=value) for code, value in own.items()]

    def _add_new(self, session: Session, units: Mapping[str, UnitRow],
                 fresh: Sequence[StoredSubmission]) -> None:
        """The units' first reports of the period, inserted together (storage/bulk_reports.py),
        with their history line ("Nhận tệp ...", and the status kept as draft for an error)."""
        statuses = self._statuses(session, [s.report for s in fresh])
        ids = insert_reports(session, [
            NewReport(units[s.report.unit.code].id, replace(s.report, status=status), s.received_at,
                      s.source_name, s.source_sha256) for s, status in zip(fresh, statuses, strict=True)])
        user = history_user(session)
        changes: list[dict[str, Any]] = []
        for saved_id, submission, status in zip(ids, fresh, statuses, strict=True):
            changes.append({"report_id": saved_id, "user": user, "entity": "report", "key": "create",
                            "reason": _("Nhận tệp {name}").format(name=submission.source_name)})
            if status is not submission.report.status:
                changes.append({"report_id": saved_id, "user": user, "entity": "status",
                                "key": "status", "old_value": submission.report.status.value,
                                "new_value": status.value,
                                "reason": _("Báo cáo còn lỗi nên được lưu ở trạng thái dự thảo")})
        insert_changes(session, changes)

    def _statuses(self, session: Session, reports: Sequence[Report]) -> list[ReportStatus]:
        """The status each report may be stored with (status_for_stored). Only a report that
        is not a draft needs its findings, with its opening report from this data file
        (found for all of them at once, as _findings_of finds one)."""
        wanted = [r for r in reports if r.status is not ReportStatus.DRAFT]
        openings = _openings(session, wanted)
        statuses: list[ReportStatus] = []
        for report in reports:
            if report.status is ReportStatus.DRAFT:
                statuses.append(report.status)
                continue
            key = report.period.opening_key()
            opening = openings.get((report.unit.code, *key)) if key is not None else None
            findings = build_context(report, self.registry.get(report.template_ref),
                                     opening=opening).findings
            statuses.append(status_for_stored(report.status, findings))
        return statuses


_CHUNK = 500     # values per IN (...)


def _chunks(items: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start:start + _CHUNK])


def _unit_rows(session: Session, units: Sequence[Unit]) -> dict[str, UnitRow]:
    """The rows of these units by code, in one query; a unit not there yet is added."""
    found: dict[str, UnitRow] = {}
    for chunk in _chunks(sorted({u.code for u in units})):
        found.update((r.code, r) for r in session.scalars(select(UnitRow).where(UnitRow.code.in_(chunk))))
    for unit in units:
        if unit.code not in found:
            found[unit.code] = unit_row(session, unit)
    return found


def _stored_periods(session: Session, unit_ids: Sequence[int]) -> set[tuple[int, int, str, Any]]:
    """(unit, year, kind, start) of every report these units already have."""
    stored: set[tuple[int, int, str, Any]] = set()
    for chunk in _chunks(sorted(set(unit_ids))):
        stored.update(tuple(r) for r in session.execute(  # type: ignore[misc]
            select(ReportRow.unit_id, ReportRow.year, ReportRow.kind, ReportRow.start)
            .where(ReportRow.unit_id.in_(chunk))))
    return stored


def _openings(session: Session, reports: Sequence[Report]) -> dict[tuple[str, int, PeriodKind], Report]:
    """Each report's opening report in this data file (the earliest of its period), by
    (unit code, year, kind): one query per period asked for."""
    wanted: dict[tuple[int, PeriodKind], set[str]] = {}
    for report in reports:
        key = report.period.opening_key()
        if key is not None:
            wanted.setdefault(key, set()).add(report.unit.code)
    found: dict[tuple[str, int, PeriodKind], Report] = {}
    for (year, kind), codes in wanted.items():
        for chunk in _chunks(sorted(codes)):
            rows = session.scalars(
                select(ReportRow).join(UnitRow).where(
                    UnitRow.code.in_(chunk), ReportRow.year == year,
                    ReportRow.kind == PeriodKind(kind).value)
                .options(*WHOLE_REPORT).order_by(ReportRow.start))
            for opening_row in rows:
                found.setdefault((opening_row.unit.code, year, kind), report_from_row(opening_row))
    return found


def _mark_received(saved: ReportRow, submission: StoredSubmission) -> None:
    saved.received_at = submission.received_at
    saved.source_name, saved.source_sha256 = submission.source_name, submission.source_sha256
