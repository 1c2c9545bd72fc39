"""Báo cáo > Tổng hợp đơn vị trực thuộc: subordinate units' files checked, previewed, summed.

Every file is checked on its own (readable, checksum, a subordinate unit of ours, the
right period, a known template) and a bad one is listed with its reason while the good
ones go on. A second file from a unit that already sent one is a new revision: it
replaces the first only if the clerk confirms, after seeing what changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_desktop.domain.consolidation import Submission, consolidate, submission_status
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import Report, SubmissionStatus
from cchc_desktop.domain.rules import has_errors
from cchc_desktop.domain.unit_board import UnitBoard, unit_board
from cchc_desktop.domain.unit_matching import find_unit
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import _
from cchc_desktop.isolation import DEFAULT_BUDGET, run_isolated, unknown_error
from cchc_desktop.reportfiles import FileRead, ReadContext, read_for_consolidation
from cchc_desktop.storage.backups import restore_point
from cchc_desktop.storage.repository import ReportStore, StoredSubmission

REPORT_SUFFIXES = (".xlsx", ".json", ".zip")
# Files checked in one batch: every commune of the country (3,321 since 07/2025) fits, and
# so does the annex of units a report can list (5,000: docs/cchc-report.schema.json). The
# files past it are refused, each named, never dropped unseen.
MAX_FILES = 5000


@dataclass(frozen=True)
class Refused:
    path: Path
    message: str


@dataclass
class Incoming:
    path: Path
    submission: StoredSubmission
    replaces: Report | None = None           # the revision already stored, if any
    differences: list[str] = field(default_factory=list)
    error_count: int = 0                     # error-level findings of the unit's report
    # A workbook edited in Excel: figures whose visible cell differs from the hidden data
    # (exchange.workbook.VisibleDifference); the clerk chooses before it is summed.
    visible_differences: list[Any] = field(default_factory=list)
    # A package: the verification's outcome (valid, unsigned, untrusted) and its warnings.
    signature: list[str] = field(default_factory=list)
    signer_der: bytes = b""                  # an intact signature's certificate (DER), to pin


@dataclass
class ConsolidationPreview:
    report_id: int
    accepted: list[Incoming]
    refused: list[Refused]

    @property
    def new_revisions(self) -> list[Incoming]:
        return [item for item in self.accepted if item.replaces is not None]


@dataclass(frozen=True)
class BoardRow:
    """One subordinate unit on the board: how its report arrived and what it says."""

    unit: Unit
    status: SubmissionStatus
    received_at: dt.datetime | None
    source_name: str
    revision: int | None
    error_count: int
    report: Report | None

    @property
    def label(self) -> str:
        if self.report is not None and self.error_count:
            return _("{status}, có {n} lỗi").format(status=self.status.label, n=self.error_count)
        return self.status.label


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and the report files inside any folder given (all of them: the
    batch's limit is prepare_consolidation's, which refuses the files past it by name)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()
                            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                            and not p.name.startswith(("~$", ".")))
        else:
            found.append(path)
    return found


def _received_at(report: Report, modified: float) -> dt.datetime:
    """When the unit sent it: the report's own date when it has one, else the file's time."""
    if report.document.date is not None:
        return dt.datetime.combine(report.document.date, dt.time())
    return dt.datetime.fromtimestamp(modified)


def prepare_consolidation(store: ReportStore, report_id: int, paths: Sequence[Path], *,
                          budget: float = DEFAULT_BUDGET,
                          progress: Callable[[int, int], None] | None = None,
                          ) -> ConsolidationPreview:
    """Check every file on its own; `budget` is the seconds one file may take to read."""
    target = store.load_report(report_id)
    subordinates = UnitIndex(store.subordinate_units(), store.unit_aliases())
    stored = {s.report.unit.code: s for s in store.subordinate_reports(
        target.period.year, target.period.kind)}
    template_id = target.template_ref.partition("@")[0]
    accepted: dict[str, Incoming] = {}
    refused: list[Refused] = []
    files = expand_paths(paths)
    files, beyond = files[:MAX_FILES], files[MAX_FILES:]
    # Each file is read in a worker process within its time budget (cchc_desktop.isolation):
    # a file that hangs or breaks the reader is refused, and the others go on.
    outcomes = run_isolated(read_for_consolidation, files, context=_read_context(store), budget=budget,
                            progress=progress)
    for path, outcome in zip(files, outcomes, strict=True):
        if not outcome.ok:
            refused.append(Refused(path, _refusal(path, str(outcome.error))))
            continue
        try:
            item = _examine(store, target, template_id, subordinates, stored, accepted,
                            path, outcome.value)
        except KnownError as exc:
            refused.append(Refused(path, _refusal(path, exc.message)))
            continue
        except Exception:  # one odd file must not stop the batch
            refused.append(Refused(path, _refusal(path, unknown_error())))
            continue
        if isinstance(item, str):
            refused.append(Refused(path, _refusal(path, item)))
        else:
            accepted[item.submission.report.unit.code] = item
    refused += [Refused(path, _refusal(path, _(
        "quá {n} tệp trong một lần tổng hợp; hãy tổng hợp tệp này trong một lần sau.").format(
        n=format_number(MAX_FILES)))) for path in beyond]
    return ConsolidationPreview(report_id, list(accepted.values()), refused)


def _refusal(path: Path, message: str) -> str:
    # The readers' sentences usually name the file already; the others get its name here.
    if path.name in message:
        return message
    return _("Tệp {name}: {problem}").format(name=path.name, problem=message)


class UnitIndex:
    """The subordinate units, found by code or older code at once (find_unit, which goes
    through every unit, is asked only for a file naming a unit by another spelling)."""

    def __init__(self, units: list[Unit], aliases: dict[str, list[str]]) -> None:
        self.units = units
        self.aliases = aliases
        self._by_code: dict[str, Unit] = {}
        for unit in units:     # the first unit claiming a code wins, as in find_unit
            for code in (unit.code, *aliases.get(unit.code, ())):
                self._by_code.setdefault(code, unit)

    def find(self, incoming: Unit) -> Unit | None:
        found = self._by_code.get(incoming.code)
        return found if found is not None else find_unit(incoming, self.units, self.aliases)


def _examine(store: ReportStore, target: Report, template_id: str, subordinates: UnitIndex,
             stored: dict[str, StoredSubmission], accepted: dict[str, Incoming], path: Path,
             read: FileRead) -> Incoming | str:
    """The accepted file, or the sentence saying why it is refused."""
    report = read.report
    template = store.registry.get(report.template_ref)
    unit = subordinates.find(report.unit)
    if unit is not None and unit.code != report.unit.code:
        # The file names the unit another way (an older code): store it under ours.
        report = replace(report, unit=replace(report.unit, code=unit.code))
    problem = _problem(report, template.id, target, template_id, unit)
    if problem is None and report.unit.code in accepted:
        problem = _("{unit} có hai tệp trong lần này ({other}); chỉ chọn một tệp.").format(
            unit=report.unit.name, other=accepted[report.unit.code].path.name)
    previous = stored.get(report.unit.code)
    if problem is None and previous is not None:
        if previous.source_sha256 == read.sha256:
            problem = _("đã nhận tệp này rồi.")
        elif report.revision < previous.report.revision:
            problem = _("lần gửi {found} cũ hơn lần gửi {stored} đã nhận.").format(
                found=report.revision, stored=previous.report.revision)
    if problem is not None:
        return problem
    errors = read.error_count
    if errors is None:
        errors = sum(1 for f in build_context(report, template).findings if f.severity.value == "error")
    item = Incoming(path, StoredSubmission(None, report, _received_at(report, read.modified),
                                           path.name, read.sha256), error_count=errors)
    item.visible_differences = list(read.differences)
    item.signature = list(read.signature)
    item.signer_der = read.signer_der
    if previous is not None:
        item.replaces = previous.report
        item.differences = _differences(store, previous.report, report)
    return item


def _read_context(store: ReportStore) -> ReadContext:
    """The templates and the province's trust store (anchors, CRLs, pinned units) for the
    worker processes that read the units' files."""
    # the trust store's certificates travel to the workers as bytes; loaded for a consolidation only
    from cryptography.hazmat.primitives.serialization import Encoding

    from cchc_desktop.storage.trust_store import TrustStore

    policy = TrustStore(store.database).policy()
    return ReadContext(store.registry,
                       tuple(c.public_bytes(Encoding.DER) for c in policy.anchors),
                       tuple(c.public_bytes(Encoding.DER) for c in policy.crls),
                       tuple(policy.pinned.items()))


