"""pdf_styles.py on its own: the decree's sizes (14 pt body, 12 pt tables, 10 pt footnotes), the
pieces of a very long paragraph that read as one paragraph (only the first indented, no gap
between them), and plain text escaped and normalised, never read as markup."""

from __future__ import annotations

import datetime as dt
import io
from itertools import pairwise
from pathlib import Path

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph

from cchc_desktop.documents import fonts
from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc
from cchc_desktop.documents.pdf_styles import (
    BODY_SIZE,
    FOOTNOTE_SIZE,
    PARAGRAPH_GAP,
    TABLE_SIZE,
    piece_style,
    plain,
    styles,
)
from tests.documents.doc_helpers import FILLER, load_sample, pdf_pages

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def test_the_decrees_sizes_and_the_body_layout() -> None:
    s = styles()
    assert (BODY_SIZE, TABLE_SIZE, FOOTNOTE_SIZE) == (14, 12, 10)
    assert (s.body.fontSize, s.body.fontName, s.body.alignment) == (14, fonts.REGULAR, TA_JUSTIFY)
    assert s.body.firstLineIndent == 1 * cm and s.body.spaceAfter >= 6
    assert s.body.leading > s.body.fontSize                      # more than single spacing
    assert s.heading.keepWithNext and s.heading.fontName == fonts.BOLD
    assert {s.cell.fontSize, s.cell_head.fontSize, s.cell_right.fontSize} == {TABLE_SIZE}
    assert s.footnote.fontSize == FOOTNOTE_SIZE
    assert s.plus.firstLineIndent > s.body.firstLineIndent
    assert styles() is s                                          # made once


def test_the_pieces_of_a_long_paragraph_read_as_one() -> None:
    body = styles().body
    assert piece_style(body, True, True) is body
    first, middle, last = (piece_style(body, True, False), piece_style(body, False, False),
                           piece_style(body, False, True))
    assert (first.firstLineIndent, first.spaceBefore, first.spaceAfter) == \
        (body.firstLineIndent, body.spaceBefore, 0)
    assert (middle.firstLineIndent, middle.spaceBefore, middle.spaceAfter) == (0, 0, 0)
    assert (last.firstLineIndent, last.spaceBefore, last.spaceAfter) == (0, 0, PARAGRAPH_GAP)
    for piece in (first, middle, last):
        assert (piece.fontName, piece.fontSize, piece.leading) == \
            (body.fontName, body.fontSize, body.leading)
    assert piece_style(body, False, False) is middle              # cached, not a new style per piece


def test_pieces_laid_out_have_no_gap_between_them(tmp_path: Path) -> None:
    body = styles().body
    story = [Paragraph("MỘT " + FILLER, piece_style(body, True, False)),
             Paragraph("HAI " + FILLER, piece_style(body, False, True)),
             Paragraph("BA " + FILLER, body)]
    buffer = io.BytesIO()
    report, _template = load_sample()
    ReportDoc(buffer, report=report, footnotes=FootnoteState([], styles().footnote, WIDTH),
              progress=None, draft=False, created=dt.datetime(2026, 4, 2).astimezone()).build(story)
    path = tmp_path / "doan.pdf"
    path.write_bytes(buffer.getvalue())
    words = pdf_pages(path)[0].words
    starts = {w.text: w for w in words if w.text in ("MỘT", "HAI", "BA")}
    lines = sorted({round(w.y_min, 1) for w in words})
    steps = [round(b - a, 1) for a, b in pairwise(lines)]
    line_step = min(steps)
    one_to_two = starts["HAI"].y_min - starts["MỘT"].y_min
    two_to_three = starts["BA"].y_min - starts["HAI"].y_min
    # From a piece to the next: whole lines only; to the next paragraph: the gap as well.
    assert abs(one_to_two / line_step - round(one_to_two / line_step)) < 0.05
    assert abs(two_to_three - one_to_two - PARAGRAPH_GAP) < 1
    assert starts["MỘT"].x_min > LEFT_MARGIN + 0.9 * cm           # the first piece indented
    assert starts["HAI"].x_min < LEFT_MARGIN + 1                  # the next ones not


def test_plain_text_is_escaped_and_normalised() -> None:
    paragraph = plain("Ke\u0302\u0301 hoa\u0323ch <b>số</b> 5 & 6", styles().body)
    assert paragraph.getPlainText() == "Kế hoạch <b>số</b> 5 & 6"
    assert paragraph.frags[0].fontName == fonts.REGULAR           # not made bold
