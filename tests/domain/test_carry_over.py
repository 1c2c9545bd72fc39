"""Carry-over between periods, across a year and into the next."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import make_report, records, template

from cchc_desktop.domain.carry_over import apply_plan, plan_carry_over, tasks_from_text
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.report import TaskOrigin, TaskStatus
from cchc_desktop.domain.rules import OpeningReport, evaluate
from cchc_desktop.domain.units import Unit

OTHER = Unit("xa-khac", "UBND xã Khác", "xa")


def year_2023():  # type: ignore[no-untyped-def]
    values = records(carried=30, online=4000, in_person=1000, on_time=4900, pending=120,
                     overdue_pending=3, withdrawn=7)
    values |= {"cds.may_tinh.tong": 54, "cddh.kh.tong": 40, "tcc.dtc.giai_ngan": "900.5"}
    return make_report(values, year=2023, kind="Y", texts={
        "phuong_huong": "1. Số hóa hồ sơ còn tồn.\n2. Kiểm tra công tác CCHC\ntại 03 bộ phận.\n\n"
                        "3. Khảo sát sự hài lòng.",
        "cddh": "Năm 2023 đã ..."})


def changes(plan) -> dict[str, Decimal]:  # type: ignore[no-untyped-def]
    return {c.code: c.new for c in plan.values}


def test_year_2023_opens_quarter_one_2024() -> None:
    target = make_report(year=2024, kind="Q1")
    previous = year_2023()
    plan = plan_carry_over(template(), target, previous=previous, opening=previous)
    values = changes(plan)
    assert values["tthc.hs.xa.ky_truoc"] == 123          # 120 within time + 3 overdue
    assert values["cds.may_tinh.tong"] == 54              # a stock carries
    assert "cddh.kh.tong" not in values                   # last year's plan does not
    assert "tcc.dtc.giai_ngan" not in values              # a flow never carries
    assert [t.text for t in plan.tasks] == ["Số hóa hồ sơ còn tồn.",
                                            "Kiểm tra công tác CCHC tại 03 bộ phận.",
                                            "Khảo sát sự hài lòng."]
    assert all(t.origin is TaskOrigin.PREVIOUS and t.status is TaskStatus.NOT_STARTED
               for t in plan.tasks)
    assert plan.comparison_label == "Năm 2023"
    assert plan.comparison["tthc.hs.xa.moi_truc_tuyen"] == 4000
    after = apply_plan(target, plan, include_texts=False)
    assert after.texts == {}
    assert apply_plan(target, plan, include_texts=True).texts["cddh"] == "Năm 2023 đã ..."
    # After carrying over, the cross-period rule holds.
    opening = OpeningReport("Năm 2023", compute_figures(template(), previous.values).values)
    assert not [f for f in evaluate(template(), after, opening=opening) if "chuyen_ky" in f.rule]


def test_year_2023_opens_six_months_2024_while_quarter_one_gives_the_rest() -> None:
    target = make_report(year=2024, kind="H1")
    q1 = make_report(records(pending=80) | {"cddh.kh.tong": 44, "cds.may_tinh.tong": 56},
                     year=2024, kind="Q1", texts={"phuong_huong": "1. Việc của quý II."})
    plan = plan_carry_over(template(), target, previous=q1, opening=year_2023())
    values = changes(plan)
    assert values["tthc.hs.xa.ky_truoc"] == 123   # from Năm 2023, not from Quý I's 80
    assert values["cddh.kh.tong"] == 44           # same year: the plan carries
    assert values["cds.may_tinh.tong"] == 56
    assert [t.text for t in plan.tasks] == ["Việc của quý II."]


def test_six_months_opens_quarter_three() -> None:
    h1 = make_report(records(pending=61, overdue_pending=2), year=2024, kind="H1")
    target = make_report(year=2024, kind="Q3")
    plan = plan_carry_over(template(), target, previous=h1, opening=h1)
    assert changes(plan)["tthc.hs.xa.ky_truoc"] == 63


def test_wrong_period_or_other_unit_is_refused() -> None:
    target = make_report(year=2024, kind="Q3")
    with pytest.raises(ReportError, match="không phải kỳ liền trước"):
        plan_carry_over(template(), target, previous=make_report(year=2024, kind="Q1"))
    with pytest.raises(ReportError, match="không phải của"):
        plan_carry_over(template(), target,
                        previous=make_report(year=2024, kind="H1", unit=OTHER))


def test_codes_the_template_no_longer_has_are_listed() -> None:
    previous = year_2023()
    previous.values["hdh.iso.co_quan_ap_dung"] = Decimal(3)
    plan = plan_carry_over(template(), make_report(year=2024, kind="Q1"), previous=previous)
    assert plan.unmapped_codes == ["hdh.iso.co_quan_ap_dung"]


def test_task_list_parsing() -> None:
    assert tasks_from_text("- Một\n+ Hai\n3) Ba\n") == ["Một", "Hai", "Ba"]
    assert tasks_from_text("") == []

