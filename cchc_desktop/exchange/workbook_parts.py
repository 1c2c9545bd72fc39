"""The app's workbook as a package of XML parts, read directly, never through openpyxl.

The hidden data sheet's name, format and versions are shared with the writer
(documents/workbook.py), as is the column where the figures' layout starts. Parts are
parsed with defusedxml (no entities, no external references) and no formula is ever
evaluated: the readers of the hidden data (workbook.py) and of the visible sheets
(workbook_visible.py) both go through here.
"""

from __future__ import annotations

import zipfile
from typing import Any

DATA_SHEET = "_cchc_data"
DATA_FORMAT = "cchc-report-workbook"
SUPPORTED_VERSIONS = (1,)
LAYOUT_COLUMN = 4                   # D: code, E: sheet, F: cell, G: value written

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def xml_part(archive: zipfile.ZipFile, part: str) -> Any:
    """Parse one part of the package with defusedxml: no entities, no external references."""
    from defusedxml.ElementTree import fromstring  # start-up: xml (~5 ms) only when a workbook is read

    return fromstring(archive.read(part), forbid_dtd=True)


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
