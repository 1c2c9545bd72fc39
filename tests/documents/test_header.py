"""documents/header.py: the first lines of an administrative document (Decree 30/2020).

The issuing body comes from the official list when the unit's code is official, else from
the typed name: a people's committee issues in its own name, any other body sits under its
parent, abbreviated ('UBND HUYỆN LAI VUNG', 'HĐND'); "Số: 05/BC-UBND" and the place and date
('Mỹ An, ngày 17 tháng 3 năm 2026', blanks for the hand when there is no date) share one
line; the motto's rule is exactly as long as the motto. Beside tests/documents/test_pdf_report.py,
which reads the header of the whole report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from documents.doc_helpers import load_sample, pdf_pages, pdf_text
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
    IssuingBody,
    issuing_body,
    number_line,
    place_and_date,
    subject_rule_length,
)
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import DocumentInfo, ReportStatus
from cchc_desktop.domain.units import Unit


def _with_unit(unit: Unit, period: Period | None = None):  # type: ignore[no-untyped-def]
    report, template = load_sample()
    changes: dict[str, object] = {"unit": unit, "status": ReportStatus.FINAL}
    if period is not None:
        changes["period"] = period
    return dataclasses.replace(report, **changes), template  # type: ignore[arg-type]


def test_a_ward_typed_in_short_prints_its_official_name(tmp_path: Path) -> None:
    report, template = _with_unit(Unit("29869", "UBND P. Cao Lãnh", "xa", "UBND tỉnh Đồng Tháp"))
    path = tmp_path / "phuong.pdf"
    write_pdf(build_context(report, template), path)
    lines = [" ".join(line.split()) for line in pdf_text(path, first=1, last=1).splitlines()]
    assert lines[0] == "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert lines[1] == "PHƯỜNG CAO LÃNH Độc lập - Tự do - Hạnh phúc"
    assert not any("P. CAO" in line for line in lines)


def test_kinds_and_periods() -> None:
    special, _t = _with_unit(Unit("31078", "Đặc khu Phú Quốc", "xa"))
    assert issuing_body(special).body == ["ỦY BAN NHÂN DÂN", "ĐẶC KHU PHÚ QUỐC"]
    commune, _t = _with_unit(Unit("28066", "ubnd xa my an", "xa"))
    assert issuing_body(commune).body == ["ỦY BAN NHÂN DÂN", "XÃ MỸ AN"]
    # Code 91 was Kiên Giang's before 07/2025 and is An Giang's since.
    old, _t = _with_unit(Unit("91", "UBND tỉnh", "tinh"), Period.default(2024, "Y"))
    assert issuing_body(old).body == ["ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG"]
    new, _t = _with_unit(Unit("91", "UBND tỉnh", "tinh"))
    assert issuing_body(new).body == ["ỦY BAN NHÂN DÂN", "TỈNH AN GIANG"]


def test_a_body_not_in_the_list_keeps_its_typed_name() -> None:
    office, _t = _with_unit(Unit("82-so-noi-vu", "Sở Nội vụ", "tinh", "Ủy ban nhân dân tỉnh Đồng Tháp"))
    body = issuing_body(office)
    assert (body.superior, body.body) == (["UBND TỈNH ĐỒNG THÁP"], ["SỞ NỘI VỤ"])


def test_a_committee_issues_in_its_own_name_and_other_bodies_under_their_parent() -> None:
    commune, _t = _with_unit(Unit("xa-my-an", "Ủy  ban nhân dân   xã Mỹ An", "xa", "UBND tỉnh"))
    assert issuing_body(commune) == IssuingBody([], ["ỦY BAN NHÂN DÂN", "XÃ MỸ AN"])
    bare, _t = _with_unit(Unit("ubnd", "Uỷ ban nhân dân", "xa"))
    assert issuing_body(bare) == IssuingBody([], ["ỦY BAN NHÂN DÂN"])
    office, _t = _with_unit(Unit("pnv", "Phòng Nội vụ", "huyen", "Ủy ban nhân dân huyện Lai Vung"))
    assert issuing_body(office) == IssuingBody(["UBND HUYỆN LAI VUNG"], ["PHÒNG NỘI VỤ"])
    council, _t = _with_unit(Unit("vp", "Văn phòng", "tinh", "Hội đồng nhân dân tỉnh Đồng Tháp"))
    assert issuing_body(council).superior == ["HĐND TỈNH ĐỒNG THÁP"]
    alone, _t = _with_unit(Unit("ban", "Ban Chỉ đạo", "xa", ""))
    assert issuing_body(alone) == IssuingBody([], ["BAN CHỈ ĐẠO"])


def test_the_number_and_the_place_and_date_lines() -> None:
    report, _t = load_sample()
    dated = dataclasses.replace(report, document=DocumentInfo("5", "BC-UBND", " Mỹ An ",
                                                              dt.date(2026, 3, 17)))
    assert number_line(dated) == "Số: 05/BC-UBND"
    assert place_and_date(dated) == "Mỹ An, ngày 17 tháng 3 năm 2026"
    january = dataclasses.replace(dated, document=DocumentInfo("12", "", "Sa Đéc",
                                                               dt.date(2024, 1, 5)))
    assert number_line(january) == "Số: 12/BC-UBND"            # the default symbol
    assert place_and_date(january) == "Sa Đéc, ngày 05 tháng 01 năm 2024"
    undated = dataclasses.replace(report, document=DocumentInfo("", "BC-UBND", "Mỹ An", None))
    blank = "\u00a0" * 6
    assert number_line(undated) == "Số:      /BC-UBND"
    assert place_and_date(undated) == f"Mỹ An, ngày{blank}tháng{blank}năm 2026"
    no_place = dataclasses.replace(undated, document=DocumentInfo())
    assert place_and_date(no_place) == f"ngày{blank}tháng{blank}năm 2026"


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
