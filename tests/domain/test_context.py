"""domain/context.py: everything a view of one report needs, computed at once.

The figures (entered and derived, at the report's precision), the findings, the columns of
the previous period and of last year computed with the same template and precision and
labelled by their period, and the opening report the carry-over rules compare with.
Beside tests/documents/doc_helpers.py, whose contexts most document tests build.
"""

from __future__ import annotations

from decimal import Decimal

from factories import make_report, records, template

from cchc_desktop.domain.context import build_context

PLAN = {"cddh.kh.tong": 3, "cddh.kh.hoan_thanh": 2, "cddh.kh.dang_thuc_hien": 1}


def test_figures_and_findings_of_the_report_alone() -> None:
    context = build_context(make_report(PLAN), template())
    assert context.figures.get("cddh.kh.ty_le_hoan_thanh") == Decimal("66.67")
    assert context.findings == []
    assert (context.previous, context.last_year, context.opening, context.opening_period,
            context.evidence) == (None, None, None, None, ())
    wrong = build_context(make_report({**PLAN, "cddh.kh.tong": 4}), template())
    assert [f.rule for f in wrong.findings] == ["cddh.kh.tong_bang_cac_phan"]


def test_comparison_columns_are_computed_at_this_reports_precision() -> None:
    report = make_report(PLAN, precision=1)
    previous = make_report({"cddh.kh.tong": 3, "cddh.kh.hoan_thanh": 1}, kind="Y", year=2025)
    last_year = make_report({"cddh.kh.tong": 6, "cddh.kh.hoan_thanh": 5}, year=2025)
    context = build_context(report, template(), previous=previous, last_year=last_year)
    assert context.figures.get("cddh.kh.ty_le_hoan_thanh") == Decimal("66.7")
    assert context.previous is not None and context.last_year is not None
    assert context.previous.label == "Năm 2025" and context.last_year.label == "Quý I năm 2025"
    assert context.previous.values["cddh.kh.ty_le_hoan_thanh"] == Decimal("33.3")
    assert context.last_year.values["cddh.kh.ty_le_hoan_thanh"] == Decimal("83.3")
    assert context.previous.values["cddh.kh.tong"] == Decimal(3)


def test_the_opening_report_feeds_the_carry_over_rules() -> None:
    opening = make_report(records(pending=10), year=2025, kind="Y")
    context = build_context(make_report(records(carried=7, pending=7)), template(),
                            opening=opening)
    assert context.opening is not None and context.opening.label == "Năm 2025"
    assert context.opening.values["tthc.hs.xa.dang_giai_quyet.trong_han"] == Decimal(10)
    assert context.opening_period == opening.period
    assert "tthc.hs.xa.chuyen_ky" in [f.rule for f in context.findings]
    alone = build_context(make_report(records(carried=7, pending=7)), template())
    assert "tthc.hs.xa.chuyen_ky" not in [f.rule for f in alone.findings]
