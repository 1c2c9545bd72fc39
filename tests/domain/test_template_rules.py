"""Each kind of template rule reads its entry, refuses a wrong one, and checks a small report."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from factories import make_report, template

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.findings import Finding, Severity, finding_text
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, parse_template
from cchc_desktop.domain.template_rules import (
    RULE_KINDS,
    AtMostRule,
    CarryOverRule,
    OpeningReport,
    Rule,
    RuleEntryError,
    RuleFacts,
    RuleKind,
    SumRule,
    TargetRule,
    rule_from_entry,
)
from cchc_desktop.i18n import set_language

D = Decimal


def _data() -> dict[str, Any]:
    """A small template of its own: four counts, a sum and a rate, in one group."""
    return {
        "id": "nho", "version": 1, "title": "Mẫu nhỏ", "levels": ["xa"], "precision": 2,
        "sections": [{"id": "s", "number": "I", "title": "Số liệu", "groups": [{
            "id": "g", "title": "Hồ sơ", "indicators": [
                {"code": "hs.tiep_nhan", "label": "Số hồ sơ tiếp nhận", "unit": "hồ sơ",
                 "kind": "count", "flow": "flow"},
                {"code": "hs.dung_han", "label": "Đã giải quyết đúng hạn", "unit": "hồ sơ",
                 "kind": "count", "flow": "flow", "short": "số hồ sơ đúng hạn"},
                {"code": "hs.qua_han", "label": "Đã giải quyết quá hạn", "unit": "hồ sơ",
                 "kind": "count", "flow": "flow", "short": "số hồ sơ quá hạn"},
                {"code": "hs.ton", "label": "Số hồ sơ tồn", "unit": "hồ sơ", "kind": "count",
                 "flow": "stock"},
                {"code": "hs.da_giai_quyet", "label": "Tổng số đã giải quyết", "unit": "hồ sơ",
                 "kind": "count", "flow": "flow"},
                {"code": "hs.ty_le", "label": "Tỷ lệ đúng hạn", "unit": "%", "kind": "rate",
                 "numerator": ["hs.dung_han"], "denominator": ["hs.da_giai_quyet"]},
            ]}]}],
        "rules": [
            {"id": "r.tong", "kind": "sum", "total": "hs.da_giai_quyet",
             "parts": ["hs.dung_han", "hs.qua_han"]},
            {"id": "r.khong_vuot", "kind": "le", "left": ["hs.dung_han", "hs.qua_han"],
             "right": ["hs.tiep_nhan"]},
            {"id": "r.chuyen_ky", "kind": "carry_over", "code": "hs.ton", "previous": ["hs.ton"]},
            {"id": "r.muc_tieu", "kind": "target", "code": "hs.ty_le", "min": 90,
             "hint": "Kế hoạch năm: 90%."},
        ],
    }


@pytest.fixture(scope="module")
def small() -> Template:
    return parse_template(_data(), "nho.yaml")


def _report(values: dict[str, int], targets: dict[str, int] | None = None) -> Report:
    report = make_report(values)
    report.template_ref = "nho@1"
    report.targets = {code: D(v) for code, v in (targets or {}).items()}
    return report


def _check(tpl: Template, rule_id: str, report: Report,
           opening: OpeningReport | None = None) -> Finding | None:
    [rule] = [r for r in tpl.rules if r.id == rule_id]
    facts = RuleFacts(tpl, report, compute_figures(tpl, report.values, report.precision), opening)
    return rule.check(facts)


def test_each_entry_becomes_its_kind_of_rule(small: Template) -> None:
    kinds = {rule.id: type(rule) for rule in small.rules}
    assert kinds == {"r.tong": SumRule, "r.khong_vuot": AtMostRule, "r.chuyen_ky": CarryOverRule,
                     "r.muc_tieu": TargetRule}
    assert set(RULE_KINDS) == set(RuleKind)
    severities = {rule.id: rule.severity for rule in small.rules}
    assert severities == {"r.tong": Severity.ERROR, "r.khong_vuot": Severity.WARNING,
                          "r.chuyen_ky": Severity.ERROR, "r.muc_tieu": Severity.WARNING}


def test_sum_rule(small: Template) -> None:
    assert _check(small, "r.tong", _report({"hs.dung_han": 4, "hs.qua_han": 1,
                                            "hs.da_giai_quyet": 5})) is None
    finding = _check(small, "r.tong", _report({"hs.dung_han": 4, "hs.qua_han": 1,
                                               "hs.da_giai_quyet": 1005}))
    assert finding is not None and finding.kind == "sum" and finding.rule == "r.tong"
    assert finding.codes == ("hs.da_giai_quyet", "hs.dung_han", "hs.qua_han")
    assert [(a.role, a.value, a.codes) for a in finding.figures] == [
        ("total", D(1005), ("hs.da_giai_quyet",)), ("parts", D(5), ("hs.dung_han", "hs.qua_han")),
        ("difference", D(1000), ())]
    assert finding_text(finding) == ("Tổng số đã giải quyết (1.005) khác tổng số hồ sơ đúng hạn "
                                     "và số hồ sơ quá hạn (5): chênh lệch 1.000.")


def test_at_most_rule(small: Template) -> None:
    assert _check(small, "r.khong_vuot", _report({"hs.tiep_nhan": 9, "hs.dung_han": 4})) is None
    finding = _check(small, "r.khong_vuot", _report({"hs.tiep_nhan": 9, "hs.dung_han": 8,
                                                     "hs.qua_han": 3}))
    assert finding is not None and finding.kind == "le"
    difference = finding.figure("difference")
    assert difference is not None and difference.value == D(2)
    assert finding_text(finding) == ("Tổng số hồ sơ đúng hạn và số hồ sơ quá hạn (11) lớn hơn "
                                     "số hồ sơ tiếp nhận (9): vượt 2.")


def test_carry_over_rule(small: Template) -> None:
    report = _report({"hs.ton": 7})
    assert _check(small, "r.chuyen_ky", report) is None          # no opening report known
    same = OpeningReport("Quý IV năm 2025", {"hs.ton": D(7)})
    assert _check(small, "r.chuyen_ky", report, same) is None
    other = OpeningReport("Quý IV năm 2025", {"hs.ton": D(10)})
    finding = _check(small, "r.chuyen_ky", report, other)
    assert finding is not None and finding.kind == "carry_over"
    assert [(a.role, a.value) for a in finding.figures] == [
        ("value", D(7)), ("previous", D(10)), ("difference", D(3))]
    assert finding_text(finding) == ("Số hồ sơ tồn (7) khác số hồ sơ tồn của báo cáo Quý IV năm "
                                     "2025 (10): chênh lệch 3.")


def test_target_rule_with_its_hint_and_the_report_target(small: Template) -> None:
    values = {"hs.dung_han": 85, "hs.qua_han": 15, "hs.da_giai_quyet": 100}
    finding = _check(small, "r.muc_tieu", _report(values))
    assert finding is not None and finding.kind == "target"
    target = finding.figure("target")
    assert target is not None and target.value == D(90) and target.percent
    assert finding_text(finding) == "Tỷ lệ đúng hạn (85,00%) thấp hơn mục tiêu 90,00%. Kế hoạch năm: 90%."
    assert _check(small, "r.muc_tieu", _report(values, {"hs.ty_le": 80})) is None


def test_the_text_is_written_when_shown_in_the_language_of_then(small: Template) -> None:
    finding = _check(small, "r.tong", _report({"hs.dung_han": 1234, "hs.qua_han": 0,
                                               "hs.da_giai_quyet": 1}))
    assert finding is not None
    set_language("en")
    assert "1,234" in finding_text(finding)
    set_language("vi")
    assert "1.234" in finding_text(finding)
    assert finding.message == finding_text(finding)
    as_json = finding.as_json()
    assert as_json["kind"] == "sum" and as_json["message"] == finding_text(finding)
    assert as_json["figures"][0] == {"role": "total", "codes": ["hs.da_giai_quyet"], "value": "1"}


@pytest.mark.parametrize(("entry", "problem"), [
    ({"id": "x", "kind": "sum", "total": "hs.ton", "parts": ["hs.ton"], "min": 3}, "min"),
    ({"id": "x", "kind": "target", "code": "hs.ty_le", "min": 3, "left": ["hs.ton"]}, "left"),
    ({"id": "x", "kind": "le", "left": ["hs.ton"], "right": ["hs.ton"], "previous": ["hs.ton"]},
     "previous"),
])
def test_a_field_of_another_kind_is_refused(entry: dict[str, Any], problem: str) -> None:
    with pytest.raises(RuleEntryError, match=problem):
        rule_from_entry(entry, None)
    data = _data()
    data["rules"].append(entry)
    with pytest.raises(TemplateError, match=problem):
        parse_template(data, "nho.yaml")


def test_a_target_on_a_count_is_refused() -> None:
    data = _data()
    data["rules"].append({"id": "x", "kind": "target", "code": "hs.ton", "min": 50})
    with pytest.raises(TemplateError, match=r"hs\.ton không phải tỷ lệ"):
        parse_template(data, "nho.yaml")


def test_per_level_rules_expand_and_say_their_level() -> None:
    rule = rule_from_entry({"id": "r.{L}", "kind": "sum", "total": "a.{L}", "parts": ["b.{L}"]},
                           "xa")
    assert isinstance(rule, SumRule)
    assert (rule.id, rule.total, rule.parts, rule.level) == ("r.xa", "a.xa", ("b.xa",), "xa")


def test_the_shipped_templates_read_with_the_rule_classes() -> None:
    tpl = template()
    assert all(isinstance(rule, Rule) and type(rule) is RULE_KINDS[rule.kind] for rule in tpl.rules)
    carried = [r for r in tpl.rules if isinstance(r, CarryOverRule)]
    assert carried and all(r.references == r.codes + r.previous for r in carried)
    assert copy.deepcopy(tpl.rules) == tpl.rules
