"""The open report: the domain report in memory, its figures and findings, and its saving.

Undo commands call the `set_*` methods here; widgets listen to the signals and
never write to the store themselves.

The session also knows the fields being corrected: a field whose text was refused
(letters in a count, a date that does not exist) holds nothing new, so the report and the
data file keep the saved value; the field keeps the refused text and reports it here with
`set_correction`, and the findings panel lists it until it is corrected or given up (Esc).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from cchc_desktop.domain.context import ComparisonColumn, ReportContext, build_context
from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.evidence import EvidenceDocument, EvidenceLink, EvidenceMeta, TargetKind, citation
from cchc_desktop.domain.evidence_items import EvidenceItem, report_evidence_context
from cchc_desktop.domain.extra_figures import ExtraFigure, figures_problem, merged_figures
from cchc_desktop.domain.lifecycle import (
    Readiness,
    check_editable,
    indicator_applies,
    readiness,
    visible_levels,
)
from cchc_desktop.domain.par_report import Letterhead, ParReport, ParReportTexts
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import DocumentInfo, Report, ReportStatus, Signer
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.domain.template import Group, Indicator, Template
from cchc_desktop.gui.autosave import AutoSaver
from cchc_desktop.i18n import _
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.errors import storage_error

if TYPE_CHECKING:  # the storage layer (SQLAlchemy) loads after the window is shown
    from collections.abc import Mapping

    from cchc_desktop.domain.par_index import CriteriaSet
    from cchc_desktop.domain.par_index_scoring import Answer, ReportFigures
    from cchc_desktop.imports.previous import PreviousImportPreview
    from cchc_desktop.imports.word import WordProposal
    from cchc_desktop.imports.word_apply import WordChoices
    from cchc_desktop.storage.changes import ChangeLog
    from cchc_desktop.storage.evidence import AttachedEvidence
    from cchc_desktop.storage.par_answers import CarriedAssessment, StoredAnswer
    from cchc_desktop.storage.repository import Change, OwnUnit, ReportStore
    from cchc_desktop.submission.revisions import PackagePlan

LIST_KINDS = ("tasks", "proposals", "documents")


@dataclass(frozen=True)
class Correction:
    """A field showing a refused text: the report keeps the saved value until it is corrected."""

    key: str        # the field: an indicator code, or "documents/2/1" for a cell of a list
    label: str      # the field as the clerk knows it
    text: str       # what the clerk typed
    problem: str    # why it cannot be saved, a sentence
    page: str       # the page (section id) holding the field, to jump to it


class ReportSession(QObject):
    value_changed = Signal(str)     # indicator code
    text_changed = Signal(str)      # section id
    note_changed = Signal(str)      # indicator code
    list_changed = Signal(str)      # one of LIST_KINDS
    extra_figures_changed = Signal(str)  # section id: its extra figures (domain/extra_figures.py)
    context_changed = Signal()      # figures and findings recomputed
    status_changed = Signal()
    history_requested = Signal(str, str)  # entity ("value", "text"), key: a field's history
    corrections_changed = Signal()  # a field's text was refused, or corrected / given up
    evidence_changed = Signal()     # a document attached to an item of the report, or detached
    conflicted = Signal(object)     # an EditConflict: another clerk wrote the field first

    def __init__(self, store: ReportStore, report_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report_id = report_id
        self.report: Report = store.load_report(report_id)
        self.template: Template = store.registry.get(self.report.template_ref)
        # The comparison columns do not change while the report is edited: the store finds
        # them once (the other reports in this file, or the figures kept with the report).
        stored = store.context(report_id)
        self.previous: ComparisonColumn | None = stored.previous
        self.last_year: ComparisonColumn | None = stored.last_year
        # The documents attached to the report, for the PDF's evidence annex and the fields'
        # evidence buttons; read again after each change (refresh_evidence).
        self.evidence: tuple[EvidenceItem, ...] = stored.evidence
        # A server login that may only read (storage/server.py): the report opens locked. The
        # server refuses its writes anyway; this spares the clerk typing what is refused.
        self.view_only: str | None = store.database.read_only_login()
        self.opening = self._other(self.report.unit.code, self.report.period.opening_key())
        self.saver = AutoSaver(self, explain=storage_error)
        self.undo_stack = QUndoStack(self)
        # Typing in one field merges into one undo step until the focus moves on.
        self.edit_generation = 0
        self._corrections: dict[str, Correction] = {}
        # What the data holds as far as this session knows (loaded, or last written by it):
        # each write says so, and the store refuses it if another clerk wrote since
        # (storage/conflicts.py).
        self._stored_values: dict[str, Decimal] = dict(self.report.values)
        self._stored_texts: dict[str, str] = dict(self.report.texts)
        self._stored_notes: dict[str, str] = dict(self.report.notes)
        self._stored_extras: dict[str, list[ExtraFigure]] = {}
        for figure in self.report.extra_figures:
            self._stored_extras.setdefault(figure.section_id, []).append(figure)
        self._stored_lists: dict[str, list[Any]] = {
            kind: list(getattr(self.report, kind)) for kind in LIST_KINDS}
        self.context: ReportContext = self._build_context()

    def _other(self, unit_code: str, key: tuple[int, PeriodKind] | None) -> Report | None:
        if key is None:
            return None
        return self.store.find_report(unit_code, *key)

    def build_context(self, report: Report) -> ReportContext:
        """Figures and findings of `report` (this one, or a copy of it) with the comparisons."""
        context = build_context(report, self.template, opening=self.opening)
        return replace(context, previous=self.previous, last_year=self.last_year,
                       evidence=self.evidence)

    def _build_context(self) -> ReportContext:
        return self.build_context(self.report)

    def refresh(self) -> None:
        self.context = self._build_context()
        self.context_changed.emit()

    # ------------------------------------------------------------------ reading
    @property
    def locked(self) -> bool:
        """Final and submitted reports take no edit until reopened (domain/lifecycle.py), nor
        any report a viewer's login opened."""
        return self.report.status is not ReportStatus.DRAFT or self.view_only is not None

    def view_only_notice(self) -> str:
        """What the window says when this login may only read, else ""."""
        if self.view_only is None:
            return ""
        return _("Tài khoản {login} chỉ có quyền xem: báo cáo mở để đọc, không sửa được. "
                 "Muốn sửa, hãy nhờ người quản trị máy chủ cấp quyền chuyên viên.").format(
                     login=self.view_only)

    def value(self, code: str) -> Decimal | None:
        return self.report.values.get(code)

    def figure(self, code: str) -> Decimal | None:
        return self.context.figures.get(code)

    def extra_figures(self, section_id: str) -> list[ExtraFigure]:
        """The figures the unit added to `section_id`, in the report's order."""
        return [f for f in self.report.extra_figures if f.section_id == section_id]

    def visible_levels(self, group: Group) -> tuple[str, ...]:
        return visible_levels(self.report, group)

    def indicator_shown(self, indicator: Indicator) -> bool:
        return indicator_applies(self.template, self.report, indicator)

    def readiness(self) -> Readiness:
        """What marking final would leave as it is (errors block it)."""
        return readiness(self.template, self.report, self.context.findings)

    # ------------------------------------------------------------------ fields being corrected
    def corrections(self) -> tuple[Correction, ...]:
        """The fields whose shown text is refused, in the order the clerk met them."""
        return tuple(self._corrections.values())

    def correction(self, key: str) -> Correction | None:
        return self._corrections.get(key)

    def set_correction(self, correction: Correction) -> None:
        """Field `correction.key` shows a refused text; the report keeps its saved value."""
        if self._corrections.get(correction.key) != correction:
            self._corrections[correction.key] = correction
            self.corrections_changed.emit()

    def clear_correction(self, key: str) -> None:
        """The field holds what it shows again (corrected, or Esc brought the saved value back)."""
        if self._corrections.pop(key, None) is not None:
            self.corrections_changed.emit()

    def clear_corrections(self, prefix: str) -> None:
        """Forget the refused texts of every field whose key starts with `prefix`."""
        keys = [key for key in self._corrections if key.startswith(prefix)]
        for key in keys:
            del self._corrections[key]
        if keys:
            self.corrections_changed.emit()

    # ------------------------------------------------------------------ editing
    def ensure_editable(self) -> None:
        if self.view_only is not None:
            raise KnownError(self.view_only_notice())
        check_editable(self.report.status, self.report.period.label)

    def seal_edits(self) -> None:
        self.edit_generation += 1

    def set_value(self, code: str, value: Decimal | None) -> None:
        if value is None:
            self.report.values.pop(code, None)
        else:
            self.report.values[code] = value
        self.saver.queue(("value", code), lambda: self._write_value(code, value))
        self.refresh()
        self.value_changed.emit(code)

    def _write_value(self, code: str, value: Decimal | None) -> None:
        try:
            self.store.set_value(self.report_id, code, value,
                                 expected=self._stored_values.get(code))
        except EditConflict as conflict:
            self.saver.hold(("value", code))
            self.conflicted.emit(conflict)      # the window asks which value stays
            return
        _remember(self._stored_values, code, value)

    def _write_text(self, section_id: str, write: Callable[[object], str]) -> None:
        try:
            stored = write(self._stored_texts.get(section_id, ""))
        except EditConflict as conflict:
            self.saver.hold(("text", section_id))
            self.conflicted.emit(conflict)
            return
        self._stored_texts[section_id] = stored

    def _write_extras(self, section_id: str, figures: list[ExtraFigure]) -> None:
        try:
            self.store.set_extra_figures(self.report_id, section_id, figures,
                                         expected=self._stored_extras.get(section_id, []))
        except EditConflict as conflict:
            self.saver.hold(("extra", section_id))
            self.conflicted.emit(conflict)
            return
        self._stored_extras[section_id] = list(figures)

    def _write_list(self, kind: str, items: list[Any]) -> None:
        try:
            self.store.replace_lists(self.report_id, **{kind: items},
                                     expected={kind: self._stored_lists[kind]})
        except EditConflict as conflict:
            self.saver.hold(("list", kind))
            self.conflicted.emit(conflict)
            return
        self._stored_lists[kind] = list(items)
        if kind == "tasks" and any(t.kind is TargetKind.TASK for item in self.evidence
                                   for t in item.targets):
            # The store moved the tasks' documents with their tasks (storage/task_evidence.py).
            self.refresh_evidence()

    def _write_note(self, code: str, text: str) -> None:
        try:
            self.store.set_note(self.report_id, code, text,
                                expected=self._stored_notes.get(code, ""))
        except EditConflict as conflict:
            self.saver.hold(("note", code))
            self.conflicted.emit(conflict)
            return
        self._stored_notes[code] = text

    def _reload_list(self, kind: str) -> list[Any]:
        """The list as the data holds it now (another clerk's), remembered as seen."""
        stored = list(getattr(self.store.load_report(self.report_id), kind))
        self._stored_lists[kind] = stored
        return stored

    def keep_mine(self, conflict: EditConflict) -> None:
        """The clerk keeps the value typed: written over the other's (the history keeps both)."""
        # The saver's key of the edit is (entity, key); released first, as writing it again
        # may find a newer write and hold it once more.
        self.saver.release((conflict.entity, conflict.key))
        if conflict.entity == "extra":
            section, figures = conflict.key, self.extra_figures(conflict.key)
            self._stored_extras[section] = list(conflict.theirs)
            self.saver.queue(("extra", section), lambda: self._write_extras(section, figures))
            self.saver.flush()
            return
        if conflict.entity == "list":
            kind, items = conflict.key, list(getattr(self.report, conflict.key))
            self._reload_list(kind)
            self.saver.queue(("list", kind), lambda: self._write_list(kind, items))
            self.saver.flush()
            return
        if conflict.entity == "note":
            code, text = conflict.key, self.report.notes.get(conflict.key, "")
            self._stored_notes[code] = conflict.theirs
            self.saver.queue(("note", code), lambda: self._write_note(code, text))
            self.saver.flush()
            return
        if conflict.entity == "value":
            _remember(self._stored_values, conflict.key, conflict.theirs)
            mine = self.report.values.get(conflict.key)
            self.saver.queue(("value", conflict.key), lambda: self._write_value(conflict.key, mine))
        else:
            self._stored_texts[conflict.key] = conflict.theirs
            section_id, narrative = conflict.key, self.report.rich.get(conflict.key)
            text = self.report.texts.get(section_id, "")
            self.saver.queue(("text", section_id), lambda: self._write_text(
                section_id, lambda seen: self._store_text(section_id, text, narrative, seen)))
        self.saver.flush()

    def take_theirs(self, conflict: EditConflict) -> None:
        """The clerk takes the other's value: the report shows what the data holds, nothing
        is written. (Not an undo step: undoing it would write over the other's again.)"""
        self.saver.release((conflict.entity, conflict.key))
        if conflict.entity == "extra":
            theirs = list(conflict.theirs)
            self._stored_extras[conflict.key] = theirs
            self.report.extra_figures = merged_figures(self.report.extra_figures, conflict.key,
                                                       theirs)
            self.refresh()
            self.extra_figures_changed.emit(conflict.key)
            return
        if conflict.entity == "list":
            setattr(self.report, conflict.key, list(self._reload_list(conflict.key)))
            self.refresh()
            self.list_changed.emit(conflict.key)
            return
        if conflict.entity == "note":
            self._stored_notes[conflict.key] = conflict.theirs
            if conflict.theirs:
                self.report.notes[conflict.key] = conflict.theirs
            else:
                self.report.notes.pop(conflict.key, None)
            self.refresh()
            self.note_changed.emit(conflict.key)
            return
        if conflict.entity == "value":
            _remember(self._stored_values, conflict.key, conflict.theirs)
            _remember(self.report.values, conflict.key, conflict.theirs)
            self.refresh()
            self.value_changed.emit(conflict.key)
        else:
            fresh = self.store.load_report(self.report_id)
            self._stored_texts[conflict.key] = fresh.texts.get(conflict.key, "")
            self.report.set_narrative(conflict.key, fresh.narrative(conflict.key))
            self.refresh()
            self.text_changed.emit(conflict.key)

    def set_text(self, section_id: str, text: str) -> None:
        self.report.set_narrative(section_id, text)
        self.saver.queue(("text", section_id), lambda: self._write_text(
            section_id, lambda seen: self._store_text(section_id, text, None, seen)))
        self.refresh()
        self.text_changed.emit(section_id)

    def set_narrative(self, section_id: str, narrative: RichText) -> None:
        """A formatted narrative from the editor: the report and the data file get the same
        structure (a plain one is stored as its text)."""
        self.report.set_narrative(section_id, narrative)
        self.saver.queue(("text", section_id), lambda: self._write_text(
            section_id, lambda seen: self._store_text(section_id, "", narrative, seen)))
        self.refresh()
        self.text_changed.emit(section_id)

    def _store_text(self, section_id: str, text: str, narrative: RichText | None,
                    seen: object) -> str:
        if narrative is not None:
            return self.store.set_narrative(self.report_id, section_id, narrative, expected=seen)
        return self.store.set_text(self.report_id, section_id, text, expected=seen)

    def set_note(self, code: str, text: str) -> None:
        if text:
            self.report.notes[code] = text
        else:
            self.report.notes.pop(code, None)
        self.saver.queue(("note", code), lambda: self._write_note(code, text))
        self.refresh()
        self.note_changed.emit(code)

    def set_list(self, kind: str, items: Sequence[Any]) -> None:
        if kind not in LIST_KINDS:
            raise ValueError(kind)
        copied = list(items)
        setattr(self.report, kind, copied)
        self.saver.queue(("list", kind), lambda: self._write_list(kind, copied))
        self.refresh()
        self.list_changed.emit(kind)

    def extra_figures_problem(self, section_id: str,
                              figures: Sequence[ExtraFigure]) -> tuple[str, str] | None:
        """Why the report could not hold `figures` as `section_id`'s: (the key, why), or None.

        The same check as the store's (storage/edits.py), made before anything changes, so
        that a dialog can say it and keep what the clerk typed."""
        if any(figure.section_id != section_id for figure in figures):
            return "", _("Số liệu bổ sung của mục khác không sửa ở đây.")
        merged = merged_figures(self.report.extra_figures, section_id, figures)
        return figures_problem(merged, self.template)

    def set_extra_figures(self, section_id: str, figures: Sequence[ExtraFigure]) -> None:
        """The extra figures of one section (added, edited, removed): the report's at once,
        the data file's through the saver (last edit wins)."""
        copied = list(figures)
        if (refused := self.extra_figures_problem(section_id, copied)) is not None:
            raise ReportError(_("số liệu bổ sung {key}: {problem}").format(
                key=refused[0][:80], problem=refused[1]))
        self.report.extra_figures = merged_figures(self.report.extra_figures, section_id, copied)
        self.saver.queue(("extra", section_id), lambda: self._write_extras(section_id, copied))
        self.refresh()
        self.extra_figures_changed.emit(section_id)

    def set_status(self, status: ReportStatus, reason: str = "") -> None:
        """Write pending edits first, so that a locked report holds everything typed.

        The store checks the transition and takes a restore point of the file first.
        """
        self.flush_or_refuse()
        self.store.set_status(self.report_id, status, reason)
        self.report.status = status
        if status is not ReportStatus.DRAFT:
            # Undoing edits of a final report would only be refused by the store.
            self.undo_stack.clear()
        self.status_changed.emit()

    def flush_or_refuse(self) -> None:
        """Write pending edits, or refuse (KnownError) a change of status that would leave them out."""
        if not self.saver.flush():
            raise KnownError(_("Các thay đổi vừa nhập chưa lưu được vào tệp dữ liệu nên chưa "
                               "đổi trạng thái báo cáo. Hãy thử lại khi đã lưu được."))

    def close(self) -> bool:
        return self.saver.flush()

    # ------------------------------------------------------------------ the data file around it
    @property
    def data_file(self) -> Path:
        """The data file; on a server its address (masked), which no export can overwrite."""
        database = self.store.database
        return Path(database.label if database.is_server else database.path)

    def setting(self, key: str, default: str = "") -> str:
        return self.store.setting(key, default)

    def set_setting(self, key: str, value: str) -> None:
        self.store.set_setting(key, value)

    def history(self, key: str | None = None) -> list[Change]:
        """The saved changes of this report (of one field: `key`), pending edits written first."""
        self.saver.flush()
        return self.store.history(self.report_id, key)

    def history_log(self) -> ChangeLog:
        """The report's change log, read lazily (the history dialog), pending edits written first."""
        # start-up: SQLAlchemy loads after the window shows
        from cchc_desktop.storage.changes import ChangeLog

        self.saver.flush()
        return ChangeLog(self.store.database, self.report_id)

    # ------------------------------------------------------------------ the data file's work on this report
    # The header page, Nhập kỳ trước and Đóng gói gửi đi reach the data file only through
    # here (tests/gui/test_store_access.py). The imports and the packaging are deferred:
    # they bring openpyxl, reportlab and pyhanko, which the window's start need not load.
    def set_header(self, *, document: DocumentInfo, signer: Signer, recipients: Sequence[str],
                   period: Period, precision: int) -> None:
        """The header into the report in memory now, and into the data file through the saver
        as one write (last edit wins)."""
        report = self.report
        report.document, report.signer, report.recipients = document, signer, list(recipients)
        report.period, report.precision = period, precision
        store, report_id, listed = self.store, self.report_id, list(recipients)
        self.saver.queue(("header",), lambda: store.update_header(
            report_id, document=document, signer=signer, recipients=listed, period=period,
            precision=precision))
        self.refresh()

    def own_unit(self) -> OwnUnit | None:
        """The unit this data file belongs to (its superior's address, its settings)."""
        return self.store.own_unit()

    def find_report(self, unit_code: str, key: tuple[int, PeriodKind] | None) -> Report | None:
        """The report of `unit_code` for period `key` (year, kind) in this data file, if any."""
        return self._other(unit_code, key)

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

    # ------------------------------------------------------------ PAR-index self-assessment
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
        return self.store.par_report(self.report.unit.code, criteria, year,
                                     Letterhead.of(self.report, date), figures)
    # ------------------------------------------------------------ evidence documents
    # The evidence dialog (gui/evidence_dialog.py) changes them only through here: each change
    # is written at once (no undo step, as a file is not typed), then the report's evidence is
    # read again, so the next PDF lists it and the fields' buttons count it.
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

    def refresh_evidence(self) -> None:
        """Read the report's evidence again: the PDF's annex and the package take it from here."""
        self.evidence = self.store.report_evidence(self.report, self.template)
        self.refresh()
        self.evidence_changed.emit()

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


def _remember(values: dict[str, Decimal], code: str, value: Decimal | None) -> None:
    if value is None:
        values.pop(code, None)
    else:
        values[code] = value
