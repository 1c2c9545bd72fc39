"""A template offers the common extra figures a unit may add, checked like its indicators.

Each case writes a small template with an `extra_figures` list to a temporary folder and
loads it as the app does; the shipped templates are loaded from their own files.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.extra_figures import KEY, ExtraFigure, rate_value
from cchc_desktop.domain.template import load_template_file, shipped_templates

Data = dict[str, Any]

BASE: Data = {
    "id": "mau-thu", "version": 1, "title": "Mẫu thử", "levels": ["tinh"],
    "sections": [{
        "id": "kq", "number": "I", "title": "KẾT QUẢ",
        "groups": [{"id": "kq.kh", "title": "Kế hoạch", "indicators": [
            {"code": "kq.kh.tong", "label": "Tổng số nhiệm vụ", "unit": "nhiệm vụ",
             "kind": "count", "flow": "stock"}]}],
        "children": [{"id": "tcc", "number": "1", "title": "Tài chính công"}],
    }],
    "extra_figures": [
        {"section": "tcc", "key": "ns.thu", "label": {"vi": "Thu ngân sách", "en": "Revenue"},
         "unit": {"vi": "triệu đồng", "en": "million VND"}},
        {"section": "tcc", "key": "ns.du_toan", "label": "Dự toán thu", "unit": "triệu đồng"},
        {"section": "tcc", "key": "ns.ty_le", "label": "Tỷ lệ thu so với dự toán", "unit": "%",
         "rate_of": ["ns.thu", "ns.du_toan"]},
    ],
}


def _load(tmp_path: Path, data: Data) -> Any:
    path = tmp_path / "mau-thu" / "v1.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_template_file(path)


def _refused(tmp_path: Path, change: Any) -> str:
    data = copy.deepcopy(BASE)
    change(data["extra_figures"])
    with pytest.raises(TemplateError) as info:
        _load(tmp_path, data)
    assert "v1.yaml" in info.value.message
    return info.value.message


def test_the_template_offers_its_extra_figures_without_values(tmp_path: Path) -> None:
    template = _load(tmp_path, BASE)
    assert template.extra_suggestions == (
        ExtraFigure("tcc", "ns.thu", "Thu ngân sách", "triệu đồng"),
        ExtraFigure("tcc", "ns.du_toan", "Dự toán thu", "triệu đồng"),
        ExtraFigure("tcc", "ns.ty_le", "Tỷ lệ thu so với dự toán", "%", None,
                    ("ns.thu", "ns.du_toan")),
    )


def test_a_template_without_the_list_offers_none(tmp_path: Path) -> None:
    data = copy.deepcopy(BASE)
    del data["extra_figures"]
    assert _load(tmp_path, data).extra_suggestions == ()


def test_a_key_of_the_wrong_shape_is_refused_by_the_schema(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda figures: figures[0].update(key="Thu Ngân Sách"))
    assert "extra_figures/0/key" in message or "Thu Ngân Sách" in message


def test_a_key_that_is_an_indicator_code_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda figures: figures[1].update(key="kq.kh.tong"))
    assert "kq.kh.tong" in message and "trùng mã chỉ tiêu" in message


def test_a_section_the_template_lacks_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda figures: figures[0].update(section="khong_co"))
    assert "ns.thu" in message and "khong_co" in message


def test_a_key_offered_twice_is_refused(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda figures: figures[1].update(key="ns.thu"))
    assert "ns.thu" in message and "hai lần" in message


@pytest.mark.parametrize("rate_of", [["ns.thu", "ns.khong_co"], ["ns.thu", "ns.ty_le"]],
                         ids=["missing-key", "rate-of-itself"])
def test_a_rate_of_figures_not_in_the_list_is_refused(tmp_path: Path, rate_of: list[str]) -> None:
    message = _refused(tmp_path, lambda figures: figures[2].update(rate_of=rate_of))
    assert "ns.ty_le" in message and rate_of[1] in message


def test_a_rate_of_a_rate_is_refused(tmp_path: Path) -> None:
    def change(figures: list[Data]) -> None:
        figures.append({"section": "tcc", "key": "ns.ty_le2", "label": "Tỷ lệ của tỷ lệ",
                        "rate_of": ["ns.ty_le", "ns.thu"]})

    assert "ns.ty_le2" in _refused(tmp_path, change)


def test_a_rate_with_one_figure_is_refused_by_the_schema(tmp_path: Path) -> None:
    message = _refused(tmp_path, lambda figures: figures[2].update(rate_of=["ns.thu"]))
    assert "extra_figures" in message or "ns.ty_le" in message


@pytest.mark.parametrize("ref", ["cchc-2021@1", "cchc-2011@1"])
def test_the_shipped_templates_offer_the_figures_reports_state(ref: str) -> None:
    template = shipped_templates().get(ref)
    offered = {figure.key: figure for figure in template.extra_suggestions}
    for key in ("ns.thu_nsdp.ty_le", "kt.ngoai_nha_nuoc.ty_trong", "kt.von_dau_tu.so_cung_ky",
                "ccvc.nu.ty_le", "ccvc.dang_vien.ty_le", "ccvc.dai_hoc.ty_le",
                "cqdt.qlvb.ty_le", "cqdt.thu_dien_tu", "cqdt.chu_ky_so",
                "sohoa.tinh.ty_le", "sohoa.huyen.ty_le", "sohoa.xa.ty_le"):
        assert key in offered, key
    sections = template.section_ids()
    for figure in template.extra_suggestions:
        assert KEY.match(figure.key) and figure.section_id in sections and figure.value is None
        assert figure.label and figure.unit, figure.key
        assert figure.key not in template.indicators
        if figure.rate_of:
            assert figure.unit == "%"
    # a rate computes from the figures it names once a unit enters them
    rate = offered["ccvc.nu.ty_le"]
    entered = [ExtraFigure("cv", "ccvc.tong", "", value=Decimal(200)),
               ExtraFigure("cv", "ccvc.nu", "", value=Decimal(87))]
    assert rate_value(rate, entered) == 87 * 100 / 200