def _problem(report: Report, template_id: str, target: Report, target_template: str,
             unit: Unit | None) -> str | None:
    if unit is None:
        return _("{unit} (mã {code}) không phải đơn vị trực thuộc của {own}.").format(
            unit=report.unit.name, code=report.unit.code, own=target.unit.name)
    if (report.period.year, report.period.kind) != (target.period.year, target.period.kind):
        return _("là báo cáo {found}, không phải {wanted}.").format(
            found=report.period.label, wanted=target.period.label)
    if template_id != target_template:
        return _("dùng mẫu {found}, khác mẫu {wanted} của báo cáo tổng hợp.").format(
            found=report.template_ref, wanted=target_template)
    return None


def _differences(store: ReportStore, old: Report, new: Report) -> list[str]:
    template = store.registry.get(new.template_ref)
    lines = [_("Lần gửi {old} → {new}").format(old=old.revision, new=new.revision)]
    for code in sorted(set(old.values) | set(new.values)):
        before, after = old.values.get(code), new.values.get(code)
        if before != after:
            indicator = template.indicators.get(code)
            label = indicator.full_label if indicator else code
            lines.append(f"{label}: {_show(before)} → {_show(after)}")
    if old.texts != new.texts:
        lines.append(_("Nội dung báo cáo thay đổi."))
    return lines


def _show(value: Decimal | None) -> str:
    return format_number(value, 3) if value is not None else _("(trống)")


