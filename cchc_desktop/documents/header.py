"""The first lines of an administrative document (Decree 30/2020/NĐ-CP, Appendix I).

Two columns without borders, about 40% and 60% of the text width. Left: the
superior body (caps, not bold), the issuing body (caps, bold) with a short rule under
it, then "Số: 05/BC-UBND". Right: the national title, the motto with a rule exactly as
long as the motto, then the place and date in italics on the line of "Số:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cchc_desktop.documents import fonts
from cchc_desktop.documents.text import nfc, vi_upper
from cchc_desktop.domain.admin_units import official_unit
from cchc_desktop.domain.formatting import date_line, document_number
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL, Report

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

LEFT_SHARE = 0.4
AGENCY_SIZE = 12        # superior and issuing body, 12-13 pt
NATIONAL_SIZE = 12      # national title, 12-13 pt
MOTTO_SIZE = 13         # motto, 13-14 pt
NUMBER_SIZE = 13        # "Số:", 13 pt
DATE_SIZE = 14          # place and date, 13-14 pt, italic
RULE_SHARE = 0.45       # rules under the issuing body and the subject: 1/3-1/2 of the text
LINE_WIDTH = 0.6

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


class DocumentHeader(Flowable):  # type: ignore[misc]
    """The two-column header drawn at exact positions (rules need exact text widths)."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.body = issuing_body(report)
        self.number = number_line(report)
        self.date = place_and_date(report)
        self._layout: list[tuple[str, str, float, float, float]] = []   # text, font, size, x, y
        self._rules: list[tuple[float, float, float]] = []              # x1, x2, y
        self._height = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._compute(avail_width)
        return avail_width, self._height

    def _compute(self, width: float) -> None:
        left_w = width * LEFT_SHARE
        right_w = width - left_w
        left_c = left_w / 2
        right_c = left_w + right_w / 2
        layout: list[tuple[str, str, float, float, float]] = []
        rules: list[tuple[float, float, float]] = []

        def lines(text: str, font: str, size: float, column: float) -> list[str]:
            return simpleSplit(text, font, size, column - 2 * mm) or [""]

        # Left column, y measured downwards from the top as baselines.
        y = 0.0
        step = AGENCY_SIZE * 1.2
        for text in self.body.superior:
            for line in lines(text, fonts.REGULAR, AGENCY_SIZE, left_w):
                y += step
                layout.append((line, fonts.REGULAR, AGENCY_SIZE, left_c, y))
        widest = 0.0
        for text in self.body.body:
            for line in lines(text, fonts.BOLD, AGENCY_SIZE, left_w):
                y += step
                layout.append((line, fonts.BOLD, AGENCY_SIZE, left_c, y))
                widest = max(widest, stringWidth(line, fonts.BOLD, AGENCY_SIZE))
        left_rule_y = y + 7
        half = widest * RULE_SHARE / 2
        rules.append((left_c - half, left_c + half, left_rule_y))

        # Right column.
        ry = NATIONAL_SIZE * 1.2
        layout.append((NATIONAL_TITLE, fonts.BOLD, NATIONAL_SIZE, right_c, ry))
        ry += MOTTO_SIZE * 1.2
        layout.append((MOTTO, fonts.BOLD, MOTTO_SIZE, right_c, ry))
        motto_half = stringWidth(MOTTO, fonts.BOLD, MOTTO_SIZE) / 2
        right_rule_y = ry + 7
        rules.append((right_c - motto_half, right_c + motto_half, right_rule_y))

        # "Số:" and the date on one line under both rules.
        base = max(left_rule_y, right_rule_y) + 8 + DATE_SIZE
        layout.append((self.number, fonts.REGULAR, NUMBER_SIZE, left_c, base))
        date_size: float = DATE_SIZE
        while date_size > 11 and stringWidth(self.date, fonts.ITALIC, date_size) > right_w - 2 * mm:
            date_size -= 0.5
        layout.append((self.date, fonts.ITALIC, date_size, right_c, base))
        self._height = base + 4
        self._layout = layout
        self._rules = rules

    def draw(self) -> None:
        canvas = self.canv
        top = self._height
        for text, font, size, x, y in self._layout:
            canvas.setFont(font, size)
            canvas.drawCentredString(x, top - y, text)
        canvas.setLineWidth(LINE_WIDTH)
        for x1, x2, y in self._rules:
            canvas.line(x1, top - y, x2, top - y)


class CentredRule(Flowable):  # type: ignore[misc]
    """A solid rule centred on the text width (under the subject of the document)."""

    def __init__(self, length: float, space_before: float = 2, space_after: float = 0) -> None:
        super().__init__()
        self.length = length
        self.space_before = space_before
        self.space_after = space_after
        self._width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._width = avail_width
        return avail_width, self.space_before + self.space_after + LINE_WIDTH

    def draw(self) -> None:
        x1 = (self._width - self.length) / 2
        y = self.space_after
        self.canv.setLineWidth(LINE_WIDTH)
        self.canv.line(x1, y, x1 + self.length, y)


def subject_rule_length(subject: str, font: str, size: float, width: float) -> float:
    """The rule under the subject: a share of its longest line."""
    lines = simpleSplit(nfc(subject), font, size, width) or [""]
    widest = float(max(stringWidth(line, font, size) for line in lines))
    return widest * RULE_SHARE if widest else 40 * mm
