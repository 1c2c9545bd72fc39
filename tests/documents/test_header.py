"""documents/header.py: the first lines of an administrative document (Decree 30/2020) drawn.

"Số: 05/BC-UBND" and the place and date share one line; the motto's rule is exactly as long
as the motto; the subject's rule is a share of its longest line. The lines' texts (issuing
body, number, place and date) are tests/documents/test_header_lines.py's; the header of the
whole report is read in tests/documents/test_pdf_report.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from documents.doc_helpers import load_sample, pdf_pages
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from cchc_desktop.documents import fonts
from cchc_desktop.documents.header import (
    MOTTO,
    MOTTO_SIZE,
    RULE_SHARE,
    CentredRule,
    DocumentHeader,
    subject_rule_length,
)
from cchc_desktop.domain.report import DocumentInfo


def test_the_header_drawn_puts_the_number_and_date_on_one_line_and_rules_the_motto(
        tmp_path: Path) -> None:
    fonts.register_fonts()
    report, _t = load_sample()
    report = dataclasses.replace(report, document=DocumentInfo("5", "BC-UBND", "Mỹ An",
                                                               dt.date(2026, 3, 17)))
    path = tmp_path / "dau.pdf"
    width, left = 170 * mm, 20 * mm
    canvas = Canvas(str(path), pagesize=A4, pageCompression=0)   # the rules readable below
    header = DocumentHeader(report)
    _width, height = header.wrapOn(canvas, width, 500)
    header.drawOn(canvas, left, A4[1] - 20 * mm - height)
    canvas.save()
    words = pdf_pages(path)[0].words
    number = next(w for w in words if w.text == "05/BC-UBND")
    year = next(w for w in words if w.text == "2026")
    assert abs(number.y_max - year.y_max) < 1.5          # one baseline (13 pt beside 14 pt)
    ubnd = [w for w in words if w.text in ("ỦY", "DÂN")]
    assert abs((ubnd[0].x_min + ubnd[1].x_max) / 2 - (left + width * 0.2)) < 2
    text = " ".join(w.text for w in words)
    for line in ("ỦY BAN NHÂN DÂN XÃ MỸ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số: 05/BC-UBND", "Mỹ An, ngày 17 tháng 3 năm 2026"):
        assert line in text
    rules = [(float(a), float(b)) for a, b in
             re.findall(rb"([\d.]+) [\d.]+ m ([\d.]+) [\d.]+ l S", path.read_bytes())]
    assert len(rules) == 2
    body_rule, motto_rule = rules
    motto = stringWidth(MOTTO, fonts.BOLD, MOTTO_SIZE)
    assert abs((motto_rule[1] - motto_rule[0]) - motto) < 0.01
    assert abs((motto_rule[0] + motto_rule[1]) / 2 - width * 0.7) < 0.01      # right column
    assert abs((body_rule[1] - body_rule[0])
               - stringWidth("ỦY BAN NHÂN DÂN", fonts.BOLD, 12) * RULE_SHARE) < 0.01


def test_the_subject_rule_is_a_share_of_its_longest_line() -> None:
    fonts.register_fonts()
    subject = "Báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm 2026"
    width = stringWidth(subject, fonts.BOLD, 14)
    assert subject_rule_length(subject, fonts.BOLD, 14, 1000) == width * RULE_SHARE
    assert subject_rule_length(subject, fonts.BOLD, 14, width / 2) < width * RULE_SHARE / 1.5
    assert subject_rule_length("", fonts.BOLD, 14, 1000) == 40 * mm
    rule = CentredRule(100, space_before=2, space_after=3)
    assert rule.wrap(400, 50) == (400, 2 + 3 + 0.6)
