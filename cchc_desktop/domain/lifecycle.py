"""A report's life: draft -> final -> submitted, and back to draft only by reopening with a reason.

These rules are the same for every writer (the window, the command line, imports,
carry-over, consolidation): the storage layer asks `check_transition` before it changes
a status and `check_editable` before it changes anything else, so no route around the
window can leave a final report holding figures nobody checked.

`readiness` is what marking final shows first: the errors that block it, and what is
missing without blocking it (sections without text, figures left empty, warnings without
a justification).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import Report, ReportStatus
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Group, Indicator, Section, Severity, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.i18n import _

# The statuses a report may move to from each status. Leaving final or submitted is a
# reopening: it needs a reason, which the history keeps.
_NEXT = {
    ReportStatus.DRAFT: {ReportStatus.FINAL},
    ReportStatus.FINAL: {ReportStatus.SUBMITTED, ReportStatus.DRAFT},
    ReportStatus.SUBMITTED: {ReportStatus.DRAFT},
}


class ReportLockedError(KnownError):
    """A change to a final or submitted report, which must be reopened (with a reason) first."""

    def __init__(self, message: str, status: ReportStatus) -> None:
        super().__init__(message)
        self.status = status


class TransitionError(KnownError):
    """A status change the report's life does not allow, or not with what it holds now."""


def is_reopening(old: ReportStatus, new: ReportStatus) -> bool:
    return new is ReportStatus.DRAFT and old is not ReportStatus.DRAFT


def locked_message(status: ReportStatus, period_label: str = "") -> str:
    what = _("Báo cáo {period}").format(period=period_label) if period_label else _("Báo cáo")
    state = _("đã gửi") if status is ReportStatus.SUBMITTED else _("đã hoàn thành")
    return _("{what} {state} nên không sửa được. Muốn sửa, hãy chọn \u201cMở lại để sửa...\u201d "
             "và ghi lý do; lý do được ghi vào lịch sử báo cáo.").format(what=what, state=state)


def check_editable(status: ReportStatus, period_label: str = "") -> None:
    """Raise ReportLockedError unless a report of `status` may be changed."""
    if status is not ReportStatus.DRAFT:
        raise ReportLockedError(locked_message(status, period_label), status)


def check_transition(old: ReportStatus, new: ReportStatus, *, reason: str = "",
                     findings: Sequence[Finding] = ()) -> None:
    """Raise TransitionError unless `old` -> `new` is allowed with this reason and these findings.

    `findings` are the report's findings as it stands (errors block final and submitted).
    """
    if old is new:
        return
    if new not in _NEXT[old]:
        raise TransitionError(_("Không thể chuyển báo cáo từ \u201c{old}\u201d sang \u201c{new}\u201d; "
                                "báo cáo đi theo thứ tự dự thảo, hoàn thành, đã gửi.").format(
            old=old.label, new=new.label))
    if is_reopening(old, new) and not reason.strip():
        raise ReportLockedError(_("Mở lại báo cáo {status} cần ghi rõ lý do.").format(
            status=old.label.lower()), old)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if new in (ReportStatus.FINAL, ReportStatus.SUBMITTED) and errors:
        listing = "\n".join(f"• {f.message}" for f in errors[:12])
        more = "\n" + _("... và {n} lỗi khác.").format(n=len(errors) - 12) if len(errors) > 12 else ""
        raise TransitionError(_("Báo cáo còn {n} lỗi phải sửa trước khi hoàn thành:").format(
            n=len(errors)) + "\n\n" + listing + more)


def status_for_stored(report_status: ReportStatus, findings: Sequence[Finding]) -> ReportStatus:
    """The status a report file's content may be stored with: never final with an error standing.

    A file that says "final" but whose figures give an error is kept as a draft.
    """
    if report_status is not ReportStatus.DRAFT and any(
            f.severity is Severity.ERROR for f in findings):
        return ReportStatus.DRAFT
    return report_status


# ---------------------------------------------------------------------- what applies to a unit

def visible_levels(report: Report, group: Group) -> tuple[str, ...]:
    """The rows of a per-level table that apply to this unit and period.

    Levels at or below the unit's own level in the structure in force at the end of the
    period: a district sees district and commune rows before 07/2025, a commune only its
    own row today.
    """
    chain = level_catalogue().levels_on(report.period.end)
    level = report.unit.level
    below = chain[chain.index(level):] if level in chain else chain
    return tuple(item for item in group.levels if item in below)


def indicator_applies(template: Template, report: Report, indicator: Indicator) -> bool:
    """Whether the report's unit fills in (or sees) this indicator."""
    if indicator.level is None:
        return True
    for group in template.section(indicator.section_id).groups:
        if group.id == indicator.group_id:
            return indicator.level == group.total_level or \
                indicator.level in visible_levels(report, group)
    return False


# ---------------------------------------------------------------------- before marking final

@dataclass(frozen=True)
class Readiness:
    """What marking a report final would leave as it is."""

    errors: tuple[Finding, ...]
    sections_without_text: tuple[str, ...]      # "II.1. Cải cách thể chế"
    empty_indicators: tuple[str, ...]           # full labels
    unjustified_warnings: tuple[Finding, ...]

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    @property
    def complete(self) -> bool:
        return not (self.errors or self.sections_without_text or self.empty_indicators
                    or self.unjustified_warnings)


def section_heading(template: Template, section_id: str) -> str:
    """'II.1. Cải cách thể chế': the numbers of the section and its parents with its title."""
    for section, _depth in template.walk():
        if section.id == section_id:
            numbers = [parent.number for parent in _parents(template, section_id)] + [section.number]
            return f"{'.'.join(numbers)}. {section.title}"
    return section_id


def _parents(template: Template, section_id: str) -> list[Section]:
    def find(sections: tuple[Section, ...], trail: list[Section]) -> list[Section] | None:
        for section in sections:
            if section.id == section_id:
                return trail
            found = find(section.children, [*trail, section])
            if found is not None:
                return found
        return None
    return find(template.sections, []) or []


def readiness(template: Template, report: Report, findings: Sequence[Finding]) -> Readiness:
    errors = tuple(f for f in findings if f.severity is Severity.ERROR)
    unjustified = tuple(f for f in findings
                        if f.severity is Severity.WARNING and not f.justified)
    without_text = tuple(section_heading(template, section.id)
                         for section, _depth in template.walk()
                         if section.narrative and not report.texts.get(section.id, "").strip())
    empty = tuple(indicator.full_label for indicator in template.indicators.values()
                  if not indicator.derived and not indicator.optional
                  and indicator.code not in report.values
                  and indicator_applies(template, report, indicator))
    return Readiness(errors, without_text, empty, unjustified)
