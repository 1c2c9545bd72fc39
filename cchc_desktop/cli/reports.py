"""check and export: a report file in, its checks or its documents out (no data file)."""

from __future__ import annotations

import argparse
import importlib
import json

from cchc_desktop.cli import EXIT_FINDINGS, EXIT_OK
from cchc_desktop.cli.common import check_outputs, open_store, report_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import format_rate_with_fraction
from cchc_desktop.domain.rules import has_errors
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.i18n import _


def check_command(args: argparse.Namespace) -> int:
    context = report_context(args)
    report, template, figures = context.report, context.template, context.figures
    if args.format == "json":
        rates = {}
        for indicator in template.rates():
            value = figures.get(indicator.code)
            rates[indicator.code] = None if value is None else f"{value:.{report.precision}f}"
        print(json.dumps({"rates": rates, "findings": [f.as_json() for f in context.findings]},
                         ensure_ascii=False, indent=2))
    else:
        print(_("Báo cáo {period} - {unit} (mẫu {template})").format(
            period=report.period.label, unit=report.unit.name, template=template.ref))
        print()
        print(_("TỶ LỆ"))
        for indicator in template.rates():
            rate = figures.rates[indicator.code]
            if rate.numerator is None and rate.denominator is None:
                continue
            print(f"  {indicator.full_label}: {format_rate_with_fraction(rate)}")
        print()
        print(_("PHÁT HIỆN") + f" ({len(context.findings)})")
        if not context.findings:
            print("  " + _("Không có phát hiện nào."))
        for finding in context.findings:
            severity = _("LỖI") if finding.severity.value == "error" else _("CẢNH BÁO")
            justified = _(" (đã giải trình)") if finding.justified else ""
            print(f"  [{severity}]{justified} {finding_text(finding)}")
    return EXIT_FINDINGS if has_errors(context.findings) else EXIT_OK


def export_command(args: argparse.Namespace) -> int:
    if not (args.pdf or args.xlsx or args.json):
        raise KnownError(_("Chọn ít nhất một đầu ra: --pdf, --xlsx hoặc --json."))
    if args.trends and not args.pdf:
        raise KnownError(_("--trends kèm phụ lục vào báo cáo PDF: hãy ghi cả --pdf."))
    check_outputs([p for p in (args.json, args.pdf, args.xlsx) if p], args)
    context = report_context(args)
    trends = unit_trends(args, context) if args.trends else None
    if args.json:
        write_report(context.report, context.template, args.json)
        print(_("Đã ghi {path}").format(path=args.json))
    if args.pdf:
        from cchc_desktop.documents.pdf_report import write_pdf  # imported by prepare()

        pages = write_pdf(context, args.pdf, trends=trends)
        print(_("Đã ghi {path} ({pages} trang)").format(path=args.pdf, pages=pages))
    if args.xlsx:
        from cchc_desktop.documents.workbook import write_workbook  # imported by prepare()

        write_workbook(context, args.xlsx)
        print(_("Đã ghi {path}").format(path=args.xlsx))
    return EXIT_OK


def unit_trends(args: argparse.Namespace, context):  # type: ignore[no-untyped-def]
    """The report's unit's reports in the data file, for the PDF's trends annex
    (documents/trends_pdf.py), with their templates read while the data file is open."""
    # imported by prepare() for --pdf; the data file is opened only for --trends
    from cchc_desktop.documents.trends_pdf import TrendSource

    opened, store = open_store(args)
    with opened:
        reports = store.unit_reports(context.report.unit.code)
        templates = {r.template_ref: store.registry.get(r.template_ref) for r in reports}
    templates.setdefault(context.report.template_ref, context.template)
    return TrendSource(reports, templates.__getitem__)


def prepare(args: argparse.Namespace) -> None:
    """The writers the chosen outputs need, imported before the work (see cli/__init__.py)."""
    writers = {"pdf": "cchc_desktop.documents.pdf_report",    # reportlab: only for --pdf
               "xlsx": "cchc_desktop.documents.workbook"}     # openpyxl: only for --xlsx
    for option, module in writers.items():
        if getattr(args, option, None):
            importlib.import_module(module)
