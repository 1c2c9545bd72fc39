"""Reading a report back from the Excel workbook the app exports.

The workbook carries the exchange JSON in its hidden sheet `_cchc_data` (see
cchc_desktop.documents.workbook), with the text's length and SHA-256. Reading checks
that the file is a real .xlsx of a sane size before opening it (zip bombs), opens it
read-only without evaluating anything, verifies the checksum and parses the JSON
with the same strict reader as a .json file. Every failure is a ReportError naming
the file in a sentence the clerk can act on.

Comparing the visible sheets with the hidden data is workbook_visible.py's job; the
package's parts are read through workbook_parts.py. Both modules' names stay importable
from here.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.number_domain import parse_number
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.exchange.json_format import parse_exchange, report_from_dict
from cchc_desktop.exchange.workbook_parts import (
    DATA_FORMAT,
    DATA_SHEET,
    LAYOUT_COLUMN,
    MAIN,
    PACKAGE_REL,
    REL,
    SUPPORTED_VERSIONS,
    DamagedPart,
    shared_strings,
    xml_part,
)
from cchc_desktop.exchange.workbook_visible import (
    MAX_LAYOUT_ROWS,
    VisibleDifference,
    differences_in,
    take_visible,
    visible_differences,
)
from cchc_desktop.i18n import _
from cchc_desktop.reading import (
    MAX_WORKBOOK_BYTES,
    WORKBOOK_ZIP,
    ZipLimits,
    check_size,
    check_zip_directory,
    open_input,
)

# The caps live in cchc_desktop.reading; the names stay for the tests that lower them.
MAX_FILE_BYTES = MAX_WORKBOOK_BYTES
MAX_UNCOMPRESSED_BYTES = WORKBOOK_ZIP.max_total
MAX_MEMBERS = WORKBOOK_ZIP.max_members
MAX_RATIO = WORKBOOK_ZIP.max_ratio
MAX_DATA_ROWS = 2_000             # 2,000 chunks of 16,000 characters: 32 M characters
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")

# The names this module always offered, wherever they live now.
__all__ = ["DATA_FORMAT", "DATA_SHEET", "LAYOUT_COLUMN", "MAX_DATA_ROWS", "MAX_FILE_BYTES",
           "MAX_LAYOUT_ROWS", "MAX_MEMBERS", "MAX_RATIO", "MAX_UNCOMPRESSED_BYTES", "SUPPORTED_VERSIONS",
           "VisibleDifference", "WorkbookChecksumError", "read_workbook", "take_visible",
           "visible_differences"]


class WorkbookChecksumError(ReportError):
    """The data sheet does not match its checksum: edited outside the app, or damaged."""


def _check_container(path: Path, content: bytes | None = None) -> io.BytesIO:
    """The workbook's bytes (read once from a checked regular file, or `content` already read
    that way), its zip directory checked.

    The members are not all decompressed here: each one the reader takes (the workbook,
    its relations, the strings, the data sheet, the compared sheets) is decompressed once,
    bounded by the directory checked here, and zipfile checks its CRC as it is read
    (_member): a damaged part is refused when read, and a part never read cannot change
    what is taken.
    """
    name = path.name
    if content is None:
        data = open_input(path, MAX_FILE_BYTES)
    else:
        data = io.BytesIO(check_size(path, content, MAX_FILE_BYTES))
    size = len(data.getbuffer())
    head = data.getvalue()[:8]
    if size == 0:
        raise ReportError(_("Tệp {name} rỗng (0 byte): có thể chép hoặc tải về chưa xong.").format(
            name=name))
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTION_INFO in data.getvalue():
            raise ReportError(_(
                "Tệp {name} được đặt mật khẩu (mã hóa) nên ứng dụng không đọc được. Hãy mở tệp "
                "bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại.").format(
                name=name))
        raise ReportError(_(
            "Tệp {name} là tệp Excel 97-2003 (.xls), không phải sổ làm việc .xlsx do ứng dụng "
            "xuất ra.").format(name=name))
    if not head.startswith(_ZIP_MAGIC):
        raise ReportError(_("Tệp {name} không phải là sổ làm việc Excel (.xlsx).").format(name=name))
    try:
        with zipfile.ZipFile(data) as archive:
            # The directory's claims first: nothing is decompressed from a bomb.
            check_zip_directory(archive, name, ZipLimits(
                MAX_MEMBERS, MAX_UNCOMPRESSED_BYTES, WORKBOOK_ZIP.max_member, MAX_RATIO))
            names = {member.filename for member in archive.infolist()}
            if "xl/workbook.xml" not in names:
                raise ReportError(_("Tệp {name} không phải là sổ làm việc Excel (.xlsx).").format(
                    name=name))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError,
            OSError, zlib.error) as exc:
        raise ReportError(_(
            "Tệp {name} bị hỏng hoặc không trọn vẹn (có thể chép hoặc tải về chưa xong). Hãy xin "
            "lại tệp gốc.").format(name=name)) from exc
    data.seek(0)
    return data


def _data_sheet_part(archive: zipfile.ZipFile) -> str | None:
    workbook = xml_part(archive, "xl/workbook.xml")
    relation = None
    for sheet in workbook.iter(f"{MAIN}sheet"):
        if sheet.get("name") == DATA_SHEET:
            relation = sheet.get(f"{REL}id")
    if relation is None:
        return None
    for item in xml_part(archive, "xl/_rels/workbook.xml.rels").iter(f"{PACKAGE_REL}Relationship"):
        if item.get("Id") == relation:
            target = str(item.get("Target", ""))
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _cell_value(cell: Any, strings: list[str], name: str) -> Any:
    if cell.find(f"{MAIN}f") is not None:
        # A formula in the data sheet is never ours: refuse it rather than read or run it.
        raise ReportError(_("Tệp {name}: phần dữ liệu chứa công thức; tệp đã bị sửa bên ngoài "
                            "ứng dụng.").format(name=name))
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t"))
    value = cell.find(f"{MAIN}v")
    text = value.text if value is not None else None
    if text is None:
        return None
    if kind == "s":
        if not (text.isascii() and text.isdigit() and len(text) <= 9):
            raise ReportError(_("Tệp {name} bị hỏng: không đọc được phần dữ liệu.").format(name=name))
        return strings[int(text)]
    if kind in ("str", "e", "b"):
        return text
    return _header_number(text)


def _header_number(text: str) -> int | str:
    """A numeric cell of the data sheet (version, length, chunks): a small whole number.

    Anything else is kept as its text, so that the header no longer matches and the
    checksum refuses the file; never int() or arithmetic on a number of unchecked size
    (int(Decimal('1e999999999')) would build a billion-digit integer).
    """
    try:
        number = parse_number(text)
    except ValueError:
        return text[:40]
    if number != number.to_integral_value():
        return text[:40]
    return int(number)


def _read_data_rows(path: Path, content: io.BytesIO | None = None) -> list[tuple[Any, Any]]:
    """Columns A and B of the hidden data sheet, read straight from the package.

    Opening the whole workbook with openpyxl costs ~30 ms a file (every sheet and style
    is parsed); a province consolidating hundreds of files only needs this one sheet.
    """
    with zipfile.ZipFile(content or path) as archive:
        return _data_rows(path.name, archive)


def _data_rows(name: str, archive: zipfile.ZipFile) -> list[tuple[Any, Any]]:
    try:
        part = _data_sheet_part(archive)
        if part is None or part not in archive.namelist():
            raise ReportError(_(
                "Tệp {name} không có phần dữ liệu của ứng dụng (trang tính ẩn {sheet}): có thể "
                "không phải tệp do CCHC Desktop xuất ra, hoặc đã được lưu lại bằng chương trình "
                "khác làm mất phần này.").format(name=name, sheet=DATA_SHEET))
        strings = shared_strings(archive)
        rows: dict[int, list[Any]] = {}
        for cell in xml_part(archive, part).iter(f"{MAIN}c"):
            reference = str(cell.get("r", ""))
            column, row_text = reference[:1], reference[1:]
            if column not in ("A", "B") or not (row_text.isascii() and row_text.isdigit()
                                                and len(row_text) <= 7):
                continue
            if len(rows) >= MAX_DATA_ROWS + 5:
                raise ReportError(_("Tệp {name}: phần dữ liệu quá lớn.").format(name=name))
            rows.setdefault(int(row_text), [None, None])[column == "B"] = _cell_value(
                cell, strings, name)
    except ReportError:
        raise
    except DamagedPart as exc:
        raise exc.refusal(name) from exc
    except Exception as exc:  # a DTD refused, broken XML, bad indexes: all "damaged"
        raise ReportError(_("Tệp {name} bị hỏng: không đọc được phần dữ liệu ({detail}).").format(
            name=name, detail=type(exc).__name__)) from exc
    return [(rows[row][0], rows[row][1]) for row in sorted(rows)]


def _payload(path: Path, rows: list[tuple[Any, Any]]) -> str:
    name = path.name
    header = {str(key): value for key, value in rows[:5] if key is not None}
    chunks = [value for key, value in rows[5:] if key == "json"]
    if header.get("format") != DATA_FORMAT:
        raise ReportError(_("Tệp {name}: trang tính {sheet} không đúng định dạng của ứng dụng."
                            ).format(name=name, sheet=DATA_SHEET))
    if header.get("version") not in SUPPORTED_VERSIONS:
        raise ReportError(_("Tệp {name} được tạo bởi phiên bản mới hơn của ứng dụng (định dạng "
                            "dữ liệu {version}); hãy cập nhật ứng dụng.").format(
            name=name, version=header.get("version")))
    text = "".join("" if chunk is None else str(chunk) for chunk in chunks)
    expected = str(header.get("sha256") or "").strip().lower()
    actual = hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()
    if (header.get("chunks") != len(chunks) or header.get("length") != len(text)
            or actual != expected):
        raise WorkbookChecksumError(_(
            "Tệp {name}: dữ liệu trong trang tính ẩn không khớp mã kiểm tra SHA-256. Tệp đã bị "
            "sửa bên ngoài ứng dụng hoặc bị hỏng; hãy xin đơn vị gửi lại tệp gốc.").format(
            name=name))
    return text


def read_workbook(path: Path, registry: TemplateRegistry | None = None, *,
                  content: bytes | None = None) -> tuple[Report, Template]:
    """The report carried by a workbook exported by the app (`content`: its bytes, if the
    caller has read them already with cchc_desktop.reading)."""
    report, template, _differences = read_workbook_and_differences(path, registry, content=content,
                                                                   compare=False)
    return report, template


def read_workbook_and_differences(path: Path, registry: TemplateRegistry | None = None, *,
                                  content: bytes | None = None, compare: bool = True,
                                  ) -> tuple[Report, Template, list[VisibleDifference]]:
    """The report and, when `compare`, where its visible sheets differ from it: the package
    opened once and each part parsed once (workbook_parts.xml_part) for both."""
    path = Path(path)
    checked = _check_container(path, content)
    with zipfile.ZipFile(checked) as archive:
        # Structure and checksum first; only a payload that is exactly what was written is read.
        text = _payload(path, _data_rows(path.name, archive))
        report, template = report_from_dict(parse_exchange(text, path.name), path.name, registry)
        differences = differences_in(archive, path.name, report, template) if compare else []
    return report, template, differences
