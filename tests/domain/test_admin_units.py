"""The official list of units: counts, look-ups by code and period, search as you type."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from cchc_desktop.domain import admin_units as au
from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.paths import resources_dir

TODAY = dt.date(2026, 3, 16)
BEFORE = dt.date(2025, 3, 31)


def test_the_list_since_july_2025_has_34_provinces_and_3321_communes() -> None:
    assert len(au.provinces(TODAY)) == 34
    assert sum(len(au.communes(p.code, TODAY)) for p in au.provinces(TODAY)) == 3321
    kinds = [u.kind for p in au.provinces(TODAY) for u in au.communes(p.code, TODAY)]
    assert (kinds.count("xa"), kinds.count("phuong"), kinds.count("dac_khu")) == (2621, 687, 13)
    assert au.districts("82", TODAY) == [], "no district level since 01/07/2025"


def test_the_list_before_july_2025_has_63_provinces_with_districts() -> None:
    assert len(au.provinces(BEFORE)) == 63
    districts = [d for p in au.provinces(BEFORE) for d in au.districts(p.code, BEFORE)]
    assert len(districts) == 696
    assert sum(len(au.communes(d.code, BEFORE)) for d in districts) == 10051
    thap_muoi = next(d for d in au.districts("87", BEFORE) if d.name == "Tháp Mười")
    assert thap_muoi.full_name == "Huyện Tháp Mười" and thap_muoi.province_name == "Đồng Tháp"
    assert "Thị trấn Mỹ An" in [c.full_name for c in au.communes(thap_muoi.code, BEFORE)]


def test_the_source_is_recorded() -> None:
    data = json.loads(gzip.decompress((resources_dir() / "units" / "admin_units.json.gz").read_bytes()))
    assert data["source"]["package"] == "vietnam-provinces"
    assert [(item["id"], item["package_version"]) for item in data["lists"]] == [
        ("2025-07", "2025.10.1"), ("2025-01", "0.6.0")]


def test_official_unit_by_code_names_the_unit_of_the_period() -> None:
    commune = au.official_unit("28066")
    assert commune is not None
    assert (commune.full_name, commune.body_name, commune.level, commune.province_name) == (
        "Xã Mỹ An", "Ủy ban nhân dân xã Mỹ An", "xa", "Tây Ninh")
    # The statistics office kept Kiên Giang's code for the An Giang of 2025.
    assert au.official_unit("91", TODAY).full_name == "Tỉnh An Giang"  # type: ignore[union-attr]
    assert au.official_unit("91", BEFORE).full_name == "Tỉnh Kiên Giang"  # type: ignore[union-attr]
    assert au.official_unit("01").full_name == "Thành phố Hà Nội"  # type: ignore[union-attr]
    assert au.official_unit("ubnd-xa-my-an") is None
    assert au.is_official_code("28066") and not au.is_official_code("82-so-noi-vu")


@pytest.mark.parametrize("query", ["my an", "Mỹ An", "MY AN", "xa my an", "Xã Mỹ An", "ubnd xã mỹ an"])
def test_search_is_accent_and_case_optional(query: str) -> None:
    found = au.search(query, within="80")
    assert found[0].full_name == "Xã Mỹ An" and found[0].code == "28066"


def test_search_ranks_the_exact_name_first_and_keeps_within_the_province() -> None:
    nationwide = [u.full_name for u in au.search("my an")]
    assert nationwide[0] == "Xã Mỹ An"
    assert "Xã Mỹ An Hưng" in nationwide
    in_dong_thap = au.search("my an", within="82")
    assert {u.province_code for u in in_dong_thap} == {"82"}
    assert "Xã Mỹ An" not in [u.full_name for u in in_dong_thap]
    assert [u.full_name for u in au.search("dac khu phu quoc")] == ["Đặc khu Phú Quốc"]
    assert au.search("đặc khu", level="xa", limit=100)[0].kind == "dac_khu"
    assert au.search("zzzz") == []


def test_search_in_the_old_list_finds_old_communes() -> None:
    found = au.search("thi tran my an", on=BEFORE)
    assert found[0].full_name == "Thị trấn Mỹ An" and found[0].province_name == "Đồng Tháp"


def test_resolve_name_uses_the_province_in_the_parent() -> None:
    assert [u.code for u in au.resolve_name("UBND xã Mỹ An", level="xa", parent="UBND tỉnh Tây Ninh")] == [
        "28066"]
    # Many communes were named Mỹ An before 07/2025: without a province there is no answer.
    assert len(au.resolve_name("Ủy ban nhân dân xã Mỹ An", level="xa")) > 2
    in_dong_thap = au.resolve_name("Ủy ban nhân dân xã Mỹ An", level="xa",
                                   parent="Ủy ban nhân dân tỉnh Đồng Tháp")
    assert [(u.list_id, u.province_name) for u in in_dong_thap] == [("2025-01", "Đồng Tháp")]
    assert au.resolve_name("Sở Nội vụ tỉnh Đồng Tháp", level="tinh") == []


def test_a_broken_catalogue_is_a_known_error() -> None:
    with pytest.raises(TemplateError):
        au.parse_catalogue({"lists": [{"id": "x", "units": [["01", "A", "planet", ""]]}]})
    with pytest.raises(TemplateError):
        au.parse_catalogue({"lists": [{"id": "x", "units": [["01"]]}]})