def apply_consolidation(store: ReportStore, preview: ConsolidationPreview, *,
                        replace_codes: Iterable[str] = (),
                        visible_choices: Mapping[str, Iterable[str]] | None = None,
                        ) -> list[Incoming]:
    """Store the accepted files and sum them; new revisions only for units in `replace_codes`.

    A file whose visible sheets differ from its hidden data needs the clerk's choice:
    `visible_choices[unit code]` is the set of figures to take from the sheet (empty: all
    hidden). Without an entry for such a file nothing is applied (ReportError).
    """
    # the workbook reader loads only for a workbook whose visible figures are taken
    from cchc_desktop.exchange.workbook import take_visible

    confirmed = set(replace_codes)
    choices = dict(visible_choices or {})
    chosen = [item for item in preview.accepted
              if item.replaces is None or item.submission.report.unit.code in confirmed]
    undecided = [item.path.name for item in chosen if item.visible_differences
                 and item.submission.report.unit.code not in choices]
    if undecided:
        raise ReportError(_("Chưa chọn số liệu cho tệp có trang tính khác phần dữ liệu ẩn: {names}."
                            ).format(names=", ".join(undecided)))
    for item in chosen:
        code = item.submission.report.unit.code
        if item.visible_differences:
            report = item.submission.report
            taken = take_visible(report, store.registry.get(report.template_ref),
                                 item.visible_differences, set(choices[code]))
            item.submission = replace(item.submission, report=taken)
    restore_point(store.database, _("Trước khi tổng hợp {n} tệp").format(n=len(chosen)))
    consolidate_submissions(store, preview.report_id, [item.submission for item in chosen])
    return chosen


def consolidate_submissions(store: ReportStore, report_id: int,
                            incoming: Sequence[StoredSubmission]) -> None:
    """Sum every subordinate unit's latest report (the stored ones, replaced by `incoming`)
    into the report, and store it all in one transaction.

    The unit's own figures are kept apart (the first time, the figures already typed are
    taken as its own level) so that a second consolidation sums again instead of adding the
    units twice. The sums, the proposals and the submission annex change; the narrative not.
    """
    target = store.load_report(report_id)
    template = store.registry.get(target.template_ref)
    own_figures = store.own_figures(report_id)
    if own_figures is None:
        own_figures = dict(target.values)
    units = store.subordinate_units()
    order = {unit.code: position for position, unit in enumerate(units)}
    latest = {s.report.unit.code: s for s in store.subordinate_reports(
        target.period.year, target.period.kind, include_inactive=False)}
    latest.update((s.report.unit.code, s) for s in incoming)
    summed = sorted(latest.values(), key=lambda s: order.get(s.report.unit.code, len(order)))
    names = {s.report.unit.name for s in summed}
    # The unit's own figures (extra_figures.py) are not kept apart as its indicators are: a
    # key a subordinate unit also reports is the units' sum (so that summing again does not
    # add the last sum), a key only this unit has keeps its value, and its labels name both.
    reported = {f.key for s in summed for f in s.report.extra_figures}
    own_extra = [f if f.key not in reported or f.is_rate else replace(f, value=None)
                 for f in target.extra_figures]
    own = replace(target, values=own_figures, extra_figures=own_extra,
                  proposals=[p for p in target.proposals if p.from_unit not in names])
    result = consolidate(template, [Submission(s.report, s.source_name, s.received_at) for s in summed],
                         unit=target.unit, period=target.period, own=own,
                         expected_units=units).report
    consolidated = replace(target, values=result.values, proposals=result.proposals,
                           subunits=result.subunits, extra_figures=result.extra_figures)
    store.save_consolidation(report_id, consolidated, incoming, own_figures, summed=len(summed))


def board(store: ReportStore, report_id: int) -> list[BoardRow]:
    """Every subordinate unit: on time, late, missing, or with error findings."""
    target = store.load_report(report_id)
    stored = {s.report.unit.code: s for s in store.subordinate_reports(
        target.period.year, target.period.kind)}
    rows = []
    for unit in store.subordinate_units():
        submission = stored.get(unit.code)
        if submission is None:
            rows.append(BoardRow(unit, SubmissionStatus.MISSING, None, "", None, 0, None))
            continue
        report = submission.report
        context = build_context(report, store.registry.get(report.template_ref))
        errors = sum(1 for f in context.findings if f.severity.value == "error")
        rows.append(BoardRow(unit, submission_status(submission.received_at, target.period.deadline),
                             submission.received_at, submission.source_name, report.revision,
                             errors if has_errors(context.findings) else 0, report))
    return rows


def rate_board(store: ReportStore, report_id: int,
               rows: Sequence[BoardRow] | None = None) -> UnitBoard:
    """The board of the units' main rates (domain/unit_board.py) for consolidating report
    `report_id`: the units of the board above (`rows`, if already read), each with the
    report it sent."""
    target = store.load_report(report_id)
    rows = board(store, report_id) if rows is None else rows
    return unit_board(target, store.registry.get(target.template_ref),
                      [(row.unit, row.report) for row in rows], store.registry.get)
