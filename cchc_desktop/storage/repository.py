"""Reports and units in the data file, as domain objects; every edit recorded in the history."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from cchc_desktop.domain.admin_units import is_official_code
from cchc_desktop.domain.carry_over import CarryOverPlan
from cchc_desktop.domain.consolidation import Submission, consolidate
from cchc_desktop.domain.context import ComparisonColumn, ReportContext, build_context
from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.lifecycle import (
    ReportLockedError,
    check_editable,
    check_transition,
    is_reopening,
    status_for_stored,
)
from cchc_desktop.domain.number_domain import (
    logged_text,
    number_problem,
    revision_problem,
    target_problem,
)
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
from cchc_desktop.domain.report_hygiene import clean_report
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import TemplateRegistry, shipped_templates
from cchc_desktop.domain.text_hygiene import TextProblem, clean_narrative
from cchc_desktop.domain.units import Unit
from cchc_desktop.domain.values import value_problem
from cchc_desktop.i18n import _
from cchc_desktop.storage.backups import create_backup
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import (
    ChangeRow,
    ComparisonRow,
    DocumentRow,
    NoteRow,
    PackageRow,
    ProposalRow,
    ReportRow,
    SettingRow,
    SubunitRow,
    TargetRow,
    TaskRow,
    TextRow,
    UnitRow,
    ValueRow,
    utcnow,
)
from cchc_desktop.storage.unit_codes import settle_unit_code, unresolved_units

if TYPE_CHECKING:
    from cchc_desktop.storage.unit_codes import UnresolvedUnit


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return ""


# The domain's error, under the name the window and older tests know.
LockedReportError = ReportLockedError


@dataclass(frozen=True)
class OwnUnit:
    """The unit this data file belongs to, with the settings its reports start from."""

    code: str
    name: str
    level: str
    kind: str = ""
    parent: str = ""
    place: str = ""
    doc_symbol: str = "BC-UBND"
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    superior_email: str = ""

    @property
    def unit(self) -> Unit:
        return Unit(self.code, self.name, self.level, self.parent)


@dataclass(frozen=True)
class ReportSummary:
    id: int
    unit_code: str
    unit_name: str
    period: Period
    status: ReportStatus
    revision: int
    template_ref: str
    updated_at: dt.datetime


@dataclass(frozen=True)
class StoredSubmission:
    """A subordinate unit's report with when and from which file it arrived."""

    report_id: int | None
    report: Report
    received_at: dt.datetime | None
    source_name: str = ""
    source_sha256: str = ""


@dataclass(frozen=True)
class PackageRecord:
    """A package made of a report: its revision, the hash of its data and that data (JSON)."""

    revision: int
    data_sha256: str
    snapshot: str
    name: str
    user: str
    created_at: dt.datetime


@dataclass(frozen=True)
class RevisionPlan:
    """The revision the next package of a report carries, and the package before it."""

    revision: int
    previous: PackageRecord | None

    @property
    def unchanged(self) -> bool:
        """The content is the one of the last package: the same revision is made again."""
        return self.previous is not None and self.previous.revision == self.revision


@dataclass(frozen=True)
class Change:
    at: dt.datetime
    user: str
    entity: str
    key: str
    old: str | None
    new: str | None
    reason: str


def _text_value(value: Decimal | None) -> str | None:
    return None if value is None else logged_text(value)


