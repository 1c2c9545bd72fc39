"""documents/unit_board_pdf.py: the board of the units' main rates on landscape paper.

The consolidating unit's header, the title and the subject naming the period in lower case,
the note on how the sum row is made, the table (each rate over its fraction, '▼' below
target, '—' without a figure, 'Chưa gửi báo cáo' for a unit without a report, the sum row
from Σ numerators / Σ denominators), then a bar chart for each rate some unit has; in
Vietnamese under an English window. Beside tests/documents/test_unit_board_documents.py,
which prints the board of a province's data file and checks one row word by word.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from documents.doc_helpers import pdf_pages, pdf_text, run
from factories import make_report, records, template

from cchc_desktop.documents.unit_board_pdf import board_subject, write_board_pdf
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.domain.unit_board import UnitBoard, unit_board
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import language_named, set_language

PROVINCE = Unit("snv-thu", "Sở Nội vụ tỉnh Thử", "tinh", "")
PLAN = {"cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 9, "cddh.kh.dang_thuc_hien": 1}


def _board() -> tuple[UnitBoard, Report]:
    consolidating = make_report({}, kind="Q3", unit=PROVINCE)
    an_binh = make_report({**records(online=30, in_person=10, early=20, on_time=15, late=5),
                           **PLAN}, kind="Q3", unit=Unit("xa-ab", "UBND xã An Bình", "xa", ""))
    my_hoa = make_report(records(online=1, in_person=9, on_time=8, late=2), kind="Q3",
                         unit=Unit("xa-mh", "UBND xã Mỹ Hòa", "xa", ""))
    units = [(an_binh.unit, an_binh), (my_hoa.unit, my_hoa),
             (Unit("xa-tt", "UBND xã Tân Thạnh", "xa", ""), None)]
    return unit_board(consolidating, template(), units, shipped_templates().get), consolidating


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    set_language("en")              # the window speaks English; the board stays Vietnamese
    board, consolidating = _board()
    path = tmp_path_factory.mktemp("bang") / "bang.pdf"
    pages = write_board_pdf(board, consolidating, path,
                            created=dt.datetime(2026, 10, 5, 9, 0, tzinfo=dt.UTC))
    set_language("vi")
    return path, pages


def _row(path: Path, name: str, reach: float = 12) -> list[str]:
    """The words of a unit's table row (its rates, their fractions, the note), left to right."""
    words = pdf_pages(path)[0].words
    first = next(w for w in words if w.text == name)
    middle = (first.y_min + first.y_max) / 2
    row = [w for w in words if abs((w.y_min + w.y_max) / 2 - middle) < reach]
    return [w.text for w in sorted(row, key=lambda w: (round(w.x_min / 40), w.y_min))]


def test_the_subject_names_the_period_in_lower_case() -> None:
    board, _consolidating = _board()
    assert board_subject(board, language_named("vi")) == (
        "Các chỉ tiêu chính của các đơn vị trực thuộc, quý III năm 2026")


def test_a_landscape_page_with_the_header_title_and_note(printed: tuple[Path, int]) -> None:
    path, pages = printed
    assert pages == 2
    first = pdf_pages(path)[0]
    assert first.width > first.height
    text = " ".join(pdf_text(path, layout=False, last=1).split())
    for words in ("SỞ NỘI VỤ TỈNH THỬ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                  "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ",
                  "Các chỉ tiêu chính của các đơn vị trực thuộc, quý III năm 2026",
                  "(Tỷ lệ của Sở Nội vụ tỉnh Thử tính từ tổng tử số và tổng mẫu số của các đơn "
                  "vị, không phải trung bình cộng các tỷ lệ; ▼: dưới chỉ tiêu; —: không có số liệu)",
                  "(chỉ tiêu 90,00%)", "(chỉ tiêu 50,00%)"):
        assert words in text, words
    assert "Title: Bảng tổng hợp tỷ lệ các đơn vị Quý III năm 2026" in " ".join(
        run("pdfinfo", str(path)).split())


def test_each_rate_over_its_fraction_and_the_sum_row_from_the_sums(
        printed: tuple[Path, int]) -> None:
    path, _pages = printed
    assert _row(path, "Bình") == ["1", "UBND", "xã", "An", "Bình", "87,50%", "▼", "35/40",
                                  "75,00%", "30/40", "—", "90,00%", "9/10", "▼", "dưới", "chỉ",
                                  "tiêu"]
    assert _row(path, "Thạnh") == ["3", "UBND", "xã", "Tân", "Thạnh", "—", "—", "—", "—",
                                   "Chưa", "gửi", "báo", "cáo"]
    total = _row(path, "(tổng", reach=20)       # a name of three lines: a taller row
    # (35 + 8) / (40 + 10) = 86,00%, not the mean of 87,50% and 80,00%
    assert {"86,00%", "43/50", "62,00%", "31/50", "90,00%", "9/10"} <= set(total)
    assert "83,75%" not in total


def test_a_chart_for_each_rate_some_unit_has(printed: tuple[Path, int]) -> None:
    path, _pages = printed
    charts = pdf_text(path, layout=False, first=2)
    assert [line for line in charts.splitlines() if line.startswith("Tỷ lệ")] == [
        "Tỷ lệ giải quyết đúng và trước hạn", "Tỷ lệ tiếp nhận trực tuyến",
        "Tỷ lệ hoàn thành kế hoạch"]           # no unit has the digitisation rate: no chart
