"""The benchmark's Word reports (benchmarks/data/word) are sound: each names a shipped template,
every figure it expects is an entered indicator of that template with a value the template
takes, and the .docx built from it reads back with its headings."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.imports.word import read_word_report

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import word_recognition  # noqa: E402

FIXTURES = sorted(word_recognition.DATA.glob("*.txt"))


def test_there_are_reports_with_figures() -> None:
    assert len(FIXTURES) >= 3
    assert sum(len(word_recognition.load(p).expected) for p in FIXTURES) >= 30


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_each_expected_figure_is_an_entered_indicator(path: Path, tmp_path: Path) -> None:
    fixture = word_recognition.load(path)
    template = shipped_templates().get(fixture.template)
    for code, value in fixture.expected.items():
        indicator = template.indicators[code]
        assert not indicator.derived, code
        assert indicator.field_kind.problem(indicator, value) is None, code
    built = word_recognition.build_docx(fixture, tmp_path / "r.docx")
    proposal = read_word_report(built, template)
    headings = [line[2:] for line in fixture.lines if line.startswith("# ")]
    assert [s.heading for s in proposal.sections] == headings


def test_the_score_counts_right_missed_and_wrong() -> None:
    from decimal import Decimal

    result = word_recognition.score({"a": "1", "b": "3", "c": "5"},
                                    {"a": Decimal(1), "b": Decimal(2), "d": Decimal(4)})
    assert (result.stated, result.right, result.wrong) == (3, 1, 2)
