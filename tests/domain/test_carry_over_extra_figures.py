"""A report started from last period's takes the unit's own figures with it: keys, labels,
units and rates, not last period's values."""

from __future__ import annotations

from decimal import Decimal

from factories import make_report, template

from cchc_desktop.domain.carry_over import apply_plan, plan_carry_over
from cchc_desktop.domain.extra_figures import ExtraFigure

LAST = [
    ExtraFigure("cv", "ccvc.tong", "Tổng số cán bộ, công chức", "người", Decimal(21)),
    ExtraFigure("cv", "ccvc.nu", "Số cán bộ, công chức nữ", "người", Decimal(9)),
    ExtraFigure("cv", "ccvc.nu.ty_le", "Tỷ lệ cán bộ, công chức nữ", "%", None,
                ("ccvc.nu", "ccvc.tong")),
    ExtraFigure("cds", "own.may_chu", "Số máy chủ", "máy", Decimal(3)),
    ExtraFigure("muc_cu", "own.cu", "Số liệu của mục đã bỏ", "", Decimal(1)),
]


def test_the_next_period_has_last_periods_figures_without_values() -> None:
    previous = make_report(year=2023, kind="Y", extra_figures=list(LAST))
    target = make_report(year=2024, kind="Q1")
    plan = plan_carry_over(template(), target, previous=previous, opening=previous)
    assert not plan.empty
    carried = {figure.key: figure for figure in plan.extra_figures}
    assert list(carried) == ["ccvc.tong", "ccvc.nu", "ccvc.nu.ty_le", "own.may_chu"]  # not muc_cu
    for before in LAST[:4]:
        after = carried[before.key]
        assert (after.section_id, after.label, after.unit, after.rate_of) == \
            (before.section_id, before.label, before.unit, before.rate_of)
        assert after.value is None
    report = apply_plan(target, plan, include_texts=False)
    assert report.extra_figures == plan.extra_figures


def test_a_figure_the_report_already_has_keeps_its_value() -> None:
    previous = make_report(year=2023, kind="Y", extra_figures=list(LAST))
    mine = ExtraFigure("cv", "ccvc.tong", "Tổng số CBCC", "người", Decimal(25))
    target = make_report(year=2024, kind="Q1", extra_figures=[mine])
    plan = plan_carry_over(template(), target, previous=previous)
    assert "ccvc.tong" not in {figure.key for figure in plan.extra_figures}
    report = apply_plan(target, plan, include_texts=False)
    assert report.extra_figures[0] == mine
    assert [f.key for f in report.extra_figures] == ["ccvc.tong", "ccvc.nu", "ccvc.nu.ty_le",
                                                     "own.may_chu"]


def test_only_the_opening_report_carries_no_extra_figures() -> None:
    """The opening report gives the carried-over records only (H1 from Năm); the figures come
    with the previous report, as the texts and the comparison column do."""
    opening = make_report(year=2023, kind="Y", extra_figures=list(LAST))
    plan = plan_carry_over(template(), make_report(year=2024, kind="H1"), opening=opening)
    assert plan.extra_figures == []
