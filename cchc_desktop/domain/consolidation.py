"""A superior unit's report made from its subordinate units' reports.

How a figure combines is its kind's (domain/field_kinds.py): summable figures are the
sums of the units (plus the superior's own level, if given); rates are never averaged:
they are derived again from the summed figures. The units' own figures (extra_figures.py)
are summed by key, their rates computed again from the sums. Proposals
are gathered, each with the unit it came from, and every subordinate unit's submission
is listed as on time, late or missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure, summed
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import (
    DocumentInfo,
    Proposal,
    Report,
    Signer,
    SubmissionStatus,
    SubunitSubmission,
)
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _


@dataclass(frozen=True)
class Submission:
    """One subordinate unit's report as it arrived: the report, its file and when it came."""

    report: Report
    source: str = ""
    received_at: dt.datetime | None = None


@dataclass
class Consolidation:
    report: Report
    dropped_codes: dict[str, list[str]] = field(default_factory=dict)  # source -> codes unknown


def submission_status(received_at: dt.datetime | None, deadline: dt.date) -> SubmissionStatus:
    if received_at is None:
        return SubmissionStatus.MISSING
    return SubmissionStatus.ON_TIME if received_at.date() <= deadline else SubmissionStatus.LATE


def consolidate(template: Template, submissions: Sequence[Submission], *, unit: Unit,
                period: Period, own: Report | None = None,
                expected_units: Sequence[Unit] = ()) -> Consolidation:
    """Sum the submissions into a report of `unit` for `period`.

    Raises ReportError naming the file when a submission is for another period, uses
    another template, or comes twice from the same unit.
    """
    seen: dict[str, str] = {}
    for submission in submissions:
        report, source = submission.report, submission.source or submission.report.unit.name
        if (report.period.year, report.period.kind) != (period.year, period.kind):
            raise ReportError(_("{source}: báo cáo {found} không cùng kỳ {wanted}.").format(
                source=source, found=report.period.label, wanted=period.label))
        if report.template_ref.partition("@")[0] != template.id:
            raise ReportError(_("{source}: dùng mẫu {found}, khác mẫu {wanted}.").format(
                source=source, found=report.template_ref, wanted=template.id))
        if report.unit.code in seen:
            raise ReportError(_("{source}: đơn vị {unit} đã có trong {other}.").format(
                source=source, unit=report.unit.name, other=seen[report.unit.code]))
        seen[report.unit.code] = source

    parts = [s.report for s in submissions] + ([own] if own is not None else [])
    dropped: dict[str, list[str]] = {}
    values = _summed_values(template, parts, own)
    proposals = list(own.proposals) if own else []
    for submission in submissions:
        proposals += [Proposal(p.from_unit or submission.report.unit.name, p.to, p.text)
                      for p in submission.report.proposals]

    subunits = [SubunitSubmission(s.report.unit.code, s.report.unit.name, s.report.unit.level,
                                  s.received_at, submission_status(s.received_at, period.deadline))
                for s in submissions]
    arrived = {s.report.unit.code for s in submissions}
    subunits += [SubunitSubmission(u.code, u.name, u.level, None, SubmissionStatus.MISSING)
                 for u in expected_units if u.code not in arrived]

    report = Report(
        template_ref=template.ref, unit=unit, period=period,
        precision=own.precision if own else template.precision,
        document=own.document if own else DocumentInfo(
            subject=template.subject.vi.format(period=period.phrase)),
        signer=own.signer if own else Signer(),
        recipients=list(own.recipients) if own else [],
        values=values, notes=dict(own.notes) if own else {},
        texts=dict(own.texts) if own else {}, targets=dict(own.targets) if own else {},
        tasks=list(own.tasks) if own else [], proposals=proposals,
        documents=list(own.documents) if own else [], subunits=subunits,
        extra_figures=_summed_extra_figures(template, submissions, own, dropped),
    )
    return Consolidation(report, dropped)


def _summed_extra_figures(template: Template, submissions: Sequence[Submission],
                          own: Report | None, dropped: dict[str, list[str]]) -> list[ExtraFigure]:
    """The units' own figures summed by key, the superior's own first so that its label
    names a key they share; a figure in a section the template lacks is left in `dropped`."""
    sections = template.section_ids()
    sources = ([(_("báo cáo của đơn vị"), own)] if own is not None else []) + [
        (s.source or s.report.unit.name, s.report) for s in submissions]
    per_unit = []
    for source, report in sources:
        kept = [f for f in report.extra_figures if f.section_id in sections]
        if lost := [f.key for f in report.extra_figures if f.section_id not in sections]:
            dropped.setdefault(source, []).extend(lost)
        per_unit.append(kept)
    return summed(per_unit)


def _summed_values(template: Template, parts: Sequence[Report], own: Report | None,
                   ) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}
    for code, indicator in template.indicators.items():
        entered = [r.values[code] for r in parts if code in r.values]
        combined = indicator.field_kind.combine(
            indicator, entered, own.values.get(code) if own is not None else None)
        if combined is not None:
            values[code] = combined
    return values
