"""The PDF's type: sizes and paragraph styles of Decree 30/2020/NĐ-CP, Appendix I.

Liberation Serif (Times-metric, embedded) at 14 pt for the body, 12 pt in tables and
10 pt for footnotes; every style of the report in one place so the body, the annexes and
the signature block print alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from cchc_desktop.documents import fonts
from cchc_desktop.documents.text import markup

BODY_SIZE = 14
BODY_LEADING = 17          # about 1.2 lines: between single and 1.5 spacing
INDENT = 1 * cm
PARAGRAPH_GAP = 6          # at least 6 pt between paragraphs
TABLE_SIZE = 12
FOOTNOTE_SIZE = 10


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    plus: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle
    subject: ParagraphStyle
    footnote: ParagraphStyle
    recipients_head: ParagraphStyle
    recipients: ParagraphStyle
    signature: ParagraphStyle
    annex_number: ParagraphStyle
    annex_title: ParagraphStyle
    annex_note: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_head: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_italic: ParagraphStyle
    cell_italic: ParagraphStyle


@cache
def styles() -> Styles:
    fonts.register_fonts()
    base = ParagraphStyle("body", fontName=fonts.REGULAR, fontSize=BODY_SIZE, leading=BODY_LEADING,
                          alignment=TA_JUSTIFY, firstLineIndent=INDENT, spaceAfter=PARAGRAPH_GAP,
                          textColor=colors.black)
    centred = ParagraphStyle("centred", parent=base, alignment=TA_CENTER, firstLineIndent=0,
                             spaceAfter=0)
    cell = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=TABLE_SIZE,
                          leading=TABLE_SIZE + 2, alignment=TA_LEFT)
    return Styles(
        body=base,
        plus=ParagraphStyle("plus", parent=base, firstLineIndent=INDENT + 0.5 * cm),
        heading=ParagraphStyle("heading", parent=base, fontName=fonts.BOLD, alignment=TA_JUSTIFY,
                               keepWithNext=True, spaceBefore=2),
        title=ParagraphStyle("title", parent=centred, fontName=fonts.BOLD, spaceBefore=14),
        subject=ParagraphStyle("subject", parent=centred, fontName=fonts.BOLD),
        footnote=ParagraphStyle("footnote", fontName=fonts.REGULAR, fontSize=FOOTNOTE_SIZE,
                                leading=FOOTNOTE_SIZE + 2, alignment=TA_JUSTIFY),
        recipients_head=ParagraphStyle("recipients_head", fontName=fonts.BOLD_ITALIC, fontSize=12,
                                       leading=15),
        recipients=ParagraphStyle("recipients", fontName=fonts.REGULAR, fontSize=11, leading=13),
        signature=ParagraphStyle("signature", parent=centred, fontName=fonts.BOLD),
        annex_number=ParagraphStyle("annex_number", parent=centred, fontName=fonts.BOLD),
        annex_title=ParagraphStyle("annex_title", parent=centred, fontName=fonts.BOLD),
        annex_note=ParagraphStyle("annex_note", parent=centred, fontName=fonts.ITALIC, fontSize=13,
                                  leading=16, spaceAfter=10),
        cell=cell,
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=fonts.BOLD, alignment=TA_CENTER),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=fonts.BOLD),
        cell_bold_italic=ParagraphStyle("cell_bold_italic", parent=cell, fontName=fonts.BOLD_ITALIC),
        cell_italic=ParagraphStyle("cell_italic", parent=cell, fontName=fonts.ITALIC),
    )


@cache
def piece_style(style: ParagraphStyle, first: bool, last: bool) -> ParagraphStyle:
    """The style of one piece of a very long paragraph (narrative.pieces): no gap between
    pieces, and only the first one indented."""
    if first and last:
        return style
    return ParagraphStyle(f"{style.name}-{int(first)}{int(last)}", parent=style,
                          firstLineIndent=style.firstLineIndent if first else 0,
                          spaceBefore=style.spaceBefore if first else 0,
                          spaceAfter=style.spaceAfter if last else 0)


def plain(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (NFC, escaped)."""
    return Paragraph(markup(text), style)
