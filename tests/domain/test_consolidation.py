"""Consolidation: sums of the units, rates from the sums (never averaged), submissions listed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from factories import make_report, records, template
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.domain.consolidation import Submission, consolidate
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.rates import compute_rate
from cchc_desktop.domain.report import Proposal, SubmissionStatus
from cchc_desktop.domain.units import Unit

PROVINCE = Unit("so-noi-vu", "Sở Nội vụ tỉnh Thử", "tinh", "Ủy ban nhân dân tỉnh Thử")
Q3 = Period.default(2026, "Q3")


def commune(code: str, values: dict[str, int], **fields: object):  # type: ignore[no-untyped-def]
    return make_report(values, kind="Q3", unit=Unit(code, f"UBND xã {code}", "xa"), **fields)


def at(day: int, month: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, 30)


def test_sums_rates_proposals_and_submission_status() -> None:
    first = commune("a", records(online=100, early=60, on_time=20, late=20),
                    proposals=[Proposal("", "Sở Nội vụ", "Tập huấn nghiệp vụ")])
    second = commune("b", records(online=300, early=290, on_time=10))
    result = consolidate(
        template(), [Submission(first, "a.json", at(18)), Submission(second, "b.json", at(23))],
        unit=PROVINCE, period=Q3, expected_units=[Unit("a", "", "xa"), Unit("b", "", "xa"),
                                                  Unit("c", "UBND xã c", "xa")])
    report = result.report
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 400
    figures = compute_figures(template(), report.values)
    # (60+20+290+10)/(100+300) = 95,00%, while the mean of 80% and 100% would be 90%.
    assert figures.get("tthc.hs.xa.ty_le_dung_han") == Decimal("95.00")
    assert [(p.from_unit, p.text) for p in report.proposals] == [
        ("UBND xã a", "Tập huấn nghiệp vụ")]
    assert [(s.code, s.status) for s in report.subunits] == [
        ("a", SubmissionStatus.ON_TIME), ("b", SubmissionStatus.LATE),
        ("c", SubmissionStatus.MISSING)]


def test_own_level_is_added_and_own_narrative_kept() -> None:
    own = make_report(records("tinh", online=50, on_time=50), kind="Q3", unit=PROVINCE,
                      texts={"cddh": "Sở Nội vụ tham mưu..."})
    sub = commune("a", records(online=10, on_time=10) | {"cddh.hai_long": "80"})
    report = consolidate(template(), [Submission(sub, "a.json", at(1))], unit=PROVINCE,
                         period=Q3, own=own).report
    assert report.values["tthc.hs.tinh.moi_truc_tuyen"] == 50
    assert report.values["tthc.hs.xa.moi_truc_tuyen"] == 10
    assert report.texts == {"cddh": "Sở Nội vụ tham mưu..."}
    # A survey percentage cannot be summed; the commune's figure is not carried up.
    assert "cddh.hai_long" not in report.values


def test_other_period_or_duplicate_unit_is_refused_naming_the_file() -> None:
    q1 = make_report(records(online=1), kind="Q1", unit=Unit("a", "A", "xa"))
    with pytest.raises(ReportError, match=r"a\.json"):
        consolidate(template(), [Submission(q1, "a.json")], unit=PROVINCE, period=Q3)
    same = commune("a", {})
    with pytest.raises(ReportError, match=r"a2\.json"):
        consolidate(template(), [Submission(same, "a1.json"), Submission(same, "a2.json")],
                    unit=PROVINCE, period=Q3)


counts = st.integers(min_value=0, max_value=50_000)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(counts, counts, counts, counts, counts), min_size=1, max_size=12))
def test_consolidated_rates_equal_the_rates_of_the_summed_parts(
        units: list[tuple[int, int, int, int, int]]) -> None:
    submissions = [
        Submission(commune(f"x{i}", records(online=online, in_person=person, early=early,
                                            on_time=on_time, late=late)), f"x{i}.json", at(10))
        for i, (online, person, early, on_time, late) in enumerate(units)]
    report = consolidate(template(), submissions, unit=PROVINCE, period=Q3).report
    figures = compute_figures(template(), report.values)
    online = sum(u[0] for u in units)
    new = sum(u[0] + u[1] for u in units)
    on_time = sum(u[2] + u[3] for u in units)
    resolved = on_time + sum(u[4] for u in units)
    assert figures.get("tthc.hs.tong.ty_le_truc_tuyen") == compute_rate(
        Decimal(online), Decimal(new)).value
    assert figures.get("tthc.hs.xa.ty_le_dung_han") == compute_rate(
        Decimal(on_time), Decimal(resolved)).value
