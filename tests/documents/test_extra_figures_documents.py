"""The figures a unit adds to a section print in the PDF body after the section's indicators,
in the figures annex and in a sheet of the workbook; a rate is computed from its two figures
and written the Vietnamese way; a figure without a value is left out."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.extra_figures import ExtraFigure
from tests.documents.doc_helpers import load_sample, pdf_text


def _context(with_indicators: bool = True) -> ReportContext:
    report, template = load_sample()
    offered = {figure.key: figure for figure in template.extra_suggestions}

    def entered(key: str, value: str) -> ExtraFigure:
        return dataclasses.replace(offered[key], value=Decimal(value))

    report = dataclasses.replace(report, extra_figures=[
        # entered out of the template's order: the annex puts II.4 before II.5
        entered("ns.thu_nsdp", "46260"), entered("ns.thu_nsdp.du_toan", "50000"),
        offered["ns.thu_nsdp.ty_le"],
        entered("ccvc.tong", "1200"), entered("ccvc.nu", "522"), offered["ccvc.nu.ty_le"],
        offered["ccvc.dang_vien"], offered["ccvc.dang_vien.ty_le"],      # carried over, not entered
        entered("cqdt.thu_dien_tu", "1234.5"),
        ExtraFigure("cds", "own.may_chu", "Số máy chủ", "máy", Decimal(3)),
    ])
    if not with_indicators:
        report = dataclasses.replace(report, values={})
    return build_context(report, template)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_body_prints_a_sections_extra_figures_after_its_indicators(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.pdf"
    write_pdf(_context(), path)
    text = _flat(pdf_text(path, layout=False))
    body = text[:text.index("Trên đây là báo cáo")]
    finance = body.index("5. Cải cách tài chính công")
    digital = body.index("6. Xây dựng và phát triển Chính quyền điện tử")
    revenue = body.index("- Thu ngân sách địa phương thực hiện: 46.260 triệu đồng.")
    rate = body.index("- Tỷ lệ thu ngân sách địa phương so với dự toán: 92,52%.")
    indicators = body.index("tỷ lệ thu NSNN so với dự toán", finance)
    assert finance < indicators < revenue < rate < digital
    staff = body.index("4. Cải cách chế độ công vụ")
    assert staff < body.index("- Tỷ lệ cán bộ, công chức nữ: 43,50%.") < finance
    assert "- Số tài khoản thư điện tử công vụ đã cấp: 1.234,5 tài khoản." in body[digital:]
    assert "- Số máy chủ: 3 máy." in body[digital:]
    # a figure carried over and not entered, and a rate of it, print nothing
    assert "đảng viên" not in text


def test_the_figures_annex_lists_them_by_section(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.pdf"
    write_pdf(_context(), path)
    text = _flat(pdf_text(path, layout=False))
    block = text[text.index("Số liệu bổ sung của đơn vị"):]
    staff = block.index("II.4. Cải cách chế độ công vụ")
    finance = block.index("II.5. Cải cách tài chính công")
    assert staff < block.index("Tỷ lệ cán bộ, công chức nữ") < block.index("43,50%") < finance
    assert finance < block.index("Dự toán thu ngân sách địa phương") < block.index("50.000")
    assert block.index("92,52%") > finance
    assert "đảng viên" not in block


def test_the_annex_is_printed_for_extra_figures_alone(tmp_path: Path) -> None:
    context = _context(with_indicators=False)
    assert not any(v is not None for v in context.figures.values.values())
    path = tmp_path / "bao-cao.pdf"
    write_pdf(context, path)
    text = _flat(pdf_text(path, layout=False))
    assert "Số liệu bổ sung của đơn vị" in text and "92,52%" in text


def test_the_workbook_has_a_sheet_of_them_with_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bao-cao.xlsx"
    write_workbook(_context(), path)
    sheet = load_workbook(path)["Số liệu bổ sung"]
    header = [cell.value for cell in sheet[5]]
    assert header == ["STT", "Mục", "Số liệu", "Đơn vị tính", "Kỳ này"]
    rows = {row[2]: row for row in sheet.iter_rows(min_row=6, values_only=True)}
    assert rows["Tỷ lệ cán bộ, công chức nữ"][1] == "II.4. Cải cách chế độ công vụ"
    assert rows["Tỷ lệ cán bộ, công chức nữ"][3:] == ("%", 43.5)
    assert rows["Tỷ lệ thu ngân sách địa phương so với dự toán"][4] == 92.52
    assert rows["Thu ngân sách địa phương thực hiện"][1:] == (
        "II.5. Cải cách tài chính công", "Thu ngân sách địa phương thực hiện", "triệu đồng", 46260)
    assert rows["Số tài khoản thư điện tử công vụ đã cấp"][4] == 1234.5
    assert not any("đảng viên" in label for label in rows)
    order = [row[1] for row in sheet.iter_rows(min_row=6, values_only=True)]
    assert order == sorted(order, key=lambda heading: heading.split(".")[1])   # II.4 before II.5
    rate_cell = next(row for row in sheet.iter_rows(min_row=6) if row[2].value.startswith("Tỷ lệ"))
    assert rate_cell[4].number_format.endswith('"%"')


def test_a_report_without_extra_figures_has_no_such_sheet(tmp_path: Path) -> None:
    report, template = load_sample()
    path = tmp_path / "bao-cao.xlsx"
    write_workbook(build_context(dataclasses.replace(report, extra_figures=[]), template), path)
    assert "Số liệu bổ sung" not in load_workbook(path).sheetnames
