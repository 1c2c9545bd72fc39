"""The open report's work beyond editing it: its evidence documents, the imports into it, its
packages and the unit's PAR-index self-assessment. Each is a part of ReportSession
(gui/session.py), as the store is assembled from one part per concern (storage/repository.py).

The evidence dialog, Nhập kỳ trước, the Word import, Đóng gói gửi đi and the PAR-index dialog
reach the data file only through here (tests/gui/test_store_access.py). The imports and the
packaging are deferred: they bring openpyxl, reportlab and pyhanko, which the window's start
need not load.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.domain.evidence import EvidenceDocument, EvidenceLink, EvidenceMeta, TargetKind, citation
from cchc_desktop.domain.evidence_items import EvidenceItem, report_evidence_context
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template

if TYPE_CHECKING:  # the storage layer (SQLAlchemy) loads after the window is shown
    from collections.abc import Mapping

    from cchc_desktop.domain.par_index import CriteriaSet
    from cchc_desktop.domain.par_index_scoring import Answer, ReportFigures
    from cchc_desktop.domain.par_report import ParReport, ParReportTexts
    from cchc_desktop.imports.previous import PreviousImportPreview
    from cchc_desktop.imports.word import WordProposal
    from cchc_desktop.imports.word_apply import WordChoices
    from cchc_desktop.storage.evidence import AttachedEvidence
    from cchc_desktop.storage.par_answers import CarriedAssessment, StoredAnswer
    from cchc_desktop.storage.repository import ReportStore
    from cchc_desktop.submission.revisions import PackagePlan


class SessionPart:
    """What every part works with: the open report and its data file (ReportSession sets them)."""

    store: ReportStore
    report_id: int
    report: Report
    template: Template
    evidence: tuple[EvidenceItem, ...]   # the report's documents as last read

    def ensure_editable(self) -> None:
        raise NotImplementedError   # ReportSession's: a locked report takes no change

    def refresh_evidence(self) -> None:
        raise NotImplementedError   # ReportSession's: read the evidence again, say so


class ImportsPart(SessionPart):
    """Nhập kỳ trước, the Word import and Đóng gói gửi đi, for this report."""

    def prepare_previous_import(self, path: Path) -> PreviousImportPreview:
        """What importing last period's file `path` into this report would change (nothing yet)."""
        # start-up: SQLAlchemy, after the window shows
        from cchc_desktop.imports.previous import prepare_previous_import

        return prepare_previous_import(self.store, self.report_id, path)

    def choose_previous_values(self, preview: PreviousImportPreview,
                               visible_codes: Iterable[str]) -> PreviousImportPreview:
        """`preview` again with the visible sheets' values of `visible_codes` (an edited workbook)."""
        # start-up: SQLAlchemy, after the window shows
        from cchc_desktop.imports.previous import choose_values

        return choose_values(self.store, preview, visible_codes)

    def apply_previous_import(self, preview: PreviousImportPreview, *, include_texts: bool) -> None:
        # start-up: SQLAlchemy, after the window shows
        from cchc_desktop.imports.previous import apply_previous_import

        apply_previous_import(self.store, preview, include_texts=include_texts)

    def read_word_report(self, path: Path) -> WordProposal:
        """What the Word report `path` proposes for this report's template (nothing changed)."""
        # start-up: python-docx, with the first Word import
        from cchc_desktop.imports.word import read_word_report

        return read_word_report(path, self.template, self.report.unit.level)

    def apply_word_import(self, choices: WordChoices) -> None:
        """The clerk's choices from a Word report, written all at once or not at all."""
        # start-up: SQLAlchemy, after the window shows
        from cchc_desktop.imports.word_apply import apply_word_import

        apply_word_import(self.store, self.report_id, choices)

    def plan_package(self) -> PackagePlan:
        """Which revision a package of this report would be, and what changed since the last."""
        # start-up: the package writers (openpyxl, reportlab: ~0.8 s) only when packaging
        from cchc_desktop.submission.revisions import plan_package

        return plan_package(self.store, self.report_id)

    def record_package(self, plan: PackagePlan, folder_name: str) -> None:
        """Keep in the data file that `plan` was packaged into `folder_name`: the next package of
        different content takes the next number."""
        from cchc_desktop.exchange.json_format import dumps  # start-up: the exchange format's modules

        context = plan.context
        self.store.record_package(self.report_id, plan.revision, plan.data_sha256,
                                  dumps(context.report, context.template), folder_name)
        self.report.revision = plan.revision


