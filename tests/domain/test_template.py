"""domain/template.py: the template model and the registry that finds template files.

The model walks its outline depth-first, finds a section by id, lists entered codes and rates,
names an indicator inside a sentence; the registry lists `<id>/v<version>.yaml`, gives the
newest version or the one asked for and refuses the others in Vietnamese. Beside
tests/domain/test_template_validation.py (broken files and unknown ids or versions),
tests/domain/test_template_cache.py (reading only what is asked, pickling to a worker) and
tests/domain/test_template_2011.py (the shipped 2011 outline).
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.field_kinds import IndicatorKind
from cchc_desktop.domain.template import (
    DEFAULT_TEMPLATE_ID,
    Group,
    Indicator,
    TemplateRegistry,
    shipped_templates,
)
from cchc_desktop.domain.units import Text


def _template(version: int, title: str) -> str:
    data = {"id": "mau-so", "version": version, "title": title, "levels": ["xa"],
            "sections": [
                {"id": "a", "number": "I", "title": "MỘT", "children": [
                    {"id": "a1", "number": "1", "title": "Một một", "children": [
                        {"id": "a1x", "number": "a)", "title": "Một một a"}]}]},
                {"id": "b", "number": "II", "title": "HAI", "proposals": True,
                 "groups": [{"id": "b.g", "title": "Nhóm", "indicators": [
                     {"code": "b.g.tong", "label": "Tổng số", "unit": "hồ sơ", "kind": "count",
                      "flow": "flow"},
                     {"code": "b.g.xong", "label": "Đã xong", "unit": "hồ sơ", "kind": "count",
                      "flow": "flow"},
                     {"code": "b.g.ty_le", "label": "Tỷ lệ xong", "unit": "%", "kind": "rate",
                      "numerator": ["b.g.xong"], "denominator": ["b.g.tong"]}]}]},
            ]}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for version, title in ((1, "Mẫu số một"), (2, "Mẫu số hai"), (10, "Mẫu số mười")):
        path = tmp_path / "mau-so" / f"v{version}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(_template(version, title), encoding="utf-8")
    return tmp_path


def test_the_registry_gives_the_newest_version_unless_one_is_named(folder: Path) -> None:
    registry = TemplateRegistry(folder)
    assert registry.ids() == ["mau-so"]
    assert registry.versions("mau-so") == [1, 2, 10]   # by number, not by name
    assert registry.get("mau-so").ref == "mau-so@10"
    assert str(registry.newest("mau-so").title) == "Mẫu số mười"
    assert str(registry.get("mau-so@2").title) == "Mẫu số hai"
    assert registry.get("mau-so@2") is registry.get("mau-so@2")   # read once
    assert [t.ref for t in registry.load_all()] == ["mau-so@1", "mau-so@2", "mau-so@10"]


def test_a_version_that_is_no_number_is_refused_listing_the_versions(folder: Path) -> None:
    with pytest.raises(TemplateError) as refused:
        TemplateRegistry(folder).get("mau-so@moi")
    assert refused.value.message == "Mẫu 'mau-so' không có phiên bản moi (có: 1, 2, 10)."


def test_a_registry_survives_pickling_with_what_it_has_read(folder: Path) -> None:
    registry = TemplateRegistry(folder)
    registry.get("mau-so@1")
    copy = pickle.loads(pickle.dumps(registry))
    assert copy.get("mau-so@1").ref == "mau-so@1" and copy.get("mau-so").ref == "mau-so@10"


def test_walk_goes_depth_first_with_depths_and_finds_sections(folder: Path) -> None:
    template = TemplateRegistry(folder).get("mau-so")
    assert [(s.id, depth) for s, depth in template.walk()] == [
        ("a", 0), ("a1", 1), ("a1x", 2), ("b", 0)]
    assert template.section("a1x").number == "a)"
    assert template.section_ids() == {"a", "a1", "a1x", "b"}
    with pytest.raises(KeyError):
        template.section("c")
    assert template.first_section_with("proposals") is template.section("b")
    assert template.first_section_with("documents") is None


def test_entered_codes_and_rates_in_the_templates_order(folder: Path) -> None:
    template = TemplateRegistry(folder).get("mau-so")
    assert template.entered_codes() == ["b.g.tong", "b.g.xong"]
    assert [rate.code for rate in template.rates()] == ["b.g.ty_le"]
    assert template.indicators["b.g.ty_le"].derived
    assert template.indicators["b.g.ty_le"].inputs == ("b.g.xong", "b.g.tong")


def test_how_an_indicator_is_named_in_a_sentence() -> None:
    plain = Indicator("x.tong", Text("Số hồ sơ tiếp nhận"), Text("hồ sơ"), IndicatorKind.COUNT,
                      "x", "x.g")
    assert plain.phrase == "số hồ sơ tiếp nhận" and plain.full_label == "Số hồ sơ tiếp nhận"
    short = Indicator("x.xong", Text("Đã giải quyết"), Text("hồ sơ"), IndicatorKind.COUNT,
                      "x", "x.g", short=Text("số hồ sơ đã giải quyết"),
                      level_label=Text("Cấp xã"))
    assert short.phrase == "số hồ sơ đã giải quyết"
    assert short.full_label == "Đã giải quyết (cấp xã)"
    nameless = Indicator("x.khac", Text(""), Text(""), IndicatorKind.COUNT, "x", "x.g")
    assert nameless.phrase == "x.khac"
    group = Group("x.g", Text("Hồ sơ"), "table", (), ("x.{L}.moi",), ("xa",))
    assert group.code_for("x.{L}.moi", "huyen") == "x.huyen.moi"


def test_the_shipped_default_is_the_current_national_template() -> None:
    registry = shipped_templates()
    assert registry is shipped_templates()
    assert DEFAULT_TEMPLATE_ID == "cchc-2021"
    default = registry.default()
    assert default.ref == "cchc-2021@1"
    assert [s.number for s, depth in default.walk() if depth == 0] == ["I", "II", "III", "IV", "V"]
    assert default.first_section_with("proposals") is default.section("kien_nghi")
