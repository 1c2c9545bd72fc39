"""Single edits of a report as the clerk makes them: one figure, text or note, one list, the
header. Each is its own transaction and its own line in the history."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figure_rows import ENTERED_DECIMALS
from cchc_desktop.domain.extra_figures import ExtraFigure, figures_problem, logged, merged_figures
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import DocumentInfo, IssuedDocument, Proposal, Signer, Task
from cchc_desktop.domain.rich_text import RichText, RichTextError
from cchc_desktop.domain.template import Indicator
from cchc_desktop.domain.text_hygiene import TextProblem, clean_narrative
from cchc_desktop.domain.values import value_problem
from cchc_desktop.exchange.text_limits import check_length, check_lengths
from cchc_desktop.i18n import N_, _
from cchc_desktop.storage.changes import log_change, value_text
from cchc_desktop.storage.conflicts import UNCHECKED, EditConflict, OtherWrite, differs
from cchc_desktop.storage.list_rows import (
    document_values,
    proposal_values,
    row_values,
    stored_rows,
    task_values,
    write_list,
)
from cchc_desktop.storage.models import ChangeRow, NoteRow, ReportRow, TextRow, ValueRow
from cchc_desktop.storage.reports import ReportsPart
from cchc_desktop.storage.rows import (
    editable_row,
    extra_figure_rows,
    fill_document,
    fill_period,
    fill_signer,
    read_extra_figures,
)
from cchc_desktop.storage.task_evidence import follow_tasks


class EditsPart(ReportsPart):
    def set_value(self, report_id: int, code: str, value: Decimal | None, *,
                  expected: object = UNCHECKED) -> None:
        """Write one figure. `expected`: the figure as the writer last saw it stored (None:
        empty); EditConflict, and nothing written, if another clerk changed it since."""
        with self.database.session() as session:
            row = editable_row(session, report_id)
            indicator = self.registry.get(row.template_ref).indicators.get(code)
            if indicator is None:
                raise ReportError(_("Mã chỉ tiêu {code} không có trong mẫu báo cáo.").format(
                    code=code))
            if value is not None and (problem := value_problem(indicator, value)):
                raise ReportError(f"{indicator.label}: {problem}")
            existing = session.get(ValueRow, (report_id, code), with_for_update=True)
            old = existing.value if existing else None
            if old == value:
                return
            if differs(expected, old):
                raise EditConflict(
                    entity="value", key=code, label=indicator.full_label, theirs=old, mine=value,
                    shown_theirs=_shown_figure(indicator, old),
                    shown_mine=_shown_figure(indicator, value),
                    other=last_write(session, report_id, "value", code))
            _put(session, existing, value, "value",
                 lambda: ValueRow(report_id=report_id, code=code, value=value))
            log_change(session, report_id, "value", code, value_text(old), value_text(value))

    def set_text(self, report_id: int, section_id: str, text: str, *,
                 expected: object = UNCHECKED) -> str:
        """Write a section's plain text; returns the text as stored (cleaned). `expected`: the
        stored text as the writer last saw it; EditConflict if another clerk changed it since."""
        with self.database.session() as session:
            row = editable_row(session, report_id)
            if section_id not in self.registry.get(row.template_ref).section_ids():
                raise ReportError(_("Mục {id} không có trong mẫu báo cáo.").format(id=section_id))
            existing = session.get(TextRow, (report_id, section_id), with_for_update=True)
            old = existing.text if existing else None
            text = _clean_text(text)
            check_length("text", text)
            formatted = existing is not None and existing.content is not None
            if (old or "") == text and not formatted:
                return text
            _refuse_text_conflict(session, self, row.template_ref, report_id, section_id,
                                  expected, old or "", text)
            if existing is not None and formatted:
                # A plain text typed over a formatted narrative replaces it: what is stored
                # is the text the clerk saw and changed, not a structure gone out of date.
                existing.content = None
            _put(session, existing, text or None, "text",
                 lambda: TextRow(report_id=report_id, section_id=section_id, text=text))
            log_change(session, report_id, "text", section_id, old, text or None)
        return text

    def set_narrative(self, report_id: int, section_id: str, narrative: RichText, *,
                      expected: object = UNCHECKED) -> str:
        """A formatted narrative as the editor holds it: its plain text (what the checks and
        the search read) and, unless the plain text says it all, its structure. Returns the
        plain text as stored; `expected` as for set_text (the plain text last seen)."""
        if narrative.is_plain():
            return self.set_text(report_id, section_id, narrative.plain_text(), expected=expected)
        try:
            narrative = narrative.map_text(clean_narrative)
        except TextProblem as exc:
            raise ReportError(str(exc)) from exc
        text, content = narrative.plain_text(), narrative.to_json()
        check_length("text", text)
        try:
            # The limits a file's narrative is read within hold for what is written too, so
            # that whatever is saved opens again.
            RichText.from_json(content)
        except RichTextError as exc:
            raise ReportError(str(exc)) from exc
        with self.database.session() as session:
            row = editable_row(session, report_id)
            if section_id not in self.registry.get(row.template_ref).section_ids():
                raise ReportError(_("Mục {id} không có trong mẫu báo cáo.").format(id=section_id))
            existing = session.get(TextRow, (report_id, section_id), with_for_update=True)
            old = existing.text if existing else None
            if existing is not None and existing.text == text and existing.content == content:
                return text
            _refuse_text_conflict(session, self, row.template_ref, report_id, section_id,
                                  expected, old or "", text)
            if existing is None:
                session.add(TextRow(report_id=report_id, section_id=section_id, text=text,
                                    content=content))
            else:
                existing.text, existing.content = text, content
            log_change(session, report_id, "text", section_id, old, text)
        return text

    def set_note(self, report_id: int, code: str, text: str, *,
                 expected: object = UNCHECKED) -> None:
        """Write the explanation of a figure's finding. `expected`: the note as the writer last
        saw it stored ("" for none); EditConflict, and nothing written, if another clerk
        changed it since."""
        with self.database.session() as session:
            row = editable_row(session, report_id)
            existing = session.get(NoteRow, (report_id, code), with_for_update=True)
            old = existing.text if existing else None
            text = _clean_text(text)
            check_length("note", text)
            if (old or "") == text:
                return
            if differs(expected, old or ""):
                indicator = self.registry.get(row.template_ref).indicators.get(code)
                label = indicator.full_label if indicator is not None else code
                raise EditConflict(
                    entity="note", key=code, label=_("Ghi chú: {label}").format(label=label),
                    theirs=old or "", mine=text, shown_theirs=_excerpt(old or ""),
                    shown_mine=_excerpt(text), other=last_write(session, report_id, "note", code))
            _put(session, existing, text or None, "text",
                 lambda: NoteRow(report_id=report_id, code=code, text=text))
            log_change(session, report_id, "note", code, old, text or None)

    def set_extra_figures(self, report_id: int, section_id: str,
                          figures: Sequence[ExtraFigure], *,
                          expected: object = UNCHECKED) -> None:
        """The extra figures of one section, as the section's page holds them; the other
        sections' figures stay. Checked as a whole report's are (a key of its own, a value in
        the number domain, a rate of two other figures); one history line per figure added,
        changed or removed. `expected`: the section's figures as the writer last saw them
        stored; EditConflict, and nothing written, if another clerk changed them since."""
        with self.database.session() as session:
            # The report's row locked on a server: two clerks' writes to its figures queue.
            session.execute(select(ReportRow.id).where(ReportRow.id == report_id)
                            .with_for_update())
            row = editable_row(session, report_id)
            template = self.registry.get(row.template_ref)
            if section_id not in template.section_ids():
                raise ReportError(_("Mục {id} không có trong mẫu báo cáo.").format(id=section_id))
            if any(figure.section_id != section_id for figure in figures):
                raise ReportError(_("Số liệu bổ sung của mục khác không sửa ở đây."))
            before = read_extra_figures(row.extra_figures)
            after = merged_figures(before, section_id, figures)
            if (refused := figures_problem(after, template)) is not None:
                raise ReportError(_("số liệu bổ sung {key}: {problem}").format(
                    key=refused[0][:80], problem=refused[1]))
            if after == before:
                return
            stored = [f for f in before if f.section_id == section_id]
            if differs(expected, stored):
                raise _extra_conflict(session, report_id, section_id,
                                      template.section(section_id).title, stored, list(figures),
                                      expected)
            row.extra_figures = extra_figure_rows(after)
            old = {f.key: logged(f, before) for f in before if f.section_id == section_id}
            new = {f.key: logged(f, after) for f in after if f.section_id == section_id}
            for key in [*old, *(k for k in new if k not in old)]:
                if old.get(key) != new.get(key):
                    log_change(session, report_id, "extra", key, old.get(key), new.get(key))

    def replace_lists(self, report_id: int, *, tasks: Sequence[Task] | None = None,
                      proposals: Sequence[Proposal] | None = None,
                      documents: Sequence[IssuedDocument] | None = None,
                      expected: object = UNCHECKED) -> None:
        """Replace the task checklist, proposals or documents tables (as edited in a table).

        Only the rows that differ from the stored ones are written (storage/list_rows.py): the
        window saves the whole list after each cell edited. `expected`: {kind: the list as the
        writer last saw it stored} for the lists it names; EditConflict, and nothing written,
        if another clerk changed one of them since."""
        _check_list_lengths(tasks or (), proposals or (), documents or ())
        lists = {"tasks": None if tasks is None else [task_values(t) for t in tasks],
                 "proposals": None if proposals is None else [proposal_values(p) for p in proposals],
                 "documents": None if documents is None else [document_values(d) for d in documents]}
        seen = expected if isinstance(expected, Mapping) else {}
        with self.database.session() as session:
            # The report's row locked on a server: two clerks' saves of its lists queue, the
            # second compares with what the first wrote.
            session.execute(select(ReportRow.id).where(ReportRow.id == report_id)
                            .with_for_update())
            report_row = editable_row(session, report_id)
            for kind, values in lists.items():
                if values is None:
                    continue
                stored = stored_rows(session, report_id, kind)
                now = row_values(stored)
                if kind in seen and now != values:
                    saw = [LIST_VALUES[kind](item) for item in seen[kind]]
                    if saw != now:
                        raise _list_conflict(session, report_id, kind, now, values)
                if kind == "tasks":
                    follow_tasks(session, report_row, [v[0] for v in now], [v[0] for v in values])
                if now == values:
                    continue             # the list as it was: nothing to write or to log
                write_list(session, report_id, kind, values, stored)
                log_change(session, report_id, kind, kind, None, str(len(values)))

    def update_header(self, report_id: int, *, document: DocumentInfo | None = None,
                      signer: Signer | None = None, recipients: Sequence[str] | None = None,
                      period: Period | None = None, precision: int | None = None) -> None:
        """Change the document number/date/subject, signer, recipients, dates or precision."""
        if document is not None:
            check_lengths({"document.number": document.number, "document.symbol": document.symbol,
                           "document.place": document.place, "document.subject": document.subject})
        if signer is not None:
            check_lengths({"signer.authority": signer.authority, "signer.title": signer.title,
                           "signer.name": signer.name})
        for recipient in recipients or ():
            check_length("recipient", recipient)
        with self.database.session() as session:
            row = editable_row(session, report_id)
            before = _header_columns(row)
            if document is not None:
                fill_document(row, document)
            if signer is not None:
                fill_signer(row, signer)
            if recipients is not None:
                row.recipients = list(recipients)
            if period is not None:
                fill_period(row, period)
            if precision is not None:
                row.precision = precision
            # The header page saves when a field loses the focus too: no change, no history line.
            if _header_columns(row) != before:
                log_change(session, report_id, "header", "header", None, None)


def last_write(session: Session, report_id: int, entity: str, key: str) -> OtherWrite:
    """Who changed the field last and when, from the change log (anyone, this clerk included)."""
    row = session.scalars(
        select(ChangeRow).where(ChangeRow.report_id == report_id, ChangeRow.entity == entity,
                                ChangeRow.key == key).order_by(ChangeRow.id.desc()).limit(1)
    ).first()
    return OtherWrite("", None) if row is None else OtherWrite(row.user, row.at)



def _extra_conflict(session: Session, report_id: int, section_id: str, title: object,
                    stored: list[ExtraFigure], mine: list[ExtraFigure],
                    expected: object) -> EditConflict:
    """The section's figures changed by another clerk: both lists, and who wrote last one of
    the figures that differ from what this writer saw."""
    seen = {f.key: f for f in expected} if isinstance(expected, list) else {}
    now = {f.key: f for f in stored}
    changed = [k for k in [*now, *seen] if now.get(k) != seen.get(k)]
    other = last_write(session, report_id, "extra", changed[0]) if changed else OtherWrite("", None)
    label = _("Số liệu bổ sung mục {title}").format(title=title)
    return EditConflict(entity="extra", key=section_id, label=label, theirs=stored, mine=mine,
                        shown_theirs=_shown_extras(stored), shown_mine=_shown_extras(mine),
                        other=other)


# The lists as the clerk knows them (the history's names), and what one item of each is called.
LIST_LABELS = {"tasks": N_("Danh sách nhiệm vụ"), "proposals": N_("Kiến nghị, đề xuất"),
               "documents": N_("Văn bản đã ban hành")}
_LIST_ITEMS = {"tasks": N_("{count} nhiệm vụ"), "proposals": N_("{count} kiến nghị"),
               "documents": N_("{count} văn bản")}
LIST_VALUES: dict[str, Callable[[Any], tuple[Any, ...]]] = {
    "tasks": task_values, "proposals": proposal_values, "documents": document_values}


def _list_conflict(session: Session, report_id: int, kind: str, theirs: list[tuple[Any, ...]],
                   mine: list[tuple[Any, ...]]) -> EditConflict:
    """The list changed by another clerk: each side summed up as its length when the lengths
    differ ("12 nhiệm vụ" / "13 nhiệm vụ"), else as its first row that differs."""
    if len(theirs) != len(mine):
        shown_theirs = _(_LIST_ITEMS[kind]).format(count=format_number(len(theirs), 0))
        shown_mine = _(_LIST_ITEMS[kind]).format(count=format_number(len(mine), 0))
    else:
        index = next(i for i, (a, b) in enumerate(zip(theirs, mine, strict=True)) if a != b)
        shown_theirs, shown_mine = (
            _("dòng {number}: {row}").format(number=index + 1, row=_shown_row(kind, rows[index]))
            for rows in (theirs, mine))
    return EditConflict(entity="list", key=kind, label=_(LIST_LABELS[kind]), theirs=theirs,
                        mine=mine, shown_theirs=shown_theirs, shown_mine=shown_mine,
                        other=last_write(session, report_id, kind, kind))


def _shown_row(kind: str, row: tuple[Any, ...]) -> str:
    """One item by what tells it apart: a task's or proposal's text, a document's number and
    subject."""
    if kind == "documents":
        number, _date, subject, _section = row
        return _excerpt(" ".join(part for part in (number or "", subject or "") if part))
    return _excerpt(row[0] if kind == "tasks" else row[2])


def _shown_extras(figures: Sequence[ExtraFigure]) -> str:
    """'Số xe công: 12; Số chữ ký số: (để trống)', as short as an excerpt of a text."""
    if not figures:
        return _("(để trống)")
    parts = [f"{f.label}: " + (_("(để trống)") if f.value is None
                               else format_number(f.value, ENTERED_DECIMALS))
             for f in figures if not f.is_rate]
    return _excerpt("; ".join(parts), 120) if parts else _excerpt(
        "; ".join(f.label for f in figures), 120)


def _shown_figure(indicator: Indicator, value: Decimal | None) -> str:
    """The figure as the clerk types it (Vietnamese digits), or that the field is empty."""
    return _("(để trống)") if value is None else indicator.field_kind.edit_text(indicator, value)


def _refuse_text_conflict(session: Session, part: ReportsPart, template_ref: str, report_id: int,
                          section_id: str, expected: object, stored: str, text: str) -> None:
    """EditConflict if the section's stored text is not the one its writer last saw."""
    if not differs(expected, stored) or stored == text:
        return
    title = str(part.registry.get(template_ref).section(section_id).title)
    raise EditConflict(entity="text", key=section_id, label=title, theirs=stored, mine=text,
                       shown_theirs=_excerpt(stored), shown_mine=_excerpt(text),
                       other=last_write(session, report_id, "text", section_id))


