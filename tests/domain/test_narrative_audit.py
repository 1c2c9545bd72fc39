"""The narrative audit: fractions, dates, footnotes and rates named in the clerk's text.

The seed tests read fixtures re-typed from the real reports in ../shared/seeds (see
tests/domain/fixtures/narrative_*.yaml): the findings must be exactly the slips a
careful reader finds by hand, and nothing else.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import make_report, records, template

from cchc_desktop.domain import narrative_audit
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.narrative_audit import (
    TEXT_DENOMINATOR_RULE,
    TEXT_INDICATOR_RULE,
    TEXT_RATE_RULE,
    audit_text,
    fractions,
    paragraphs,
    quoted_rates,
)
from cchc_desktop.domain.report import Report, Task
from cchc_desktop.domain.rules import Finding, evaluate
from cchc_desktop.domain.template import Severity, shipped_templates
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import language_named, speaking

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = ["000", "001", "002", "004"]
NARRATIVE_RULES = {TEXT_RATE_RULE, TEXT_DENOMINATOR_RULE, TEXT_INDICATOR_RULE}


def _fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((FIXTURES / f"narrative_{name}.yaml").read_text("utf-8"))
    return loaded


def _seed_report(data: dict[str, Any], **values: int) -> Report:
    tpl = shipped_templates().get(data["template"])
    report = make_report({**data["values"], **values}, year=data["period"]["year"],
                         kind=data["period"]["kind"], texts=data["texts"],
                         unit=Unit("don-vi", "Đơn vị thử", data["unit_level"], ""))
    return dataclasses.replace(report, template_ref=tpl.ref)


def _narrative_findings(data: dict[str, Any], **values: int) -> list[Finding]:
    tpl = shipped_templates().get(data["template"])
    return [f for f in evaluate(tpl, _seed_report(data, **values)) if f.rule in NARRATIVE_RULES]


# ------------------------------------------------------------------ the seeds

@pytest.mark.parametrize("name", SEEDS)
def test_the_seed_narratives_give_exactly_their_real_slips(name: str) -> None:
    data = _fixture(name)
    found = {(f.rule, f.section, f.message) for f in _narrative_findings(data)}
    expected = {(s["rule"], s["section"], s["message"]) for s in data["slips"]}
    assert found == expected


# What the seeds hold, counted on the fixtures: paragraphs (of which footnotes), the
# fractions read (dates and document numbers excluded), the percentages, and the
# fractions quoted with a rate.
SEED_COUNTS = {
    "000": {"paragraphs": 55, "footnotes": 12, "fractions": 10, "percentages": 29, "quoted": 7},
    "001": {"paragraphs": 11, "footnotes": 2, "fractions": 8, "percentages": 15, "quoted": 5},
    "002": {"paragraphs": 13, "footnotes": 0, "fractions": 0, "percentages": 8, "quoted": 0},
    "004": {"paragraphs": 16, "footnotes": 0, "fractions": 0, "percentages": 20, "quoted": 0},
}


@pytest.mark.parametrize("name", SEEDS)
def test_what_the_audit_reads_in_the_seeds(name: str) -> None:
    texts = _fixture(name)["texts"].values()
    found = [p for text in texts for p in paragraphs(text)]
    counts = {"paragraphs": len(found), "footnotes": sum(p.footnote for p in found),
              "fractions": sum(len(fractions(p.text)) for p in found),
              "percentages": sum(p.text.count("%") for p in found),
              "quoted": sum(len(quoted_rates(p.text)) for p in found)}
    assert counts == SEED_COUNTS[name]


def test_the_seed_fractions_are_the_real_ones() -> None:
    texts = _fixture("000")["texts"].values()
    read = sorted(f"{f.num_text}/{f.den_text}" for text in texts for p in paragraphs(text)
                  for f in fractions(p.text))
    assert read == sorted(["42/66", "87/97", "57/87", "23/54", "23.958/47.430", "12.405/23.537",
                           "11.553/23.893", "22.471/93.459", "13.015/69.702", "9.456/23.757"])


def test_the_seed_percentages_are_compared_with_the_rates() -> None:
    """With 2.000 procedures instead of 1.871, the bare percentages of the online services
    paragraph no longer fit: each is flagged, so the seed test above really compares them."""
    data = _fixture("000")
    found = [f for f in _narrative_findings(data, **{"hdh.dvctt.tong_tthc": 2000})
             if f.rule == TEXT_INDICATOR_RULE]
    # 853/2.000 = 42,65%; 509/2.000 = 25,45%; 344/2.000 = 17,20% (twice: hdh and ton_tai).
    assert [(f.section, f.codes) for f in found] == [
        ("hdh", ("hdh.dvctt.ty_le_muc34",)), ("hdh", ("hdh.dvctt.ty_le_muc3",)),
        ("hdh", ("hdh.dvctt.ty_le_muc4",)), ("ton_tai", ("hdh.dvctt.ty_le_muc4",))]
    assert found[0].message == ("Văn bản ghi \u201ctổng số DVCTT mức độ 3,4 là 853, đạt 46%\u201d "
                                "nhưng tỷ lệ DVCTT mức độ 3, 4 là 853/2.000 thủ tục, đạt 42,65%.")
    assert found[2].message.startswith("Văn bản ghi \u201c344 DVCTT mức độ 4 đạt tỷ lệ 18%\u201d")


# ------------------------------------------------------------------ dates and numbers

@pytest.mark.parametrize("text", [
    "Đến ngày 31/8/2023, đã hoàn thành", "ngày 31/8, đạt 95%", "đến hết tháng 8/2020, đạt 46%",
    "số liệu 8/2020 đạt 46%", "trong quý 3/2023 đạt 50%", "ngày 06/02/2023 đạt 10%",
    "Kế hoạch số 20/KH-UBND đạt 5%", "Báo cáo số 62/BC-BCĐ", "Nghị định số 62/2020/NĐ-CP",
    "giai đoạn 2021-2025 đạt 30%", "năm học 2019-2020", "tính đến 30/6, đạt 95%",
    "Quyết định số 45/12 đạt 3%", "Số: 2562 /BC-SNV", "hoạt động 24/7", "TCVN ISO 9001:2008",
    "Quý I/2017", "dịch bệnh Covid-19/2020", "kỳ 2/2023 đạt 5%",
])
def test_dates_and_document_numbers_are_never_fractions(text: str) -> None:
    assert fractions(text) == []
    report = make_report(texts={"cddh": text})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]


@pytest.mark.parametrize(("text", "fraction"), [
    ("hoàn thành 42/66 nhiệm vụ", "42/66"), ("11.553/ 23.893 đạt 38%", "11.553/23.893"),
    ("thực hiện 12/12 nhiệm vụ", "12/12"), ("giải quyết 1.421/1.428 hồ sơ", "1.421/1.428"),
    ("đạt 5/7 chỉ tiêu", "5/7"), ("phê duyệt 102/50 thủ tục", "102/50"),
])
def test_real_fractions_are_read(text: str, fraction: str) -> None:
    assert [f"{f.num_text}/{f.den_text}" for f in fractions(text)] == [fraction]


def test_a_fraction_quoted_across_a_line_break_is_read() -> None:
    report = make_report(texts={"cddh": "đã hoàn thành 42/66\nnhiệm vụ, đạt tỷ lệ 63%."})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.message == "Văn bản ghi \u201c42/66 nhiệm vụ, đạt tỷ lệ 63%\u201d nhưng 42/66 là 63,64%."


@pytest.mark.parametrize(("text", "flagged"), [
    ("đang thực hiện 19/66 nhiệm vụ, chiếm tỷ lệ 28,79%", False),
    ("đang thực hiện 19/66 nhiệm vụ, chiếm tỷ lệ 27,79%", True),
    ("đã phê duyệt 23/54 hồ sơ (42,59%)", False),
    ("đã phê duyệt 23/54 hồ sơ (45,59%)", True),
])
def test_chiem_and_brackets_quote_a_rate_too(text: str, flagged: bool) -> None:
    report = make_report(texts={"cddh": text})
    assert bool([f for f in evaluate(template(), report) if f.rule == TEXT_RATE_RULE]) is flagged


# ------------------------------------------------------------------ footnotes

def test_footnotes_are_told_from_the_body() -> None:
    text = ("Rút ngắn thời gian cho 10<sup>1</sup> TTHC; kiện toàn 02 đơn vị¹.\n"
            "<sup>1</sup> (1) Rút ngắn từ 10 ngày còn 07 ngày;\n(2) từ 07 ngày còn 05 ngày.\n\n"
            "Thân bài tiếp tục.\n4\n- Năm 2017, 100% văn bản được triển khai.\n\n"
            "Đoạn sau.\n__________\nChú thích cuối trang: 12/30 đạt 40%.")
    assert [(p.text, p.footnote) for p in paragraphs(text)] == [
        ("Rút ngắn thời gian cho 10 TTHC; kiện toàn 02 đơn vị.", False),
        ("(1) Rút ngắn từ 10 ngày còn 07 ngày; (2) từ 07 ngày còn 05 ngày.", True),
        ("Thân bài tiếp tục.", False),
        ("4 - Năm 2017, 100% văn bản được triển khai.", True),
        ("Đoạn sau.", False),
        ("Chú thích cuối trang: 12/30 đạt 40%.", True),
    ]


def _records() -> dict[str, int]:
    # 1.421 of 1.428 records resolved on time (99,51%); 1.204 of 1.515 new online (79,47%).
    return records(carried=42, online=1204, in_person=311, early=1120, on_time=301, late=7,
                   pending=126, overdue_pending=1, withdrawn=2)


def test_a_footnote_never_feeds_the_sections_rates() -> None:
    note = "<sup>3</sup> Tỷ lệ hồ sơ giải quyết đúng hạn đạt 50%; giải quyết 1.421/1.557 hồ sơ, đạt 91,27%."
    body = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 50%; giải quyết 1.421/1.557 hồ sơ, đạt 91,27%."
    in_note = make_report(_records(), texts={"tthc": f"Giải quyết hồ sơ đúng quy định<sup>3</sup>.\n{note}"})
    in_body = make_report(_records(), texts={"tthc": body})
    assert not [f for f in evaluate(template(), in_note) if f.rule in NARRATIVE_RULES]
    assert {f.rule for f in evaluate(template(), in_body)} >= {TEXT_INDICATOR_RULE, TEXT_DENOMINATOR_RULE}


def test_a_footnotes_own_arithmetic_is_still_checked() -> None:
    text = "Đoạn văn<sup>1</sup>.\n<sup>1</sup> Hoàn thành 42/66 nhiệm vụ, đạt 63%."
    report = make_report(texts={"cddh": text})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.rule == TEXT_RATE_RULE


def test_a_footnote_marker_is_not_read_into_a_figure() -> None:
    # "10<sup>1</sup>" is 10, not 101: 10 is the numerator, and 10/40 is 25%.
    values = {"cds.may_tinh.tong": 40, "cds.may_tinh.diet_virus": 10, "cds.may_tinh.mat_khau": 40}
    text = "Có 10<sup>1</sup> máy, chiếm tỷ lệ 25%.\n<sup>1</sup> Máy mới."
    report = make_report(values, texts={"cds": text})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]


# ------------------------------------------------------------------ percentages next to a rate's name

def test_a_count_with_its_unit_and_a_percentage() -> None:
    values = {"cds.may_tinh.tong": 436, "cds.may_tinh.diet_virus": 340, "cds.may_tinh.mat_khau": 400}
    text = "Số máy tính có phần mềm diệt virus là 340 máy, chiếm tỷ lệ 78%."
    report = make_report(values, texts={"cds": text})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]  # 77,98%
    values["cds.may_tinh.tong"] = 500
    [finding] = [f for f in evaluate(template(), make_report(values, texts=report.texts))
                 if f.rule in NARRATIVE_RULES]
    assert finding == Finding(
        TEXT_INDICATOR_RULE, Severity.WARNING, ("cds.may_tinh.ty_le_diet_virus",),
        "Văn bản ghi \u201c340 máy, chiếm tỷ lệ 78%\u201d nhưng tỷ lệ máy tính có phần mềm diệt "
        "virus là 340/500 máy, đạt 68,00%.", "cds")


def test_the_on_time_rate_named_in_the_text() -> None:
    report = make_report(_records(), texts={"tthc": "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%."})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.codes == ("tthc.hs.xa.ty_le_dung_han",)
    assert finding.message == (
        "Văn bản ghi \u201cTỷ lệ hồ sơ giải quyết đúng hạn đạt 95%\u201d nhưng tỷ lệ giải quyết đúng "
        "và trước hạn (cấp xã) là 1.421/1.428 hồ sơ, đạt 99,51%.")


def test_the_online_rate_named_in_the_text() -> None:
    report = make_report(_records(), texts={"tthc": "Tỷ lệ trực tuyến đạt 60,5%."})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.codes == ("tthc.hs.xa.ty_le_truc_tuyen",)
    assert finding.message.endswith("nhưng tỷ lệ tiếp nhận trực tuyến (cấp xã) là 1.204/1.515 hồ sơ, "
                                    "đạt 79,47%.")


@pytest.mark.parametrize(("quoted", "flagged"), [
    ("99,51%", False), ("99,5%", False), ("100%", False),   # 99,5093...% at 2, 1 and 0 decimals
    ("99,52%", True), ("99,6%", True), ("99%", True),
])
def test_a_named_rate_is_compared_at_its_own_decimals(quoted: str, flagged: bool) -> None:
    report = make_report(_records(), texts={"tthc": f"Tỷ lệ giải quyết đúng và trước hạn đạt {quoted}."})
    assert bool([f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]) is flagged


def test_halves_round_up() -> None:
    # 1 of 8 is 12,5%: "13%" is right, "12%" is not.
    values = {"cds.van_ban.tong": 8, "cds.van_ban.dien_tu": 1, "cds.van_ban.ky_so": 8}
    for quoted, flagged in (("13%", False), ("12%", True)):
        report = make_report(values, texts={"cds": f"Tỷ lệ văn bản điện tử đạt {quoted}."})
        assert bool([f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]) is flagged


@pytest.mark.parametrize("text", [
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 90%.",                 # a threshold
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt khoảng 95%.",               # approximate
    "Phấn đấu tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.",             # a target
    "Chỉ tiêu tỷ lệ hồ sơ giải quyết đúng hạn là 95%.",
    "Năm 2025, tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.",            # another period
    "Tỷ lệ hồ sơ giải quyết đúng hạn cùng kỳ năm trước đạt 95%.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn của Sở Tư pháp đạt 95%.",       # another unit
    "Tỷ lệ hồ sơ giải quyết đúng hạn (so với cả nước 95%).",
    "Đã giải quyết 1.428 hồ sơ, đạt 95% đúng hạn.",                  # 95% of something else
    "Tỷ lệ giải quyết đúng hạn đạt 95%, tăng 3% so với cùng kỳ.",
    "Tỷ lệ hồ sơ giải quyết đúng hạn cấp huyện đạt 95%.",            # no figures at that level
    "Một số đơn vị khó đạt tỷ lệ quy định 30% TTHC ở mức độ 4.",
    "Có 95% hồ sơ được giải quyết đúng hạn.",
    "Tỷ lệ hồ sơ giải quyết trước hạn đạt 78%.",                     # early only: a part of the rate
])
def test_percentages_that_are_not_this_reports_rate_are_left_alone(text: str) -> None:
    report = make_report(_records(), texts={"tthc": text})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]


def test_two_rates_that_fit_the_words_and_differ_are_left_alone() -> None:
    # "tỷ lệ trực tuyến": records received online (79,47%) or filed online (10/40, 25%)?
    values = {**_records(), "cds.hs_truc_tuyen.tong": 40, "cds.hs_truc_tuyen.truc_tuyen": 10}
    report = make_report(values, texts={"tthc": "Tỷ lệ trực tuyến đạt 60,5%."})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    report = make_report(values, texts={"tthc": "Tỷ lệ hồ sơ nộp trực tuyến đạt 60,5%."})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.codes == ("cds.hs_truc_tuyen.ty_le",)


def test_next_periods_tasks_are_targets() -> None:
    text = "1. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 95%.\n2. Hoàn thành 42/66 nhiệm vụ, đạt 63%."
    report = make_report(_records(), texts={"phuong_huong": text})
    # The target is left alone; the fraction's own arithmetic is still wrong.
    assert [f.rule for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES] == [TEXT_RATE_RULE]


def test_a_level_named_in_the_text_picks_that_levels_rate() -> None:
    values = {**_records(), **records("huyen", online=100, in_person=100, early=50, on_time=30,
                                      late=20, pending=100)}
    text = "Tỷ lệ hồ sơ giải quyết đúng hạn cấp huyện đạt 80%."   # 80/100 at district level
    report = make_report(values, texts={"tthc": text})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    report = make_report(values, texts={"tthc": text.replace("80%", "99,51%")})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.codes == ("tthc.hs.huyen.ty_le_dung_han",)


def test_a_count_named_before_it() -> None:
    tpl = template("cchc-2011")
    values = {"hdh.dvctt.tong_tthc": 1871, "hdh.dvctt.muc3": 509, "hdh.dvctt.muc4": 344}
    report = dataclasses.replace(make_report(values, year=2020, kind="Q3"), template_ref=tpl.ref)
    figures = compute_figures(tpl, report.values, 2)

    def audit(text: str) -> list[Finding]:
        return audit_text(tpl, figures, "hdh", text, 2, years=frozenset({2020}))

    assert audit("trong đó DVCTT mức độ 3 là 509, đạt tỷ lệ 27%") == []          # 27,20%
    [finding] = audit("trong đó DVCTT mức độ 3 là 509, đạt tỷ lệ 29%")
    assert finding.codes == ("hdh.dvctt.ty_le_muc3",)
    assert audit("DVCTT mức độ 4 là 509, đạt 29%") == []   # 509 is not the level 4 count


def test_audit_text_is_evaluated_with_the_template_rules() -> None:
    # A text under a section the template does not have is not audited.
    texts = {"tthc": "Tỷ lệ trực tuyến đạt 60,5%.", "khong_co": "đạt 1/2 đạt 9%"}
    report = make_report(_records(), texts=texts)
    rules = [f.rule for f in evaluate(template(), report)]
    assert rules.count(TEXT_INDICATOR_RULE) == 1 and TEXT_RATE_RULE not in rules


def test_decimal_amounts_count_too() -> None:
    values = {"tcc.dtc.ke_hoach": Decimal("15399.252"), "tcc.dtc.giai_ngan": Decimal("2987.455")}
    report = make_report(values, texts={"tcc": "Giải ngân 2.987,455 triệu đồng, đạt 19,40% kế hoạch."})
    assert not [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    report = make_report(values, texts={"tcc": "Giải ngân 2.987,455 triệu đồng, đạt 21% kế hoạch."})
    [finding] = [f for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]
    assert finding.codes == ("tcc.dtc.ty_le",)


def test_a_coordinated_word_cannot_be_left_out() -> None:
    # "xuất sắc, tốt": "tỷ lệ xếp loại tốt" is the share rated good alone, not this rate.
    tpl = template("cchc-2011")
    values = {"tthc.mot_cua.xa.danh_gia": 83, "tthc.mot_cua.xa.xuat_sac": 1,
              "tthc.mot_cua.xa.tot": 73, "tthc.mot_cua.xa.kha": 9, "tthc.mot_cua.xa.yeu": 0}
    report = dataclasses.replace(make_report(values, year=2020, kind="Q3"), template_ref=tpl.ref)
    figures = compute_figures(tpl, report.values, 2)

    def audit(text: str) -> list[str]:
        return [f.codes[0] for f in audit_text(tpl, figures, "tthc", text, 2, years=frozenset({2020}))]

    assert audit("Tỷ lệ xếp loại tốt đạt 88%.") == []                # 73/83: not this rate
    assert audit("Tỷ lệ xếp loại xuất sắc, tốt đạt 89%.") == []      # 74/83 = 89,16%
    # Without a level named, the total row (equal to the communes' here) is named.
    assert audit("Tỷ lệ xếp loại xuất sắc, tốt đạt 88%.") == ["tthc.mot_cua.tong.ty_le_xuat_sac_tot"]
    assert audit("Tỷ lệ xếp loại xuất sắc, tốt cấp xã đạt 88%.") == ["tthc.mot_cua.xa.ty_le_xuat_sac_tot"]


def test_the_findings_are_taken_again_only_while_nothing_the_audit_reads_has_changed() -> None:
    def narrative(report: Report) -> list[str]:
        return [f.message for f in evaluate(template(), report) if f.rule in NARRATIVE_RULES]

    def afresh(report: Report) -> list[str]:
        narrative_audit._last_audit = None     # nothing kept from an earlier audit
        return narrative(report)

    report = make_report(_records(), texts={"tthc": "Tỷ lệ trực tuyến đạt 60,5%."})
    [first] = narrative(report)
    assert first.endswith("là 1.204/1.515 hồ sơ, đạt 79,47%.")
    # A task added: neither the texts nor the figures changed, the same finding.
    assert narrative(dataclasses.replace(report, tasks=[Task("Rà soát quy trình")])) == [first]
    fewer = make_report({**_records(), "tthc.hs.xa.moi_truc_tuyen": 1000}, texts=report.texts)
    [changed] = narrative(fewer)
    assert changed.endswith("là 1.000/1.311 hồ sơ, đạt 76,28%.")
    assert narrative(make_report(_records(), texts={"tthc": "Tỷ lệ trực tuyến đạt 79,47%."})) == []
    narrative(report)
    with speaking(language_named("en")):        # the same report read for an English annex
        english = narrative(report)
        assert english == afresh(report)
    assert english != [first]
    assert narrative(report) == [first] == afresh(report)
