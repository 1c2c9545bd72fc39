"""trends: the PDF "Phụ lục: Xu hướng các chỉ tiêu chính" of one unit's reports in a data file."""

from __future__ import annotations

import argparse

from cchc_desktop.cli import EXIT_OK
from cchc_desktop.cli.common import open_store
from cchc_desktop.documents.trends_pdf import write_trends_pdf
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _


def trends_command(args: argparse.Namespace) -> int:
    opened, store = open_store(args, existing=True)
    with opened:
        own = store.own_unit()
        unit_code = args.unit or (own.code if own else "")
        if not unit_code:
            raise KnownError(_("Hãy ghi --unit: tệp dữ liệu chưa khai báo đơn vị của mình."))
        reports = store.unit_reports(unit_code)
        if not reports:
            raise KnownError(_("Tệp dữ liệu không có báo cáo nào của đơn vị {unit}.").format(
                unit=unit_code))
        pages = write_trends_pdf(reports, store.registry.get, args.out)
    print(_("Đã ghi xu hướng các chỉ tiêu chính của {unit} ({n} trang) vào {path}.").format(
        unit=reports[-1].unit.name, n=pages, path=args.out))
    return EXIT_OK
