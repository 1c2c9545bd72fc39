"""The self-assessment report's model: the rows the PDF and the workbook print, from the scoring."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from par_index_sets import criteria_data, write_set

from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_index_scoring import Answer, score_assessment
from cchc_desktop.domain.par_report import (
    CRITERION,
    FIELD,
    SUB_CRITERION,
    Letterhead,
    ParReportTexts,
    par_report,
)
from cchc_desktop.domain.periods import PeriodKind
from cchc_desktop.exchange.json_format import read_report

SAMPLE = Path(__file__).parents[1] / "data" / "xa-my-an-2026-Q1.json"


def test_the_rows_follow_the_set_and_carry_evidence_and_explanations(tmp_path: Path) -> None:
    criteria = load_criteria_file(write_set(tmp_path, criteria_data()))
    answers = {"1.1": Answer(True, 2), "1.2.1": Answer("phan"), "1.2.2": Answer(False)}
    assessment = score_assessment(criteria, answers)
    report, _template = read_report(SAMPLE)
    head = Letterhead.of(report, dt.date(2026, 9, 14))
    made = par_report(assessment, 2026, head, {"1.2.1": "Chờ ký"}, {"1.1": 2},
                      ParReportTexts("Khó", "Đề nghị"))
    assert [(r.level, r.code) for r in made.rows] == [
        (FIELD, "1"), (CRITERION, "1.1"), (CRITERION, "1.2"), (SUB_CRITERION, "1.2.1"),
        (SUB_CRITERION, "1.2.2"), (FIELD, "2"), (CRITERION, "2.1")]
    rows = {r.code: r for r in made.rows}
    assert rows["1"].is_sum and rows["1.2"].is_sum and not rows["1.1"].is_sum
    assert rows["1.1"].evidence == 2 and rows["1.2.2"].evidence == 0
    assert rows["1.2"].points == assessment.score("1.2").points
    assert rows["2.1"].points is None                  # no report figures: not scored
    # scored and required, without evidence: 1.2.1 with its explanation (2.1 is not scored)
    assert [(m.code, m.explanation) for m in made.missing] == [("1.2.1", "Chờ ký")]
    assert made.unscored == assessment.unscored == ("2.1",)
    assert made.total == assessment.total and made.share == assessment.share.value
    assert made.share_text("vi") == assessment.share_text
    # the letterhead: the open report's unit, place, signer and recipients, a number left blank
    shell = made.report_shell()
    assert shell.unit == report.unit and shell.signer == report.signer
    assert shell.recipients == report.recipients and shell.document.number == ""
    assert shell.document.place == report.document.place
    assert shell.document.date == dt.date(2026, 9, 14)
    assert shell.period.kind is PeriodKind.Y and shell.period.year == 2026
    assert shell.document.subject == made.title


def test_a_set_without_points_has_no_share(tmp_path: Path) -> None:
    data = criteria_data()
    for field in data["fields"]:
        field["criteria"], field["max_points"] = [], None
        del field["max_points"]
    criteria = load_criteria_file(write_set(tmp_path, {**data, "complete": False,
                                                       "note": "Chưa chép"}))
    report, _template = read_report(SAMPLE)
    made = par_report(score_assessment(criteria, {}), 2026, Letterhead.of(report, None), {}, {},
                      ParReportTexts())
    assert made.maximum == Decimal(0) and made.share is None and made.share_text("vi") == "-"
