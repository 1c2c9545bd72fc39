"""What several commands share: reading report files, guarding outputs, the data file."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from cchc_desktop import fileio
from cchc_desktop.addresses import DataLocation, ServerAddress
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.periods import parse_period_key
from cchc_desktop.domain.template import TemplateRegistry, shipped_templates
from cchc_desktop.i18n import _
from cchc_desktop.paths import default_data_file
from cchc_desktop.reportfiles import read_report_file, read_with_differences

LOCK_WAIT_SECONDS = 30.0  # how long a command waits for another writer of its data file
LOCK_WAIT_VARIABLE = "CCHC_DESKTOP_LOCK_WAIT"


def read_file(path: Path):  # type: ignore[no-untyped-def]
    return read_report_file(path)


def chosen(path: Path, args: argparse.Namespace, report, template, differences):  # type: ignore[no-untyped-def]
    """A workbook whose visible sheets differ from its hidden data: never decided silently.

    The differences are printed; without --use-visible or --use-hidden the file is refused.
    """
    if not differences:
        return report
    from cchc_desktop.exchange.workbook import take_visible  # openpyxl, for workbooks only

    lines = [_("CẢNH BÁO: tệp {name} có {n} số liệu trên trang tính khác phần dữ liệu ẩn (đã sửa "
               "bằng Excel?):").format(name=path.name, n=len(differences))]
    lines += ["  - " + difference.line() for difference in differences]
    print("\n".join(lines), file=sys.stderr)
    if getattr(args, "use_visible", False):
        return take_visible(report, template, differences, {d.code for d in differences})
    if getattr(args, "use_hidden", False):
        return report
    raise KnownError(_("Tệp {name}: chọn --use-visible (lấy số trên trang tính) hoặc --use-hidden "
                       "(lấy số trong phần dữ liệu ẩn).").format(name=path.name))


def read_choosing(path: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    report, template, differences = read_with_differences(path)
    return chosen(path, args, report, template, differences), template


def report_context(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    report, template = read_choosing(args.file, args)
    previous = read_choosing(args.previous, args)[0] if getattr(args, "previous", None) else None
    last_year = (read_choosing(args.last_year, args)[0] if getattr(args, "last_year", None)
                 else None)
    # The report given as --previous is the one that ends the day before: it is both the
    # comparison column and the source of the carried-over figures.
    return build_context(report, template, previous=previous, last_year=last_year, opening=previous)


def inputs(args: argparse.Namespace) -> list[Path]:
    """Every file the command reads, and the data file: what no output may overwrite."""
    location = data_location(args)
    found = [] if isinstance(location, ServerAddress) else [Path(location)]
    for name in ("file", "previous", "last_year", "own", "sign"):
        value = getattr(args, name, None)
        if value:
            found.append(Path(value))
    found += [Path(p) for p in getattr(args, "files", None) or []]
    return found


def check_outputs(outputs: list[Path], args: argparse.Namespace) -> None:
    """Refused before any work: an output that is an input, a folder, a device or a pipe."""
    fileio.check_outputs(outputs, inputs=inputs(args))


def data_location(args: argparse.Namespace) -> DataLocation:
    """The command's --db (or the global one): a data file or a server, else the default file."""
    location: DataLocation | None = getattr(args, "sub_db", None) or args.db
    return location if location is not None else default_data_file()


def ask_password(prompt: str) -> str | None:
    """A server's password typed at the terminal (not echoed); None without a terminal."""
    if not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        return None


def lock_wait_seconds() -> float:
    """LOCK_WAIT_SECONDS, or the seconds in CCHC_DESKTOP_LOCK_WAIT (scripts running many at once)."""
    text = os.environ.get(LOCK_WAIT_VARIABLE, "").strip()
    if not text:
        return LOCK_WAIT_SECONDS
    try:
        seconds = float(text.replace(",", "."))
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86400:
        raise KnownError(_("Biến môi trường {var} phải là số giây chờ, từ 0 đến 86400 (đang là "
                           "\u201c{value}\u201d).").format(var=LOCK_WAIT_VARIABLE, value=text))
    return seconds


def open_store(args: argparse.Namespace, *, existing: bool = False):  # type: ignore[no-untyped-def]
    """The data file through the one door every writer uses (storage/datafile.py).

    `existing`: the command reads reports already stored (status, board, trends, outbox...):
    a data file that is not there is refused by name, never created empty, so that a
    mistyped --db leaves no stray file behind and says what is wrong.
    Imported here, not at the top: check and export share this module and need no database.
    """
    location = data_location(args)
    if existing and not isinstance(location, ServerAddress) and not Path(location).exists():
        raise KnownError(_("Không có tệp dữ liệu {path}. Hãy kiểm tra đường dẫn (--db), hoặc "
                           "nhập báo cáo vào tệp trước (cchc-desktop import).").format(
                               path=location))
    # start-up: check and export need no database (sqlalchemy)
    from cchc_desktop.storage.instance_lock import LockOwner, format_seconds
    from cchc_desktop.storage.open_data import open_for_writing_at
    from cchc_desktop.storage.repository import ReportStore

    wait = lock_wait_seconds()

    def waiting(owner: LockOwner) -> None:
        print(_("Tệp dữ liệu đang được chương trình khác ghi (PID {pid}); chờ tối đa {seconds} "
                "giây...").format(pid=owner.pid or _("không rõ"), seconds=format_seconds(wait)),
              file=sys.stderr)

    # A script may run many commands on one data file at once: each waits its turn.
    opened = open_for_writing_at(location, wait_seconds=wait, on_wait=waiting,
                                 ask=ask_password)
    return opened, ReportStore(opened.database)


def stored_report_id(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    year, kind = parse_period_key(args.period)
    own = store.own_unit()
    unit_code = args.unit or (own.code if own else "")
    report_id = store.find_report_id(unit_code, year, kind) if unit_code else None
    if report_id is None:
        raise KnownError(_("Tệp dữ liệu không có báo cáo kỳ {period} của đơn vị {unit}.").format(
            period=args.period, unit=unit_code or _("(chưa khai báo)")))
    return int(report_id)


def shipped_registry() -> TemplateRegistry:
    return shipped_templates()
