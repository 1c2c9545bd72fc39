"""signature_block.py on its own: "Nơi nhận:" and the recipients on the left 40 %, the signing
authority in capitals, a 30 mm blank and the signer's name on the right; the blank records the
page and the box where it was drawn, which is where the package puts the visible signature."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, Spacer

from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.documents.signature_block import SIGNATURE_ROOM, SignaturePlace, signature_block
from cchc_desktop.domain.report import Report, Signer
from tests.documents.doc_helpers import load_sample, pdf_pages

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def _report(**changes: object) -> Report:
    report = copy.deepcopy(load_sample()[0])
    for name, value in changes.items():
        setattr(report, name, value)
    return report


def _render(tmp_path: Path, report: Report, before: float, place: SignaturePlace | None) -> Path:
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=report, footnotes=FootnoteState([], styles().footnote, WIDTH),
                    progress=None, draft=False, created=dt.datetime(2026, 4, 2).astimezone())
    doc.build([Spacer(1, before), signature_block(report, styles(), WIDTH, lambda s: s, place)])
    path = tmp_path / "ky.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def _columns(report: Report) -> tuple[list[str], list[object]]:
    table = signature_block(report, styles(), WIDTH, lambda s: s, None)
    left, right = table._cellvalues[0]
    assert table._colWidths == [WIDTH * 0.4, WIDTH * 0.6]
    return [p.getPlainText() for p in left], right


def test_the_recipients_end_with_the_filing_line_once() -> None:
    left, _right = _columns(_report(recipients=["Sở Nội vụ", "Lưu: VT, VP"]))
    assert left == ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT, VP."]
    left, _right = _columns(_report(recipients=["Sở Nội vụ"]))
    assert left == ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]


def test_the_authority_is_in_capitals_blank_lines_are_left_out_and_the_name_as_written() -> None:
    _left, right = _columns(_report(signer=Signer("kt. chủ tịch", "phó chủ tịch", " Trần Thị Bích Ngọc ")))
    texts = [p.getPlainText() if isinstance(p, Paragraph) else p.height for p in right]
    assert texts == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", SIGNATURE_ROOM, "Trần Thị Bích Ngọc"]
    _left, right = _columns(_report(signer=Signer("  ", "CHỦ TỊCH", "")))
    texts = [p.getPlainText() if isinstance(p, Paragraph) else p.height for p in right]
    assert texts == ["CHỦ TỊCH", SIGNATURE_ROOM]                   # room to sign even unnamed


@pytest.mark.parametrize("before", [0.0, 660.0])
def test_the_blank_records_the_page_and_the_box_where_it_was_drawn(tmp_path: Path, before: float) -> None:
    place = SignaturePlace()
    assert place.page == -1
    pages = pdf_pages(_render(tmp_path, _report(), before, place))
    # Pushed down the page, the block goes whole to the next one.
    assert place.page == len(pages) - 1 == (1 if before else 0)
    assert (place.width, place.height) == pytest.approx((WIDTH * 0.6, SIGNATURE_ROOM))
    assert place.x == pytest.approx(LEFT_MARGIN + WIDTH * 0.4)
    page = pages[place.page]
    # Between the authority's last line and the signer's name (PDF y from the bottom).
    top = page.height - place.y - place.height
    bottom = page.height - place.y
    title = [w for w in page.words if w.text == "PHÓ"]
    name = [w for w in page.words if w.text == "Ngọc"]
    assert title and name
    assert title[0].y_max <= top + 1 and name[0].y_min >= bottom - 1
    assert title[0].x_min > place.x and name[0].x_max < place.x + place.width
