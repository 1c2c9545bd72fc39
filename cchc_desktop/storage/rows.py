"""Reports between the data file's rows and the domain: the one place rows are built from a
report, and a report from rows."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session, selectinload

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.lifecycle import check_editable
from cchc_desktop.domain.number_domain import logged_text, number_problem, revision_problem, target_problem
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import (
    DocumentInfo,
    IssuedDocument,
    Proposal,
    Report,
    ReportStatus,
    Signer,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskOrigin,
    TaskStatus,
    UnreadableField,
)
from cchc_desktop.domain.rich_text import RichText, RichTextError
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _
from cchc_desktop.storage.models import (
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

# Everything report_from_row reads, loaded in a few queries instead of one per collection.
WHOLE_REPORT = (
    selectinload(ReportRow.unit), selectinload(ReportRow.values), selectinload(ReportRow.notes),
    selectinload(ReportRow.texts), selectinload(ReportRow.targets), selectinload(ReportRow.tasks),
    selectinload(ReportRow.proposals), selectinload(ReportRow.documents),
    selectinload(ReportRow.subunits), selectinload(ReportRow.extra_figures),
)


def period_of(row: ReportRow) -> Period:
    return Period(row.year, PeriodKind(row.kind), row.start, row.end, row.deadline)


def _usable(kind: str, rows: Sequence[ValueRow | TargetRow],
            unreadable: list[UnreadableField]) -> dict[str, Decimal]:
    """The stored figures (or targets) inside the number domain; the others set aside, so
    that a value another tool wrote is an error finding, never a crash of every view."""
    usable: dict[str, Decimal] = {}
    for item in rows:
        value = item.value
        problem = number_problem(value) or (target_problem(value) if kind == "target" else None)
        if problem:
            unreadable.append(UnreadableField(kind, item.code, logged_text(value), problem))
        else:
            usable[item.code] = value
    return usable


def report_from_row(row: ReportRow) -> Report:
    unreadable: list[UnreadableField] = []
    values = _usable("value", row.values, unreadable)
    targets = _usable("target", row.targets, unreadable)
    revision: Any = row.revision
    if (problem := revision_problem(revision)) is not None:
        unreadable.append(UnreadableField("revision", "", str(revision)[:40], problem))
        revision = 0
    return Report(
        template_ref=row.template_ref,
        unit=Unit(row.unit.code, row.unit.name, row.unit.level, row.unit.parent_name),
        period=period_of(row), revision=revision, status=ReportStatus(row.status),
        precision=row.precision,
        document=DocumentInfo(row.doc_number, row.doc_symbol, row.doc_place, row.doc_date,
                              row.subject),
        signer=Signer(row.signer_authority, row.signer_title, row.signer_name),
        recipients=list(row.recipients or []),
        values=values,
        notes={n.code: n.text for n in row.notes},
        texts={t.section_id: t.text for t in row.texts},
        rich=_rich_texts(row.texts),
        extra_figures=read_extra_figures(row.extra_figures),
        targets=targets,
        tasks=[Task(t.text, TaskStatus(t.status), TaskOrigin(t.origin)) for t in row.tasks],
        proposals=[Proposal(p.from_unit, p.to_body, p.text) for p in row.proposals],
        documents=[IssuedDocument(d.number, d.date, d.subject, d.section) for d in row.documents],
        subunits=[SubunitSubmission(s.code, s.name, s.level, s.received_at,
                                    SubmissionStatus(s.status)) for s in row.subunits],
        unreadable=unreadable,
    )


def rich_content(report: Report, section_id: str) -> dict[str, Any] | None:
    rich = report.rich.get(section_id)
    return None if rich is None else rich.to_json()


def _rich_texts(rows: Sequence[TextRow]) -> dict[str, RichText]:
    """The formatted narratives; a stored form of the wrong shape (another tool's) falls back
    to the plain text stored beside it, which every check reads anyway."""
    out: dict[str, RichText] = {}
    for row in rows:
        if row.content is None:
            continue
        try:
            out[row.section_id] = RichText.from_json(row.content)
        except RichTextError:
            continue
    return out


def read_extra_figures(rows: Sequence[ExtraFigureRow]) -> list[ExtraFigure]:
    out = []
    for row in rows:
        value = row.value
        if value is not None and number_problem(value):
            value = None
        rate = (row.numerator, row.denominator) if row.numerator and row.denominator else None
        out.append(ExtraFigure(row.section_id, row.key, row.label, row.unit, value, rate))
    return out


def extra_figure_rows(figures: Sequence[ExtraFigure]) -> list[ExtraFigureRow]:
    return [ExtraFigureRow(position=i, section_id=f.section_id, key=f.key, label=f.label,
                           unit=f.unit, value=f.value,
                           numerator=f.rate_of[0] if f.rate_of else "",
                           denominator=f.rate_of[1] if f.rate_of else "")
            for i, f in enumerate(figures)]


def task_rows(tasks: Sequence[Task]) -> list[TaskRow]:
    return [TaskRow(position=i, text=t.text, status=t.status.value, origin=t.origin.value)
            for i, t in enumerate(tasks)]


def proposal_rows(proposals: Sequence[Proposal]) -> list[ProposalRow]:
    return [ProposalRow(position=i, from_unit=p.from_unit, to_body=p.to, text=p.text)
            for i, p in enumerate(proposals)]


def document_rows(documents: Sequence[IssuedDocument]) -> list[DocumentRow]:
    return [DocumentRow(position=i, number=d.number, date=d.date, subject=d.subject,
                        section=d.section) for i, d in enumerate(documents)]


def fill_document(row: ReportRow, document: DocumentInfo) -> None:
    row.doc_number, row.doc_symbol, row.doc_place = document.number, document.symbol, document.place
    row.doc_date, row.subject = document.date, document.subject


def fill_signer(row: ReportRow, signer: Signer) -> None:
    row.signer_authority, row.signer_title, row.signer_name = signer.authority, signer.title, \
        signer.name


def fill_period(row: ReportRow, period: Period) -> None:
    row.start, row.end, row.deadline = period.start, period.end, period.deadline


def fill_row(row: ReportRow, report: Report) -> None:
    """Every column and list of `row` from `report`. A stored figure the report could not read
    (report.unreadable) is replaced too; the save keeps its old text in the history."""
    row.template_ref = report.template_ref
    row.year, row.kind = report.period.year, report.period.kind.value
    fill_period(row, report.period)
    row.revision, row.status, row.precision = report.revision, report.status.value, report.precision
    fill_document(row, report.document)
    fill_signer(row, report.signer)
    row.recipients = list(report.recipients)
    row.updated_at = utcnow()
    row.values = [ValueRow(code=c, value=v) for c, v in report.values.items()]
    row.notes = [NoteRow(code=c, text=t) for c, t in report.notes.items()]
    row.texts = [TextRow(section_id=s, text=t, content=rich_content(report, s))
                 for s, t in report.texts.items()]
    row.extra_figures = extra_figure_rows(report.extra_figures)
    row.targets = [TargetRow(code=c, value=v) for c, v in report.targets.items()]
    row.tasks = task_rows(report.tasks)
    row.proposals = proposal_rows(report.proposals)
    row.documents = document_rows(report.documents)
    row.subunits = [SubunitRow(position=i, code=s.code, name=s.name, level=s.level,
                               received_at=s.received_at, status=s.status.value)
                    for i, s in enumerate(report.subunits)]


def editable_row(session: Session, report_id: int) -> ReportRow:
    """The report's row for an edit: ReportError if there is none, ReportLockedError if the
    report is final or submitted."""
    row = session.get(ReportRow, report_id)
    if row is None:
        raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
    check_editable(ReportStatus(row.status), period_of(row).label)
    row.updated_at = utcnow()
    return row
