"""A unit's PAR-index self-assessment in the data file: its answers, and last year's as a start.

The rules live here, below any window: an answer is checked against the criteria set it
belongs to by the scoring itself (domain/par_index_scoring.py), so a criterion the set lacks,
a choice its scale has not, or a hand score on a computed criterion is refused before
anything is written. The evidence of a criterion is an evidence link of context
"par:<set>:<year>" (storage/evidence.py); `par_answers` counts it into each answer.

Starting this year's self-assessment from last year's (issue: "last year's opens as the
starting point") copies, for every criterion code this year's set still has with the same
way of scoring, the choice (when still one of its levels) and the explanation, and attaches
the same evidence documents. Whether a document is still valid for a new year the data
cannot say (a standing regulation is, last year's plan is not): documents issued before the
new year are attached but listed, for the clerk to confirm or detach.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from cchc_desktop.domain.errors import CriteriaError, ReportError
from cchc_desktop.domain.evidence import EvidenceDocument, EvidenceLink, TargetKind
from cchc_desktop.domain.evidence_items import EvidenceItem, EvidenceTarget
from cchc_desktop.domain.par_index import CriteriaSet, Criterion, ScoringKind
from cchc_desktop.domain.par_index_scoring import Answer, ReportFigures, score_assessment
from cchc_desktop.domain.par_report import Letterhead, ParReport, ParReportTexts, par_report
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import _
from cchc_desktop.storage.changes import history_user
from cchc_desktop.storage.evidence import EvidenceError, EvidencePart
from cchc_desktop.storage.models import EvidenceLinkRow, ParAnswerRow, ParReportTextRow, utcnow

MAX_EXPLANATION = 4000
MAX_REPORT_TEXT = 20000     # a few pages of the report's "Khó khăn" or "Đề xuất"


def par_context(set_id: str, year: int) -> str:
    """The evidence context of a self-assessment."""
    return f"par:{set_id}:{year}"


@dataclass(frozen=True)
class StoredAnswer:
    choice: bool | str | None
    explanation: str
    evidence: int


@dataclass(frozen=True)
class CarriedAssessment:
    """What starting from last year's self-assessment took, and what it left."""

    previous_set: str
    answers: int
    evidence: int
    left: tuple[str, ...]                        # last year's criteria this year's set lacks
    to_confirm: tuple[EvidenceDocument, ...]     # attached, issued before this year


def _stored_choice(choice: bool | str | None) -> str | None:
    if isinstance(choice, bool):
        return "yes" if choice else "no"
    return choice


def _read_choice(criterion: Criterion | None, text: str | None) -> bool | str | None:
    if text is None:
        return None
    if criterion is not None and criterion.scoring is not None \
            and criterion.scoring.kind is ScoringKind.YES_NO:
        return text == "yes"
    return text


def _check_text(text: str, limit: int, too_long: str) -> None:
    if len(text) > limit:
        raise ReportError(too_long.format(count=limit))
    if any(ord(c) < 32 and c not in "\t\n" for c in text):
        raise ReportError(_("Có ký tự điều khiển không in được."))


