"""documents/par_report_workbook.py: the workbook of the PAR-index self-assessment report.

Sheet "Tự đánh giá": the unit, the title and the total in three merged lines, the table's
header on row 4 (frozen, printed on every page), points as numbers at two decimals, field
rows bold, the total row a formula over the field rows and the scored total beside it as a
number; sheet "Chưa có TLKC": the scored criteria lacking evidence. Texts stay text, even
one that looks like a formula; all in Vietnamese under an English window. Beside
tests/documents/test_par_report.py, which checks the table against the scoring of a data file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import sample_report, template
from openpyxl import load_workbook
from par_index_sets import criteria_data

from cchc_desktop.documents.par_report_workbook import write_par_report_workbook
from cchc_desktop.domain.par_index_loading import parse_criteria
from cchc_desktop.domain.par_index_scoring import Answer, score_assessment
from cchc_desktop.domain.par_report import Letterhead, ParReport, ParReportTexts, par_report
from cchc_desktop.i18n import set_language

HOSTILE = "=HYPERLINK(\"http://x\")"


def _document(answers: dict[str, Answer], explanations: dict[str, str]) -> ParReport:
    criteria = parse_criteria(criteria_data(), "thu-2026.yaml", template().indicators)
    head = Letterhead.of(sample_report(), dt.date(2026, 9, 14))
    evidence = {code: answer.evidence for code, answer in answers.items()}
    return par_report(score_assessment(criteria, answers), 2026, head, explanations, evidence,
                      ParReportTexts())


def _written(tmp_path: Path) -> Path:
    set_language("en")            # the window speaks English; the workbook stays Vietnamese
    document = _document({"1.1": Answer(True, 1), "1.2.1": Answer("phan", 0),
                          "1.2.2": Answer(False, 0)},
                         {"1.2.1": HOSTILE, "1.2.2": "Chưa gửi báo cáo quý III"})
    path = tmp_path / "tu-danh-gia.xlsx"
    write_par_report_workbook(document, path)
    return path


def test_the_summary_sheet_has_its_titles_header_and_rows(tmp_path: Path) -> None:
    workbook = load_workbook(_written(tmp_path))
    assert workbook.sheetnames == ["Tự đánh giá", "Chưa có TLKC"]
    sheet = workbook["Tự đánh giá"]
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "ỦY BAN NHÂN DÂN XÃ MỸ AN",
        "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        "Tổng điểm: 3,25/10 điểm, đạt 32,50%"]
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[4]] == ["Mã", "Lĩnh vực, tiêu chí", "Điểm tối đa",
                                          "Điểm tự chấm", "Tài liệu kiểm chứng", "Giải trình"]
    assert sheet.freeze_panes == "A5" and sheet.print_title_rows == "$4:$4"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=11)]
    assert rows == [
        ["1", "Công tác chỉ đạo, điều hành", 6, 3.25, None, None],
        ["1.1", "Ban hành kế hoạch CCHC năm", 2, 2, 1, None],
        ["1.2", "Mức độ thực hiện kế hoạch", 4, 1.25, None, None],
        ["1.2.1", "Hoàn thành kế hoạch", 2.5, 1.25, 0, HOSTILE],
        ["1.2.2", "Báo cáo CCHC đúng hạn", 1.5, 0, 0, "Chưa gửi báo cáo quý III"],
        ["2", "Cải cách thủ tục hành chính", 4, 0, None, None],
        ["2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", 4, None, 0, None]]
    assert sheet["A5"].font.b and not sheet["A6"].font.b and sheet["A8"].font.i
    assert sheet["D6"].number_format == sheet["C8"].number_format
    assert sheet["F8"].data_type == "s"          # a text that looks like a formula stays text


def test_the_total_is_a_formula_over_the_fields_and_a_number_beside_it(tmp_path: Path) -> None:
    sheet = load_workbook(_written(tmp_path))["Tự đánh giá"]
    assert [c.value for c in sheet[12]] == [None, "Tổng cộng", "=C5+C10", "=D5+D10", "32,50%",
                                           None]
    assert all(c.font.b for c in sheet[12])
    assert (sheet["B14"].value, sheet["D14"].value) == ("Tổng điểm tự chấm (giá trị)", 3.25)


def test_the_second_sheet_lists_the_criteria_lacking_evidence(tmp_path: Path) -> None:
    sheet = load_workbook(_written(tmp_path))["Chưa có TLKC"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Mã", "Tiêu chí", "Điểm tự chấm", "Giải trình"],
        ["1.2.1", "Hoàn thành kế hoạch", 1.25, HOSTILE]]
    assert sheet["D2"].data_type == "s" and sheet.print_title_rows == "$1:$1"
