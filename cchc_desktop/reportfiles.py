"""Reading a report file of any supported kind (.json exchange file or .xlsx workbook)."""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.i18n import _


def read_report_file(path: Path, registry: TemplateRegistry | None = None,
                     ) -> tuple[Report, Template]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        from cchc_desktop.exchange.json_format import read_report

        return read_report(path, registry)
    if suffix in (".xlsx", ".xlsm"):
        from cchc_desktop.exchange.workbook import read_workbook

        return read_workbook(path, registry)
    raise ReportError(_("Tệp {name}: chỉ đọc được tệp báo cáo .json hoặc .xlsx.").format(
        name=path.name))
