"""Reading a report back from the Excel workbook the app exports.

The workbook carries the exchange JSON in its hidden sheet `_cchc_data` (see
cchc_desktop.documents.workbook), with the text's length and SHA-256. Reading checks
that the file is a real .xlsx of a sane size before opening it (zip bombs), opens it
read-only without evaluating anything, verifies the checksum and parses the JSON
with the same strict reader as a .json file. Every failure is a ReportError naming
the file in a sentence the clerk can act on.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.number_domain import parse_number
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.exchange.json_format import parse_exchange, report_from_dict
from cchc_desktop.i18n import _
from cchc_desktop.reading import (
    MAX_WORKBOOK_BYTES,
    WORKBOOK_ZIP,
    ZipLimits,
    check_size,
    check_zip_directory,
    open_input,
)

DATA_SHEET = "_cchc_data"
DATA_FORMAT = "cchc-report-workbook"
SUPPORTED_VERSIONS = (1,)
# The caps live in cchc_desktop.reading; the names stay for the tests that lower them.
MAX_FILE_BYTES = MAX_WORKBOOK_BYTES
MAX_UNCOMPRESSED_BYTES = WORKBOOK_ZIP.max_total
MAX_MEMBERS = WORKBOOK_ZIP.max_members
MAX_RATIO = WORKBOOK_ZIP.max_ratio
MAX_DATA_ROWS = 2_000             # 2,000 chunks of 16,000 characters: 32 M characters
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


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


class _DamagedPart(Exception):
    """A member of the package that does not decompress to what its directory says."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part

    def refusal(self, name: str) -> ReportError:
        return ReportError(_("Tệp {name} bị hỏng (thành phần {part} sai mã kiểm tra).").format(
            name=name, part=self.part))


def _member(archive: zipfile.ZipFile, part: str) -> bytes:
    """One member, decompressed within its stated size; its CRC checked by zipfile."""
    try:
        return archive.read(part)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise _DamagedPart(part) from exc


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class _Prolog(Exception):
    """The first element is reached: the prolog had no document type declaration."""


class DTDForbidden(ValueError):
    """A package part with a DTD: never one Excel or the app wrote (entity bombs, XXE)."""


def _refuse_dtd(*_args: Any) -> None:
    raise DTDForbidden("DTD")


def _stop(*_args: Any) -> None:
    raise _Prolog


def parse_part(data: bytes) -> Any:
    """One XML part of the package: no DTD, hence no entity and no external reference.

    A DTD can only come before the first element (XML's grammar; expat enforces it), so
    expat reads the prolog alone to refuse one, and stops at the first element; the C
    ElementTree parser (the same expat, the same bytes) then builds the tree. The same
    protection as defusedxml's forbid_dtd, at the cost of the C parser: defusedxml's
    pure-Python tree builder took most of the reading time of a consolidation.
    """
    import pyexpat
    from xml.etree.ElementTree import fromstring

    guard = pyexpat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse_dtd
    guard.EntityDeclHandler = _refuse_dtd
    guard.StartElementHandler = _stop
    with contextlib.suppress(_Prolog):
        guard.Parse(data, True)
    return fromstring(data)


def _xml(archive: zipfile.ZipFile, part: str) -> Any:
    """Parse one part of the package (parse_part): no DTD, entities or external references."""
    return parse_part(_member(archive, part))


def _data_sheet_part(archive: zipfile.ZipFile) -> str | None:
    workbook = _xml(archive, "xl/workbook.xml")
    relation = None
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        if sheet.get("name") == DATA_SHEET:
            relation = sheet.get(f"{_REL}id")
    if relation is None:
        return None
    for item in _xml(archive, "xl/_rels/workbook.xml.rels").iter(f"{_PACKAGE_REL}Relationship"):
        if item.get("Id") == relation:
            target = str(item.get("Target", ""))
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    return ["".join(t.text or "" for t in item.iter(f"{_MAIN}t"))
            for item in _xml(archive, "xl/sharedStrings.xml").iter(f"{_MAIN}si")]


def _cell_value(cell: Any, strings: list[str], name: str) -> Any:
    if cell.find(f"{_MAIN}f") is not None:
        # A formula in the data sheet is never ours: refuse it rather than read or run it.
        raise ReportError(_("Tệp {name}: phần dữ liệu chứa công thức; tệp đã bị sửa bên ngoài "
                            "ứng dụng.").format(name=name))
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_MAIN}t"))
    value = cell.find(f"{_MAIN}v")
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
        return _Package(path, archive).data_rows()


