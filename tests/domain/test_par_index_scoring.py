"""Scoring a commune's self-assessment: answers, figures from a real report, totals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report, records, template
from par_index_sets import ON_TIME, criteria_data, write_set

from cchc_desktop.domain.errors import CriteriaError
from cchc_desktop.domain.par_index import CriteriaSet
from cchc_desktop.domain.par_index_loading import load_criteria_file, shipped_criteria_files
from cchc_desktop.domain.par_index_scoring import Answer, ReportFigures, score_assessment


@pytest.fixture
def criteria(tmp_path: Path) -> CriteriaSet:
    return load_criteria_file(write_set(tmp_path, criteria_data()))


def on_time_report(on_time: int, resolved: int, *, kind: str = "Y") -> ReportFigures:
    """A commune's year report whose records give on_time/resolved as the on-time rate."""
    report = make_report(records("xa", on_time=on_time, late=resolved - on_time), kind=kind)
    return ReportFigures.of(report, template())


@pytest.mark.parametrize(("on_time", "resolved", "points"), [
    (10000, 10000, 4),      # 100%: the top band
    (9999, 10000, 3),       # 99,99%: below 100, from 98 up
    (9800, 10000, 3),       # 98,00%: a band starts at its own figure
    (9799, 10000, 2),       # 97,99%
    (9500, 10000, 2),       # 95,00%: the lowest band, included
    (9499, 10000, 0),       # 94,99%: under every band
    (0, 10, 0),
    # 97,995% is printed as 98,00% (the report's rounding, half up): scored as printed
    (19599, 20000, 3),
])
def test_a_computed_criterion_takes_the_band_of_the_reports_rate(
        criteria: CriteriaSet, on_time: int, resolved: int, points: int) -> None:
    assessment = score_assessment(criteria, {}, on_time_report(on_time, resolved))
    assert assessment.score("2.1").points == points


def test_a_computed_criterion_records_its_source(criteria: CriteriaSet) -> None:
    figures = on_time_report(1421, 1428)
    score = score_assessment(criteria, {}, figures).score("2.1")
    assert score.source is not None
    assert score.source.indicator == ON_TIME
    assert score.source.value == Decimal("99.51")       # 1.421/1.428, worked out by hand
    assert score.source.period == figures.period and score.source.period.year == 2026


def test_without_a_report_or_its_figure_a_computed_criterion_is_not_scored(
        criteria: CriteriaSet) -> None:
    score = score_assessment(criteria, {}).score("2.1")
    assert score.points is None and score.source is not None and score.source.value is None
    empty = score_assessment(criteria, {}, on_time_report(0, 0))   # nothing resolved: no rate
    assert empty.score("2.1").points is None
    assert "2.1" in empty.unscored


def test_answers_score_yes_no_and_scale_criteria(criteria: CriteriaSet) -> None:
    assessment = score_assessment(criteria, {
        "1.1": Answer(True), "1.2.1": Answer("phan"), "1.2.2": Answer(False)})
    assert assessment.score("1.1").points == 2
    assert assessment.score("1.2.1").points == Decimal("1.25")
    assert assessment.score("1.2.2").points == 0
    # a criterion with sub-criteria scores their sum
    assert assessment.score("1.2").points == Decimal("1.25")


def test_totals_fields_and_the_share_of_the_maximum(criteria: CriteriaSet) -> None:
    assessment = score_assessment(criteria, {
        "1.1": Answer(True, evidence=1), "1.2.1": Answer("phan", evidence=2),
        "1.2.2": Answer(False)}, on_time_report(985, 1000))
    assert [f.points for f in assessment.fields] == [Decimal("3.25"), 3]
    assert [f.maximum for f in assessment.fields] == [6, 4]
    assert assessment.total == Decimal("6.25") and assessment.maximum == 10
    assert assessment.share.value == Decimal("62.50")
    assert assessment.share_text == "62,50%"


def test_unanswered_criteria_score_nothing_and_are_listed(criteria: CriteriaSet) -> None:
    assessment = score_assessment(criteria, {"1.2.2": Answer(True)})
    assert assessment.score("1.1").points is None
    assert assessment.score("1.2").points == Decimal("1.5")      # only the part answered
    assert assessment.unscored == ("1.1", "1.2.1", "2.1")
    assert assessment.total == Decimal("1.5") and assessment.share_text == "15,00%"


def test_scored_criteria_that_need_evidence_and_have_none_are_listed(
        criteria: CriteriaSet) -> None:
    assessment = score_assessment(criteria, {
        "1.1": Answer(True), "1.2.1": Answer("du", evidence=1), "1.2.2": Answer(True)},
        on_time_report(99, 100))
    # 1.2.1 has its document; 1.2.2 needs none; 2.1 was computed but still needs one
    assert assessment.lacking_evidence == ("1.1", "2.1")
    # a document attached to a computed criterion is an answer without a choice
    proven = score_assessment(criteria, {"2.1": Answer(evidence=1)}, on_time_report(99, 100))
    assert proven.lacking_evidence == () and proven.score("2.1").points == 3
    unanswered = score_assessment(criteria, {})
    assert unanswered.lacking_evidence == ()        # nothing scored, nothing to prove yet


@pytest.mark.parametrize(("answers", "words"), [
    ({"1.1": Answer("du")}, "có hoặc không"),
    ({"1.2.1": Answer("gan_du")}, "không có mức 'gan_du' (có: du, phan, khong)"),
    ({"1.2.1": Answer(True)}, "không có mức"),
    ({"1.2": Answer(True)}, "qua các tiêu chí thành phần"),
    ({"9.9": Answer(True)}, "không có tiêu chí 9.9"),
    ({"2.1": Answer(True)}, "tính từ số liệu của báo cáo"),
])
def test_an_answer_the_set_cannot_take_is_refused(
        criteria: CriteriaSet, answers: dict[str, Answer], words: str) -> None:
    with pytest.raises(CriteriaError) as caught:
        score_assessment(criteria, answers)
    assert words in caught.value.message


def test_the_shipped_partial_set_scores_nothing_out_of_nothing() -> None:
    (path,) = shipped_criteria_files()
    assessment = score_assessment(load_criteria_file(path), {})
    assert assessment.total == 0 and assessment.maximum == 0
    assert assessment.share.value is None and assessment.share_text == "-"
