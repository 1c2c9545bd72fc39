"""The first lines of an administrative document as text (Decree 30/2020/NĐ-CP, Appendix I):
the issuing body under its superior, "Số: 05/BC-UBND", the place and date.

Text only, without reportlab: the PDF's header (documents/header.py) draws these lines, and
the workbook's information sheet prints the number with no PDF library loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.domain.admin_units import official_unit
from cchc_desktop.domain.formatting import date_line, document_number
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL, Report

_UBND = re.compile(r"^(?:ủy|uỷ) ban nhân dân(?:\s+|$)", re.IGNORECASE)
_HDND = re.compile(r"(?:hội đồng nhân dân)", re.IGNORECASE)
_UBND_ANYWHERE = re.compile(r"(?:ủy|uỷ) ban nhân dân", re.IGNORECASE)


@dataclass(frozen=True)
class IssuingBody:
    superior: list[str]     # caps, not bold; empty when the body issues in its own name
    body: list[str]         # caps, bold


def issuing_body(report: Report) -> IssuingBody:
    """The left lines of the header, from the report's unit.

    A unit with an official code (a commune, ward, special zone, province) prints its
    official name: 'ỦY BAN NHÂN DÂN' / 'PHƯỜNG CAO LÃNH', whatever spelling was typed.
    Otherwise the typed name is read:
    'Ủy ban nhân dân xã Mỹ An' issues its own report: 'ỦY BAN NHÂN DÂN' / 'XÃ MỸ AN'
    with no superior line. Any other unit ('Phòng Nội vụ') sits under its parent,
    abbreviated as the decree allows: 'UBND HUYỆN LAI VUNG'.
    """
    official = official_unit(report.unit.code, report.period.end) if report.unit.code.isdigit() else None
    if official is not None:
        # An official code: the committee of that unit, named as in the list of the period.
        return IssuingBody([], ["ỦY BAN NHÂN DÂN", vi_upper(nfc(official.full_name))])
    name = " ".join(nfc(report.unit.name).split())
    match = _UBND.match(name)
    if match:
        rest = name[match.end():]
        return IssuingBody([], ["ỦY BAN NHÂN DÂN", vi_upper(rest)] if rest else ["ỦY BAN NHÂN DÂN"])
    parent = " ".join(nfc(report.unit.parent).split())
    superior = []
    if parent:
        short = _UBND_ANYWHERE.sub("UBND", parent)
        short = _HDND.sub("HĐND", short)
        superior = [vi_upper(short)]
    return IssuingBody(superior, [vi_upper(name)])


def place_and_date(report: Report) -> str:
    """'Mỹ An, ngày 17 tháng 3 năm 2026'; without a date, blanks for the hand to fill."""
    place = nfc(report.document.place).strip()
    if report.document.date is not None:
        return nfc(date_line(place, report.document.date))
    blank = "\u00a0" * 6
    line = f"ngày{blank}tháng{blank}năm {report.period.end.year}"
    return f"{place}, {line}" if place else line


def number_line(report: Report) -> str:
    return nfc(document_number(report.document.number, report.document.symbol or DEFAULT_DOC_SYMBOL))
