"""The figures a Word report's sentences state, as the reader proposes them for the template."""

from __future__ import annotations

from factories import template

from cchc_desktop.imports.word import figures_in


def proposed(text: str) -> dict[str, str]:
    return {p.code: p.value for p in figures_in(text, template())}


def test_a_date_is_not_a_figure() -> None:
    found = proposed("Đến ngày 14/3/2026 đã hoàn thành 12 nhiệm vụ.")
    assert found == {"cddh.kh.hoan_thanh": "12"}
    assert proposed("Kế hoạch năm 2026 đã hoàn thành.") == {}


def test_the_words_before_a_number_name_it_before_those_after() -> None:
    found = proposed("Thành phố đã hoàn thành 42 nhiệm vụ, đang thực hiện 24 nhiệm vụ, chưa thực "
                     "hiện 0 nhiệm vụ.")
    assert found == {"cddh.kh.hoan_thanh": "42", "cddh.kh.dang_thuc_hien": "24",
                     "cddh.kh.chua_thuc_hien": "0"}


def test_a_unit_of_measure_may_stand_between_the_number_and_its_words() -> None:
    assert proposed("Còn 46 nhiệm vụ đang thực hiện.") == {"cddh.kh.dang_thuc_hien": "46"}
    assert proposed("Còn 46 đơn vị, đang thực hiện kiểm tra.") == {}


def test_a_figure_kept_per_level_goes_to_the_reports_level() -> None:
    sentence = "Bộ phận một cửa niêm yết công khai 187 TTHC niêm yết thuộc thẩm quyền giải quyết."
    for level in ("xa", "huyen", "tinh"):
        found = figures_in(sentence, template(), level)
        assert [(p.code, p.value) for p in found] == [(f"tthc.niem_yet.{level}.tong", "187")]