class ReportStore:
    def __init__(self, database: Database, registry: TemplateRegistry | None = None) -> None:
        self.database = database
        self.registry = registry or shipped_templates()

    # ------------------------------------------------------------------ units
    def own_unit(self) -> OwnUnit | None:
        with self.database.session() as session:
            row = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            return _own_from_row(row) if row else None

    def save_own_unit(self, own: OwnUnit) -> None:
        with self.database.session() as session:
            row = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if row is None:
                row = session.scalars(select(UnitRow).where(UnitRow.code == own.code)).first()
            if row is None:
                row = UnitRow(code=own.code, name=own.name, level=own.level, is_own=True)
                session.add(row)
            row.is_own = True
            row.superior_id = None
            if row.code != own.code and not row.legacy_code:
                # Picked from the official list: files made under the old code still match.
                row.legacy_code = row.code
            if is_official_code(own.code):
                row.code_status = "official"
            elif own.code != row.code:
                row.code_status = "derived"
            for attribute in ("code", "name", "level", "kind", "place", "doc_symbol",
                              "signer_authority", "signer_title", "signer_name",
                              "superior_email"):
                setattr(row, attribute, getattr(own, attribute))
            row.parent_name = own.parent

    def subordinate_units(self, *, include_inactive: bool = False) -> list[Unit]:
        with self.database.session() as session:
            query = select(UnitRow).where(UnitRow.superior_id.is_not(None))
            if not include_inactive:
                query = query.where(UnitRow.active)
            return [Unit(r.code, r.name, r.level, r.parent_name)
                    for r in session.scalars(query.order_by(UnitRow.id))]

    def set_subordinate_units(self, units: Sequence[Unit]) -> None:
        """Replace the list of subordinate units; units dropped from it stay, inactive,
        so that their past reports keep their unit."""
        with self.database.session() as session:
            own = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if own is None:
                raise KnownError(_("Hãy khai báo đơn vị của mình trước."))
            existing = {r.code: r for r in session.scalars(
                select(UnitRow).where(UnitRow.superior_id == own.id))}
            wanted = {u.code for u in units}
            for unit in units:
                row = existing.get(unit.code) or session.scalars(
                    select(UnitRow).where(UnitRow.code == unit.code)).first()
                if row is None:
                    row = UnitRow(code=unit.code, name=unit.name, level=unit.level)
                    session.add(row)
                row.name, row.level, row.superior_id, row.active = unit.name, unit.level, own.id, True
                row.parent_name = unit.parent or own.name
            for code, row in existing.items():
                if code not in wanted:
                    row.active = False

    def unit_aliases(self) -> dict[str, list[str]]:
        """Older codes of the units of this file (made from typed names), by current code."""
        with self.database.session() as session:
            return {row.code: [row.legacy_code] for row in session.scalars(
                select(UnitRow).where(UnitRow.legacy_code != ""))}

    def unresolved_units(self) -> list[UnresolvedUnit]:
        """Units whose official code the upgrade could not decide, with their candidates."""
        return unresolved_units(self)

    def settle_unit_code(self, code: str, official_code: str | None) -> None:
        """The clerk picked the official unit (or kept the unit's own code, with None)."""
        settle_unit_code(self, code, official_code)

    def _unit_row(self, session: Session, unit: Unit) -> UnitRow:
        row = session.scalars(select(UnitRow).where(UnitRow.code == unit.code)).first()
        if row is None:
            row = UnitRow(code=unit.code, name=unit.name, level=unit.level,
                          parent_name=unit.parent)
            session.add(row)
            session.flush()
        return row

    # ------------------------------------------------------------------ reports
    def list_reports(self, unit_code: str | None = None, year: int | None = None,
                     ) -> list[ReportSummary]:
        with self.database.session() as session:
            query = select(ReportRow).join(UnitRow).options(selectinload(ReportRow.unit))
            if unit_code is not None:
                query = query.where(UnitRow.code == unit_code)
            if year is not None:
                query = query.where(ReportRow.year == year)
            rows = session.scalars(query.order_by(ReportRow.year, ReportRow.start, ReportRow.end))
            return [ReportSummary(r.id, r.unit.code, r.unit.name, _period(r),
                                  ReportStatus(r.status), r.revision, r.template_ref, r.updated_at)
                    for r in rows]

    def find_report_id(self, unit_code: str, year: int, kind: PeriodKind | str) -> int | None:
        with self.database.session() as session:
            return session.scalars(
                select(ReportRow.id).join(UnitRow).where(
                    UnitRow.code == unit_code, ReportRow.year == year,
                    ReportRow.kind == PeriodKind(kind).value)
                .order_by(ReportRow.start)).first()

    def find_report(self, unit_code: str, year: int, kind: PeriodKind | str) -> Report | None:
        report_id = self.find_report_id(unit_code, year, kind)
        return self.load_report(report_id) if report_id is not None else None

    def create_report(self, year: int, kind: PeriodKind | str, *,
                      template_ref: str = "cchc-2021", period: Period | None = None) -> int:
        """Start a report of the own unit with the unit's settings and the default period."""
        own = self.own_unit()
        if own is None:
            raise KnownError(_("Hãy khai báo đơn vị của mình trước khi tạo báo cáo."))
        template = self.registry.get(template_ref)
        period = period or Period.default(year, kind)
        subject = template.subject.vi.format(period=period.phrase)
        report = Report(
            template_ref=template.ref, unit=own.unit, period=period, precision=template.precision,
            document=DocumentInfo(symbol=own.doc_symbol, place=own.place, subject=subject),
            signer=Signer(own.signer_authority, own.signer_title, own.signer_name),
        )
        return self.save_report(report, reason=_("Tạo báo cáo"))

    def load_report(self, report_id: int) -> Report:
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is None:
                raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
            return _report_from_row(row)

    def save_report(self, report: Report, *, reason: str = "", reopen_reason: str = "") -> int:
        """Insert or replace the whole report of this unit and period; one transaction.

        A report already stored as final or submitted is replaced only when reopened:
        `reopen_reason` is then kept in the history, after a restore point. Every figure
        and text the replacement changes is kept in the history with its old value. The
        status stored is the file's, except that a report with an error finding is a draft.
        """
        report = self._check_values(report)
        existing = self.find_report_id(report.unit.code, report.period.year, report.period.kind)
        if existing is not None:
            stored = self.load_report(existing)
            if stored.status is not ReportStatus.DRAFT:
                if not reopen_reason.strip():
                    check_editable(stored.status, stored.period.label)
                self._restore_point(_("Trước khi mở lại báo cáo {period}").format(
                    period=stored.period.label))
        with self.database.session() as session:
            if existing is not None:
                row = session.get(ReportRow, existing)
                if row is not None and row.status != ReportStatus.DRAFT.value:
                    self._log(session, existing, "status", "status", row.status,
                              ReportStatus.DRAFT.value, reopen_reason.strip())
                    row.status = ReportStatus.DRAFT.value
            return self._save_in(session, report, reason).id

    def _restore_point(self, reason: str) -> None:
        """A restore point of the data file before a change that is not an ordinary edit."""
        create_backup(self.database.path, reason)

    def _check_values(self, report: Report) -> Report:
        """The report as it may be stored (texts in NFC, cleaned), or ReportError: nothing
        outside the number domain reaches the data file (whose triggers refuse it too)."""
        template = self.registry.get(report.template_ref)
        for code, value in report.values.items():
            indicator = template.indicators.get(code)
            problem = _("mã không có trong mẫu") if indicator is None else value_problem(indicator, value)
            if problem:
                raise ReportError(f"{code}: {problem}")
        for code, value in report.targets.items():
            problem = (_("mã không có trong mẫu") if code not in template.indicators
                       else target_problem(value))
            if problem:
                raise ReportError(_("mục tiêu {code}: {problem}").format(code=code, problem=problem))
        if (problem := revision_problem(report.revision)) is not None:
            raise ReportError(_("lần gửi (revision) {value}: {problem}").format(
                value=report.revision if isinstance(report.revision, int) else "?", problem=problem))
        return clean_report(report)

    def _save_in(self, session: Session, report: Report, reason: str) -> ReportRow:
        unit = self._unit_row(session, report.unit)
        row = session.scalars(select(ReportRow).where(
            ReportRow.unit_id == unit.id, ReportRow.year == report.period.year,
            ReportRow.kind == report.period.kind.value,
            ReportRow.start == report.period.start)).first()
        created = row is None
        status = status_for_stored(report.status, self._findings_of(session, report))
        old_values: dict[str, Decimal] = {}
        old_texts: dict[str, str] = {}
        if row is None:
            row = ReportRow(unit_id=unit.id)
            session.add(row)
        else:
            old_values = {v.code: v.value for v in row.values}
            old_texts = {t.section_id: t.text for t in row.texts}
        _fill_row(row, replace(report, status=status))
        session.flush()
        session.add(ChangeRow(report_id=row.id, user=current_user(), entity="report",
                              key="create" if created else "replace", reason=reason))
        if not created:
            # What the replacement changed, figure by figure, so nothing old is lost unseen.
            for code in sorted(set(old_values) | set(report.values)):
                before, after = old_values.get(code), report.values.get(code)
                if before != after:
                    self._log(session, row.id, "value", code, _text_value(before),
                              _text_value(after), reason)
            for section_id in sorted(set(old_texts) | set(report.texts)):
                before_text, after_text = old_texts.get(section_id), report.texts.get(section_id)
                if (before_text or "") != (after_text or ""):
                    self._log(session, row.id, "text", section_id, before_text, after_text, reason)
        if status is not report.status:
            self._log(session, row.id, "status", "status", report.status.value, status.value,
                      _("Báo cáo còn lỗi nên được lưu ở trạng thái dự thảo"))
        return row

    def _findings_of(self, session: Session, report: Report) -> list[Finding]:
        """The report's findings with its opening report from this data file, if there."""
        template = self.registry.get(report.template_ref)
        key = report.period.opening_key()
        opening = None
        if key is not None:
            opening_row = session.scalars(
                select(ReportRow).join(UnitRow).where(
                    UnitRow.code == report.unit.code, ReportRow.year == key[0],
                    ReportRow.kind == PeriodKind(key[1]).value)
                .order_by(ReportRow.start)).first()
            opening = _report_from_row(opening_row) if opening_row is not None else None
        return build_context(report, template, opening=opening).findings

    def delete_report(self, report_id: int) -> None:
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is not None:
                check_editable(ReportStatus(row.status), _period(row).label)
                session.delete(row)

    # ------------------------------------------------------------------ single edits
    def _editable(self, session: Session, report_id: int) -> ReportRow:
        row = session.get(ReportRow, report_id)
        if row is None:
            raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
        check_editable(ReportStatus(row.status), _period(row).label)
        row.updated_at = utcnow()
        return row

    def _log(self, session: Session, report_id: int, entity: str, key: str,
             old: str | None, new: str | None, reason: str = "") -> None:
        session.add(ChangeRow(report_id=report_id, user=current_user(), entity=entity, key=key,
                              old_value=old, new_value=new, reason=reason))

    def set_value(self, report_id: int, code: str, value: Decimal | None) -> None:
        with self.database.session() as session:
            row = self._editable(session, report_id)
            indicator = self.registry.get(row.template_ref).indicators.get(code)
            if indicator is None:
                raise ReportError(_("Mã chỉ tiêu {code} không có trong mẫu báo cáo.").format(
                    code=code))
            if value is not None and (problem := value_problem(indicator, value)):
                raise ReportError(f"{indicator.label}: {problem}")
            existing = session.get(ValueRow, (report_id, code))
            old = existing.value if existing else None
            if old == value:
                return
            _put(session, existing, value, "value",
                 lambda: ValueRow(report_id=report_id, code=code, value=value))
            self._log(session, report_id, "value", code, _text_value(old), _text_value(value))

    def set_text(self, report_id: int, section_id: str, text: str) -> None:
        with self.database.session() as session:
            row = self._editable(session, report_id)
            if section_id not in self.registry.get(row.template_ref).section_ids():
                raise ReportError(_("Mục {id} không có trong mẫu báo cáo.").format(id=section_id))
            existing = session.get(TextRow, (report_id, section_id))
            old = existing.text if existing else None
            text = _clean_text(text)
            if (old or "") == text:
                return
            _put(session, existing, text or None, "text",
                 lambda: TextRow(report_id=report_id, section_id=section_id, text=text))
            self._log(session, report_id, "text", section_id, old, text or None)

    def set_note(self, report_id: int, code: str, text: str) -> None:
        with self.database.session() as session:
            self._editable(session, report_id)
            existing = session.get(NoteRow, (report_id, code))
            old = existing.text if existing else None
            text = _clean_text(text)
            if (old or "") == text:
                return
            _put(session, existing, text or None, "text",
                 lambda: NoteRow(report_id=report_id, code=code, text=text))
            self._log(session, report_id, "note", code, old, text or None)

    def set_status(self, report_id: int, status: ReportStatus, reason: str = "") -> None:
        """Move the report along its life (domain/lifecycle.py), after a restore point.

        Final and submitted need a report without error findings; going back to draft
        (reopening) needs a reason, kept in the history.
        """
        current = self.load_report(report_id)
        if current.status is status:
            return
        with self.database.session() as session:
            check_transition(current.status, status, reason=reason,
                             findings=self._findings_of(session, current))
        self._restore_point(_status_change_reason(current, status))
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is None:
                raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
            old = ReportStatus(row.status)
            # Checked again inside the write: another writer may have moved it meanwhile.
            check_transition(old, status, reason=reason,
                             findings=self._findings_of(session, _report_from_row(row)))
            row.status = status.value
            row.updated_at = utcnow()
            self._log(session, report_id, "status", "status", old.value, status.value,
                      reason.strip())

    def replace_lists(self, report_id: int, *, tasks: Sequence[Task] | None = None,
                      proposals: Sequence[Proposal] | None = None,
                      documents: Sequence[IssuedDocument] | None = None) -> None:
        """Replace the task checklist, proposals or documents tables (as edited in a table)."""
        with self.database.session() as session:
            row = self._editable(session, report_id)
            if tasks is not None:
                row.tasks = [TaskRow(position=i, text=t.text, status=t.status.value,
                                     origin=t.origin.value) for i, t in enumerate(tasks)]
                self._log(session, report_id, "tasks", "tasks", None, str(len(tasks)))
            if proposals is not None:
                row.proposals = [ProposalRow(position=i, from_unit=p.from_unit, to_body=p.to,
                                             text=p.text) for i, p in enumerate(proposals)]
                self._log(session, report_id, "proposals", "proposals", None, str(len(proposals)))
            if documents is not None:
                row.documents = [DocumentRow(position=i, number=d.number, date=d.date,
                                             subject=d.subject, section=d.section)
                                 for i, d in enumerate(documents)]
                self._log(session, report_id, "documents", "documents", None, str(len(documents)))

    def update_header(self, report_id: int, *, document: DocumentInfo | None = None,
                      signer: Signer | None = None, recipients: Sequence[str] | None = None,
                      period: Period | None = None, precision: int | None = None) -> None:
        """Change the document number/date/subject, signer, recipients, dates or precision."""
        with self.database.session() as session:
            row = self._editable(session, report_id)
            if document is not None:
                row.doc_number, row.doc_symbol = document.number, document.symbol
                row.doc_place, row.doc_date, row.subject = (document.place, document.date,
                                                            document.subject)
            if signer is not None:
                row.signer_authority, row.signer_title, row.signer_name = (
                    signer.authority, signer.title, signer.name)
            if recipients is not None:
                row.recipients = list(recipients)
            if period is not None:
                row.start, row.end, row.deadline = period.start, period.end, period.deadline
            if precision is not None:
                row.precision = precision
            self._log(session, report_id, "header", "header", None, None)

    def history(self, report_id: int, key: str | None = None) -> list[Change]:
        with self.database.session() as session:
            query = select(ChangeRow).where(ChangeRow.report_id == report_id)
            if key is not None:
                query = query.where(ChangeRow.key == key)
            return [Change(c.at, c.user, c.entity, c.key, c.old_value, c.new_value, c.reason)
                    for c in session.scalars(query.order_by(ChangeRow.id))]

    # ------------------------------------------------------------------ comparisons, carry-over
    def set_comparison(self, report_id: int, kind: str, label: str,
                       values: Mapping[str, Decimal]) -> None:
        """Keep another report's figures beside this one ('previous' or 'last_year')."""
        with self.database.session() as session:
            self._editable(session, report_id)
            self._replace_comparison(session, report_id, kind, label, values)

    def _replace_comparison(self, session: Session, report_id: int, kind: str, label: str,
                            values: Mapping[str, Decimal]) -> None:
        session.execute(delete(ComparisonRow).where(ComparisonRow.report_id == report_id,
                                                    ComparisonRow.kind == kind))
        session.add_all(ComparisonRow(report_id=report_id, kind=kind, code=code, label=label,
                                      value=value) for code, value in values.items())
        self._log(session, report_id, "comparison", kind, None, label)

    def comparison(self, report_id: int, kind: str) -> tuple[str, dict[str, Decimal]] | None:
        with self.database.session() as session:
            rows = list(session.scalars(select(ComparisonRow).where(
                ComparisonRow.report_id == report_id, ComparisonRow.kind == kind)))
            if not rows:
                return None
            return rows[0].label, {row.code: row.value for row in rows}

    def apply_carry_over(self, report_id: int, plan: CarryOverPlan, *,
                         include_texts: bool) -> None:
        """Apply a previewed carry-over plan: all of it in one transaction, or none of it."""
        with self.database.session() as session:
            row = self._editable(session, report_id)
            values = {v.code: v for v in row.values}
            for change in plan.values:
                existing = values.get(change.code)
                old = existing.value if existing else None
                if existing is None:
                    session.add(ValueRow(report_id=report_id, code=change.code, value=change.new))
                else:
                    existing.value = change.new
                self._log(session, report_id, "value", change.code, _text_value(old),
                          _text_value(change.new), change.reason)
            position = len(row.tasks)
            for offset, task in enumerate(plan.tasks):
                row.tasks.append(TaskRow(position=position + offset, text=task.text,
                                         status=task.status.value, origin=task.origin.value))
            if plan.comparison:
                self._replace_comparison(session, report_id, "previous", plan.comparison_label,
                                         plan.comparison)
            if include_texts:
                texts = {t.section_id for t in row.texts}
                for section_id, text in plan.texts.items():
                    if section_id not in texts:
                        row.texts.append(TextRow(section_id=section_id, text=text))
                        self._log(session, report_id, "text", section_id, None, text)
            self._log(session, report_id, "carry_over", "carry_over", None, plan.source_label)

    def context(self, report_id: int) -> ReportContext:
        """The report with its figures, findings and comparison columns, as the views need it.

        The previous period, the same period last year and the opening report come from this
        data file when it has them, else from the comparison figures kept with the report.
        """
        report = self.load_report(report_id)
        template = self.registry.get(report.template_ref)

        def sibling(key: tuple[int, PeriodKind] | None) -> Report | None:
            return self.find_report(report.unit.code, *key) if key else None

        previous = sibling(report.period.previous_key())
        last_year = sibling(report.period.same_period_last_year_key())
        opening = sibling(report.period.opening_key())
        context = build_context(report, template, previous=previous, last_year=last_year,
                                opening=opening)
        stored_previous = None if previous else self._stored_column(report_id, "previous", report)
        stored_last_year = None if last_year else self._stored_column(report_id, "last_year", report)
        return replace(context, previous=context.previous or stored_previous,
                       last_year=context.last_year or stored_last_year)

    def _stored_column(self, report_id: int, kind: str, report: Report) -> ComparisonColumn | None:
        stored = self.comparison(report_id, kind)
        if stored is None:
            return None
        label, values = stored
        template = self.registry.get(report.template_ref)
        return ComparisonColumn(label, compute_figures(template, values, report.precision).values)

    # ------------------------------------------------------------------ consolidation
    def subordinate_reports(self, year: int, kind: PeriodKind | str) -> list[StoredSubmission]:
        """The reports of the own unit's subordinate units for one period, as they arrived."""
        with self.database.session() as session:
            own = session.scalars(select(UnitRow).where(UnitRow.is_own)).first()
            if own is None:
                return []
            rows = session.scalars(
                select(ReportRow).join(UnitRow).where(
                    UnitRow.superior_id == own.id, ReportRow.year == year,
                    ReportRow.kind == PeriodKind(kind).value)
                .options(*_WHOLE_REPORT).order_by(UnitRow.id))
            return [StoredSubmission(r.id, _report_from_row(r), r.received_at, r.source_name,
                                     r.source_sha256) for r in rows]

    def apply_consolidation(self, report_id: int, incoming: Sequence[StoredSubmission]) -> None:
        """Store the subordinate units' new files and sum every stored one into the report.

        One transaction: the files, the sums, the proposals and the submission annex change
        together or not at all. The unit's own figures are kept apart (the first time, the
        figures already typed are taken as its own level) so that a second consolidation
        sums again instead of adding the units twice. The narrative is not touched.
        """
        for submission in incoming:
            self._check_values(submission.report)
        with self.database.session() as session:
            row = self._editable(session, report_id)
            target = _report_from_row(row)
            template = self.registry.get(target.template_ref)
            for submission in incoming:
                saved = self._save_in(session, submission.report,
                                      _("Nhận tệp {name}").format(name=submission.source_name))
                saved.received_at = submission.received_at
                saved.source_name, saved.source_sha256 = (submission.source_name,
                                                          submission.source_sha256)
            session.flush()
            own_level = self._own_level(session, row)
            stored = self._subordinates_in(session, row)
            subordinate_names = {s.report.unit.name for s in stored}
            own = replace(target, values=own_level, proposals=[
                p for p in target.proposals if p.from_unit not in subordinate_names])
            result = consolidate(
                template, [Submission(s.report, s.source_name, s.received_at) for s in stored],
                unit=target.unit, period=target.period, own=own,
                expected_units=self.subordinate_units()).report
            old_values = {v.code: v.value for v in row.values}
            for code in sorted(set(old_values) | set(result.values)):
                if old_values.get(code) != result.values.get(code):
                    self._log(session, report_id, "value", code, _text_value(old_values.get(code)),
                              _text_value(result.values.get(code)), _("Tổng hợp đơn vị trực thuộc"))
            row.values = [ValueRow(code=c, value=v) for c, v in result.values.items()]
            row.proposals = [ProposalRow(position=i, from_unit=p.from_unit, to_body=p.to, text=p.text)
                             for i, p in enumerate(result.proposals)]
            row.subunits = [SubunitRow(position=i, code=s.code, name=s.name, level=s.level,
                                       received_at=s.received_at, status=s.status.value)
                            for i, s in enumerate(result.subunits)]
            self._log(session, report_id, "consolidation", "consolidation", None,
                      str(len(stored)))

    def _own_level(self, session: Session, row: ReportRow) -> dict[str, Decimal]:
        consolidated_before = session.scalars(select(ChangeRow.id).where(
            ChangeRow.report_id == row.id, ChangeRow.entity == "consolidation").limit(1)).first()
        if consolidated_before is not None:
            # Its own figures were set apart the first time (possibly none at all).
            return {c.code: c.value for c in row.comparisons if c.kind == "own_level"}
        own = {v.code: v.value for v in row.values}
        session.add_all(ComparisonRow(report_id=row.id, kind="own_level", code=code,
                                      label=_("Số liệu của chính đơn vị"), value=value)
                        for code, value in own.items())
        return own

    def _subordinates_in(self, session: Session, row: ReportRow) -> list[StoredSubmission]:
        rows = session.scalars(
            select(ReportRow).join(UnitRow).where(
                UnitRow.superior_id == row.unit_id, UnitRow.active, ReportRow.year == row.year,
                ReportRow.kind == row.kind).options(*_WHOLE_REPORT).order_by(UnitRow.id))
        return [StoredSubmission(r.id, _report_from_row(r), r.received_at, r.source_name,
                                 r.source_sha256) for r in rows]

    # ------------------------------------------------------------------ packages and revisions
    def packages(self, report_id: int) -> list[PackageRecord]:
        """The packages made of a report, oldest first."""
        with self.database.session() as session:
            rows = session.scalars(select(PackageRow).where(PackageRow.report_id == report_id)
                                   .order_by(PackageRow.revision))
            return [PackageRecord(r.revision, r.data_sha256, r.snapshot, r.name, r.user,
                                  r.created_at) for r in rows]

    def plan_revision(self, report_id: int, data_sha256: str) -> RevisionPlan:
        """The revision of a package with this data: the last one's if the data is the same,
        else one more than any revision made so far (never a number already used)."""
        report = self.load_report(report_id)
        made = self.packages(report_id)
        if not made:
            return RevisionPlan(report.revision, None)
        last = made[-1]
        if last.data_sha256 == data_sha256:
            return RevisionPlan(last.revision, last)
        return RevisionPlan(max(report.revision, last.revision) + 1, last)

    def record_package(self, report_id: int, revision: int, data_sha256: str, snapshot: str,
                       name: str) -> None:
        """Keep a package made: its revision becomes the report's. The content is not changed,
        so a final or submitted report takes it too."""
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is None:
                raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
            existing = session.scalars(select(PackageRow).where(
                PackageRow.report_id == report_id, PackageRow.revision == revision)).first()
            if existing is not None:
                if existing.data_sha256 != data_sha256:
                    raise ReportError(_("Lần gửi {revision} đã được đóng gói với nội dung khác; "
                                        "không dùng lại số lần gửi này.").format(revision=revision))
                return
            session.add(PackageRow(report_id=report_id, revision=revision,
                                   data_sha256=data_sha256, snapshot=snapshot, name=name,
                                   user=current_user()))
            old = row.revision
            row.revision = revision
            self._log(session, report_id, "package", "revision", str(old), str(revision), name)

    # ------------------------------------------------------------------ settings
    def setting(self, key: str, default: str = "") -> str:
        with self.database.session() as session:
            row = session.get(SettingRow, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.database.session() as session:
            row = session.get(SettingRow, key)
            if row is None:
                session.add(SettingRow(key=key, value=value))
            else:
                row.value = value


def _status_change_reason(report: Report, new: ReportStatus) -> str:
    """The restore point's description before `report` changes to `new`."""
    if new is ReportStatus.FINAL:
        action = _("Trước khi đánh dấu hoàn thành")
    elif new is ReportStatus.SUBMITTED:
        action = _("Trước khi đánh dấu đã gửi")
    elif is_reopening(report.status, new):
        action = _("Trước khi mở lại báo cáo")
    else:
        action = _("Trước khi đổi trạng thái")
    return f"{action} — {report.period.label}"


# ---------------------------------------------------------------------- row <-> domain

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


# Everything _report_from_row reads, loaded in a few queries instead of one per collection.
_WHOLE_REPORT = (
    selectinload(ReportRow.unit), selectinload(ReportRow.values), selectinload(ReportRow.notes),
    selectinload(ReportRow.texts), selectinload(ReportRow.targets), selectinload(ReportRow.tasks),
    selectinload(ReportRow.proposals), selectinload(ReportRow.documents),
    selectinload(ReportRow.subunits),
)


def _own_from_row(row: UnitRow) -> OwnUnit:
    return OwnUnit(row.code, row.name, row.level, row.kind, row.parent_name, row.place,
                   row.doc_symbol, row.signer_authority, row.signer_title, row.signer_name,
                   row.superior_email)


def _period(row: ReportRow) -> Period:
    return Period(row.year, PeriodKind(row.kind), row.start, row.end, row.deadline)


def _clean_text(text: str) -> str:
    try:
        return clean_narrative(text)
    except TextProblem as exc:
        raise ReportError(str(exc)) from exc


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


def _report_from_row(row: ReportRow) -> Report:
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
        period=_period(row), revision=revision, status=ReportStatus(row.status),
        precision=row.precision,
        document=DocumentInfo(row.doc_number, row.doc_symbol, row.doc_place, row.doc_date,
                              row.subject),
        signer=Signer(row.signer_authority, row.signer_title, row.signer_name),
        recipients=list(row.recipients or []),
        values=values,
        notes={n.code: n.text for n in row.notes},
        texts={t.section_id: t.text for t in row.texts},
        targets=targets,
        tasks=[Task(t.text, TaskStatus(t.status), TaskOrigin(t.origin)) for t in row.tasks],
        proposals=[Proposal(p.from_unit, p.to_body, p.text) for p in row.proposals],
        documents=[IssuedDocument(d.number, d.date, d.subject, d.section) for d in row.documents],
        subunits=[SubunitSubmission(s.code, s.name, s.level, s.received_at,
                                    SubmissionStatus(s.status)) for s in row.subunits],
        unreadable=unreadable,
    )


