"""The Excel annex: figures as numbers, text never a formula, and an exact round trip."""

from __future__ import annotations

import copy
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from documents.doc_helpers import district_context, load_sample
from openpyxl import Workbook, load_workbook

from cchc_desktop.documents import export_file_name
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import Proposal
from cchc_desktop.domain.template import IndicatorKind
from cchc_desktop.domain.units import Unit, level_catalogue
from cchc_desktop.exchange.workbook import DATA_SHEET, WorkbookChecksumError, read_workbook

HEADER_ROW = 5


def _read_figures(path: Path) -> dict[tuple[str, str], tuple[object, str, object]]:
    """(label, level heading or '') -> (this period, number format, note), from every sheet."""
    wb = load_workbook(path)
    found: dict[tuple[str, str], tuple[object, str, object]] = {}
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" or ws.cell(HEADER_ROW, 2).value != "Chỉ tiêu":
                continue
            level = ""
            for row in ws.iter_rows(min_row=HEADER_ROW + 1):
                stt, label, _unit, current, _prev, _last, note = row[:7]
                if stt.value is None:
                    text = str(label.value or "")
                    level = text[:-1] if text.endswith(":") and label.font.i else ""
                    continue
                key = (str(label.value), level)
                assert key not in found, f"duplicate row {key}"
                found[key] = (current.value, current.number_format, note.value)
    finally:
        wb.close()
    return found


@pytest.fixture
def sample(tmp_path: Path) -> tuple[ReportContext, Path]:
    report, template = load_sample()
    report.proposals.append(Proposal("=1+1", "+Sở Nội vụ", "=1+1"))
    report.texts[template.sections[0].id] = "=1+1\n\n@SUM(A1:A3) -2+3"
    report.notes[next(iter(report.values))] = "=HYPERLINK(\"http://x\")"
    context = build_context(report, template, previous=report)
    path = tmp_path / "bao-cao.xlsx"
    write_workbook(context, path)
    return context, path


def test_every_figure_and_rate_is_in_its_sheet(sample: tuple[ReportContext, Path]) -> None:
    context, path = sample
    rows = _read_figures(path)
    template = context.template
    checked = 0
    for code, indicator in template.indicators.items():
        value = context.figures.get(code)
        if value is None:
            continue
        level = ""
        group = None
        if indicator.level:
            group = next(g for s, _d in template.walk() for g in s.groups if g.id == indicator.group_id)
            level = (str(group.total_label) if indicator.level == group.total_level
                     else level_catalogue().label(indicator.level))
        key = (str(indicator.label), level)
        if key not in rows and group is not None and indicator.level == group.total_level:
            # A single level is shown without a total block: the total is that level's figure.
            shown = [k for k in rows if k[0] == key[0] and k[1] in
                     {level_catalogue().label(lv) for lv in group.levels}]
            assert len(shown) == 1, code
            key = shown[0]
        cell_value, number_format, _note = rows[key]
        assert Decimal(str(cell_value)) == value, code
        if indicator.kind in (IndicatorKind.RATE, IndicatorKind.PERCENT):
            assert number_format.endswith('"%"'), code
        else:
            assert number_format.startswith("#,##0"), code
        checked += 1
    assert checked >= len(context.report.values)


def test_known_figures_independently(sample: tuple[ReportContext, Path]) -> None:
    rows = _read_figures(sample[1])
    # 1421 resolved early or on time out of 1428 resolved: 99.5098...% -> 99.51
    rate, number_format, note = rows[("Tỷ lệ giải quyết đúng và trước hạn", "Cấp xã")]
    assert rate == pytest.approx(99.51)
    assert number_format == '#,##0.00"%"'
    assert note == "1.421/1.428 hồ sơ"
    # 2987.455 / 15400 = 19.3990...% -> 19.40; money keeps its three decimals
    assert rows[("Tỷ lệ giải ngân vốn đầu tư công", "")][0] == pytest.approx(19.40)
    money, money_format, _ = rows[("Vốn đầu tư công đã giải ngân", "")]
    assert money == pytest.approx(2987.455) and money_format == "#,##0.000"
    assert rows[("Tổng số nhiệm vụ trong kế hoạch CCHC năm", "")][:2] == (66, "#,##0")
    # The clerk's justification sits in the note column.
    assert "đo đạc" in str(rows[("Đã giải quyết quá hạn", "Cấp xã")][2])


def test_text_that_looks_like_a_formula_stays_text(sample: tuple[ReportContext, Path]) -> None:
    _context, path = sample
    wb = load_workbook(path, read_only=True)
    try:
        sheet = wb["Kiến nghị"]
        cells = [c for row in sheet.iter_rows() for c in row if c.value in ("=1+1", "+Sở Nội vụ")]
        assert len(cells) == 3
        assert all(c.data_type == "s" for c in cells)
    finally:
        wb.close()
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                      if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml


def test_round_trip_gives_the_same_report(sample: tuple[ReportContext, Path]) -> None:
    context, path = sample
    report, template = read_workbook(path)
    assert report == context.report
    assert template.ref == context.template.ref
    assert report.texts[template.sections[0].id].startswith("=1+1")


