"""Many new reports written at once: the units' first files of a consolidation.

A province consolidates up to 2,000 communes in one transaction. Built as ORM objects
(storage/rows.py fill_row) each report costs some thirty instrumented objects and their
unit of work, more than the reading of the file; here the same rows are inserted with
SQLAlchemy Core, one executemany per table. The columns are those fill_row writes
(tests/storage/test_bulk_reports.py compares every column of both ways, so a column
added to one and not the other fails there).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from cchc_desktop.domain.report import Report
from cchc_desktop.storage.models import (
    ChangeRow,
    DocumentRow,
    ExtraFigureRow,
    NoteRow,
    ProposalRow,
    ReportRow,
    SubunitRow,
    TargetRow,
    TaskRow,
    TextRow,
    ValueRow,
    utcnow,
)
from cchc_desktop.storage.rows import rich_content


@dataclass(frozen=True)
class NewReport:
    """One report to insert (its status already the one it may be stored with)."""

    unit_id: int
    report: Report
    received_at: Any = None
    source_name: str = ""
    source_sha256: str = ""


def report_columns(item: NewReport, now: Any) -> dict[str, Any]:
    """The reports row, column by column as fill_row fills it."""
    report, period, document, signer = item.report, item.report.period, item.report.document, \
        item.report.signer
    return {
        "unit_id": item.unit_id, "template_ref": report.template_ref, "year": period.year,
        "kind": period.kind.value, "start": period.start, "end": period.end,
        "deadline": period.deadline, "revision": report.revision, "status": report.status.value,
        "precision": report.precision, "doc_number": document.number,
        "doc_symbol": document.symbol, "doc_place": document.place, "doc_date": document.date,
        "subject": document.subject, "signer_authority": signer.authority,
        "signer_title": signer.title, "signer_name": signer.name,
        "recipients": list(report.recipients), "updated_at": now, "created_at": now,
        "received_at": item.received_at, "source_name": item.source_name,
        "source_sha256": item.source_sha256, "consolidated_at": None,
    }


def _children(report_id: int, report: Report) -> dict[Any, list[dict[str, Any]]]:
    """The rows of the report's lists, by table, as fill_row makes them."""
    return {
        ValueRow: [{"report_id": report_id, "code": c, "value": v} for c, v in report.values.items()],
        NoteRow: [{"report_id": report_id, "code": c, "text": t} for c, t in report.notes.items()],
        TextRow: [{"report_id": report_id, "section_id": s, "text": t,
                   "content": rich_content(report, s)} for s, t in report.texts.items()],
        ExtraFigureRow: [{"report_id": report_id, "position": i, "section_id": f.section_id,
                          "key": f.key, "label": f.label, "unit": f.unit, "value": f.value,
                          "numerator": f.rate_of[0] if f.rate_of else "",
                          "denominator": f.rate_of[1] if f.rate_of else ""}
                         for i, f in enumerate(report.extra_figures)],
        TargetRow: [{"report_id": report_id, "code": c, "value": v}
                    for c, v in report.targets.items()],
        TaskRow: [{"report_id": report_id, "position": i, "text": t.text, "status": t.status.value,
                   "origin": t.origin.value} for i, t in enumerate(report.tasks)],
        ProposalRow: [{"report_id": report_id, "position": i, "from_unit": p.from_unit,
                       "to_body": p.to, "text": p.text} for i, p in enumerate(report.proposals)],
        DocumentRow: [{"report_id": report_id, "position": i, "number": d.number, "date": d.date,
                       "subject": d.subject, "section": d.section}
                      for i, d in enumerate(report.documents)],
        SubunitRow: [{"report_id": report_id, "position": i, "code": s.code, "name": s.name,
                      "level": s.level, "received_at": s.received_at, "status": s.status.value}
                     for i, s in enumerate(report.subunits)],
    }


def table_of(model: Any) -> Table:
    """The model's table, typed as one (Mapped classes give a FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def insert_reports(session: Session, items: Sequence[NewReport]) -> list[int]:
    """Insert the reports and their lists in the session's transaction; their ids, in order."""
    if not items:
        return []
    now = utcnow()
    table = table_of(ReportRow)
    rows = session.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                           [report_columns(item, now) for item in items])
    ids = [row[0] for row in rows]
    children: dict[Any, list[dict[str, Any]]] = {}
    for report_id, item in zip(ids, items, strict=True):
        for model, found in _children(report_id, item.report).items():
            children.setdefault(model, []).extend(found)
    for model, found in children.items():
        if found:
            session.execute(insert(table_of(model)), found)
    return ids


def insert_changes(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """History lines (report_id, user, entity, key, old_value, new_value, reason), at once."""
    if changes:
        now = utcnow()
        session.execute(insert(table_of(ChangeRow)), [
            {"at": now, "old_value": None, "new_value": None, **change} for change in changes])