def _fill_row(row: ReportRow, report: Report) -> None:
    period, document, signer = report.period, report.document, report.signer
    row.template_ref = report.template_ref
    row.year, row.kind = period.year, period.kind.value
    row.start, row.end, row.deadline = period.start, period.end, period.deadline
    row.revision, row.status, row.precision = report.revision, report.status.value, report.precision
    row.doc_number, row.doc_symbol, row.doc_place = document.number, document.symbol, document.place
    row.doc_date, row.subject = document.date, document.subject
    row.signer_authority, row.signer_title, row.signer_name = signer.authority, signer.title, \
        signer.name
    row.recipients = list(report.recipients)
    row.updated_at = utcnow()
    row.values = [ValueRow(code=c, value=v) for c, v in report.values.items()]
    row.notes = [NoteRow(code=c, text=t) for c, t in report.notes.items()]
    row.texts = [TextRow(section_id=s, text=t) for s, t in report.texts.items()]
    row.targets = [TargetRow(code=c, value=v) for c, v in report.targets.items()]
    row.tasks = [TaskRow(position=i, text=t.text, status=t.status.value, origin=t.origin.value)
                 for i, t in enumerate(report.tasks)]
    row.proposals = [ProposalRow(position=i, from_unit=p.from_unit, to_body=p.to, text=p.text)
                     for i, p in enumerate(report.proposals)]
    row.documents = [DocumentRow(position=i, number=d.number, date=d.date, subject=d.subject,
                                 section=d.section) for i, d in enumerate(report.documents)]
    row.subunits = [SubunitRow(position=i, code=s.code, name=s.name, level=s.level,
                               received_at=s.received_at, status=s.status.value)
                    for i, s in enumerate(report.subunits)]


def delete_all_reports(database: Database) -> None:
    """Used by tests and by 'start over': removes reports, keeps units and settings."""
    with database.session() as session:
        session.execute(delete(ReportRow))