def _excerpt(text: str, length: int = 60) -> str:
    if not text:
        return _("(để trống)")
    flat = " ".join(text.split())
    if len(flat) > length:
        flat = flat[:length - 1] + "\u2026"
    return f"\u201c{flat}\u201d"


def _put(session: Session, existing: Any, value: object, attribute: str,
         create: Callable[[], Any]) -> None:
    """Set one keyed row's value: delete it for None, create it if missing, else update it."""
    if value is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(create())
    else:
        setattr(existing, attribute, value)


def _header_columns(row: ReportRow) -> tuple[object, ...]:
    """What update_header may change in a report's row, to tell whether it did."""
    return (row.doc_number, row.doc_symbol, row.doc_place, row.doc_date, row.subject,
            row.signer_authority, row.signer_title, row.signer_name, list(row.recipients or ()),
            row.start, row.end, row.deadline, row.precision)


def _check_list_lengths(tasks: Sequence[Task], proposals: Sequence[Proposal],
                        documents: Sequence[IssuedDocument]) -> None:
    for task in tasks:
        check_length("task.text", task.text)
    for proposal in proposals:
        check_lengths({"proposal.from_unit": proposal.from_unit, "proposal.to": proposal.to,
                       "proposal.text": proposal.text})
    for document in documents:
        check_lengths({"document_item.number": document.number,
                       "document_item.subject": document.subject})


def _clean_text(text: str) -> str:
    try:
        return clean_narrative(text)
    except TextProblem as exc:
        raise ReportError(str(exc)) from exc
