"""documents/unit_board_workbook.py: the board of the units' main rates as one sheet.

Three merged title lines, a two-row header (each rate's label with its target over 'Tỷ lệ',
'Tử số', 'Mẫu số'), a row per unit and the sum row in bold: each rate a number shown
'92,52%' with its numerator and denominator beside it, '—' without a figure, the units
below target named in the note; frozen under the header and printed landscape with it on
every page; in Vietnamese under an English window. Beside
tests/documents/test_unit_board_documents.py, which writes the board of a province's data
file.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from factories import make_report, records, template

from cchc_desktop.documents.unit_board_workbook import write_board_workbook
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.domain.unit_board import UnitBoard, unit_board
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import set_language

PLAN = {"cddh.kh.tong": 10, "cddh.kh.hoan_thanh": 9, "cddh.kh.dang_thuc_hien": 1}


def _board() -> UnitBoard:
    consolidating = make_report({}, kind="Q3", unit=Unit("snv", "Sở Nội vụ tỉnh Thử", "tinh", ""))
    an_binh = make_report({**records(online=1200, in_person=34, early=1000, on_time=421,
                                     late=7), **PLAN},
                          kind="Q3", unit=Unit("xa-ab", "UBND xã An Bình", "xa", ""))
    my_hoa = make_report(records(online=1, in_person=9, on_time=8, late=2), kind="Q3",
                         unit=Unit("xa-mh", "UBND xã Mỹ Hòa", "xa", ""))
    units = [(an_binh.unit, an_binh), (my_hoa.unit, my_hoa),
             (Unit("xa-tt", "UBND xã Tân Thạnh", "xa", ""), None)]
    return unit_board(consolidating, template(), units, shipped_templates().get)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.worksheet.worksheet.Worksheet:
    set_language("en")              # the window speaks English; the workbook stays Vietnamese
    path = tmp_path_factory.mktemp("bang") / "bang.xlsx"
    write_board_workbook(_board(), path, precision=1)
    set_language("vi")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Tỷ lệ các đơn vị"]
    return workbook.active


def test_titles_and_the_two_row_header(sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    assert [sheet.cell(row, 1).value for row in (1, 2, 3)] == [
        "SỞ NỘI VỤ TỈNH THỬ", "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ",
        "Các chỉ tiêu chính của các đơn vị trực thuộc, quý III năm 2026"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:O1", "A5:A6", "B5:B6", "C5:E5", "O5:O6"} <= merged
    assert [sheet.cell(5, c).value for c in (1, 2, 3, 6, 9, 12, 15)] == [
        "STT", "Đơn vị", "Tỷ lệ giải quyết đúng và trước hạn (chỉ tiêu 90,0%)",
        "Tỷ lệ tiếp nhận trực tuyến (chỉ tiêu 50,0%)", "Tỷ lệ số hóa hồ sơ",
        "Tỷ lệ hoàn thành kế hoạch", "Ghi chú"]
    assert [sheet.cell(6, c).value for c in (3, 4, 5)] == ["Tỷ lệ", "Tử số", "Mẫu số"]
    assert sheet.freeze_panes == "C7" and sheet.print_title_rows == "$5:$6"
    assert sheet.page_setup.orientation == "landscape"


def test_a_row_per_unit_with_numbers_and_their_fractions(
        sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    an_binh = [c.value for c in sheet[7]]
    assert an_binh[:5] == [1, "UBND xã An Bình", pytest.approx(99.51), 1421, 1428]
    assert an_binh[5:8] == [pytest.approx(97.24), 1200, 1234]
    assert an_binh[8:11] == ["—", None, None]          # no digitisation figures
    assert an_binh[14] is None
    # a rate at its report's precision; a count of records whole: '1.421', not '1.421,000'
    assert sheet["C7"].number_format == '#,##0.00"%"' and sheet["D7"].number_format == "#,##0"
    my_hoa = [c.value for c in sheet[8]]
    assert my_hoa[14] == ("▼ dưới chỉ tiêu: Tỷ lệ giải quyết đúng và trước hạn; Tỷ lệ tiếp nhận "
                          "trực tuyến")
    tan_thanh = [c.value for c in sheet[9]]
    assert tan_thanh[2] == "—" and tan_thanh[14] == "Chưa gửi báo cáo"


def test_the_sum_row_is_bold_and_checkable_from_its_sums(
        sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    total = [c.value for c in sheet[10]]
    assert total[:5] == [None, "Sở Nội vụ tỉnh Thử (tổng các đơn vị)", pytest.approx(99.37),
                         1429, 1438]
    assert total[2] == pytest.approx(total[3] / total[4] * 100, abs=0.005)
    assert all(c.font.b for c in sheet[10])
    assert sheet.max_row == 10
    assert Decimal(str(total[3])) == 1421 + 8