class _Package:
    """An open workbook whose parts are parsed once: the data sheet serves both the hidden
    data and the comparison with the visible sheets."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self._parsed: dict[str, Any] = {}
        self._strings: list[str] | None = None

    def xml(self, part: str) -> Any:
        if part not in self._parsed:
            self._parsed[part] = _xml(self.archive, part)
        return self._parsed[part]

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = _shared_strings(self.archive)
        return self._strings

    def data_rows(self) -> list[tuple[Any, Any]]:
        name = self.path.name
        archive = self.archive
        try:
            part = _data_sheet_part(archive)
            if part is None or part not in archive.namelist():
                raise ReportError(_(
                    "Tệp {name} không có phần dữ liệu của ứng dụng (trang tính ẩn {sheet}): có thể "
                    "không phải tệp do CCHC Desktop xuất ra, hoặc đã được lưu lại bằng chương trình "
                    "khác làm mất phần này.").format(name=name, sheet=DATA_SHEET))
            strings = self.strings()
            rows: dict[int, list[Any]] = {}
            for cell in self.xml(part).iter(f"{_MAIN}c"):
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
        except _DamagedPart as exc:
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
    opened and each part parsed once (see visible_differences)."""
    path = Path(path)
    checked = _check_container(path, content)
    with zipfile.ZipFile(checked) as archive:
        package = _Package(path, archive)
        # Structure and checksum first; only a payload that is exactly what was written is read.
        text = _payload(path, package.data_rows())
        report, template = report_from_dict(parse_exchange(text, path.name), path.name, registry)
        differences = _differences(package, report, template) if compare else []
    return report, template, differences


# ------------------------------------------------------------------ visible sheets vs hidden data
# Kept apart from the hidden-data reading above: this part only compares, it never changes
# what the hidden data says. The writer records in columns D-G of the data sheet where each
# figure went and what it wrote (cchc_desktop.documents.workbook); a workbook from before that
# has no such columns and is not compared.

LAYOUT_COLUMN = 4                   # D: code, E: sheet, F: cell, G: value written
_LAYOUT_LETTERS = "DEFG"
MAX_LAYOUT_ROWS = 20_000


@dataclass(frozen=True)
class VisibleDifference:
    """One figure whose visible cell no longer says what the hidden data says."""

    code: str
    label: str
    sheet: str
    cell: str
    hidden: Decimal | None           # the figure in the hidden data (what the app wrote)
    visible: Decimal | None          # the number now in the cell, when it is one
    visible_text: str                # what the cell holds, as text: "9999", "=SUM(D6:D8)", ""
    formula: bool = False            # a formula typed in the cell: never evaluated
    derived: bool = False            # a figure the app computes (a rate, a total)

    @property
    def choosable(self) -> bool:
        """Can the visible value be taken instead? Not a formula, not a computed figure, not text."""
        return not self.formula and not self.derived and (self.visible is not None
                                                          or self.visible_text == "")

    @property
    def refusal(self) -> str:
        """Why the visible value cannot be taken (empty when it can)."""
        if self.formula:
            return _("ô {cell} chứa công thức {formula}: ứng dụng không tính công thức; hãy gõ lại "
                     "số liệu.").format(cell=self.place, formula=self.visible_text)
        if self.derived:
            return _("là chỉ tiêu tính tự động, không lấy từ trang tính.")
        if not self.choosable:
            return _("ô {cell} không chứa số ({text}).").format(cell=self.place,
                                                                text=self.visible_text)
        return ""

    @property
    def place(self) -> str:
        return f"'{self.sheet}'!{self.cell}"

    def line(self) -> str:
        """One line for a warning: code, label, both values."""
        hidden = "" if self.hidden is None else format_number(self.hidden, 3)
        visible = self.visible_text if self.visible is None else format_number(self.visible, 3)
        return _("{label} [{code}] ({place}): dữ liệu ẩn {hidden}, trang tính {visible}").format(
            label=self.label, code=self.code, place=self.place, hidden=hidden or _("(trống)"),
            visible=visible or _("(trống)"))


