"""The Excel annex: one sheet per area, readable and printable on A4, plus the exchange data.

Visible sheets: "Thông tin" (unit, period, document), one sheet per area of the
template (STT, Chỉ tiêu, Đơn vị tính, Kỳ này, Kỳ trước, Cùng kỳ năm trước, Ghi chú),
and the task, proposal, document and subordinate-unit lists when the report has them.
Figures are stored as numbers with Excel formats (`#,##0`, `#,##0.00"%"`), so Excel
shows them in the Vietnamese way on a Vietnamese system. Rates are stored as the
percentage (99.51), their fraction goes in the note.

The hidden, protected sheet `_cchc_data` holds the exchange JSON (json_format) cut
into cells below Excel's 32,767-character limit, with its length and SHA-256, so the
next period and the superior body can import the workbook exactly
(cchc_desktop.exchange.workbook.read_workbook).

Every text cell is written as text: a value that begins with = + - @ is never a formula.
Like the PDF, the workbook is written in the document's language (documents/language.py),
passed down as `language`, never in the UI's.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop import __version__
from cchc_desktop.documents.figures_table import Area, Row, RowKind, area_rows, areas, extra_blocks
from cchc_desktop.documents.header_lines import number_line
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.sheet_names import sheet_name
from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.documents.workbook_cells import (
    CELL_BORDER,
    CELL_CENTER,
    CELL_HEADER,
    CELL_HEADER_FILL,
    CELL_RIGHT,
    CELL_WRAP_TOP,
    FONT_NAME,
    page_setup_for_print,
    set_text,
)
from cchc_desktop.documents.workbook_narrative import NarrativeSheet
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.extra_figure_rows import ENTERED_DECIMALS, RATE_DECIMALS
from cchc_desktop.domain.formatting import short_date, spreadsheet_format
from cchc_desktop.exchange.json_format import checked_exchange_data
from cchc_desktop.exchange.workbook import DATA_FORMAT, DATA_SHEET, LAYOUT_COLUMN, SUPPORTED_VERSIONS
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.i18n import N_, Language

Progress = Callable[[int], None]

DATA_VERSION = SUPPORTED_VERSIONS[-1]
CHUNK_CHARS = 16_000           # <= 32,767 UTF-16 units even for characters outside the BMP
COLUMNS = (("STT", 6), (N_("Chỉ tiêu"), 48), (N_("Đơn vị tính"), 11), (N_("Kỳ này"), 14),
           (N_("Kỳ trước"), 14), (N_("Cùng kỳ năm trước"), 14), (N_("Ghi chú"), 36))


# ------------------------------------------------------------------------------ sheets

class _Writer:
    def __init__(self, context: ReportContext, language: Language) -> None:
        self.language = language
        self.gettext = language.gettext
        self.context = context
        self.report = context.report
        self.font = Font(name=FONT_NAME, size=12)
        self.bold = Font(name=FONT_NAME, size=12, bold=True)
        self.italic = Font(name=FONT_NAME, size=12, italic=True)
        self.bold_italic = Font(name=FONT_NAME, size=12, bold=True, italic=True)
        self.title_font = Font(name=FONT_NAME, size=13, bold=True)
        # Where each figure of this period went, and what was written there: the reader
        # compares the visible sheets with the hidden data through this (a figure retyped in
        # Excel is then reported, not silently overridden by the hidden data).
        self.cells: list[tuple[str, str, str, Decimal | None]] = []

    def titles(self, ws: Worksheet, title: str, width: int) -> None:
        report = self.report
        period = report.period
        lines = [(vi_upper(report.unit.name), self.bold),
                 (title, self.title_font),
                 (self.gettext("{period} (số liệu từ {start} đến {end})").format(
                     period=nfc(period.label_in(self.language)), start=short_date(period.start),
                     end=short_date(period.end)), self.italic)]
        for row, (text, font) in enumerate(lines, start=1):
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            cell = set_text(ws.cell(row=row, column=1), text)
            cell.font = font
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[2].height = 33

    def table_header(self, ws: Worksheet, row: int, headers: Sequence[tuple[str, float]]) -> None:
        for column, (text, width) in enumerate(headers, start=1):
            cell = set_text(ws.cell(row=row, column=column), text)
            cell.font = self.bold
            cell.alignment = CELL_HEADER
            cell.border = CELL_BORDER
            cell.fill = CELL_HEADER_FILL
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.row_dimensions[row].height = 32
        ws.freeze_panes = ws.cell(row=row + 1, column=1)

    def area_sheet(self, ws: Worksheet, area: Area, rows: list[Row]) -> None:
        width = len(COLUMNS)
        self.titles(ws, self.gettext("SỐ LIỆU: {area}").format(area=vi_upper(area.heading)), width)
        header_row = 5
        self.table_header(ws, header_row, [(self.gettext(text), w) for text, w in COLUMNS])
        precision = self.report.precision
        r = header_row
        for row in rows:
            r += 1
            if row.kind is not RowKind.FIGURE or row.indicator is None:
                font = {RowKind.SECTION: self.bold, RowKind.GROUP: self.bold_italic,
                        RowKind.LEVEL: self.italic}[row.kind]
                label = row.label if row.kind is not RowKind.LEVEL else f"{row.label}:"
                for column in range(1, width + 1):
                    ws.cell(row=r, column=column).border = CELL_BORDER
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=width)
                cell = set_text(ws.cell(row=r, column=2), label)
                cell.font = font
                cell.alignment = CELL_WRAP_TOP
                continue
            indicator = row.indicator
            cells = [ws.cell(row=r, column=c) for c in range(1, width + 1)]
            cells[0].value = int(row.stt)
            cells[0].alignment = CELL_CENTER
            set_text(cells[1], row.label).alignment = CELL_WRAP_TOP
            set_text(cells[2], indicator.unit.render(self.language)).alignment = CELL_CENTER
            rate = self.context.figures.rates.get(indicator.code)
            self.cells.append((indicator.code, ws.title, f"D{r}", row.current))
            for cell, value, own in ((cells[3], row.current, True), (cells[4], row.previous, False),
                                     (cells[5], row.last_year, False)):
                if value is None:
                    if own and rate is not None and rate.zero_denominator:
                        set_text(cell, "-").alignment = CELL_RIGHT
                    continue
                cell.value = indicator.field_kind.cell_value(value)
                cell.number_format = indicator.field_kind.cell_format(indicator, value, precision)
                cell.alignment = CELL_RIGHT
            if row.remark:
                set_text(cells[6], row.remark)
            cells[6].alignment = CELL_WRAP_TOP
            for cell in cells:
                cell.border = CELL_BORDER
                cell.font = self.font
        page_setup_for_print(ws, landscape=True, title_rows=f"{header_row}:{header_row}")

    def list_sheet(self, ws: Worksheet, title: str, headers: Sequence[tuple[str, float]],
                   rows: Sequence[Sequence[object]], landscape: bool = False) -> None:
        width = len(headers)
        self.titles(ws, title, width)
        header_row = 5
        self.table_header(ws, header_row, headers)
        for offset, values in enumerate(rows, start=1):
            r = header_row + offset
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=column)
                if isinstance(value, int):
                    cell.value = value
                    cell.alignment = CELL_CENTER
                else:
                    set_text(cell, "" if value is None else value)
                    cell.alignment = CELL_WRAP_TOP if column > 1 else CELL_CENTER
                cell.border = CELL_BORDER
                cell.font = self.font
        page_setup_for_print(ws, landscape=landscape, title_rows=f"{header_row}:{header_row}")

    def extra_sheet(self, ws: Worksheet) -> None:
        """The figures the unit added to sections: section, figure, unit, this period's value
        (a number the sheet can sum; a rate as its percentage, as the area sheets hold it)."""
        gettext = self.gettext
        headers = [("STT", 6), (gettext("Mục"), 34), (gettext("Số liệu"), 48),
                   (gettext("Đơn vị tính"), 14), (gettext("Kỳ này"), 16)]
        self.titles(ws, gettext("SỐ LIỆU BỔ SUNG CỦA ĐƠN VỊ"), len(headers))
        header_row = 5
        self.table_header(ws, header_row, headers)
        r, counter = header_row, 0
        for heading, rows in extra_blocks(self.context, self.language):
            for row in rows:
                r += 1
                counter += 1
                cells = [ws.cell(row=r, column=c) for c in range(1, len(headers) + 1)]
                cells[0].value = counter
                cells[0].alignment = CELL_CENTER
                set_text(cells[1], heading).alignment = CELL_WRAP_TOP
                set_text(cells[2], row.figure.label).alignment = CELL_WRAP_TOP
                set_text(cells[3], "%" if row.is_rate else row.figure.unit).alignment = CELL_CENTER
                cells[4].value = round(row.value, RATE_DECIMALS if row.is_rate else ENTERED_DECIMALS)
                cells[4].number_format = (spreadsheet_format(RATE_DECIMALS, percent=True)
                                          if row.is_rate else _entered_format(row.value))
                cells[4].alignment = CELL_RIGHT
                for cell in cells:
                    cell.border = CELL_BORDER
                    cell.font = self.font
        page_setup_for_print(ws, landscape=False, title_rows=f"{header_row}:{header_row}")

    def info_sheet(self, ws: Worksheet) -> None:
        report = self.report
        document = report.document
        period = report.period
        signer = report.signer
        gettext, language = self.gettext, self.language
        signed_by = " ".join(p for p in (signer.authority, signer.title, signer.name) if p)
        items = [
            (gettext("Đơn vị"), report.unit.name), (gettext("Mã đơn vị"), report.unit.code),
            (gettext("Cơ quan cấp trên"), report.unit.parent),
            (gettext("Kỳ báo cáo"), period.label_in(language)),
            (gettext("Thời gian lấy số liệu"), gettext("từ {start} đến {end}").format(
                start=short_date(period.start), end=short_date(period.end))),
            (gettext("Hạn gửi báo cáo"), short_date(period.deadline)),
            (gettext("Số văn bản"), number_line(report).removeprefix("Số: ")),
            (gettext("Ngày ban hành"), short_date(document.date)),
            (gettext("Trích yếu"), document.subject),
            (gettext("Người ký"), signed_by),
            (gettext("Trạng thái"), report.status.label_in(language)),
            (gettext("Lần sửa"), str(report.revision)),
            (gettext("Mẫu báo cáo"), f"{self.context.template.title.render(language)} "
                                     f"({report.template_ref})"),
            (gettext("Tạo bởi"), f"CCHC Desktop {__version__}"),
        ]
        self.titles(ws, self.gettext("THÔNG TIN BÁO CÁO"), 2)
        for offset, (key, value) in enumerate(items, start=5):
            key_cell = set_text(ws.cell(row=offset, column=1), key)
            key_cell.font = self.bold
            key_cell.border = CELL_BORDER
            key_cell.alignment = CELL_WRAP_TOP
            value_cell = set_text(ws.cell(row=offset, column=2), value)
            value_cell.font = self.font
            value_cell.border = CELL_BORDER
            value_cell.alignment = CELL_WRAP_TOP
        ws.column_dimensions["A"].width = 26
        ws.column_dimensions["B"].width = 80
        page_setup_for_print(ws, landscape=False, title_rows=None)


def _entered_format(value: Decimal) -> str:
    """The places the unit typed (up to ENTERED_DECIMALS), as the PDF prints the figure."""
    exponent = value.normalize().as_tuple().exponent
    places = min(ENTERED_DECIMALS, max(0, -exponent)) if isinstance(exponent, int) else 0
    return spreadsheet_format(places)


def data_payload(context: ReportContext) -> str:
    """The exchange JSON of the report, compact, as the data sheet stores it."""
    data: dict[str, Any] = checked_exchange_data(context.report, context.template)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:       # lone surrogates from a broken paste: keep them escaped
        text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text


def checksum(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _layout_columns(ws: Worksheet, cells: Sequence[tuple[str, str, str, Decimal | None]]) -> None:
    """Columns D-G of the data sheet: code, sheet, cell and the value written there.

    Outside columns A-B, which hold the checksummed JSON, so a reader that knows nothing
    of them (older versions) is unaffected; see exchange.workbook.visible_differences.
    """
    for row, (code, sheet, reference, value) in enumerate(cells, start=1):
        for column, text in enumerate((code, sheet, reference,
                                       "" if value is None else str(value)), start=LAYOUT_COLUMN):
            set_text(ws.cell(row=row, column=column), text)


def _data_sheet(wb: Workbook, text: str,
                cells: Sequence[tuple[str, str, str, Decimal | None]] = ()) -> None:
    ws = wb.create_sheet(DATA_SHEET)
    chunks = [text[i:i + CHUNK_CHARS] for i in range(0, len(text), CHUNK_CHARS)] or [""]
    header: list[tuple[str, object]] = [
        ("format", DATA_FORMAT), ("version", DATA_VERSION), ("sha256", checksum(text)),
        ("length", len(text)), ("chunks", len(chunks)),
    ]
    for row, (key, value) in enumerate(header, start=1):
        set_text(ws.cell(row=row, column=1), key)
        if isinstance(value, int):
            ws.cell(row=row, column=2).value = value
        else:
            set_text(ws.cell(row=row, column=2), value)
    for offset, chunk in enumerate(chunks):
        row = len(header) + 1 + offset
        set_text(ws.cell(row=row, column=1), "json")
        set_text(ws.cell(row=row, column=2), chunk)
    _layout_columns(ws, cells)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


class _KnownStyles(IndexedList):  # type: ignore[misc]  # openpyxl ships no types
    """A workbook's list of fonts (borders, alignments, fills) that finds again at once a style
    object it was given before.

    openpyxl finds a cell's font in the workbook's list by its hash, worked out field by field
    (and the fields' own fields) at every assignment: with the same few Font, Border and
    Alignment objects set on every cell, that was a third of the workbook's build (55 ms for
    the sample report). The writer never changes a style object once made, so the index the
    list gave an object stays its index; the objects are held so that their ids stay theirs.
    """

    def __init__(self, items: IndexedList) -> None:
        super().__init__(items)
        self._known: dict[int, int] = {}
        self._held: list[object] = []

    def add(self, value: object) -> int:
        index = self._known.get(id(value))
        if index is None:
            index = self._known[id(value)] = super().add(value)
            self._held.append(value)
        return index


def _known_styles(wb: Workbook) -> None:
    for collection in ("_fonts", "_borders", "_alignments", "_fills"):
        setattr(wb, collection, _KnownStyles(getattr(wb, collection)))


def build_workbook(context: ReportContext, progress: Progress | None = None, *,
                   language: Language = DOCUMENT_LANGUAGE) -> Workbook:
    """The workbook in `language` (Vietnamese, as the report it annexes), whatever the UI speaks."""
    writer = _Writer(context, language)
    gettext = language.gettext
    report = context.report
    wb = Workbook()
    _known_styles(wb)
    info = wb.active
    used: set[str] = set()

    def new_name(heading: str) -> str:
        """Whole words within Excel's 31 characters, unlike the other sheets' names."""
        return sheet_name(heading, used, vietnamese=language.code == "vi")

    info.title = new_name(gettext("Thông tin"))
    writer.info_sheet(info)
    area_list = areas(context.template, language)
    for index, area in enumerate(area_list, start=1):
        rows = area_rows(context, area, language)
        if any(row.kind is RowKind.FIGURE for row in rows):
            ws = wb.create_sheet(new_name(area.heading))
            writer.area_sheet(ws, area, rows)
        if progress is not None:
            progress(10 + 60 * index // max(1, len(area_list)))
    narrative = NarrativeSheet(wb.create_sheet(new_name(gettext("Nội dung báo cáo"))), context, language,
                               FONT_NAME, first_row=4)
    if narrative.sections:
        writer.titles(narrative.ws, gettext("NỘI DUNG BÁO CÁO"), narrative.columns)
        narrative.write()
        page_setup_for_print(narrative.ws, landscape=False, title_rows=None)
    else:
        wb.remove(narrative.ws)
    if extra_blocks(context, language):
        writer.extra_sheet(wb.create_sheet(new_name(gettext("Số liệu bổ sung"))))
    if report.tasks:
        writer.list_sheet(
            wb.create_sheet(new_name(gettext("Nhiệm vụ"))), gettext("NHIỆM VỤ TRONG KỲ"),
            [("STT", 6), (gettext("Nhiệm vụ"), 70), (gettext("Tình trạng"), 18)],
            [(i, t.text, t.status.label_in(language)) for i, t in enumerate(report.tasks, start=1)])
    if report.proposals:
        writer.list_sheet(
            wb.create_sheet(new_name(gettext("Kiến nghị"))), gettext("KIẾN NGHỊ, ĐỀ XUẤT"),
            [("TT", 6), (gettext("Đơn vị kiến nghị"), 28), (gettext("Nội dung kiến nghị"), 60),
             (gettext("Đơn vị phụ trách"), 24)],
            [(i, p.from_unit, p.text, p.to) for i, p in enumerate(report.proposals, start=1)],
            landscape=True)
    if report.documents:
        writer.list_sheet(
            wb.create_sheet(new_name(gettext("Văn bản"))),
            gettext("VĂN BẢN CHỈ ĐẠO, ĐIỀU HÀNH ĐÃ BAN HÀNH"),
            [("STT", 6), (gettext("Số, ký hiệu"), 20), (gettext("Ngày ban hành"), 14),
             (gettext("Trích yếu nội dung"), 60)],
            [(i, d.number, short_date(d.date), d.subject)
             for i, d in enumerate(report.documents, start=1)])
    if report.subunits:
        writer.list_sheet(
            wb.create_sheet(new_name(gettext("Đơn vị trực thuộc"))),
            gettext("TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC"),
            [("STT", 6), (gettext("Mã"), 14), (gettext("Đơn vị"), 40), (gettext("Thời điểm nhận"), 18),
             (gettext("Tình trạng"), 16)],
            [(i, s.code, s.name, s.received_at.strftime("%d/%m/%Y %H:%M") if s.received_at
              else "", s.status.label_in(language)) for i, s in enumerate(report.subunits, start=1)])
    _data_sheet(wb, data_payload(context), writer.cells)
    wb.active = 0
    return wb


def write_workbook(context: ReportContext, path: Path, *, progress: Progress | None = None,
                   language: Language = DOCUMENT_LANGUAGE) -> None:
    """Write the Excel annex and exchange file to `path` (atomically), in `language`."""
    if progress is not None:
        progress(0)
    wb = build_workbook(context, progress, language=language)
    buffer = io.BytesIO()
    wb.save(buffer)
    if progress is not None:
        progress(90)
    atomic_write_bytes(Path(path), buffer.getvalue())
    if progress is not None:
        progress(100)
