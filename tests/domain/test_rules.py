"""Validation rules of the template, applied to hand-made reports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from factories import make_report, records, sample_report, template

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rules import (
    SHARE_RULE,
    TEXT_RATE_RULE,
    OpeningReport,
    evaluate,
    has_errors,
)
from cchc_desktop.domain.template import IndicatorKind, Rule, RuleKind, Severity


def _assign(values: dict[str, int], code: str, amount: int) -> None:
    """Give `code` the value `amount`, through the first part of a derived sum if needed."""
    indicator = template().indicators[code]
    if indicator.kind is IndicatorKind.SUM:
        _assign(values, indicator.parts[0], amount)
        for part in indicator.parts[1:]:
            _assign(values, part, 0)
    else:
        values[code] = values.get(code, 0) + amount


def _rules(kind: RuleKind) -> list[Rule]:
    return [r for r in template().rules if r.kind is kind]


@pytest.mark.parametrize("rule", _rules(RuleKind.SUM), ids=lambda r: r.id)
def test_every_sum_rule_fires_on_a_wrong_total_only(rule: Rule) -> None:
    consistent: dict[str, int] = {}
    for part in rule.parts:
        _assign(consistent, part, 1)
    wrong = dict(consistent)
    _assign(consistent, rule.total, len(rule.parts))
    _assign(wrong, rule.total, len(rule.parts) + 5)
    assert rule.id not in {f.rule for f in evaluate(template(), make_report(consistent))}
    found = [f for f in evaluate(template(), make_report(wrong)) if f.rule == rule.id]
    assert len(found) == 1
    assert "chênh lệch 5" in found[0].message
    assert found[0].severity is rule.severity


@pytest.mark.parametrize("rule", _rules(RuleKind.LE), ids=lambda r: r.id)
def test_every_bound_rule_fires_when_the_part_exceeds_the_whole(rule: Rule) -> None:
    within: dict[str, int] = {}
    for code in rule.right:
        _assign(within, code, 10)
    over = dict(within)
    for code in rule.left:
        _assign(within, code, 10 * len(rule.right))
        _assign(over, code, 10 * len(rule.right) + 3)
    assert rule.id not in {f.rule for f in evaluate(template(), make_report(within))}
    found = [f for f in evaluate(template(), make_report(over)) if f.rule == rule.id]
    assert len(found) == 1 and "vượt 3" in found[0].message


def test_records_rule_names_the_figures_in_a_sentence() -> None:
    # 1.250 received; 1.000 resolved + 150 pending + 30 withdrawn = 1.180.
    report = make_report(records(carried=50, online=700, in_person=500, on_time=1000,
                                 pending=150, withdrawn=30))
    messages = [f.message for f in evaluate(template(), report) if f.severity is Severity.ERROR]
    assert messages == [
        "Cấp xã: Số hồ sơ tiếp nhận (1.250) khác tổng đã giải quyết, đang giải quyết và "
        "rút/trả lại (1.180): chênh lệch 70. Mỗi hồ sơ tiếp nhận phải đã giải quyết, "
        "đang giải quyết hoặc đã rút/trả lại."]


def test_review_parts_adding_up_to_more_than_reviewed() -> None:
    report = make_report({"tthc.ra_soat.da_ra_soat": 13, "tthc.ra_soat.bai_bo": 2,
                          "tthc.ra_soat.don_gian_hoa": 10, "tthc.ra_soat.giu_nguyen": 3})
    [finding] = evaluate(template(), report)
    assert finding.severity is Severity.ERROR
    assert finding.message == ("Số TTHC đã rà soát (13) khác tổng bãi bỏ, đơn giản hóa và giữ "
                               "nguyên (15): chênh lệch 2.")
    assert finding.section == "tthc"


def test_carried_over_must_equal_last_periods_pending() -> None:
    report = make_report(records(carried=40, online=10, on_time=50))
    opening = OpeningReport("Năm 2025", {"tthc.hs.xa.dang_giai_quyet.trong_han": Decimal(41),
                                         "tthc.hs.xa.dang_giai_quyet.qua_han": Decimal(1)})
    found = [f for f in evaluate(template(), report, opening=opening) if "chuyen_ky" in f.rule]
    assert len(found) == 1
    assert "(40)" in found[0].message and "(42)" in found[0].message
    assert "Năm 2025" in found[0].message
    assert found[0].severity is Severity.ERROR
    matching = OpeningReport("Năm 2025", {"tthc.hs.xa.dang_giai_quyet.trong_han": Decimal(40)})
    assert not [f for f in evaluate(template(), report, opening=matching) if "chuyen_ky" in f.rule]


def test_target_from_the_plan_overrides_the_template_default() -> None:
    values = records(online=100, early=10, on_time=82, late=8)  # 92% on time
    assert not [f for f in evaluate(template(), make_report(values)) if f.rule.endswith("dung_han")
                and f.rule.startswith("tthc.hs.muc_tieu")]
    strict = make_report(values, targets={"tthc.hs.tong.ty_le_dung_han": Decimal(95)})
    [finding] = [f for f in evaluate(template(), strict) if f.rule == "tthc.hs.muc_tieu_dung_han"]
    assert finding.severity is Severity.WARNING
    assert finding.message == ("Tỷ lệ giải quyết đúng và trước hạn (92,00%) thấp hơn mục tiêu "
                               "95,00%.")


def test_apology_letters_cannot_exceed_overdue_records() -> None:
    values = records(online=20, on_time=17, late=2, overdue_pending=1) | {"tthc.hs.xin_loi": 4}
    found = [f for f in evaluate(template(), make_report(values))
             if f.rule == "tthc.hs.xin_loi_khong_vuot_qua_han"]
    assert len(found) == 1 and "(4)" in found[0].message and "(3)" in found[0].message


def test_warning_with_a_note_is_justified() -> None:
    report = sample_report()
    [finding] = evaluate(template(), report)
    assert finding.severity is Severity.WARNING and finding.justified
    report.notes.clear()
    assert not evaluate(template(), report)[0].justified


def test_errors_come_first() -> None:
    values = {"tcbm.bien_che.cong_chuc.giao": 10, "tcbm.bien_che.cong_chuc.co_mat": 12,
              "cddh.kh.tong": 5, "cddh.kh.hoan_thanh": 1}
    severities = [f.severity for f in evaluate(template(), make_report(values))]
    assert severities == [Severity.ERROR, Severity.WARNING]
    assert has_errors(evaluate(template(), make_report(values)))


@pytest.mark.parametrize(("text", "flagged"), [
    ("đã hoàn thành 42/66 nhiệm vụ, đạt tỷ lệ 63%.", True),       # 63,64% -> 64% at 0 decimals
    ("11.553/ 23.893 đạt 38%", True),                              # 48,35%
    ("22.471/ 93.459 đạt 24%", False),                             # 24,04%
    ("13.015/69.702 đạt 18,7%", False),                            # 18,67%
    ("23.958/ 47.430 đạt 50,5%", False),                           # 50,51%
    ("hoàn thành 43/66 nhiệm vụ, đạt 65,15%", False),
    ("hoàn thành 43/66 nhiệm vụ, đạt 65,16%", True),
])
def test_rates_quoted_in_the_narrative_are_checked(text: str, flagged: bool) -> None:
    report: Report = make_report(texts={"cddh": text})
    found = [f for f in evaluate(template(), report) if f.rule == TEXT_RATE_RULE]
    assert bool(found) is flagged
    if flagged:
        assert found[0].section == "cddh" and found[0].severity is Severity.WARNING


def test_narrative_message_gives_the_right_rate() -> None:
    report = make_report(texts={"cddh": "đã hoàn thành 42/66 nhiệm vụ, đạt tỷ lệ 63%."})
    [finding] = evaluate(template(), report)
    assert finding.message == ("Văn bản ghi \u201c42/66 nhiệm vụ, đạt tỷ lệ 63%\u201d nhưng "
                               "42/66 là 63,64%.")


def test_a_rate_quoted_over_the_wrong_total_is_flagged() -> None:
    values = records(carried=42, online=1204, in_person=311, early=1120, on_time=301, late=7,
                     pending=126, overdue_pending=1, withdrawn=2)
    wrong = make_report(values, texts={"tthc": "Tiếp nhận 1.557 hồ sơ, giải quyết đúng hạn "
                                               "1.421/1.557 hồ sơ, đạt 91,27%."})
    [finding] = [f for f in evaluate(template(), wrong) if f.rule == "van_ban.mau_so_ty_le"]
    assert finding.message == (
        "Văn bản ghi \u201c1.421/1.557 hồ sơ, đạt 91,27%\u201d nhưng tỷ lệ giải quyết đúng và "
        "trước hạn (cấp xã) tính trên số hồ sơ đã giải quyết (1.428): 1.421/1.428, đạt 99,51%.")
    assert finding.codes == ("tthc.hs.xa.ty_le_dung_han",)
    right = make_report(values, texts={"tthc": "giải quyết đúng hạn 1.421/1.428 hồ sơ, đạt 99,51%."})
    assert not [f for f in evaluate(template(), right) if f.rule.startswith("van_ban.")]


# ------------------------------------------------------------------ shares of their base

def test_a_share_above_100_percent_is_an_error_naming_its_figures() -> None:
    report = make_report({"tthc.ra_soat.tong_tham_quyen": 312, "tthc.ra_soat.da_ra_soat": 50,
                          "tthc.ra_soat.bai_bo": 0, "tthc.ra_soat.don_gian_hoa": 0,
                          "tthc.ra_soat.giu_nguyen": 102})
    findings = evaluate(template(), report)
    [share] = [f for f in findings if f.rule == SHARE_RULE]
    assert share.severity is Severity.ERROR and has_errors(findings)
    assert share.message == ("Tỷ lệ giữ nguyên 102/50 thủ tục, đạt 204,00%: tỷ lệ là phần của tổng "
                             "nên không thể vượt 100%; kiểm tra lại số liệu.")
    assert share.codes == ("tthc.ra_soat.ty_le_giu_nguyen", "tthc.ra_soat.giu_nguyen",
                           "tthc.ra_soat.da_ra_soat")
    assert share.section == "tthc"


def test_a_share_of_exactly_100_percent_is_fine() -> None:
    report = make_report({"cds.may_tinh.tong": 54, "cds.may_tinh.diet_virus": 54,
                          "cds.may_tinh.mat_khau": 54})
    assert not [f for f in evaluate(template(), report) if f.rule == SHARE_RULE]


def test_a_rate_against_an_estimate_may_exceed_100_percent() -> None:
    # Budget revenue collected against the estimate: 120% is an achievement, not a slip.
    report = make_report({"tcc.thu_nsnn.du_toan": 1000, "tcc.thu_nsnn.thuc_hien": 1200})
    assert not [f for f in evaluate(template(), report) if f.rule == SHARE_RULE]
    assert not template().indicators["tcc.thu_nsnn.ty_le"].share


def test_a_share_of_each_level_and_of_the_total_row() -> None:
    # 5 records received and 12 resolved: the commune's rate and the total row's.
    values = records(online=5, early=8, on_time=4)
    found = [f for f in evaluate(template(), make_report(values)) if f.rule == SHARE_RULE]
    assert [f.codes[0] for f in found] == ["tthc.hs.xa.ty_le_da_giai_quyet",
                                           "tthc.hs.tong.ty_le_da_giai_quyet"]
    assert found[0].message.startswith("Tỷ lệ hồ sơ đã giải quyết (cấp xã) 12/5 hồ sơ, đạt 240,00%:")


SHARES = {
    "cchc-2021": {"cddh.kiem_tra.ty_le", "tthc.pakn.ty_le", "tcbm.bien_che.cong_chuc.ty_le",
                  "tcbm.bien_che.vien_chuc.ty_le", "tcc.thu_nsnn.ty_le", "tcc.dtc.ty_le",
                  "tcc.kiem_toan.ty_le"},
    "cchc-2011": {"cddh.kiem_tra.ty_le", "tthc.pakn.ty_le", "tcbm.bien_che.cong_chuc.ty_le",
                  "tcbm.bien_che.vien_chuc.ty_le", "tcc.thu_nsnn.ty_le", "tcc.dtc.ty_le",
                  "tcc.kiem_toan.ty_le"},
}


@pytest.mark.parametrize("ref", sorted(SHARES))
def test_which_rates_are_shares(ref: str) -> None:
    """Rates that may exceed 100%: inspections beyond plan, feedback or audit items handled
    from earlier periods, staff above their posts, revenue and disbursement against a plan.
    Every other rate is a part of its base."""
    rates = template(ref).rates()
    assert {r.code for r in rates if not r.share and r.level is None} == SHARES[ref]
    assert all(r.share for r in rates if r.level is not None)
    # A code both outlines share is the same figure: the same decision.
    other = template("cchc-2011" if ref == "cchc-2021" else "cchc-2021").indicators
    assert all(r.share == other[r.code].share for r in rates if r.code in other)
