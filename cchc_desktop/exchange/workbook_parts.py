"""The app's workbook as a package of XML parts, read directly, never through openpyxl.

The hidden data sheet's name, format and versions are shared with the writer
(documents/workbook.py), as is the column where the figures' layout starts. No formula is ever
evaluated: the readers of the hidden data (workbook.py) and of the visible sheets
(workbook_visible.py) both go through here. Parts are parsed with the C parser once expat
has read the prolog and found no DTD (parse_part): defusedxml's pure-Python tree builder
took most of the time of a consolidation. Each part is decompressed once, within the size
the checked directory states, and its CRC checked as it is read (member).
"""

from __future__ import annotations

import contextlib
import weakref
import zipfile
import zlib
from typing import Any

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.i18n import _

DATA_SHEET = "_cchc_data"
DATA_FORMAT = "cchc-report-workbook"
SUPPORTED_VERSIONS = (1,)
LAYOUT_COLUMN = 4                   # D: code, E: sheet, F: cell, G: value written

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class DamagedPart(Exception):
    """A member of the package that does not decompress to what its directory says."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part

    def refusal(self, name: str) -> ReportError:
        return ReportError(_("Tệp {name} bị hỏng (thành phần {part} sai mã kiểm tra).").format(
            name=name, part=self.part))


def member(archive: zipfile.ZipFile, part: str) -> bytes:
    """One member, decompressed within its stated size; its CRC checked by zipfile."""
    try:
        return archive.read(part)
    except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError) as exc:
        raise DamagedPart(part) from exc


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
    # the XML parsers load only when a workbook's parts are read
    import pyexpat
    from xml.etree.ElementTree import fromstring

    guard = pyexpat.ParserCreate()
    guard.StartDoctypeDeclHandler = _refuse_dtd
    guard.EntityDeclHandler = _refuse_dtd
    guard.StartElementHandler = _stop
    with contextlib.suppress(_Prolog):
        guard.Parse(data, True)
    return fromstring(data)


# Each open package's parts, parsed once: the data sheet serves the hidden data and the
# comparison with the visible sheets (read_workbook_and_differences opens the file once).
_PARSED: weakref.WeakKeyDictionary[zipfile.ZipFile, dict[str, Any]] = weakref.WeakKeyDictionary()


def xml_part(archive: zipfile.ZipFile, part: str) -> Any:
    """One part of the package parsed (parse_part: no DTD, entities or external references),
    decompressed and CRC-checked once (member) for as long as the archive is open."""
    parsed = _PARSED.setdefault(archive, {})
    if part not in parsed:
        parsed[part] = parse_part(member(archive, part))
    return parsed[part]


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings a cell of type "s" points into."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    return ["".join(t.text or "" for t in item.iter(f"{MAIN}t"))
            for item in xml_part(archive, "xl/sharedStrings.xml").iter(f"{MAIN}si")]


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Every sheet's name and the package part that holds it."""
    workbook = xml_part(archive, "xl/workbook.xml")
    relations = {str(item.get("Id")): str(item.get("Target", "")) for item in xml_part(
        archive, "xl/_rels/workbook.xml.rels").iter(f"{PACKAGE_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{MAIN}sheet"):
        target = relations.get(str(sheet.get(f"{REL}id")), "")
        if target:
            parts[str(sheet.get("name"))] = (target.lstrip("/") if target.startswith("/")
                                             else f"xl/{target}")
    return parts
