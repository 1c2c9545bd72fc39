"""The report as a PDF for signature, laid out as Decree 30/2020/NĐ-CP, Appendix I.

A4 portrait, margins 20/20/30/15 mm, Liberation Serif (Times-metric, embedded).
Header in two columns, title "BÁO CÁO" with the subject, the sections of the template
with the clerk's narrative and a short paragraph of the section's figures (rates with
their fractions), the closing line, "Nơi nhận:" beside the signature block, then the
annexes ("Phụ lục I", "Phụ lục II"...) that have content. Page numbers are centred in
the top margin from page 2; a draft carries a diagonal "DỰ THẢO" on every page.

This module puts the parts together in one layout pass: the body (pdf_body.py), the
annexes (pdf_annexes.py), on the pages of pdf_page.py, in the styles of pdf_styles.py,
with the signature block of signature_block.py. Document citations in the narrative
become footnotes at the foot of the page where they are cited (footnotes.py).

The document is written in its own language (documents/language.py), never the UI's:
every phrase goes through the builders' `gettext`, every label and number through their
`language`. Only the error of a failed export speaks the UI's `_()`.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable

from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.documents.narrative import Footnotes
from cchc_desktop.documents.pdf_annexes import AnnexBuilder, AnnexPlan, plan_annexes
from cchc_desktop.documents.pdf_body import BodyBuilder, own_name
from cchc_desktop.documents.pdf_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    PAGE_NUMBER_SIZE,
    RIGHT_MARGIN,
    TOP_MARGIN,
    WATERMARK,
    Progress,
    ReportDoc,
    rendered,
)
from cchc_desktop.documents.pdf_styles import (
    BODY_LEADING,
    BODY_SIZE,
    FOOTNOTE_SIZE,
    INDENT,
    PARAGRAPH_GAP,
    TABLE_SIZE,
    Styles,
    styles,
)
from cchc_desktop.documents.signature_block import SIGNATURE_ROOM, SignaturePlace
from cchc_desktop.documents.text import roman
from cchc_desktop.documents.trends_pdf import TrendSource, annex_pages
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.template import Severity
from cchc_desktop.domain.trends import replacing, trend_unavailable
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import Language, _

# The names this module always offered, wherever they live now.
__all__ = ["BODY_LEADING", "BODY_SIZE", "BOTTOM_MARGIN", "FOOTNOTE_SIZE", "INDENT", "LEFT_MARGIN",
           "PAGE_NUMBER_SIZE", "PARAGRAPH_GAP", "RIGHT_MARGIN", "SIGNATURE_ROOM", "TABLE_SIZE",
           "TOP_MARGIN", "WATERMARK", "AnnexPlan", "Progress", "SignaturePlace", "Styles", "is_draft",
           "plan_annexes", "render_pdf", "styles", "write_pdf"]


def is_draft(context: ReportContext) -> bool:
    """A draft prints "DỰ THẢO": a report not yet final, and one whose figures give an error
    whatever status it claims (a file from an older version or another tool)."""
    return context.report.status is ReportStatus.DRAFT or any(
        f.severity is Severity.ERROR for f in context.findings)


def render_pdf(context: ReportContext, progress: Progress | None = None, *,
               signature_place: SignaturePlace | None = None,
               language: Language = DOCUMENT_LANGUAGE,
               created: dt.datetime | None = None,
               trends: TrendSource | None = None) -> tuple[bytes, int]:
    """The PDF bytes and the page count (one layout pass); fills `signature_place` if given.

    `trends`, the unit's reports in the data file, appends "Phụ lục: Xu hướng các chỉ tiêu
    chính" after the report's annexes (trends_pdf.py), drawn with this report in place of
    its stored copy; KnownError when they have fewer than two regular periods.

    Written in `language` (Vietnamese, as the decree wants), whatever the UI speaks. Dated
    `created` (the PDF's creation and modification date), by default now in the PC's zone:
    a reader's "Created" is when the file was made; the report's own date is on its page.
    """
    report = context.report
    findings = findings_in(context, language)
    unit_name = own_name(report)
    footnotes = Footnotes(list(report.documents), unit_name)
    state = FootnoteState(footnotes.notes, styles().footnote, A4[0] - LEFT_MARGIN - RIGHT_MARGIN)
    plans = plan_annexes(context)
    body = BodyBuilder(context, footnotes, plans, state, signature_place,
                       language=language, findings=findings)
    annexes = AnnexBuilder(context, plans, unit_name=unit_name, language=language, findings=findings)
    story = body.story() + annexes.pages()
    if trends is not None:
        story += trends_pages(context, trends, len(plans) + bool(context.evidence), unit_name,
                              language)
    if progress is not None:
        progress(15)
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=report, footnotes=state, progress=progress,
                    draft=is_draft(context), created=created or dt.datetime.now().astimezone())
    doc.build(story)
    return buffer.getvalue(), doc.pages


def trends_pages(context: ReportContext, trends: TrendSource, annexes: int, unit_name: str,
                 language: Language) -> list[Flowable]:
    """The trends annex numbered after the report's `annexes`."""
    reports = replacing(trends.reports, context.report)
    reason = trend_unavailable(r.period for r in reports)
    if reason is not None:
        raise KnownError(_("Không kèm được phụ lục xu hướng: {reason}.").format(reason=reason))
    return annex_pages(TrendSource(reports, trends.template_for), unit_name,
                       f"Phụ lục {roman(annexes + 1)}", language)


def write_pdf(context: ReportContext, path: Path, *, progress: Progress | None = None,
              signature_place: SignaturePlace | None = None,
              language: Language = DOCUMENT_LANGUAGE, created: dt.datetime | None = None,
              trends: TrendSource | None = None) -> int:
    """Write the report for signature to `path` (atomically); return the number of pages.

    `signature_place`, if given, receives where the signature block's blank was drawn.
    The document is in `language`; a failure is reported in the UI's. `created` dates the
    file (render_pdf), by default now; `trends` appends the trends annex (render_pdf).
    """
    if progress is not None:
        progress(0)
    data, pages = rendered(lambda: render_pdf(context, progress, signature_place=signature_place,
                                              language=language, created=created, trends=trends),
                           path)
    if progress is not None:
        progress(90)
    atomic_write_bytes(Path(path), data)
    if progress is not None:
        progress(100)
    return pages
