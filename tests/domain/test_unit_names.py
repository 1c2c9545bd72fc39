"""One body, many spellings: one normal form, one code, one slug."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_desktop.domain.unit_names import derive_unit_code, fold, normalise_name, same_unit_name, slug

SPELLINGS = ["UBND xã Mỹ An", "Ủy ban nhân dân xã Mỹ An", "UBND Xã Mỹ An", "Uỷ ban nhân dân xã Mỹ An",
             "  ủy  ban nhân dân   XÃ MỸ AN ", unicodedata.normalize("NFD", "Ủy ban nhân dân xã Mỹ An"),
             "U.B.N.D xã Mỹ An"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_is_the_same_unit_and_the_same_code(spelling: str) -> None:
    assert same_unit_name(spelling, "Ủy ban nhân dân xã Mỹ An")
    assert derive_unit_code(spelling) == "ubnd-xa-my-an"


def test_different_units_stay_different() -> None:
    assert not same_unit_name("UBND xã Mỹ An", "UBND xã Mỹ Án")
    assert not same_unit_name("UBND xã Mỹ An", "UBND phường Mỹ An")
    assert not same_unit_name("Xã Mỹ An", "Xã Mỹ An Hưng")
    assert derive_unit_code("Sở Nội vụ", "82") != derive_unit_code("Sở Nội vụ", "80")


def test_tone_placement_does_not_matter() -> None:
    assert same_unit_name("Tỉnh Hoà Bình", "Tỉnh Hòa Bình")
    assert same_unit_name("Thanh Hoá", "Thanh Hóa")
    assert same_unit_name("HĐND tỉnh Đồng Tháp", "Hội đồng nhân dân tỉnh Đồng Tháp")
    assert normalise_name("TP. Cao Lãnh") == normalise_name("Thành phố Cao Lãnh")


def test_fold_and_slug() -> None:
    assert fold("Đặc khu Phú Quốc") == "dac khu phu quoc"
    assert slug("Trước khi nhập kỳ trước (bản 2)") == "truoc-khi-nhap-ky-truoc-ban-2"
    assert slug("Trước khi nhập kỳ trước (bản 2)", 10) == "truoc-khi"
    assert derive_unit_code("Phòng Nội vụ", "ubnd-huyen-lai-vung") == "ubnd-huyen-lai-vung-phong-noi-vu"


def test_a_derived_code_never_looks_official() -> None:
    assert derive_unit_code("123") == "dv-123"
    assert derive_unit_code("!!!") == "don-vi"


@given(st.text(max_size=60))
def test_derived_codes_are_stable_ascii(name: str) -> None:
    code = derive_unit_code(name)
    assert code == derive_unit_code(name) == derive_unit_code(unicodedata.normalize("NFD", name))
    assert code and code.isascii() and not code.isdigit() and len(code) <= 80
