"""domain/template_loading.py: a template file becomes a checked Template.

What a valid file turns into: per-level groups expanded for each level, a total row whose
entered figures become sums over the levels, defaults taken from the kind of figure (decimals,
aggregation, carrying a stock over), derived codes ordered after what they use, the common
extra figures and the trends; and what the reader refuses before building (bytes that are
not UTF-8), whether the cache answered. Beside tests/domain/test_template_validation.py,
which refuses broken files one problem at a time, tests/domain/test_template_cache.py (the
cache between runs) and tests/domain/test_template_extra_figures.py (the extra figures'
checks).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.field_kinds import IndicatorKind
from cchc_desktop.domain.template_cache import TemplateCache
from cchc_desktop.domain.template_loading import (
    load_template_file,
    parse_template,
    read_template_data,
)

Data = dict[str, Any]

BASE: Data = {
    "id": "mau-nap", "version": 3,
    "title": {"vi": "Mẫu nạp thử", "en": "Loading test"},
    "subject": "Kết quả cải cách hành chính {period}",
    "levels": ["tinh", "xa"],
    "precision": 1,
    "trends": ["kq.kh.ty_le"],
    "sections": [{
        "id": "kq", "number": "I", "title": "KẾT QUẢ", "narrative": False,
        "groups": [
            {"id": "kq.kh", "title": "Kế hoạch", "indicators": [
                {"code": "kq.kh.ty_le", "label": "Tỷ lệ hoàn thành", "unit": "%", "kind": "rate",
                 "numerator": ["kq.kh.xong"], "denominator": ["kq.kh.tong"]},
                {"code": "kq.kh.tong", "label": "Tổng số nhiệm vụ", "unit": "nhiệm vụ",
                 "kind": "sum", "flow": "stock", "parts": ["kq.kh.xong", "kq.kh.con"]},
                {"code": "kq.kh.xong", "label": "Đã hoàn thành", "unit": "nhiệm vụ",
                 "kind": "count", "flow": "stock", "short": "nhiệm vụ đã hoàn thành"},
                {"code": "kq.kh.con", "label": "Chưa hoàn thành", "unit": "nhiệm vụ",
                 "kind": "count", "flow": "flow"},
                {"code": "kq.kh.kinh_phi", "label": "Kinh phí", "unit": "triệu đồng",
                 "kind": "money", "flow": "flow", "optional": True},
            ]},
            {"id": "kq.hs", "title": "Hồ sơ", "per_level": True,
             "total": {"code": "tong", "label": "Tổng cộng"},
             "indicators": [
                 {"code": "kq.hs.{L}.moi", "label": "Mới tiếp nhận", "unit": "hồ sơ",
                  "kind": "count", "flow": "flow"},
                 {"code": "kq.hs.{L}.cu", "label": "Kỳ trước chuyển qua", "unit": "hồ sơ",
                  "kind": "count", "flow": "stock"},
                 {"code": "kq.hs.{L}.tiep_nhan", "label": "Tiếp nhận", "unit": "hồ sơ",
                  "kind": "sum", "flow": "flow", "parts": ["kq.hs.{L}.moi", "kq.hs.{L}.cu"]},
             ]},
        ],
        "children": [{"id": "ngan_sach", "number": "1", "title": "Ngân sách",
                      "documents": True}],
    }],
    "annexes": [{"id": "pl1", "kind": "figures", "title": "Phụ lục số liệu"}],
    "extra_figures": [
        {"section": "ngan_sach", "key": "ns.thu", "label": "Thu ngân sách", "unit": "triệu đồng"},
    ],
}


def _write(folder: Path, data: Data, name: str = "v3.yaml") -> Path:
    path = folder / "mau-nap" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_per_level_group_is_expanded_level_by_level_then_its_total_row(tmp_path: Path) -> None:
    template = load_template_file(_write(tmp_path, BASE))
    group = template.section("kq").groups[1]
    assert group.layout == "table"
    assert group.levels == ("tinh", "xa") and group.total_level == "tong"
    assert group.patterns == ("kq.hs.{L}.moi", "kq.hs.{L}.cu", "kq.hs.{L}.tiep_nhan")
    assert group.codes == (
        "kq.hs.tinh.moi", "kq.hs.tinh.cu", "kq.hs.tinh.tiep_nhan",
        "kq.hs.xa.moi", "kq.hs.xa.cu", "kq.hs.xa.tiep_nhan",
        "kq.hs.tong.moi", "kq.hs.tong.cu", "kq.hs.tong.tiep_nhan")
    xa = template.indicators["kq.hs.xa.tiep_nhan"]
    assert xa.parts == ("kq.hs.xa.moi", "kq.hs.xa.cu") and xa.level == "xa"
    assert xa.full_label == "Tiếp nhận (cấp xã)"
    assert str(group.total_label) == "Tổng cộng"


def test_the_total_rows_entered_figures_become_optional_sums_over_the_levels(
        tmp_path: Path) -> None:
    template = load_template_file(_write(tmp_path, BASE))
    total_new = template.indicators["kq.hs.tong.moi"]
    assert total_new.kind is IndicatorKind.SUM and total_new.optional
    assert total_new.parts == ("kq.hs.tinh.moi", "kq.hs.xa.moi")
    assert total_new.full_label == "Mới tiếp nhận (tổng cộng)"
    # a derived figure of the total row keeps its own formula, not a sum over levels
    total_received = template.indicators["kq.hs.tong.tiep_nhan"]
    assert total_received.parts == ("kq.hs.tong.moi", "kq.hs.tong.cu")
    assert "kq.hs.tong.moi" not in template.entered


def test_defaults_come_from_the_kind_of_figure(tmp_path: Path) -> None:
    indicators = load_template_file(_write(tmp_path, BASE)).indicators
    money, stock, flow = (indicators["kq.kh.kinh_phi"], indicators["kq.kh.xong"],
                          indicators["kq.kh.con"])
    assert (money.decimals, money.aggregation, money.optional) == (3, "sum", True)
    assert (stock.carry, flow.carry) == ("always", "never")
    assert indicators["kq.kh.tong"].carry == "never"   # a derived stock is computed, not carried
    rate = indicators["kq.kh.ty_le"]
    assert (rate.flow, rate.aggregation) == (None, "none")
    assert stock.phrase == "nhiệm vụ đã hoàn thành" and flow.phrase == "chưa hoàn thành"


def test_derived_codes_come_after_the_derived_codes_they_use(tmp_path: Path) -> None:
    template = load_template_file(_write(tmp_path, BASE))
    order = template.derived_order
    assert order.index("kq.kh.tong") < order.index("kq.kh.ty_le")
    assert order.index("kq.hs.tong.moi") < order.index("kq.hs.tong.tiep_nhan")
    assert set(order) == {code for code, ind in template.indicators.items() if ind.derived}
    assert template.entered[:3] == ("kq.kh.xong", "kq.kh.con", "kq.kh.kinh_phi")


def test_the_rest_of_the_file_is_carried_into_the_template(tmp_path: Path) -> None:
    template = load_template_file(_write(tmp_path, BASE))
    assert template.ref == "mau-nap@3" and template.precision == 1
    assert str(template.title) == "Mẫu nạp thử"
    assert template.subject.vi == "Kết quả cải cách hành chính {period}"
    assert template.trends == ("kq.kh.ty_le",)
    assert [(a.id, a.kind.value, str(a.title)) for a in template.annexes] == [
        ("pl1", "figures", "Phụ lục số liệu")]
    assert [(f.section_id, f.key, f.label, f.unit, f.value)
            for f in template.extra_suggestions] == [
        ("ngan_sach", "ns.thu", "Thu ngân sách", "triệu đồng", None)]
    section = template.section("kq")
    assert not section.narrative and template.section("ngan_sach").narrative
    assert template.first_section_with("documents") == template.section("ngan_sach")


def test_parse_template_checks_data_already_parsed_and_names_its_source() -> None:
    assert parse_template(copy.deepcopy(BASE), "tu-may-chu").ref == "mau-nap@3"
    data = copy.deepcopy(BASE)
    data["trends"] = ["kq.kh.xong"]
    with pytest.raises(TemplateError) as refused:
        parse_template(data, "tu-may-chu")
    assert refused.value.message == ("Mẫu báo cáo tu-may-chu không hợp lệ: xu hướng: kq.kh.xong "
                                     "không phải tỷ lệ phần trăm của mẫu.")


def test_a_file_that_is_not_utf8_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "mau-nap" / "v3.yaml"
    path.parent.mkdir()
    path.write_bytes("id: café\n".encode("latin-1"))   # é is one byte, not UTF-8
    with pytest.raises(TemplateError, match=r"^Không đọc được mẫu báo cáo v3\.yaml: "):
        load_template_file(path)


def test_read_template_data_says_whether_the_cache_answered(tmp_path: Path) -> None:
    path = _write(tmp_path, BASE)
    cache = TemplateCache(tmp_path / "cache")
    data, key, cached = read_template_data(path, cache)
    assert (data["id"], cached, len(key) > 0) == ("mau-nap", False, True)
    assert load_template_file(path, cache).ref == "mau-nap@3"   # stores the checked data
    again, same_key, cached = read_template_data(path, cache)
    assert (again, same_key, cached) == (data, key, True)
    assert read_template_data(path) == (data, "", False)         # no cache, no key
