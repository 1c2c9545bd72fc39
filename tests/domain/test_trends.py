"""The trend chart model: a unit's main rates across its periods, with targets."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import make_report, template, trend_reports

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.template import parse_template, shipped_templates
from cchc_desktop.domain.template_loading import read_template_data
from cchc_desktop.domain.trends import indicator_history, main_rate_codes, trend_chart
from cchc_desktop.paths import templates_dir


def test_main_rates_of_the_2021_template_are_the_four_of_the_issue() -> None:
    assert main_rate_codes(template()) == [
        "tthc.hs.tong.ty_le_dung_han", "tthc.hs.tong.ty_le_truc_tuyen", "tthc.so_hoa.ty_le",
        "cddh.kh.ty_le_hoan_thanh"]
    assert main_rate_codes(template("cchc-2011")) == [
        "tthc.hs.tong.ty_le_dung_han", "tthc.hs.tong.ty_le_truc_tuyen", "cddh.kh.ty_le_hoan_thanh"]


def test_chart_orders_periods_and_computes_each_rate() -> None:
    chart = trend_chart(trend_reports(), shipped_templates().get)
    assert chart.unit == "%"
    assert chart.periods == ["Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm/2026"]
    by_code = {s.code: [p.value for p in s.points] for s in chart.series}
    assert by_code["tthc.hs.tong.ty_le_dung_han"] == [
        Decimal("50.00"), Decimal("75.00"), Decimal("90.00"), Decimal("95.00")]
    assert by_code["tthc.hs.tong.ty_le_truc_tuyen"] == [
        Decimal("25.00"), Decimal("50.00"), Decimal("50.00"), Decimal("60.00")]
    assert by_code["tthc.so_hoa.ty_le"] == [None, Decimal("50.00"), Decimal("75.00"),
                                            Decimal("100.00")]
    assert by_code["cddh.kh.ty_le_hoan_thanh"][0] == Decimal("10.00")


def test_targets_come_from_the_template_unless_the_newest_report_sets_its_own() -> None:
    reports = trend_reports()
    targets = {t.code: t.value for t in trend_chart(reports, shipped_templates().get).targets}
    assert targets == {"tthc.hs.tong.ty_le_dung_han": Decimal(90),
                       "tthc.hs.tong.ty_le_truc_tuyen": Decimal(50)}
    reports[0].targets["tthc.so_hoa.ty_le"] = Decimal("80")   # the year's report is the newest
    targets = {t.code: t.value for t in trend_chart(reports, shipped_templates().get).targets}
    assert targets["tthc.so_hoa.ty_le"] == Decimal("80")


def test_ad_hoc_reports_are_no_point_and_no_reports_give_an_empty_chart() -> None:
    assert trend_chart([], shipped_templates().get).series == []
    assert not trend_chart([make_report(kind="Q1")], shipped_templates().get).has_values


def test_one_indicators_history_is_titled_by_its_label() -> None:
    chart = indicator_history(trend_reports(), shipped_templates().get, "cddh.kh.ty_le_hoan_thanh")
    assert chart.title == "Tỷ lệ hoàn thành kế hoạch"
    assert [p.value for p in chart.series[0].points] == [
        Decimal("10.00"), Decimal("40.00"), Decimal("70.00"), Decimal("100.00")]
    count = indicator_history(trend_reports(), shipped_templates().get, "cddh.kh.hoan_thanh")
    assert count.unit == "nhiệm vụ"



def test_a_template_naming_a_trend_that_is_no_rate_is_refused() -> None:
    data, _key, _cached = read_template_data(templates_dir() / "cchc-2021" / "v1.yaml")
    data["trends"] = ["cddh.kh.tong"]
    with pytest.raises(TemplateError, match=r"cddh\.kh\.tong"):
        parse_template(data, "thu.yaml")
