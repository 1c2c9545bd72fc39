"""import, status and backups: the commands that work on the data file's reports."""

from __future__ import annotations

import argparse
import sys

from cchc_desktop.addresses import ServerAddress
from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import data_location, open_store, read_choosing, stored_report_id
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.lifecycle import ReportLockedError, check_editable
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.i18n import _
from cchc_desktop.storage import server_backups
from cchc_desktop.storage.backups import list_backups, restore_point


def import_command(args: argparse.Namespace) -> int:
    # The file is read and checked before the data file is touched.
    report, _template = read_choosing(args.file, args)
    opened, store = open_store(args)
    with opened:
        existing = store.find_report_id(report.unit.code, report.period.year, report.period.kind)
        if existing is not None:
            stored = store.load_report(existing)
            if not (args.replace or args.reopen):
                raise KnownError(_("Tệp dữ liệu đã có báo cáo {period} của {unit}; dùng --replace "
                                   "để thay.").format(period=report.period.label,
                                                      unit=report.unit.name))
            if stored.status is not ReportStatus.DRAFT and not args.reopen.strip():
                try:
                    check_editable(stored.status, stored.period.label)
                except ReportLockedError as exc:
                    raise ReportLockedError(exc.message + "\n" + _(
                        "Dòng lệnh: thêm --reopen \"lý do\" để mở lại và thay báo cáo."),
                        stored.status) from exc
            if restore_point(opened.database, _("Trước khi nhập tệp {name}").format(
                    name=args.file.name)) is None:
                print(no_restore_point(opened.label), file=sys.stderr)
        report_id = store.save_report(report, reason=_("Nhập từ tệp {name}").format(
            name=args.file.name), reopen_reason=args.reopen)
        saved = store.load_report(report_id)
        print(_("Đã nhập báo cáo {period} của {unit} vào {db}").format(
            period=report.period.label, unit=report.unit.name, db=opened.label))
        if saved.status is not report.status:
            print(_("CẢNH BÁO: báo cáo còn lỗi nên được lưu ở trạng thái dự thảo (tệp ghi "
                    "\u201c{status}\u201d).").format(status=report.status.label))
    return EXIT_OK


def no_restore_point(server: str) -> str:
    """Said on a server where a restore point would be taken first but pg_dump is missing."""
    return _("Ghi chú: dữ liệu ở máy chủ {server} nhưng máy này không có pg_dump nên không có "
             "điểm khôi phục trước thay đổi này. Hãy cài các công cụ dòng lệnh của PostgreSQL "
             "(gói postgresql-client, hoặc \u201cCommand Line Tools\u201d của bộ cài trên Windows)."
             ).format(server=server)


def status_command(args: argparse.Namespace) -> int:

    opened, store = open_store(args, existing=True)
    with opened:
        report_id = stored_report_id(store, args)
        if args.new_status:
            if opened.database.is_server and not server_backups.tools_found():
                print(no_restore_point(opened.label), file=sys.stderr)
            store.set_status(report_id, ReportStatus(args.new_status), args.reason)
        report = store.load_report(report_id)
        findings = store.context(report_id).findings
        errors = sum(1 for f in findings if f.severity.value == "error")
        print(_("Báo cáo {period} của {unit}: {status}, lần gửi {revision}; {errors} lỗi, "
                "{warnings} cảnh báo.").format(
            period=report.period.label, unit=report.unit.name, status=report.status.label,
            revision=report.revision, errors=errors, warnings=len(findings) - errors))
    return EXIT_OK


def backups_command(args: argparse.Namespace) -> int:
    """The restore points, newest first: a data file's copies, or a server's dumps (made on
    this PC, kept in the user's data folder: storage/server_backups.py)."""
    location = data_location(args)
    if isinstance(location, ServerAddress):
        found, where = server_backups.list_server_backups(location), location.masked()
    else:
        found, where = list_backups(location), str(location)
    if not found:
        print(_("Chưa có bản sao lưu nào của {path}.").format(path=where))
        return EXIT_OK
    print(_("{n} bản sao lưu của {path} (mới nhất trước):").format(n=len(found), path=where))
    for backup in found:
        states = "; ".join(f"{r.get('period', '')}: {r.get('status', '')}" for r in backup.reports)
        print(f"  {backup.created_at:%d/%m/%Y %H:%M:%S}  {backup.reason}"
              + (f"  [{states}]" if states else "") + f"\n      {backup.path}")
    return EXIT_OK
