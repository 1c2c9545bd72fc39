"""Documents produced from a report: the PDF for signature and the Excel annex.

    from cchc_desktop.documents.pdf_report import write_pdf
    from cchc_desktop.documents.workbook import write_workbook

Both take a ReportContext (cchc_desktop.domain.context.build_context) and write
atomically: a failed export never leaves half a file behind.
"""

from __future__ import annotations

from cchc_desktop.documents.text import ascii_slug
from cchc_desktop.domain.report import Report

FILE_PREFIX = "BC-CCHC"


def export_file_name(report: Report, suffix: str) -> str:
    """'BC-CCHC_xa-my-an_2026-Q1.pdf': unit code (ASCII-safe) and period, then `suffix`."""
    extension = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    unit = ascii_slug(report.unit.code or report.unit.name, fallback="don-vi")
    return f"{FILE_PREFIX}_{unit}_{report.period.year}-{report.period.kind.value}{extension}"


__all__ = ["export_file_name"]
