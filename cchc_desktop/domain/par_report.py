"""The PAR-index self-assessment report (báo cáo tự đánh giá, chấm điểm Chỉ số CCHC) as a document.

What the PDF (documents/par_report_pdf.py) and the workbook (documents/par_report_workbook.py)
print, worked out once so the two agree: the summary table (field, criterion and sub-criterion
rows with their maximum, the points scored, the evidence attached and the explanation), the
total and its share of the maximum, the scored criteria that need evidence and have none (with
the clerk's explanation of why), and the two free texts the clerk writes for the report,
"Khó khăn, vướng mắc" and "Đề xuất, kiến nghị" (kept per unit, set and year in the data file).

The letterhead (the unit, the document's number, place and date, the signer and the
recipients) is a Report without figures, so the PDF draws the same national header and
signature block as the quarterly report's (documents/header.py, signature_block.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.formatting import format_percent
from cchc_desktop.domain.par_index import CriteriaSet
from cchc_desktop.domain.par_index_scoring import SHARE_PRECISION, Assessment, CriterionScore
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import DocumentInfo, Report, Signer
from cchc_desktop.domain.units import Unit

__all__ = ["Letterhead", "MissingEvidence", "ParReport", "ParReportTexts", "RowLevel",
           "SummaryRow", "par_report"]

FIELD, CRITERION, SUB_CRITERION = range(3)
RowLevel = int


@dataclass(frozen=True)
class ParReportTexts:
    """The clerk's own paragraphs of the report, kept per unit, criteria set and year."""

    difficulties: str = ""     # Khó khăn, vướng mắc
    proposals: str = ""        # Đề xuất, kiến nghị


@dataclass(frozen=True)
class SummaryRow:
    level: RowLevel                   # FIELD, CRITERION or SUB_CRITERION
    code: str
    title: str
    max_points: Decimal
    points: Decimal | None            # None: not scored yet
    evidence: int | None              # None on a row that adds up others (field, parent)
    explanation: str = ""
    lacks_evidence: bool = False

    @property
    def is_sum(self) -> bool:
        return self.evidence is None


@dataclass(frozen=True)
class MissingEvidence:
    """A scored criterion that needs evidence and has none, with the clerk's explanation."""

    code: str
    title: str
    points: Decimal
    explanation: str


@dataclass(frozen=True)
class Letterhead:
    """Who issues the report and who signs it, as the quarterly report's header prints them."""

    unit: Unit
    document: DocumentInfo = field(default_factory=DocumentInfo)
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()

    @classmethod
    def of(cls, report: Report, date: dt.date | None) -> Letterhead:
        """The open report's unit, place, symbol, signer and recipients; a number of its own
        (blank, for the office to fill in) and the report's date."""
        document = DocumentInfo(number="", symbol=report.document.symbol,
                                place=report.document.place, date=date)
        return cls(report.unit, document, report.signer, tuple(report.recipients))


@dataclass(frozen=True)
class ParReport:
    criteria_set: CriteriaSet
    year: int
    letterhead: Letterhead
    rows: tuple[SummaryRow, ...]
    total: Decimal
    maximum: Decimal
    share: Decimal | None               # total / maximum x 100; None for a set without points
    missing: tuple[MissingEvidence, ...]
    unscored: tuple[str, ...]
    texts: ParReportTexts

    def share_text(self, locale: str | None = None) -> str:
        """'92,52%' in `locale` (a document passes its own); '-' for a set without points."""
        return format_percent(self.share, SHARE_PRECISION, locale=locale)

    @property
    def title(self) -> str:
        return f"Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {self.year}"

    def report_shell(self) -> Report:
        """The letterhead as a Report without figures, for the header and signature block."""
        head = self.letterhead
        return Report(template_ref="", unit=head.unit,
                      period=Period.default(self.year, PeriodKind.Y),
                      document=DocumentInfo(head.document.number, head.document.symbol,
                                            head.document.place, head.document.date, self.title),
                      signer=head.signer, recipients=list(head.recipients))

    def criterion_rows(self) -> Iterator[SummaryRow]:
        return (row for row in self.rows if row.level != FIELD)


def _rows(score: CriterionScore, level: RowLevel, explanations: Mapping[str, str],
          evidence: Mapping[str, int]) -> Iterator[SummaryRow]:
    criterion = score.criterion
    code = criterion.code
    if score.parts:
        yield SummaryRow(level, code, criterion.title, criterion.max_points, score.points, None)
        for part in score.parts:
            yield from _rows(part, level + 1, explanations, evidence)
        return
    yield SummaryRow(level, code, criterion.title, criterion.max_points, score.points,
                     evidence.get(code, 0), explanations.get(code, ""), score.lacks_evidence)


def par_report(assessment: Assessment, year: int, letterhead: Letterhead,
               explanations: Mapping[str, str], evidence: Mapping[str, int],
               texts: ParReportTexts) -> ParReport:
    """The report of a scored self-assessment: `explanations` and `evidence` by criterion code
    (storage/par_answers.py: StoredAnswer.explanation and .evidence)."""
    rows: list[SummaryRow] = []
    for field_score in assessment.fields:
        rows.append(SummaryRow(FIELD, field_score.field.code, field_score.field.title,
                               field_score.maximum, field_score.points, None))
        for score in field_score.criteria:
            rows.extend(_rows(score, CRITERION, explanations, evidence))
    missing = tuple(MissingEvidence(r.code, r.title, r.points, r.explanation)
                    for r in rows if r.lacks_evidence and r.points is not None)
    return ParReport(assessment.criteria_set, year, letterhead, tuple(rows), assessment.total,
                     assessment.maximum, assessment.share.value, missing, assessment.unscored,
                     texts)