class EvidencePart(SessionPart):
    """The report's evidence documents. The evidence dialog (gui/evidence_dialog.py) changes them
    only through here: each change is written at once (no undo step, as a file is not typed),
    then the report's evidence is read again, so the next PDF lists it and the fields' buttons
    count it."""

    @property
    def evidence_context(self) -> str:
        return report_evidence_context(self.report.period)

    def evidence_for(self, kind: TargetKind, key: str) -> tuple[EvidenceItem, ...]:
        """The report's documents attached to one item (a figure, a task), as last read."""
        return tuple(item for item in self.evidence
                     if any(t.kind is kind and t.key == key for t in item.targets))

    def evidence_citations(self, kind: TargetKind, key: str) -> tuple[str, ...]:
        return tuple(citation(item.document.meta) for item in self.evidence_for(kind, key))

    def attached_evidence(self, kind: TargetKind, key: str) -> list[AttachedEvidence]:
        """What the data file holds attached to one item, in the order attached."""
        return self.store.evidence_of(self.report.unit.code, self.evidence_context, kind, key)

    def unit_evidence_documents(self) -> list[EvidenceDocument]:
        """Every evidence document of the unit in the data file: one can prove several items."""
        return self.store.evidence_documents(self.report.unit.code)

    def check_evidence_file(self, path: Path) -> None:
        """Refuse (KnownError, the storage's sentence) a file that cannot be attached."""
        self.store.check_evidence_file(path)

    def add_evidence(self, meta: EvidenceMeta, path: Path, kind: TargetKind,
                     key: str) -> EvidenceDocument:
        """The file as a document of the unit, attached to the item: both or neither."""
        self.ensure_editable()
        document = self.store.add_evidence_for(self.report.unit.code, meta, path,
                                               self.evidence_context, kind, key)
        self.refresh_evidence()
        return document

    def attach_evidence(self, document_id: int, kind: TargetKind, key: str) -> None:
        self.ensure_editable()
        self.store.attach_evidence(self.report.unit.code,
                                   EvidenceLink(document_id, self.evidence_context, kind, key))
        self.refresh_evidence()

    def detach_evidence(self, document_id: int, kind: TargetKind, key: str) -> None:
        """The document no longer proves the item; it stays in the data file for other items."""
        self.ensure_editable()
        self.store.detach_evidence(EvidenceLink(document_id, self.evidence_context, kind, key))
        self.refresh_evidence()

    def evidence_content(self, document_id: int) -> bytes:
        return self.store.evidence_content(document_id)


class ParAssessmentPart(SessionPart):
    """The unit's PAR-index self-assessment (Chỉ số CCHC) for a year, beside the open report."""

    def par_answers(self, criteria: CriteriaSet, year: int) -> dict[str, StoredAnswer]:
        return self.store.par_answers(self.report.unit.code, criteria, year)

    def par_scoring_answers(self, criteria: CriteriaSet, year: int) -> Mapping[str, Answer]:
        return self.store.par_scoring_answers(self.report.unit.code, criteria, year)

    def set_par_answer(self, criteria: CriteriaSet, year: int, code: str,
                       choice: bool | str | None, explanation: str) -> None:
        self.store.set_par_answer(self.report.unit.code, criteria, year, code, choice, explanation)

    def start_par_from_last_year(self, criteria: CriteriaSet, year: int) -> CarriedAssessment:
        return self.store.start_from_last_year(self.report.unit.code, criteria, year)

    def par_report_texts(self, criteria: CriteriaSet, year: int) -> ParReportTexts:
        return self.store.par_report_texts(self.report.unit.code, criteria.id, year)

    def set_par_report_texts(self, criteria: CriteriaSet, year: int, texts: ParReportTexts) -> None:
        self.store.set_par_report_texts(self.report.unit.code, criteria.id, year, texts)

    def par_evidence(self, criteria: CriteriaSet, year: int) -> tuple[EvidenceItem, ...]:
        return self.store.par_evidence(self.report.unit.code, criteria, year)

    def par_report(self, criteria: CriteriaSet, year: int, figures: ReportFigures | None,
                   date: dt.date) -> ParReport:
        """The self-assessment report as saved, under the open report's letterhead (its unit,
        place, symbol, signer and recipients), dated `date`."""
        from cchc_desktop.domain.par_report import Letterhead  # start-up: the PAR index loads with its dialog

        return self.store.par_report(self.report.unit.code, criteria, year,
                                     Letterhead.of(self.report, date), figures)
