"""migrate-db: an office's data from a data file to a PostgreSQL server, or back."""

from __future__ import annotations

import argparse

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import ask_password
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.i18n import _
from cchc_desktop.storage.transfer import migrate


def migrate_db_command(args: argparse.Namespace) -> int:
    summary = migrate(args.source, args.target, ask=ask_password)
    for table, rows in summary.rows.items():
        print(_("  {table}: {rows} dòng").format(table=table, rows=format_number(rows)))
    print(_("Đã chuyển {rows} dòng của {tables} bảng từ {source} sang {target}.").format(
        rows=format_number(summary.total), tables=len(summary.rows), source=summary.source,
        target=summary.target))
    return EXIT_OK
