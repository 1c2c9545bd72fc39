"""The seven-area outline of the 2011-2020 programme (cchc-2011), shipped as data.

The figures come from the Q3 2020 report of Cần Thơ (Sở Nội vụ, 2562/BC-SNV): plan
tasks 42/66, level 3 and 4 online services of 2019 and August 2020, one-stop rankings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import yaml

from cchc_desktop.domain.figures import compute_figures
from cchc_desktop.domain.formatting import format_percent
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rules import (
    TEXT_RATE_RULE,
    Finding,
    OpeningReport,
    evaluate,
    has_errors,
)
from cchc_desktop.domain.template import (
    CODE_PATTERN,
    LEVEL_PLACEHOLDER,
    IndicatorKind,
    Severity,
    Template,
    load_template_file,
    shipped_templates,
)
from cchc_desktop.exchange.json_format import report_from_dict
from cchc_desktop.paths import templates_dir

REF = "cchc-2011"

# The headings of part I of the seed report, in its order.
SEED_AREAS = [
    ("1", "cddh", "Công tác chỉ đạo, điều hành, tuyên truyền và kiểm tra CCHC"),
    ("2", "tc", "Cải cách thể chế"),
    ("3", "tthc", "Cải cách TTHC"),
    ("4", "tcbm", "Cải cách tổ chức bộ máy hành chính nhà nước"),
    ("5", "cv", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"),
    ("6", "tcc", "Cải cách tài chính công"),
    ("7", "hdh", "Hiện đại hóa hành chính"),
]

# Figures of the seed report (Q3 2020), consistent with one another.
SEED_VALUES: dict[str, int] = {
    "cddh.kh.tong": 66, "cddh.kh.hoan_thanh": 42, "cddh.kh.dang_thuc_hien": 24,
    "cddh.kh.chua_thuc_hien": 0,
    "cddh.kiem_tra.ke_hoach": 3, "cddh.kiem_tra.da_kiem_tra": 3,
    "cddh.khen_thuong.tap_the": 17, "cddh.khen_thuong.ca_nhan": 23,
    "tc.vbqppl.tu_kiem_tra": 3, "tc.vbqppl.sai_sot": 1, "tc.tham_dinh.du_thao": 21,
    "tc.gop_y.du_thao": 49,
    "tthc.cong_bo.quyet_dinh": 18, "tthc.cong_bo.moi": 101, "tthc.cong_bo.sua_doi": 4,
    "tthc.cong_bo.bai_bo": 91, "tthc.ra_soat.don_gian_hoa": 13,
    # One-stop rankings of Q2 2020: departments, districts, communes.
    "tthc.mot_cua.tinh.danh_gia": 19, "tthc.mot_cua.tinh.xuat_sac": 8,
    "tthc.mot_cua.tinh.tot": 10, "tthc.mot_cua.tinh.kha": 1, "tthc.mot_cua.tinh.yeu": 0,
    "tthc.mot_cua.huyen.danh_gia": 9, "tthc.mot_cua.huyen.xuat_sac": 0,
    "tthc.mot_cua.huyen.tot": 6, "tthc.mot_cua.huyen.kha": 3, "tthc.mot_cua.huyen.yeu": 0,
    "tthc.mot_cua.xa.danh_gia": 83, "tthc.mot_cua.xa.xuat_sac": 1,
    "tthc.mot_cua.xa.tot": 73, "tthc.mot_cua.xa.kha": 9, "tthc.mot_cua.xa.yeu": 0,
    "tcbm.to_chuc_phoi_hop": 7, "tcbm.tinh_gian": 34,
    "cv.bo_nhiem": 20, "cv.thi_nang_ngach.du_thi": 97, "cv.thi_nang_ngach.dat": 87,
    "cv.dao_tao.lop": 3,
    "tcc.tu_chu.phe_duyet": 3,
    "hdh.qlvb.co_quan": 479, "hdh.lien_thong.van_ban_nhan": 7666,
    "hdh.lien_thong.van_ban_gui": 2921,
    "cds.hop_truc_tuyen": 71, "hdh.hop_truc_tuyen.tinh_chu_tri": 38,
    "hdh.hop_truc_tuyen.huyen_chu_tri": 33, "hdh.danh_gia.luot": 12381,
    # The table "Tổng số TTHC, DVCTT mức 3, 4, HS trực tuyến/HS thực tế", year 2019.
    "hdh.dvctt.tong_tthc": 1891, "hdh.dvctt.muc3": 570, "hdh.dvctt.muc4": 336,
    "hdh.hs.muc3.truc_tuyen": 12405, "hdh.hs.muc3.tong": 23537,
    "hdh.hs.muc4.truc_tuyen": 11553, "hdh.hs.muc4.tong": 23893,
    "hdh.dvctt.lien_thong_quoc_gia": 14,
    "cds.attt.he_thong": 54, "cds.attt.da_phe_duyet": 23,
    "hdh.iso.co_quan_phai_ap_dung": 123, "hdh.iso.co_quan_ap_dung": 0,
    "hdh.iso.tap_huan.lop": 3, "hdh.iso.tap_huan.luot_nguoi": 309,
}


@pytest.fixture(scope="module")
def tpl() -> Template:
    return shipped_templates().get(REF)


def _report(values: dict[str, int], texts: dict[str, str] | None = None) -> Report:
    """A Q3 2020 report of Cần Thơ on cchc-2011, built as the exchange file builds it."""
    data: dict[str, Any] = {
        "format": "cchc-report", "format_version": 1, "template": REF,
        "unit": {"code": "tp-can-tho", "name": "Ủy ban nhân dân thành phố Cần Thơ",
                 "level": "tinh"},
        "period": {"year": 2020, "kind": "Q3"},
        "values": values,
        "texts": texts or {},
    }
    report, template = report_from_dict(data, "can-tho-2020-Q3.json")
    assert template.ref == f"{REF}@1"
    return report


def _rule_findings(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule_id]


# --------------------------------------------------------------------------- loading

def test_loads_from_the_shipped_folder(tpl: Template) -> None:
    assert tpl.ref == "cchc-2011@1"
    assert tpl.title.vi == "Báo cáo CCHC định kỳ (giai đoạn 2011-2020)"
    assert tpl.title.en
    assert "{period}" in tpl.subject.vi
    assert tpl.subject.vi.format(period="quý III năm 2020") == \
        "Kết quả thực hiện công tác cải cách hành chính quý III năm 2020"
    assert tpl.levels == ("tinh", "huyen", "xa")
    assert len(tpl.indicators) > 150
    assert len(tpl.rules) > 30


def test_file_loads_on_its_own_and_beside_the_current_template() -> None:
    direct = load_template_file(templates_dir() / REF / "v1.yaml")
    assert direct.ref == "cchc-2011@1"
    registry = shipped_templates()
    assert {"cchc-2011", "cchc-2021"} <= set(registry.ids())
    assert registry.newest("cchc-2021").ref == "cchc-2021@1"


# --------------------------------------------------------------------------- outline

def test_section_one_has_the_seven_areas_of_the_seed_in_order(tpl: Template) -> None:
    first = tpl.sections[0]
    assert (first.number, first.title.vi) == ("I", "KẾT QUẢ THỰC HIỆN CCHC")
    assert not first.narrative
    areas = [(s.number, s.id, s.title.vi) for s in first.children]
    assert areas == SEED_AREAS
    assert all(area.title.en for area in first.children)
    assert all(area.groups for area in first.children), "every area collects figures"


def test_direction_comes_first(tpl: Template) -> None:
    direction = tpl.sections[0].children[0]
    assert direction.id == "cddh"
    assert direction.checklist and direction.documents
    assert tpl.first_section_with("checklist") is direction
    assert direction.groups[0].id == "cddh.kh"
    assert tpl.indicators["cddh.kh.tong"].section_id == "cddh"


def test_assessment_and_programme_follow(tpl: Template) -> None:
    numbers = [(s.number, s.id, s.title.vi) for s in tpl.sections]
    assert numbers == [
        ("I", "kq", "KẾT QUẢ THỰC HIỆN CCHC"),
        ("II", "danh_gia", "NHẬN XÉT, ĐÁNH GIÁ, KIẾN NGHỊ"),
        ("III", "chuong_trinh", "CHƯƠNG TRÌNH CÔNG TÁC KỲ TỚI"),
    ]
    assessment = tpl.section("danh_gia")
    assert [(c.number, c.title.vi) for c in assessment.children] == [
        ("1", "Mặt được"), ("2", "Những tồn tại, hạn chế"), ("3", "Đề xuất, kiến nghị")]
    assert tpl.first_section_with("proposals") is assessment.children[2]
    assert tpl.first_section_with("next_tasks") is tpl.section("chuong_trinh")


def test_annexes_as_in_the_seed(tpl: Template) -> None:
    # Phụ lục I: units' submissions; Phụ lục II: proposals gathered.
    assert [a.kind for a in tpl.annexes] == ["subunits", "proposals", "figures", "justifications"]
    assert all(a.title.vi and a.title.en for a in tpl.annexes)


def test_modernisation_holds_the_e_government_figures(tpl: Template) -> None:
    for code in ("cds.van_ban.ty_le_dien_tu", "hdh.dvctt.muc3", "hdh.dvctt.muc4",
                 "hdh.dvctt.tong_tthc", "hdh.hs.muc3.truc_tuyen", "hdh.hs.muc3.tong",
                 "hdh.hs.muc34.ty_le", "hdh.iso.co_quan_ap_dung", "hdh.iso.ty_le",
                 "cds.attt.ty_le"):
        assert tpl.indicators[code].section_id == "hdh", code


def test_per_level_groups_cover_the_three_levels(tpl: Template) -> None:
    records = next(g for s, _d in tpl.walk() for g in s.groups if g.id == "tthc.hs")
    assert records.levels == ("tinh", "huyen", "xa")
    assert records.total_level == "tong"
    assert tpl.indicators["tthc.hs.tong.tiep_nhan"].kind is IndicatorKind.SUM
    assert tpl.indicators["tthc.mot_cua.huyen.xuat_sac"].level == "huyen"


# --------------------------------------------------------------------------- indicators

def test_every_indicator_is_fully_described(tpl: Template) -> None:
    for code, ind in tpl.indicators.items():
        assert CODE_PATTERN.match(code) and LEVEL_PLACEHOLDER not in code, code
        assert ind.label.vi and ind.label.en, code
        assert ind.unit.vi, code
        if ind.kind is IndicatorKind.RATE:
            assert ind.numerator and ind.denominator, code
            assert ind.flow is None, code
        else:
            assert ind.flow in ("flow", "stock"), code


def test_every_rule_has_a_severity_and_known_codes(tpl: Template) -> None:
    kinds = {rule.kind.value for rule in tpl.rules}
    assert kinds == {"sum", "le", "carry_over", "target"}
    for rule in tpl.rules:
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert all(code in tpl.indicators for code in rule.references), rule.id


def test_every_rule_of_the_file_states_its_severity() -> None:
    raw = yaml.safe_load((templates_dir() / REF / "v1.yaml").read_text(encoding="utf-8"))

    def rules(node: Any) -> list[dict[str, Any]]:
        found = list(node.get("rules", ())) if isinstance(node, dict) else []
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) \
            else ()
        for child in children:
            if isinstance(child, (dict, list)):
                found += rules(child)
        return found

    declared = rules(raw)
    assert len(declared) > 20
    assert [r["id"] for r in declared if "severity" not in r] == []


def test_shared_codes_mean_the_same_in_both_templates(tpl: Template) -> None:
    current = shipped_templates().get("cchc-2021")
    shared = sorted(set(tpl.indicators) & set(current.indicators))
    # The figures carried over and compared across the two programmes.
    for code in ("cddh.kh.tong", "cddh.kh.ty_le_hoan_thanh", "tthc.hs.xa.tiep_nhan",
                 "tthc.hs.tong.da_giai_quyet", "tthc.cong_bo.moi", "tcbm.tinh_gian",
                 "cv.dao_tao.lop", "tcc.dtc.ty_le", "cds.van_ban.dien_tu", "cds.attt.ty_le"):
        assert code in shared, code
    mismatched = [
        (code, tpl.indicators[code].kind, current.indicators[code].kind,
         tpl.indicators[code].flow, current.indicators[code].flow)
        for code in shared
        if (tpl.indicators[code].kind, tpl.indicators[code].flow)
        != (current.indicators[code].kind, current.indicators[code].flow)
    ]
    assert mismatched == []
    # A shared rate is computed from the same codes in both.
    for code in shared:
        old, new = tpl.indicators[code], current.indicators[code]
        assert (old.numerator, old.denominator, old.parts) == \
            (new.numerator, new.denominator, new.parts), code


# --------------------------------------------------------------------------- figures

@pytest.mark.parametrize(("code", "expected"), [
    ("cddh.kh.ty_le_hoan_thanh", "63,64%"),     # 42/66 ("đạt tỷ lệ 63%" in the seed)
    ("hdh.hs.muc4.ty_le", "48,35%"),            # 11.553/23.893 (the seed prints 38%)
    ("hdh.hs.muc3.ty_le", "52,70%"),            # 12.405/23.537
    ("hdh.hs.muc34.ty_le", "50,51%"),           # 23.958/47.430
    ("hdh.dvctt.ty_le_muc34", "47,91%"),        # 906/1.891
    ("hdh.dvctt.ty_le_muc3", "30,14%"),         # 570/1.891
    ("hdh.dvctt.ty_le_muc4", "17,77%"),         # 336/1.891
    ("cds.attt.ty_le", "42,59%"),               # 23/54 systems approved
    ("cv.thi_nang_ngach.ty_le", "89,69%"),      # 87/97 candidates
    ("tthc.mot_cua.tong.ty_le_xuat_sac_tot", "88,29%"),  # 98/111 bodies
])
def test_seed_figures_give_the_right_rates(tpl: Template, code: str, expected: str) -> None:
    report = _report(SEED_VALUES)
    figures = compute_figures(tpl, report.values, report.precision)
    assert format_percent(figures.get(code), report.precision) == expected


def test_derived_sums_of_the_online_services_table(tpl: Template) -> None:
    figures = compute_figures(tpl, _report(SEED_VALUES).values)
    assert figures.get("hdh.dvctt.muc34") == Decimal(906)
    assert figures.get("hdh.hs.muc34.truc_tuyen") == Decimal(23958)
    assert figures.get("hdh.hs.muc34.tong") == Decimal(47430)
    assert figures.get("tthc.mot_cua.tong.danh_gia") == Decimal(111)
    rate = figures.rates["hdh.hs.muc4.ty_le"]
    assert (rate.numerator, rate.denominator) == (Decimal(11553), Decimal(23893))


def test_august_2020_row_of_the_seed_table(tpl: Template) -> None:
    values = dict(SEED_VALUES)
    values.update({"hdh.dvctt.tong_tthc": 1871, "hdh.dvctt.muc3": 509, "hdh.dvctt.muc4": 344,
                   "hdh.hs.muc3.truc_tuyen": 13015, "hdh.hs.muc3.tong": 69702,
                   "hdh.hs.muc4.truc_tuyen": 9456, "hdh.hs.muc4.tong": 23757})
    figures = compute_figures(tpl, _report(values).values, 2)
    shown = {code: format_percent(figures.get(code)) for code in (
        "hdh.dvctt.ty_le_muc34", "hdh.hs.muc34.ty_le", "hdh.hs.muc3.ty_le", "hdh.hs.muc4.ty_le")}
    assert shown == {"hdh.dvctt.ty_le_muc34": "45,59%", "hdh.hs.muc34.ty_le": "24,04%",
                     "hdh.hs.muc3.ty_le": "18,67%", "hdh.hs.muc4.ty_le": "39,80%"}


# --------------------------------------------------------------------------- rules

def test_consistent_seed_figures_have_no_errors_but_miss_the_level_4_target(
        tpl: Template) -> None:
    findings = evaluate(tpl, _report(SEED_VALUES))
    assert not has_errors(findings), [f.message for f in findings]
    target = _rule_findings(findings, "hdh.dvctt.muc_tieu_muc4")
    assert len(target) == 1
    assert target[0].severity is Severity.WARNING
    assert "17,77%" in target[0].message and "30,00%" in target[0].message


def test_sum_rule_fires_on_an_inconsistent_plan_breakdown(tpl: Template) -> None:
    values = dict(SEED_VALUES, **{"cddh.kh.dang_thuc_hien": 20, "cddh.kh.chua_thuc_hien": 1})
    findings = _rule_findings(evaluate(tpl, _report(values)), "cddh.kh.tong_bang_cac_phan")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert finding.section == "cddh"
    assert "(66)" in finding.message and "(63)" in finding.message
    assert "chênh lệch 3" in finding.message


def test_sum_rule_fires_per_level_on_the_one_stop_rankings(tpl: Template) -> None:
    values = dict(SEED_VALUES, **{"tthc.mot_cua.tinh.danh_gia": 20})
    findings = evaluate(tpl, _report(values))
    fired = [f for f in findings if f.rule.startswith("tthc.mot_cua.")]
    assert [f.rule for f in fired] == ["tthc.mot_cua.tinh.danh_gia_bang_cac_loai"]
    assert fired[0].severity is Severity.ERROR
    assert fired[0].message.startswith("Cấp tỉnh: ")


def test_records_received_must_equal_resolved_pending_and_withdrawn(tpl: Template) -> None:
    records = {"tthc.hs.xa.ky_truoc": 5, "tthc.hs.xa.moi_truc_tuyen": 40,
               "tthc.hs.xa.moi_truc_tiep": 60, "tthc.hs.xa.da_giai_quyet.truoc_han": 50,
               "tthc.hs.xa.da_giai_quyet.dung_han": 40, "tthc.hs.xa.da_giai_quyet.qua_han": 2,
               "tthc.hs.xa.dang_giai_quyet.trong_han": 6,
               "tthc.hs.xa.dang_giai_quyet.qua_han": 1, "tthc.hs.xa.rut_tra_lai": 6}
    assert not _rule_findings(evaluate(tpl, _report(records)), "tthc.hs.xa.tiep_nhan_bang_ket_qua")
    broken = dict(records, **{"tthc.hs.xa.rut_tra_lai": 9})
    findings = _rule_findings(evaluate(tpl, _report(broken)), "tthc.hs.xa.tiep_nhan_bang_ket_qua")
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR
    assert "Cấp xã" in findings[0].message and "chênh lệch 3" in findings[0].message


def test_carry_over_compares_with_the_previous_pending_records(tpl: Template) -> None:
    report = _report({"tthc.hs.huyen.ky_truoc": 12})
    opening = OpeningReport("6 tháng đầu năm 2020", {
        "tthc.hs.huyen.dang_giai_quyet.trong_han": Decimal(9),
        "tthc.hs.huyen.dang_giai_quyet.qua_han": Decimal(2)})
    findings = _rule_findings(evaluate(tpl, report, opening=opening), "tthc.hs.huyen.chuyen_ky")
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR
    assert "(12)" in findings[0].message and "(11)" in findings[0].message


def test_online_records_cannot_exceed_all_records(tpl: Template) -> None:
    values = dict(SEED_VALUES, **{"hdh.hs.muc4.truc_tuyen": 23900})
    findings = _rule_findings(evaluate(tpl, _report(values)), "hdh.hs.muc4.truc_tuyen_khong_vuot")
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR
    assert "vượt 7" in findings[0].message


def test_services_cannot_exceed_procedures(tpl: Template) -> None:
    values = dict(SEED_VALUES, **{"hdh.dvctt.muc3": 1600})
    findings = _rule_findings(evaluate(tpl, _report(values)), "hdh.dvctt.khong_vuot_tong_tthc")
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR


def test_the_seed_misquoted_rate_is_caught_in_the_narrative(tpl: Template) -> None:
    text = ("tổng số DVCTT mức 4 là 336 đạt 18%; "
            "số hồ sơ trực tuyến mức 4: 11.553/ 23.893 đạt 38%.")
    findings = [f for f in evaluate(tpl, _report(SEED_VALUES, {"hdh": text}))
                if f.rule == TEXT_RATE_RULE]
    assert len(findings) == 1
    assert findings[0].section == "hdh"
    assert "48,35%" in findings[0].message
