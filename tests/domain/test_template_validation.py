"""Broken template files are refused with a Vietnamese message naming the problem.

Each case starts from a small valid template, breaks one thing, writes it to a
temporary folder as YAML and loads it as the app does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.template import (
    Template,
    TemplateRegistry,
    load_template_file,
    shipped_templates,
)

Data = dict[str, Any]

BASE: Data = {
    "id": "mau-thu",
    "version": 1,
    "title": {"vi": "Mẫu thử", "en": "Test template"},
    "subject": {"vi": "Kết quả {period}", "en": "Results, {period}"},
    "levels": ["tinh", "huyen", "xa"],
    "sections": [{
        "id": "kq", "number": "I", "title": {"vi": "KẾT QUẢ", "en": "RESULTS"},
        "groups": [
            {
                "id": "kq.kh", "title": {"vi": "Kế hoạch", "en": "Plan"},
                "indicators": [
                    {"code": "kq.kh.tong", "label": {"vi": "Tổng số nhiệm vụ", "en": "Tasks"},
                     "unit": {"vi": "nhiệm vụ", "en": "tasks"}, "kind": "count", "flow": "stock"},
                    {"code": "kq.kh.xong", "label": {"vi": "Đã hoàn thành", "en": "Done"},
                     "unit": {"vi": "nhiệm vụ", "en": "tasks"}, "kind": "count", "flow": "stock"},
                    {"code": "kq.kh.con", "label": {"vi": "Chưa hoàn thành", "en": "Not done"},
                     "unit": {"vi": "nhiệm vụ", "en": "tasks"}, "kind": "count", "flow": "stock"},
                    {"code": "kq.kh.ty_le", "label": {"vi": "Tỷ lệ hoàn thành", "en": "Rate"},
                     "unit": "%", "kind": "rate", "numerator": ["kq.kh.xong"],
                     "denominator": ["kq.kh.tong"]},
                ],
                "rules": [
                    {"id": "kq.kh.tong_bang_cac_phan", "kind": "sum", "severity": "error",
                     "total": "kq.kh.tong", "parts": ["kq.kh.xong", "kq.kh.con"]},
                ],
            },
            {
                "id": "kq.hs", "title": {"vi": "Hồ sơ", "en": "Records"}, "per_level": True,
                "total": {"code": "tong", "label": {"vi": "Tổng cộng", "en": "Total"}},
                "indicators": [
                    {"code": "kq.hs.{L}.moi", "label": {"vi": "Mới tiếp nhận", "en": "New"},
                     "unit": {"vi": "hồ sơ", "en": "records"}, "kind": "count", "flow": "flow"},
                    {"code": "kq.hs.{L}.cu", "label": {"vi": "Kỳ trước chuyển qua", "en": "Old"},
                     "unit": {"vi": "hồ sơ", "en": "records"}, "kind": "count", "flow": "stock"},
                    {"code": "kq.hs.{L}.tiep_nhan", "label": {"vi": "Tiếp nhận", "en": "Received"},
                     "unit": {"vi": "hồ sơ", "en": "records"}, "kind": "sum", "flow": "flow",
                     "parts": ["kq.hs.{L}.moi", "kq.hs.{L}.cu"]},
                ],
            },
        ],
    }],
    "rules": [
        {"id": "kq.kh.muc_tieu", "kind": "target", "severity": "warning", "code": "kq.kh.ty_le",
         "min": 80},
    ],
}


def _write(folder: Path, data: Data | None = None, *, text: str | None = None,
           template_id: str = "mau-thu", name: str = "v1.yaml") -> Path:
    path = folder / template_id / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _broken(change: Callable[[Data], None]) -> Data:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def _refused(tmp_path: Path, data: Data) -> str:
    with pytest.raises(TemplateError) as info:
        load_template_file(_write(tmp_path, data))
    message = info.value.message
    assert message == str(info.value)
    assert "v1.yaml" in message, "the message names the file"
    return message


def _group(data: Data, index: int = 0) -> Data:
    group: Data = data["sections"][0]["groups"][index]
    return group


def _indicators(data: Data, index: int = 0) -> list[Data]:
    items: list[Data] = _group(data, index)["indicators"]
    return items


def test_the_base_template_is_valid(tmp_path: Path) -> None:
    template = load_template_file(_write(tmp_path, BASE))
    assert isinstance(template, Template)
    assert template.ref == "mau-thu@1"
    assert "kq.hs.tong.tiep_nhan" in template.indicators
    assert TemplateRegistry(tmp_path).get("mau-thu").ref == "mau-thu@1"


# --------------------------------------------------------------------------- schema

def test_missing_title(tmp_path: Path) -> None:
    message = _refused(tmp_path, _broken(lambda d: d.pop("title")))
    assert "không hợp lệ" in message
    assert "title" in message


def test_unknown_kind(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[0]["kind"] = "bogus"

    message = _refused(tmp_path, _broken(change))
    assert "không hợp lệ" in message
    assert "sections/0/groups/0/indicators/0/kind" in message
    assert "bogus" in message


def test_rate_without_denominator(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        del _indicators(data)[3]["denominator"]

    message = _refused(tmp_path, _broken(change))
    assert "không hợp lệ" in message
    assert "sections/0/groups/0/indicators/3" in message
    assert "denominator" in message


def _no_title(data: Data) -> None:
    data.pop("title")


def _bogus_kind(data: Data) -> None:
    _indicators(data)[0]["kind"] = "bogus"


def _no_denominator(data: Data) -> None:
    del _indicators(data)[3]["denominator"]


@pytest.mark.parametrize(("change", "expected"), [
    (_no_title, ["thiếu", "title"]),
    (_bogus_kind, ["kq.kh.tong", "bogus"]),
    (_no_denominator, ["kq.kh.ty_le", "mẫu số"]),
], ids=["missing-title", "unknown-kind", "rate-without-denominator"])
def test_schema_errors_are_plain_vietnamese(tmp_path: Path, change: Callable[[Data], None],
                                            expected: list[str]) -> None:
    message = _refused(tmp_path, _broken(change))
    assert "is a required property" not in message
    assert "is not one of" not in message
    for word in expected:
        assert word in message


def test_a_rate_may_be_declared_a_share_of_its_base(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[3]["share"] = True

    template = load_template_file(_write(tmp_path, _broken(change)))
    assert template.indicators["kq.kh.ty_le"].share
    assert not load_template_file(_write(tmp_path, BASE)).indicators["kq.kh.ty_le"].share


def test_only_a_rate_is_a_share(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[0]["share"] = True

    message = _refused(tmp_path, _broken(change))
    assert "sections/0/groups/0/indicators/0" in message


# --------------------------------------------------------------------------- references

def test_duplicate_code(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[2]["code"] = "kq.kh.xong"

    message = _refused(tmp_path, _broken(change))
    assert "mã chỉ tiêu kq.kh.xong khai báo hai lần" in message


def test_duplicate_code_across_per_level_expansion(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        # The total row's code is also a level: kq.hs.xa.moi would exist twice.
        _group(data, 1)["total"]["code"] = "xa"

    message = _refused(tmp_path, _broken(change))
    assert "kq.hs.xa." in message and "khai báo hai lần" in message


def test_unknown_code_in_a_formula(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[3]["numerator"] = ["kq.kh.da_xong"]

    message = _refused(tmp_path, _broken(change))
    assert "chỉ tiêu kq.kh.ty_le dùng mã không có: kq.kh.da_xong" in message


def test_unknown_code_in_a_rule(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _group(data)["rules"][0]["parts"] = ["kq.kh.xong", "kq.kh.dang_lam"]

    message = _refused(tmp_path, _broken(change))
    assert "quy tắc kq.kh.tong_bang_cac_phan dùng mã không có: kq.kh.dang_lam" in message


def test_unknown_code_in_a_top_level_target(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        data["rules"][0]["code"] = "kq.kh.ty_le_dung_han"

    message = _refused(tmp_path, _broken(change))
    assert "quy tắc kq.kh.muc_tieu dùng mã không có: kq.kh.ty_le_dung_han" in message


def test_cycle_between_two_derived_sums(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data).extend([
            {"code": "kq.kh.a", "label": "A", "unit": "nhiệm vụ", "kind": "sum", "flow": "stock",
             "parts": ["kq.kh.b", "kq.kh.xong"]},
            {"code": "kq.kh.b", "label": "B", "unit": "nhiệm vụ", "kind": "sum", "flow": "stock",
             "parts": ["kq.kh.a", "kq.kh.con"]},
        ])

    message = _refused(tmp_path, _broken(change))
    assert "vòng tròn" in message
    assert "kq.kh.a" in message or "kq.kh.b" in message


# --------------------------------------------------------------------------- levels

def test_level_placeholder_in_a_group_not_per_level(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data)[0]["code"] = "kq.kh.{L}.tong"

    message = _refused(tmp_path, _broken(change))
    assert "mã kq.kh.{L}.tong có {L} nhưng nhóm kq.kh không theo cấp" in message


def test_per_level_group_using_an_undeclared_level(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _group(data, 1)["levels"] = ["tinh", "thon"]

    message = _refused(tmp_path, _broken(change))
    assert "nhóm kq.hs dùng cấp không khai báo: thon" in message


def test_per_level_group_with_a_code_lacking_the_placeholder(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _indicators(data, 1)[0]["code"] = "kq.hs.moi"

    message = _refused(tmp_path, _broken(change))
    assert "nhóm theo cấp kq.hs có mã thiếu {L}: kq.hs.moi" in message


def test_template_level_missing_from_the_level_catalogue(tmp_path: Path) -> None:
    message = _refused(tmp_path, _broken(lambda d: d.update(levels=["tinh", "thon"])))
    assert "thon" in message


# --------------------------------------------------------------------------- other gaps

def test_subject_with_an_unknown_placeholder(tmp_path: Path) -> None:
    message = _refused(tmp_path, _broken(
        lambda d: d.update(subject={"vi": "Kết quả {ky}", "en": "Results"})))
    assert "{ky}" in message


def test_duplicate_group_id(tmp_path: Path) -> None:
    def change(data: Data) -> None:
        _group(data, 1)["id"] = "kq.kh"

    message = _refused(tmp_path, _broken(change))
    assert "kq.kh" in message and "hai lần" in message


# --------------------------------------------------------------------------- files

def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = _write(tmp_path, text="id: mau-thu\nversion: 1\ntitle: [Mẫu thử\nsections: []\n")
    with pytest.raises(TemplateError) as info:
        load_template_file(path)
    message = info.value.message
    assert message.startswith("Không đọc được mẫu báo cáo v1.yaml")
    assert "line" in message, "the YAML detail points at the line"


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as info:
        load_template_file(_write(tmp_path, text=""))
    assert "v1.yaml không hợp lệ" in info.value.message


def test_file_id_not_matching_its_folder(tmp_path: Path) -> None:
    _write(tmp_path, _broken(lambda d: d.update(id="mau-khac")))
    with pytest.raises(TemplateError) as info:   # a file is read when first asked for
        TemplateRegistry(tmp_path).get("mau-thu")
    message = info.value.message
    assert "id/phiên bản không khớp tên tệp" in message
    assert "mau-thu" in message and "v1.yaml" in message


def test_file_version_not_matching_its_name(tmp_path: Path) -> None:
    _write(tmp_path, BASE, name="v2.yaml")
    with pytest.raises(TemplateError) as info:
        TemplateRegistry(tmp_path).get("mau-thu@2")
    message = info.value.message
    assert "id/phiên bản không khớp tên tệp" in message
    assert "v2.yaml" in message


def test_unknown_version_names_the_versions_that_exist() -> None:
    with pytest.raises(TemplateError) as info:
        shipped_templates().get("cchc-2021@9")
    assert info.value.message == "Mẫu 'cchc-2021' không có phiên bản 9 (có: 1)."


def test_unknown_version_lists_every_version(tmp_path: Path) -> None:
    _write(tmp_path, BASE)
    _write(tmp_path, _broken(lambda d: d.update(version=2)), name="v2.yaml")
    registry = TemplateRegistry(tmp_path)
    assert registry.versions("mau-thu") == [1, 2]
    assert registry.get("mau-thu").ref == "mau-thu@2"
    with pytest.raises(TemplateError) as info:
        registry.get("mau-thu@3")
    assert "không có phiên bản 3 (có: 1, 2)" in info.value.message


def test_unknown_template_names_the_templates_that_exist() -> None:
    with pytest.raises(TemplateError) as info:
        shipped_templates().get("cchc-2099")
    message = info.value.message
    assert "Không có mẫu báo cáo 'cchc-2099'" in message
    assert "cchc-2011" in message and "cchc-2021" in message
