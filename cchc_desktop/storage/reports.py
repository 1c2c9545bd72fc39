"""Reports in the data file: found, loaded, saved whole, moved along their life, in context.

`save_report` is the one way a changed report is stored (a file imported, a carry-over, a
consolidation): every figure and text it changes goes into the history with its old value.
Single edits of one field as the clerk types are in storage/edits.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from cchc_desktop.domain.context import ComparisonColumn, ReportContext, build_context
from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.evidence_items import EvidenceItem, evidence_items, report_evidence_context
from cchc_desktop.domain.extra_figures import figures_problem
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.lifecycle import check_editable, check_transition, is_reopening, status_for_stored
from cchc_desktop.domain.number_domain import revision_problem, target_problem
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import DocumentInfo, Report, ReportStatus, Signer
from cchc_desktop.domain.report_hygiene import clean_report
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.values import value_problem
from cchc_desktop.i18n import _
from cchc_desktop.storage.backups import restore_point
from cchc_desktop.storage.changes import Change, changes_of, history_user, log_change, value_text
from cchc_desktop.storage.comparisons import ComparisonsPart, StoredColumn, replace_comparison
from cchc_desktop.storage.evidence import EvidenceError, EvidencePart
from cchc_desktop.storage.models import ChangeRow, ReportRow, UnitRow, utcnow
from cchc_desktop.storage.rows import fill_row, period_of, report_from_row
from cchc_desktop.storage.task_evidence import follow_tasks
from cchc_desktop.storage.units import UnitsPart, unit_row


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


class ReportsPart(UnitsPart, ComparisonsPart, EvidencePart):
    def list_reports(self, unit_code: str | None = None, year: int | None = None,
                     ) -> list[ReportSummary]:
        with self.database.session() as session:
            query = select(ReportRow).join(UnitRow).options(selectinload(ReportRow.unit))
            if unit_code is not None:
                query = query.where(UnitRow.code == unit_code)
            if year is not None:
                query = query.where(ReportRow.year == year)
            rows = session.scalars(query.order_by(ReportRow.year, ReportRow.start, ReportRow.end))
            return [ReportSummary(r.id, r.unit.code, r.unit.name, period_of(r),
                                  ReportStatus(r.status), r.revision, r.template_ref, r.updated_at)
                    for r in rows]

    def unit_reports(self, unit_code: str) -> list[Report]:
        """Every report of one unit, loaded, in the order they are stored (for its trends)."""
        return [self.load_report(summary.id) for summary in self.list_reports(unit_code)]

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

    def ensure_may_write(self) -> None:
        """KnownError for a login that may only read (a server's viewer), before anything is
        asked or tried: the server would refuse the write anyway."""
        login = self.database.read_only_login()
        if login is not None:
            raise KnownError(_("Tài khoản {login} chỉ có quyền xem: không bắt đầu hay sửa được "
                               "báo cáo. Hãy nhờ người quản trị máy chủ cấp vai trò Chuyên viên "
                               "nếu cần.").format(login=login))

    def create_report(self, year: int, kind: PeriodKind | str, *,
                      template_ref: str | None = None, period: Period | None = None) -> int:
        """Start a report of the own unit with the unit's settings and the default period
        (and the registry's default template, unless `template_ref` names another)."""
        self.ensure_may_write()
        own = self.own_unit()
        if own is None:
            raise KnownError(_("Hãy khai báo đơn vị của mình trước khi tạo báo cáo."))
        template = self.registry.get(template_ref) if template_ref else self.registry.default()
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
            return report_from_row(row)

    def save_report(self, report: Report, *, reason: str = "", reopen_reason: str = "",
                    value_reasons: Mapping[str, str] | None = None,
                    summary: tuple[str, str] | None = None,
                    comparisons: Mapping[str, StoredColumn] | None = None) -> int:
        """Insert or replace the whole report of this unit and period; one transaction.

        A report already stored as final or submitted is replaced only when reopened:
        `reopen_reason` is then kept in the history, after a restore point. Every figure
        and text the replacement changes is kept in the history with its old value, and
        with `value_reasons[code]` (else `reason`) as the reason; `summary` (entity, value)
        is the history line that sums the save up, instead of "report replaced". The
        `comparisons` columns ('previous', 'last_year') are replaced in the same transaction.
        The status stored is the file's, except that a report with an error finding is a draft.
        """
        report = self._check_values(report)
        existing = self._replaced_id(report)
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
                    log_change(session, existing, "status", "status", row.status,
                               ReportStatus.DRAFT.value, reopen_reason.strip())
                    row.status = ReportStatus.DRAFT.value
            saved = self._save_in(session, report, reason, value_reasons=value_reasons,
                                  summary=summary)
            for kind, column in (comparisons or {}).items():
                replace_comparison(session, saved.id, kind, column)
            return saved.id

    def _replaced_id(self, report: Report) -> int | None:
        """The stored report `report` replaces: the row _save_in writes over (same unit, year,
        kind and start; two ad-hoc reports of a year differ by their dates), or None."""
        with self.database.session() as session:
            return session.scalars(select(ReportRow.id).join(UnitRow).where(
                UnitRow.code == report.unit.code, ReportRow.year == report.period.year,
                ReportRow.kind == report.period.kind.value,
                ReportRow.start == report.period.start)).first()

    def _restore_point(self, reason: str) -> None:
        """A restore point before a change that is not an ordinary edit: a copy of the data
        file, or pg_dump's on a server (none there without pg_dump: storage/backups.restore_point)."""
        restore_point(self.database, reason)

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
        if (refused := figures_problem(report.extra_figures, template)) is not None:
            raise ReportError(_("số liệu bổ sung {key}: {problem}").format(
                key=refused[0][:80], problem=refused[1]))
        if (problem := revision_problem(report.revision)) is not None:
            raise ReportError(_("lần gửi (revision) {value}: {problem}").format(
                value=report.revision if isinstance(report.revision, int) else "?", problem=problem))
        return clean_report(report)

    def _save_in(self, session: Session, report: Report, reason: str, *,
                 value_reasons: Mapping[str, str] | None = None,
                 summary: tuple[str, str] | None = None) -> ReportRow:
        """Write `report` (checked by _check_values) over its stored row, or as a new one,
        with what it changed in the history."""
        unit = unit_row(session, report.unit)
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
            follow_tasks(session, row, [t.text for t in row.tasks], [t.text for t in report.tasks])
        fill_row(row, replace(report, status=status))
        session.flush()
        if summary is None:
            session.add(ChangeRow(report_id=row.id, user=history_user(session), entity="report",
                                  key="create" if created else "replace", reason=reason))
        else:
            log_change(session, row.id, summary[0], summary[0], None, summary[1], reason)
        if not created:
            # What the replacement changed, figure by figure, so nothing old is lost unseen.
            new_values = {v.code: v.value for v in row.values}
            for code in sorted(set(old_values) | set(new_values)):
                before, after = old_values.get(code), new_values.get(code)
                if before != after:
                    log_change(session, row.id, "value", code, value_text(before),
                               value_text(after), (value_reasons or {}).get(code, reason))
            for section_id in sorted(set(old_texts) | set(report.texts)):
                before_text, after_text = old_texts.get(section_id), report.texts.get(section_id)
                if (before_text or "") != (after_text or ""):
                    log_change(session, row.id, "text", section_id, before_text, after_text, reason)
        if status is not report.status:
            log_change(session, row.id, "status", "status", report.status.value, status.value,
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
            opening = report_from_row(opening_row) if opening_row is not None else None
        return build_context(report, template, opening=opening).findings

    def delete_report(self, report_id: int) -> None:
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is not None:
                check_editable(ReportStatus(row.status), period_of(row).label)
                session.delete(row)

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
                             findings=self._findings_of(session, report_from_row(row)))
            row.status = status.value
            row.updated_at = utcnow()
            log_change(session, report_id, "status", "status", old.value, status.value,
                       reason.strip())

    def history(self, report_id: int, key: str | None = None) -> list[Change]:
        with self.database.session() as session:
            return changes_of(session, report_id, key)

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
                       last_year=context.last_year or stored_last_year,
                       evidence=self.report_evidence(report, template))

    def report_evidence(self, report: Report, template: Template) -> tuple[EvidenceItem, ...]:
        """The report's evidence documents with their files, each hash-checked as it is read:
        a file changed outside the app comes with its problem, which the package refuses."""
        attached = self.evidence_of(report.unit.code, report_evidence_context(report.period))
        pairs = [(a.document, a.link) for a in attached]
        contents: dict[int, bytes] = {}
        problems: dict[int, str] = {}
        for document, _link in pairs:
            if document.id in contents or document.id in problems:
                continue
            try:
                contents[document.id] = self.evidence_content(document.id)
            except EvidenceError as exc:    # the report still opens; the package refuses
                problems[document.id] = exc.message
        return evidence_items(pairs, report, template, contents, problems)

    def _stored_column(self, report_id: int, kind: str, report: Report) -> ComparisonColumn | None:
        stored = self.comparison(report_id, kind)
        if stored is None:
            return None
        label, values = stored
        template = self.registry.get(report.template_ref)
        return ComparisonColumn(label, compute_figures(template, values, report.precision).values)


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
