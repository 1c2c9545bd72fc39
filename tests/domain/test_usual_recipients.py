"""The usual recipients offered for a unit's level, placeholders filled from its names."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.units import Unit
from cchc_desktop.domain.usual_recipients import (
    parse_recipient_catalogue,
    placeholders,
    recipient_catalogue,
    usual_recipients,
)

COMMUNE = Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa", "Ủy ban nhân dân tỉnh Đồng Tháp")


def test_a_commune_gets_its_province_and_its_own_bodies() -> None:
    lines = usual_recipients(COMMUNE)
    for expected in ("Sở Nội vụ tỉnh Đồng Tháp", "UBND tỉnh Đồng Tháp", "Thường trực Đảng ủy xã",
                     "Thường trực HĐND xã", "Chủ tịch, các Phó Chủ tịch UBND xã",
                     "Các ban, ngành, đoàn thể xã"):
        assert expected in lines
    assert not any("{" in line or "..." in line for line in lines)
    assert not any(line.startswith("Lưu") for line in lines)   # the PDF adds it


def test_a_ward_of_a_centrally_run_city() -> None:
    ward = Unit("p", "UBND Phường Ninh Kiều", "xa", "UBND thành phố Cần Thơ")
    assert placeholders(ward) == {"province": "thành phố Cần Thơ", "kind": "phường",
                                  "unit": "phường Ninh Kiều", "party": "Đảng ủy phường"}
    assert "Thường trực HĐND phường" in usual_recipients(ward)


def test_a_department_of_the_province() -> None:
    department = Unit("so-noi-vu", "Sở Nội vụ tỉnh Đồng Tháp", "tinh", "Ủy ban nhân dân tỉnh Đồng Tháp")
    lines = usual_recipients(department)
    assert lines[0] == "Bộ Nội vụ"
    assert "Thường trực Tỉnh ủy" in lines and "UBND tỉnh Đồng Tháp" in lines


def test_a_district_before_2025_and_a_provincial_city() -> None:
    district = Unit("h", "Ủy ban nhân dân huyện Lai Vung", "huyen", "Ủy ban nhân dân tỉnh Đồng Tháp")
    assert "Thường trực Huyện ủy" in usual_recipients(district)
    assert "Thường trực HĐND huyện Lai Vung" in usual_recipients(district)
    city = Unit("sd", "Ủy ban nhân dân thành phố Sa Đéc", "huyen", "Ủy ban nhân dân tỉnh Đồng Tháp")
    assert placeholders(city)["party"] == "Thành ủy"
    assert "Sở Nội vụ tỉnh Đồng Tháp" in usual_recipients(city)   # Sa Đéc is no province


def test_what_the_names_do_not_tell_is_left_for_the_clerk() -> None:
    # A commune of the three-level years: its superior is a city under the province.
    commune = Unit("x", "Ủy ban nhân dân xã Tân Phú", "xa", "Ủy ban nhân dân thành phố Sa Đéc")
    assert "Sở Nội vụ ..." in usual_recipients(commune)


def test_an_unknown_level_has_no_list() -> None:
    assert usual_recipients(Unit("x", "Ban quản lý", "khac")) == []


def test_shipped_file_has_a_list_for_every_level() -> None:
    from cchc_desktop.domain.units import level_catalogue

    levels = {item.level for item in recipient_catalogue().lists}
    assert set(level_catalogue().levels) <= levels


def test_a_broken_file_is_a_template_error() -> None:
    with pytest.raises(TemplateError, match="nơi nhận"):
        parse_recipient_catalogue({"lists": [{"recipients": []}], "party": {}})
