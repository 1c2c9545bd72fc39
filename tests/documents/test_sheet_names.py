"""Sheet names: Excel's 31 characters, unique, and never cut in the middle of a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import make_report
from openpyxl import load_workbook

from cchc_desktop.documents.figures_table import areas
from cchc_desktop.documents.sheet_names import LIMIT, abbreviate, clean, sheet_name
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.exchange.workbook import DATA_SHEET
from cchc_desktop.i18n import VIETNAMESE, Language, language_named

EXPECTED = {
    "cchc-2011": [
        "Thông tin", "I.1. Công tác chỉ đạo…", "I.2. Cải cách thể chế", "I.3. Cải cách TTHC",
        "I.4. Cải cách tổ chức bộ máy…", "I.5. Xây dựng và nâng cao…",
        "I.6. Cải cách tài chính công", "I.7. Hiện đại hóa hành chính"],
    "cchc-2021": [
        "Thông tin", "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH…", "II.1. Cải cách thể chế",
        "II.2. Cải cách TTHC", "II.3. Cải cách tổ chức bộ máy", "II.4. Cải cách chế độ công vụ",
        "II.5. Cải cách tài chính công", "II.6. Xây dựng và phát triển…"],
}


def written_names(ref: str, language: Language, folder: Path) -> list[str]:
    """The sheet names of the workbook of a report on template `ref`, read back from the file."""
    template = shipped_templates().get(ref)
    report = make_report(kind="Y")
    report.template_ref = template.ref
    path = folder / f"{ref}-{language.code}.xlsx"
    write_workbook(build_context(report, template), path, language=language)
    return [name for name in load_workbook(path).sheetnames if name != DATA_SHEET]


def whole_words(name: str, heading: str) -> bool:
    """`name` is `heading`, or its start up to a space or comma followed by "…"."""
    if not name.endswith("…"):
        return name in (heading, abbreviate(heading))
    kept = name[:-1]
    return any(full.startswith(kept) and full[len(kept)] in " ,"
               for full in (heading, abbreviate(heading)))


@pytest.mark.parametrize("ref", sorted(EXPECTED))
def test_the_shipped_templates_sheets_are_named_in_whole_words(ref: str, tmp_path: Path) -> None:
    names = written_names(ref, VIETNAMESE, tmp_path)
    assert names == EXPECTED[ref]
    assert "II.2. Cải cách thủ tục hành" not in names, "the name the clerk found cut"
    headings = [clean(area.heading) for area in areas(shipped_templates().get(ref), VIETNAMESE)]
    for name, heading in zip(names[1:], headings, strict=True):
        assert whole_words(name, heading), (name, heading)


@pytest.mark.parametrize("ref", sorted(EXPECTED))
@pytest.mark.parametrize("code", ["vi", "en"])
def test_every_name_fits_excel_and_is_unique(ref: str, code: str, tmp_path: Path) -> None:
    names = written_names(ref, language_named(code), tmp_path)
    assert all(len(name) <= LIMIT for name in names), names
    assert len({name.casefold() for name in names}) == len(names), names
    if code == "en":
        headings = [clean(a.heading) for a in areas(shipped_templates().get(ref), language_named(code))]
        for name, heading in zip(names[1:], headings, strict=True):
            kept = name.removesuffix("…")
            assert heading.startswith(kept) and (kept == heading or heading[len(kept)] in " ,"), name


def test_the_same_heading_twice_gets_a_number_within_31_characters() -> None:
    used: set[str] = set()
    heading = "I.5. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức"
    names = [sheet_name(heading, used) for _ in range(3)]
    assert names == ["I.5. Xây dựng và nâng cao…", "I.5. Xây dựng và nâng cao… (2)",
                     "I.5. Xây dựng và nâng cao… (3)"]
    assert all(len(name) <= LIMIT for name in names)


def test_excels_forbidden_characters_and_quotes_are_replaced() -> None:
    assert sheet_name("'Báo cáo [quý] 1/2026: tổng hợp?'", set()) == "Báo cáo -quý- 1-2026- tổng hợp"


def test_a_long_vietnamese_phrase_is_cut_after_a_two_syllable_word() -> None:
    name = sheet_name("Kết quả giải quyết hồ sơ thủ tục hành chính trên môi trường điện tử", set())
    assert name == "Kết quả giải quyết hồ sơ TTHC…"
