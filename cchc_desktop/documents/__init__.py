"""Documents produced from a report: the PDF for signature and the Excel annex.

    from cchc_desktop.documents.pdf_report import write_pdf
    from cchc_desktop.documents.workbook import write_workbook

Both take a ReportContext (cchc_desktop.domain.context.build_context) and write
atomically: a failed export never leaves half a file behind.
"""

from __future__ import annotations

import re

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.unit_names import slug

FILE_PREFIX = "BC-CCHC"


def export_file_name(report: Report, suffix: str) -> str:
    """'BC-CCHC_xa-my-an-28066_2026-Q1.pdf': unit and period (ASCII-safe), then `suffix`.

    An official code is all digits, which says nothing to the clerk or the province: the
    name goes before it ("Ủy ban nhân dân xã Mỹ An" as "xa-my-an"). A derived code already
    reads as a name.
    """
    extension = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    code = report.unit.code
    if code.isdigit():
        name = re.sub(r"^(?:uy|ubnd)-ban-nhan-dan-|^ubnd-", "", slug(report.unit.name))
        unit = f"{name}-{code}" if name else code
    else:
        unit = slug(code or report.unit.name) or "don-vi"
    return f"{FILE_PREFIX}_{unit}_{report.period.year}-{report.period.kind.value}{extension}"


__all__ = ["export_file_name"]
