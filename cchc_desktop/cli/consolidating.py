"""consolidate: the units' report files summed into the consolidating unit's report."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cchc_desktop.cli import EXIT_FINDINGS, EXIT_OK
from cchc_desktop.cli.common import (
    check_outputs,
    chosen,
    read_choosing,
    read_file,
    shipped_registry,
)
from cchc_desktop.domain.admin_units import resolve_name, units_named_in
from cchc_desktop.domain.consolidation import Submission, consolidate
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import Period, parse_period_key
from cchc_desktop.domain.unit_names import derive_unit_code
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.i18n import _
from cchc_desktop.isolation import run_isolated
from cchc_desktop.reportfiles import FileRead, read_for_consolidation


def consolidate_command(args: argparse.Namespace) -> int:
    """Sum the units' files; each file read on its own (a worker process, a time budget).

    A refused file is listed on stderr with its reason and the others are summed: exit 1
    when some files were refused (the output holds the others), 2 when none could be used
    or an option is wrong (nothing written).
    """
    name = " ".join(args.unit_name.split())
    if not name:
        raise KnownError(_("--unit-name: tên đơn vị tổng hợp không được để trống."))
    year, kind = parse_period_key(args.period)
    period = Period.default(year, kind)
    check_outputs([args.out], args)
    unit = Unit((args.unit_code or "").strip() or _unit_code(name, args.level, args.parent), name,
                args.level, " ".join(args.parent.split()))
    own = _own_report(args.own, unit, period, args) if args.own else None

    submissions: list[Submission] = []
    refused: list[str] = []
    template = None
    seen: dict[str, str] = {}
    for path, outcome in zip(args.files, run_isolated(read_for_consolidation, args.files),
                             strict=True):
        if not outcome.ok:
            error = str(outcome.error)
            refused.append(error if path.name in error else
                           _("Tệp {name}: {problem}").format(name=path.name, problem=error))
            continue
        read: FileRead = outcome.value
        report = read.report
        problem = None
        if read.differences:
            try:
                report = chosen(path, args, report, shipped_registry().get(report.template_ref),
                                 list(read.differences))
            except KnownError as exc:
                refused.append(exc.message)
                continue
        if (report.period.year, report.period.kind) != (year, kind):
            problem = _("báo cáo {found} không cùng kỳ {wanted}.").format(
                found=report.period.label, wanted=period.label)
        elif template is not None and report.template_ref.partition("@")[0] != template.id:
            problem = _("dùng mẫu {found}, khác mẫu {wanted} của các tệp trước.").format(
                found=report.template_ref, wanted=template.id)
        elif report.unit.code in seen:
            problem = _("đơn vị {unit} đã có trong {other}.").format(unit=report.unit.name,
                                                                      other=seen[report.unit.code])
        elif report.unit.code == unit.code:
            problem = _("là báo cáo của chính đơn vị tổng hợp; dùng --own cho tệp này.")
        if problem is not None:
            refused.append(_("Tệp {name}: {problem}").format(name=path.name, problem=problem))
            continue
        if template is None:
            template = shipped_registry().get(report.template_ref)
        seen[report.unit.code] = path.name
        received = report.document.date or dt.datetime.fromtimestamp(read.modified).date()
        submissions.append(Submission(report, path.name, dt.datetime.combine(received, dt.time())))
    for line in refused:
        print(_("KHÔNG NHẬN: {reason}").format(reason=line), file=sys.stderr)
    if template is None:
        raise KnownError(_("Không có tệp nào tổng hợp được ({n} tệp bị từ chối).").format(
            n=len(refused)))
    if own is not None and own.template_ref.partition("@")[0] != template.id:
        raise KnownError(_("--own: tệp {name} dùng mẫu {found}, khác mẫu {wanted} của các đơn vị."
                           ).format(name=args.own.name, found=own.template_ref, wanted=template.id))
    result = consolidate(template, submissions, unit=unit, period=period, own=own)
    write_report(result.report, template, args.out)
    _check_written(args.out)
    context = build_context(result.report, template)
    print(_("Đã tổng hợp {n} báo cáo vào {path}").format(n=len(submissions), path=args.out))
    if refused:
        print(_("{n} tệp không được tổng hợp (xem lý do ở trên).").format(n=len(refused)))
    errors = sum(1 for f in context.findings if f.severity.value == "error")
    if errors:
        print(_("Báo cáo tổng hợp có {n} lỗi; chạy lệnh check để xem.").format(n=errors))
    return EXIT_FINDINGS if refused else EXIT_OK


def _own_report(path: Path, unit, period, args):  # type: ignore[no-untyped-def]
    """--own: the consolidating unit's own report of the same period, nothing else."""
    own = read_choosing(path, args)[0]
    if own.unit.code != unit.code or (own.period.year, own.period.kind) != (period.year,
                                                                            period.kind):
        raise KnownError(_(
            "--own: tệp {name} là báo cáo {found_period} của {found_unit} (mã {found_code}); cần "
            "báo cáo {period} của chính đơn vị tổng hợp {unit} (mã {code}).").format(
            name=path.name, found_period=own.period.label, found_unit=own.unit.name,
            found_code=own.unit.code, period=period.label, unit=unit.name, code=unit.code))
    return own


def _check_written(path: Path) -> None:
    """The output is read back with the strict reader `check` uses: a file it would refuse is
    removed, never left behind."""
    try:
        read_file(path)
    except KnownError as exc:
        path.unlink(missing_ok=True)
        raise KnownError(_("Tệp tổng hợp tạo ra không đọc lại được nên đã bị xóa: {reason}").format(
            reason=exc.message)) from exc


def _unit_code(name: str, level: str, parent: str) -> str:
    """The same code the window's setup gives: the official one when the name is in the list,
    else one derived once from the name and the superior's official code."""
    found = resolve_name(name, level=level, parent=parent)
    if len({unit.code for unit in found}) == 1:
        return found[0].code
    superiors = {unit.code for unit in units_named_in(parent)} if parent else set()
    return derive_unit_code(name, superiors.pop() if len(superiors) == 1 else "")