def test_round_trip_of_a_long_report_across_many_cells(tmp_path: Path) -> None:
    report, template = load_sample()
    # Longer than one cell may hold (32,767), with letters outside the BMP too.
    report.texts[template.sections[0].id] = ("Nội dung dài 🙂 " * 5000).strip()
    context = build_context(report, template)
    write_workbook(context, tmp_path / "x.xlsx")
    wb = load_workbook(tmp_path / "x.xlsx")
    try:
        data = wb[DATA_SHEET]
        assert data.sheet_state == "veryHidden"
        assert data.protection.sheet
        assert max(len(str(c.value)) for row in data.iter_rows() for c in row if c.value) <= 32_767
        assert sum(1 for row in data.iter_rows() if row[0].value == "json") > 2
    finally:
        wb.close()
    assert read_workbook(tmp_path / "x.xlsx")[0] == report


def test_district_report_round_trips_with_subunits(tmp_path: Path) -> None:
    context = district_context()
    write_workbook(context, tmp_path / "d.xlsx")
    report, _template = read_workbook(tmp_path / "d.xlsx")
    assert report == context.report
    assert [s.status for s in report.subunits] == [s.status for s in context.report.subunits]


def test_tampered_data_fails_the_checksum(sample: tuple[ReportContext, Path]) -> None:
    _context, path = sample
    wb = load_workbook(path)
    data = wb[DATA_SHEET]
    for row in data.iter_rows():
        if row[0].value == "json":
            row[1].value = str(row[1].value).replace('"66"', '"67"').replace(":66,", ":67,")
            break
    wb.save(path)
    wb.close()
    with pytest.raises(WorkbookChecksumError) as caught:
        read_workbook(path)
    message = caught.value.message
    assert "bao-cao.xlsx" in message and "SHA-256" in message and "không khớp" in message


def test_printing_setup(sample: tuple[ReportContext, Path]) -> None:
    wb = load_workbook(sample[1])
    try:
        area_sheets = [ws for ws in wb.worksheets if ws.cell(HEADER_ROW, 2).value == "Chỉ tiêu"]
        assert len(area_sheets) == 7            # I and the six areas of II
        assert wb.worksheets[0].title == "Thông tin"
        for ws in area_sheets:
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
            assert ws.page_setup.fitToWidth == 1
            assert ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
            headers = [ws.cell(HEADER_ROW, c).value for c in range(1, 8)]
            assert headers == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước",
                               "Cùng kỳ năm trước", "Ghi chú"]
            assert ws.cell(HEADER_ROW, 2).font.b
            assert ws.cell(HEADER_ROW + 2, 2).border.left.style == "thin"
    finally:
        wb.close()


# ------------------------------------------------------------------------------ bad inputs

def _expect(path: Path, *words: str) -> str:
    with pytest.raises(ReportError) as caught:
        read_workbook(path)
    message = caught.value.message
    assert path.name in message
    for word in words:
        assert word in message
    return message


def test_truncated_workbook(sample: tuple[ReportContext, Path], tmp_path: Path) -> None:
    data = sample[1].read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    _expect(cut, "bị hỏng")


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.xlsx"
    path.write_text("Không phải Excel", encoding="utf-8")
    _expect(path, "không phải")
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    _expect(empty, "rỗng")
    other_zip = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _expect(other_zip, "không phải")


def test_password_protected_workbook(tmp_path: Path) -> None:
    # An encrypted .xlsx is an OLE compound file with an "EncryptionInfo" stream.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le") + bytes(50) + \
        "EncryptedPackage".encode("utf-16-le")
    path = tmp_path / "mat-khau.xlsx"
    path.write_bytes(header + directory + bytes(1024))
    _expect(path, "mật khẩu")
    legacy = tmp_path / "cu.xls"
    legacy.write_bytes(header + bytes(1024))
    _expect(legacy, ".xls")


def test_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (4 * 1024 * 1024))
    _expect(path, "quá lớn")


def test_workbook_without_the_data_sheet(tmp_path: Path) -> None:
    path = tmp_path / "tu-lam.xlsx"
    wb = Workbook()
    wb.active["A1"] = "Số liệu tự nhập"
    buffer = io.BytesIO()
    wb.save(buffer)
    path.write_bytes(buffer.getvalue())
    _expect(path, DATA_SHEET)


def test_a_failed_workbook_export_leaves_no_file(tmp_path: Path) -> None:
    report, template = load_sample()
    context = build_context(report, template)
    with pytest.raises(Exception, match=r"x\.xlsx"):
        write_workbook(context, tmp_path / "missing" / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_export_file_names() -> None:
    report, _template = load_sample()
    assert export_file_name(report, ".pdf") == "BC-CCHC_xa-my-an_2026-Q1.pdf"
    assert export_file_name(report, "xlsx") == "BC-CCHC_xa-my-an_2026-Q1.xlsx"
    other = copy.deepcopy(report)
    other.unit = Unit("Phường Đông Hòa/02", "Ủy ban nhân dân phường Đông Hòa", "xa")
    name = export_file_name(other, ".pdf")
    assert name == "BC-CCHC_phuong-dong-hoa-02_2026-Q1.pdf"   # the one slug of the app
    assert name.isascii()
