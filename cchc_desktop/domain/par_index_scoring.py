"""Scoring a commune's PAR-index self-assessment against a criteria set.

The clerk answers each scored criterion (yes/no, or a level of its scale); criteria
computed from a report take the report's own rate (the rounded percentage the report
prints, so the score agrees with the figure the appraisers read) and keep where it came
from: the indicator, the report's period and the value. A criterion with sub-criteria
scores their sum; fields, the total and the share of the maximum follow. Criteria that
require evidence and were scored without any are listed, for the clerk to attach a
document or explain why there is none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.domain.errors import CriteriaError
from cchc_desktop.domain.figures import Figures, compute_figures
from cchc_desktop.domain.formatting import format_percent
from cchc_desktop.domain.par_index import CriteriaSet, Criterion, Field, Scoring, ScoringKind
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.rates import Rate, compute_rate
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import _

__all__ = ["Answer", "Assessment", "ComputedSource", "CriterionScore", "FieldScore",
           "ReportFigures", "score_assessment"]

SHARE_PRECISION = 2


@dataclass(frozen=True)
class Answer:
    """The clerk's answer to one scored criterion."""

    choice: bool | str | None = None   # yes/no, or a level's code; None: not answered yet
    evidence: int = 0                  # evidence documents attached to the criterion


@dataclass(frozen=True)
class ReportFigures:
    """The figures of one report, for the criteria computed from them."""

    period: Period
    figures: Figures

    @classmethod
    def of(cls, report: Report, template: Template) -> ReportFigures:
        return cls(report.period, compute_figures(template, report.values, report.precision))


@dataclass(frozen=True)
class ComputedSource:
    """Where a computed criterion's figure came from (no report: period and value None)."""

    indicator: str
    period: Period | None
    value: Decimal | None


@dataclass(frozen=True)
class CriterionScore:
    criterion: Criterion
    points: Decimal | None                 # None: not scored (no answer, no figure)
    source: ComputedSource | None = None
    lacks_evidence: bool = False
    parts: tuple[CriterionScore, ...] = ()

    def walk(self) -> Iterator[CriterionScore]:
        yield self
        for part in self.parts:
            yield from part.walk()


@dataclass(frozen=True)
class FieldScore:
    field: Field
    points: Decimal
    criteria: tuple[CriterionScore, ...]

    @property
    def maximum(self) -> Decimal:
        return self.field.maximum


@dataclass(frozen=True)
class Assessment:
    criteria_set: CriteriaSet
    fields: tuple[FieldScore, ...]
    total: Decimal
    maximum: Decimal
    share: Rate                  # total / maximum x 100; no value when the maximum is 0

    @property
    def share_text(self) -> str:
        """'62,50%' (Vietnamese format); '-' for a set without points."""
        return format_percent(self.share.value, SHARE_PRECISION)

    def scores(self) -> Iterator[CriterionScore]:
        for field in self.fields:
            for score in field.criteria:
                yield from score.walk()

    def score(self, code: str) -> CriterionScore:
        for score in self.scores():
            if score.criterion.code == code:
                return score
        raise KeyError(code)

    @property
    def lacking_evidence(self) -> tuple[str, ...]:
        """Scored criteria that need evidence and have none, in the set's order."""
        return tuple(s.criterion.code for s in self.scores() if s.lacks_evidence)

    @property
    def unscored(self) -> tuple[str, ...]:
        """Scored-level criteria (leaves) without points yet."""
        return tuple(s.criterion.code for s in self.scores()
                     if not s.parts and s.points is None)


def _total(points: Iterator[Decimal | None]) -> Decimal | None:
    known = [p for p in points if p is not None]
    return sum(known, Decimal(0)) if known else None


class _Scorer:
    def __init__(self, answers: Mapping[str, Answer], figures: ReportFigures | None) -> None:
        self.answers = answers
        self.figures = figures

    def criterion(self, criterion: Criterion) -> CriterionScore:
        if criterion.sub_criteria:
            if criterion.code in self.answers:
                raise CriteriaError(_("Tiêu chí {code} được chấm qua các tiêu chí thành phần, "
                                      "không chấm trực tiếp.").format(code=criterion.code))
            parts = tuple(self.criterion(sub) for sub in criterion.sub_criteria)
            return CriterionScore(criterion, _total(p.points for p in parts), parts=parts)
        assert criterion.scoring is not None   # a leaf always has its scoring (the loader)
        answer = self.answers.get(criterion.code, Answer())
        source = None
        if criterion.scoring.kind is ScoringKind.COMPUTED:
            if answer.choice is not None:
                raise CriteriaError(_("Tiêu chí {code} tính từ số liệu của báo cáo, không chấm "
                                      "tay.").format(code=criterion.code))
            source = self.source(criterion.scoring)
            points = None if source.value is None else criterion.scoring.band_points(source.value)
        else:
            points = self.answered(criterion, criterion.scoring, answer.choice)
        lacks = criterion.evidence_required and points is not None and answer.evidence <= 0
        return CriterionScore(criterion, points, source, lacks)

    def answered(self, criterion: Criterion, scoring: Scoring,
                 choice: bool | str | None) -> Decimal | None:
        if choice is None:
            return None
        if scoring.kind is ScoringKind.YES_NO:
            if not isinstance(choice, bool):
                raise CriteriaError(_("Tiêu chí {code} chỉ nhận có hoặc không.").format(
                    code=criterion.code))
            return criterion.max_points if choice else Decimal(0)
        level = scoring.level(choice) if isinstance(choice, str) else None
        if level is None:
            raise CriteriaError(_("Tiêu chí {code} không có mức '{choice}' (có: {levels}).").format(
                code=criterion.code, choice=choice,
                levels=", ".join(level.code for level in scoring.levels)))
        return level.points

    def source(self, scoring: Scoring) -> ComputedSource:
        if self.figures is None:
            return ComputedSource(scoring.source, None, None)
        return ComputedSource(scoring.source, self.figures.period,
                              self.figures.figures.get(scoring.source))


def score_assessment(criteria_set: CriteriaSet, answers: Mapping[str, Answer],
                     figures: ReportFigures | None = None) -> Assessment:
    """Every criterion's points, the fields', the total and its share of the maximum."""
    known = {c.code for c in criteria_set.criteria()} | {c.code for c in criteria_set.leaves()}
    stray = sorted(code for code in answers if code not in known)
    if stray:
        raise CriteriaError(_("Bộ chỉ số {id} không có tiêu chí {codes}.").format(
            id=criteria_set.id, codes=", ".join(stray)))
    scorer = _Scorer(answers, figures)
    fields = []
    for field in criteria_set.fields:
        scores = tuple(scorer.criterion(c) for c in field.criteria)
        fields.append(FieldScore(field, _total(s.points for s in scores) or Decimal(0), scores))
    total = sum((f.points for f in fields), Decimal(0))
    maximum = criteria_set.maximum
    return Assessment(criteria_set, tuple(fields), total, maximum,
                      compute_rate(total, maximum, SHARE_PRECISION))
