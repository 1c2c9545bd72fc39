"""A report's list (tasks, proposals, documents) written as the difference from what is stored.

The window saves a list each time one of its cells changes. Replacing the ORM collection
loaded the stored rows as objects, deleted every one and inserted them all again: 25-80 ms
for a list of 300 rows, on the UI thread, inside the keystroke the autosave landed in. Here
the stored rows are read as plain tuples and only the rows that differ are written: a cell
edited is one UPDATE, a row added one INSERT, a row removed at the end one DELETE (a row
removed in the middle moves the rows below it up: one UPDATE each). What the file holds
afterwards is the same as a replacement would leave: one row per item, positions 0..n-1 in
the list's order, in the same transaction as the rest of the edit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from cchc_desktop.domain.report import IssuedDocument, Proposal, Task
from cchc_desktop.storage.models import DocumentRow, ProposalRow, TaskRow

# kind -> the table and the columns a row keeps, besides report_id and position.
COLUMNS: Mapping[str, tuple[Table, tuple[str, ...]]] = {
    "tasks": (cast(Table, TaskRow.__table__), ("text", "status", "origin")),
    "proposals": (cast(Table, ProposalRow.__table__), ("from_unit", "to_body", "text")),
    "documents": (cast(Table, DocumentRow.__table__), ("number", "date", "subject", "section")),
}


def task_values(task: Task) -> tuple[Any, ...]:
    return task.text, task.status.value, task.origin.value


def proposal_values(proposal: Proposal) -> tuple[Any, ...]:
    return proposal.from_unit, proposal.to, proposal.text


def document_values(document: IssuedDocument) -> tuple[Any, ...]:
    return document.number, document.date, document.subject, document.section


def stored_rows(session: Session, report_id: int, kind: str) -> list[tuple[Any, ...]]:
    """The stored rows of list `kind` as (id, position, *COLUMNS[kind]), in the list's order."""
    table, names = COLUMNS[kind]
    return [tuple(row) for row in session.execute(
        select(table.c.id, table.c.position, *(table.c[name] for name in names))
        .where(table.c.report_id == report_id).order_by(table.c.position, table.c.id)).all()]


def row_values(stored: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The items of stored_rows() as the *_values functions give them."""
    return [tuple(row[2:]) for row in stored]


def write_list(session: Session, report_id: int, kind: str,
               values: Sequence[tuple[Any, ...]],
               stored: Sequence[tuple[Any, ...]] | None = None) -> None:
    """Make the stored rows of list `kind` of the report hold `values`, one tuple per item in
    the order of COLUMNS[kind], writing only the rows that differ. `stored`: stored_rows(),
    when the caller read them already (to compare them with what its writer saw)."""
    table, names = COLUMNS[kind]
    if stored is None:
        stored = stored_rows(session, report_id, kind)
    changed = [{"row_id": row[0], "position": index, **dict(zip(names, wanted, strict=True))}
               for index, (row, wanted) in enumerate(zip(stored, values, strict=False))
               if tuple(row[1:]) != (index, *wanted)]
    if changed:
        session.execute(update(table).where(table.c.id == bindparam("row_id"))
                        .values({name: bindparam(name) for name in ("position", *names)}), changed)
    if len(stored) > len(values):
        gone = [row[0] for row in stored[len(values):]]
        session.execute(delete(table).where(table.c.id.in_(gone)))
    if len(values) > len(stored):
        session.execute(insert(table), [
            {"report_id": report_id, "position": index, **dict(zip(names, wanted, strict=True))}
            for index, wanted in enumerate(values[len(stored):], start=len(stored))])