def _sheet_parts(package: _Package) -> dict[str, str]:
    """Every sheet's name and the package part that holds it."""
    workbook = package.xml("xl/workbook.xml")
    relations = {str(item.get("Id")): str(item.get("Target", "")) for item in package.xml(
        "xl/_rels/workbook.xml.rels").iter(f"{_PACKAGE_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = relations.get(str(sheet.get(f"{_REL}id")), "")
        if target:
            parts[str(sheet.get("name"))] = (target.lstrip("/") if target.startswith("/")
                                             else f"xl/{target}")
    return parts


def _raw_cells(package: _Package, part: str, strings: list[str], wanted: set[str] | None,
               ) -> dict[str, tuple[str, bool]]:
    """Cells of one sheet as (text, is_formula): a formula's text, never its result."""
    cells: dict[str, tuple[str, bool]] = {}
    for cell in package.xml(part).iter(f"{_MAIN}c"):
        reference = str(cell.get("r", ""))
        if wanted is not None and reference not in wanted:
            continue
        formula = cell.find(f"{_MAIN}f")
        if formula is not None:
            cells[reference] = ("=" + (formula.text or ""), True)
            continue
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            cells[reference] = ("".join(t.text or "" for t in cell.iter(f"{_MAIN}t")), False)
            continue
        value = cell.find(f"{_MAIN}v")
        text = value.text if value is not None and value.text is not None else ""
        if kind == "s" and text.isdigit() and int(text) < len(strings):
            text = strings[int(text)]
        cells[reference] = (text, False)
    return cells


def _as_number(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip())
    except ArithmeticError:
        return None
    # Bounded: a cell of the workbook is a figure, not a 10**999999 exponent.
    return number if number.is_finite() and abs(number.adjusted()) < 30 else None


def _same(visible: Decimal, hidden: Decimal | None) -> bool:
    """Equal as Excel keeps numbers: a cell is a binary double (about 15 significant digits),
    so a rate written as 99.50980392156862745 comes back as 99.50980392156863."""
    if hidden is None:
        return False
    return abs(visible - hidden) <= Decimal("1e-12") * max(Decimal(1), abs(hidden))


def visible_differences(path: Path, report: Report, template: Template) -> list[VisibleDifference]:
    """Figures whose visible cell differs from the hidden data: retyped, cleared or a formula.

    Call after read_workbook succeeded (the container is checked and the data is whole).
    """
    path = Path(path)
    with zipfile.ZipFile(_check_container(path)) as archive:
        return _differences(_Package(path, archive), report, template)


def _differences(package: _Package, report: Report, template: Template) -> list[VisibleDifference]:
    name = package.path.name
    archive = package.archive
    try:
        parts = _sheet_parts(package)
        data_part = parts.get(DATA_SHEET)
        if data_part is None or data_part not in archive.namelist():
            return []
        strings = package.strings()
        layout_rows: dict[int, dict[str, str]] = {}
        for reference, (text, _formula) in _raw_cells(package, data_part, strings, None).items():
            column, row_text = reference[:1], reference[1:]
            if column in _LAYOUT_LETTERS and row_text.isdigit():
                if len(layout_rows) > MAX_LAYOUT_ROWS:
                    raise ReportError(_("Tệp {name}: phần dữ liệu quá lớn.").format(name=name))
                layout_rows.setdefault(int(row_text), {})[column] = text
        wanted: dict[str, set[str]] = {}
        layout = []
        for row in sorted(layout_rows):
            entry = layout_rows[row]
            code, sheet, cell = entry.get("D", ""), entry.get("E", ""), entry.get("F", "")
            if code and sheet in parts and cell:
                layout.append((code, sheet, cell, entry.get("G", "")))
                wanted.setdefault(sheet, set()).add(cell)
        visible = {sheet: _raw_cells(package, parts[sheet], strings, cells)
                   for sheet, cells in wanted.items() if parts[sheet] in archive.namelist()}
    except ReportError:
        raise
    except _DamagedPart as exc:
        raise exc.refusal(name) from exc
    except Exception as exc:  # broken XML in a visible sheet: the hidden data stays readable
        raise ReportError(_("Tệp {name} bị hỏng: không đọc được các trang tính ({detail}).").format(
            name=name, detail=type(exc).__name__)) from exc
    found = []
    for code, sheet, cell, written in layout:
        indicator = template.indicators.get(code)
        if indicator is None:
            continue
        text, formula = visible.get(sheet, {}).get(cell, ("", False))
        hidden = _as_number(written) if written else None
        if not indicator.derived and code in report.values:
            hidden = report.values[code]
        number = None if formula else _as_number(text)
        if not formula and (_same(number, hidden) if number is not None else
                            hidden is None and text.strip() in ("", "-")):
            continue
        found.append(VisibleDifference(code, indicator.full_label, sheet, cell, hidden, number,
                                       text, formula=formula, derived=indicator.derived))
    return found


def take_visible(report: Report, template: Template, differences: list[VisibleDifference],
                 codes: set[str] | frozenset[str]) -> Report:
    """The report with the visible value of each figure in `codes`; the others keep the hidden.

    Raises ReportError when a chosen figure cannot be taken (a formula, a computed figure,
    text, or a value the figure does not allow): the clerk must retype it.
    """
    from dataclasses import replace

    from cchc_desktop.domain.values import value_problem

    values = dict(report.values)
    problems = []
    for difference in differences:
        if difference.code not in codes:
            continue
        if not difference.choosable:
            problems.append(f"{difference.label}: {difference.refusal}")
            continue
        if difference.visible is None:
            values.pop(difference.code, None)
            continue
        problem = value_problem(template.indicators[difference.code], difference.visible)
        if problem:
            problems.append(_("{label}: số {value} trên trang tính {problem}.").format(
                label=difference.label, value=difference.visible_text, problem=problem))
            continue
        values[difference.code] = difference.visible
    if problems:
        raise ReportError(_("Không lấy được số liệu trên trang tính: {problems}").format(
            problems="; ".join(problems)))
    return replace(report, values=values)