class ParAnswersPart(EvidencePart):
    # On the evidence part: a criterion's documents are evidence links (storage/evidence.py).
    def set_par_answer(self, unit_code: str, criteria_set: CriteriaSet, year: int, code: str,
                       choice: bool | str | None, explanation: str = "") -> None:
        """The unit's answer to criterion `code`; CriteriaError (Vietnamese) and nothing
        written when the set cannot take it."""
        _check_text(explanation, MAX_EXPLANATION, _("Giải trình quá dài: tối đa {count} ký tự."))
        # The scoring is the one judge of what an answer may be: refused here as it would be
        # when the self-assessment is scored.
        score_assessment(criteria_set, {code: Answer(choice)})
        with self.database.session() as session:
            row = session.scalars(select(ParAnswerRow).where(
                ParAnswerRow.unit_code == unit_code, ParAnswerRow.set_id == criteria_set.id,
                ParAnswerRow.year == year, ParAnswerRow.criterion == code)).first()
            if row is None:
                row = ParAnswerRow(unit_code=unit_code, set_id=criteria_set.id, year=year,
                                   criterion=code)
                session.add(row)
            row.choice, row.explanation = _stored_choice(choice), explanation.strip()
            row.updated_at, row.user = utcnow(), history_user(session)

    def par_answers(self, unit_code: str, criteria_set: CriteriaSet,
                    year: int) -> dict[str, StoredAnswer]:
        """Every criterion answered or with evidence, by code."""
        leaves = {c.code: c for c in criteria_set.leaves()}
        with self.database.session() as session:
            rows = session.scalars(select(ParAnswerRow).where(
                ParAnswerRow.unit_code == unit_code, ParAnswerRow.set_id == criteria_set.id,
                ParAnswerRow.year == year)).all()
            counts: dict[str, int] = {str(key): int(count) for key, count in session.execute(
                select(EvidenceLinkRow.key, func.count()).where(
                    EvidenceLinkRow.unit_code == unit_code,
                    EvidenceLinkRow.context == par_context(criteria_set.id, year),
                    EvidenceLinkRow.kind == TargetKind.CRITERION.value)
                .group_by(EvidenceLinkRow.key))}
        answers = {row.criterion: StoredAnswer(_read_choice(leaves.get(row.criterion), row.choice),
                                               row.explanation, counts.get(row.criterion, 0))
                   for row in rows}
        for code, count in counts.items():
            answers.setdefault(code, StoredAnswer(None, "", count))
        return answers

    def par_scoring_answers(self, unit_code: str, criteria_set: CriteriaSet,
                            year: int) -> Mapping[str, Answer]:
        """The answers as the scoring takes them (domain/par_index_scoring.py)."""
        return {code: Answer(a.choice, a.evidence)
                for code, a in self.par_answers(unit_code, criteria_set, year).items()}

    def start_from_last_year(self, unit_code: str, criteria_set: CriteriaSet,
                             year: int) -> CarriedAssessment:
        """This year's self-assessment begun from the unit's of `year - 1` (the set it answered
        most of), all in one transaction; refused when this year's has answers already."""
        if self.par_answers(unit_code, criteria_set, year):
            raise ReportError(_("Bản tự đánh giá năm {year} đã có câu trả lời: không lấy lại từ "
                                "năm trước.").format(year=year))
        previous = self._previous_set(unit_code, year - 1)
        if previous is None:
            raise ReportError(_("Chưa có bản tự đánh giá năm {year} của đơn vị để lấy làm gốc.")
                              .format(year=year - 1))
        leaves = {c.code: c for c in criteria_set.leaves()}
        old_context = par_context(previous, year - 1)
        with self.database.together():
            with self.database.session() as session:
                rows = session.scalars(select(ParAnswerRow).where(
                    ParAnswerRow.unit_code == unit_code, ParAnswerRow.set_id == previous,
                    ParAnswerRow.year == year - 1)).all()
                old = [(r.criterion, r.choice, r.explanation) for r in rows]
            carried, left = 0, []
            for code, choice_text, explanation in old:
                criterion = leaves.get(code)
                if criterion is None:
                    left.append(code)
                    continue
                choice = _read_choice(criterion, choice_text)
                try:
                    self.set_par_answer(unit_code, criteria_set, year, code, choice, explanation)
                except CriteriaError:
                    # The scale changed: the explanation is kept, the choice is asked again.
                    self.set_par_answer(unit_code, criteria_set, year, code, None, explanation)
                carried += 1
            attached, to_confirm = 0, {}
            for item in self.evidence_of(unit_code, old_context, TargetKind.CRITERION):
                if item.link.key not in leaves:
                    continue
                self.attach_evidence(unit_code, EvidenceLink(
                    item.document.id, par_context(criteria_set.id, year), TargetKind.CRITERION,
                    item.link.key))
                attached += 1
                issued = item.document.meta.issued_on
                if issued is not None and issued.year < year:
                    to_confirm[item.document.id] = item.document
        return CarriedAssessment(previous, carried, attached,
                                 tuple(sorted(set(left))), tuple(to_confirm.values()))

    def _previous_set(self, unit_code: str, year: int) -> str | None:
        with self.database.session() as session:
            found = session.execute(
                select(ParAnswerRow.set_id, func.count().label("answers")).where(
                    ParAnswerRow.unit_code == unit_code, ParAnswerRow.year == year)
                .group_by(ParAnswerRow.set_id).order_by(func.count().desc(), ParAnswerRow.set_id)
            ).first()
        return None if found is None else str(found[0])

    def clear_par_answers(self, unit_code: str, set_id: str, year: int) -> None:
        """Forget a self-assessment's answers (its evidence documents stay in the file)."""
        with self.database.session() as session:
            session.execute(delete(ParAnswerRow).where(
                ParAnswerRow.unit_code == unit_code, ParAnswerRow.set_id == set_id,
                ParAnswerRow.year == year))

    def par_report_texts(self, unit_code: str, set_id: str, year: int) -> ParReportTexts:
        """The report's "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị"; empty ones if unwritten."""
        with self.database.session() as session:
            row = session.scalars(select(ParReportTextRow).where(
                ParReportTextRow.unit_code == unit_code, ParReportTextRow.set_id == set_id,
                ParReportTextRow.year == year)).first()
            return ParReportTexts() if row is None else ParReportTexts(row.difficulties,
                                                                       row.proposals)

    def set_par_report_texts(self, unit_code: str, set_id: str, year: int,
                             texts: ParReportTexts) -> None:
        """Keep the report's two texts; ReportError (Vietnamese) and nothing written when one
        is too long or holds a control character."""
        for text in (texts.difficulties, texts.proposals):
            _check_text(text.replace("\r\n", "\n"), MAX_REPORT_TEXT,
                        _("Nội dung quá dài: tối đa {count} ký tự."))
        with self.database.session() as session:
            row = session.scalars(select(ParReportTextRow).where(
                ParReportTextRow.unit_code == unit_code, ParReportTextRow.set_id == set_id,
                ParReportTextRow.year == year)).first()
            if row is None:
                row = ParReportTextRow(unit_code=unit_code, set_id=set_id, year=year)
                session.add(row)
            row.difficulties = texts.difficulties.replace("\r\n", "\n").strip()
            row.proposals = texts.proposals.replace("\r\n", "\n").strip()
            row.updated_at, row.user = utcnow(), history_user(session)

    def par_report(self, unit_code: str, criteria_set: CriteriaSet, year: int,
                   letterhead: Letterhead, figures: ReportFigures | None = None) -> ParReport:
        """The self-assessment report as saved: scored, with explanations, evidence and texts."""
        stored = self.par_answers(unit_code, criteria_set, year)
        assessment = score_assessment(criteria_set, {code: Answer(a.choice, a.evidence)
                                                     for code, a in stored.items()}, figures)
        return par_report(assessment, year, letterhead,
                          {code: a.explanation for code, a in stored.items()},
                          {code: a.evidence for code, a in stored.items()},
                          self.par_report_texts(unit_code, criteria_set.id, year))

    def par_evidence(self, unit_code: str, criteria_set: CriteriaSet,
                     year: int) -> tuple[EvidenceItem, ...]:
        """The self-assessment's evidence documents with their files, each once with the
        criteria it proves, hash-checked as read (a file changed outside the app comes with
        its problem, which the package refuses), as storage/reports.py does for a report."""
        titles = {c.code: c.title for c in criteria_set.criteria()}
        titles.update({c.code: c.title for c in criteria_set.leaves()})
        documents: dict[int, EvidenceDocument] = {}
        targets: dict[int, list[EvidenceTarget]] = {}
        for attached in self.evidence_of(unit_code, par_context(criteria_set.id, year),
                                         TargetKind.CRITERION):
            document, key = attached.document, attached.link.key
            documents.setdefault(document.id, document)
            label = Text(f"{key} {titles[key]}" if key in titles else key)
            target = EvidenceTarget(TargetKind.CRITERION, key, label)
            if target not in targets.setdefault(document.id, []):
                targets[document.id].append(target)
        items = []
        for document_id, document in documents.items():
            content, problem = b"", ""
            try:
                content = self.evidence_content(document_id)
            except EvidenceError as exc:
                problem = exc.message
            items.append(EvidenceItem(document, tuple(targets[document_id]), content, problem))
        return tuple(items)
