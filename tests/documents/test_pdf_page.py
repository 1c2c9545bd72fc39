"""pdf_page.py on its own: the A4 frames within the decree's margins (portrait and landscape),
the page number centred in the top margin from page 2 only, "DỰ THẢO" on every page of a
draft and on none of a final, the export moment (with its zone) as the file's dates, and a
layout failure told as a sentence naming the file, with nothing written."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Table

from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.pdf_page import (
    BOTTOM_MARGIN,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    TOP_MARGIN,
    WATERMARK,
    PdfMoment,
    ReportDoc,
    rendered,
    write_rendered,
)
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.domain.errors import KnownError
from tests.documents.doc_helpers import FILLER, load_sample, pdf_pages, run

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
ICT = dt.timezone(dt.timedelta(hours=7))


def _render(story: list, *, draft: bool = False,  # type: ignore[type-arg]
            created: dt.datetime = dt.datetime(2026, 4, 2, 9, 5, 7, tzinfo=ICT),
            progress: list[int] | None = None) -> tuple[bytes, int]:
    report, _template = load_sample()
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=report, footnotes=FootnoteState([], styles().footnote, WIDTH),
                    progress=None if progress is None else progress.append, draft=draft,
                    created=created)
    doc.build(story)
    return buffer.getvalue(), doc.pages


def _pages_text(count: int) -> list:  # type: ignore[type-arg]
    story: list = []  # type: ignore[type-arg]
    for n in range(1, count + 1):
        story += [Paragraph(f"Trang-nội-dung-{n} " + FILLER, styles().body), PageBreak()]
    return story[:-1]


def _write(tmp_path: Path, data: bytes, name: str = "trang.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_the_text_stays_within_the_margins_of_a_portrait_and_a_landscape_page(tmp_path: Path) -> None:
    long = " ".join([FILLER] * 30)
    story = [Paragraph(long, styles().body), NextPageTemplate("landscape"), PageBreak(),
             Paragraph(long, styles().body)]
    data, pages = _render(story)
    found = pdf_pages(_write(tmp_path, data))
    assert pages == len(found) >= 3
    assert (found[0].width, found[0].height) == pytest.approx(A4, abs=0.5)
    assert (found[-1].width, found[-1].height) == pytest.approx(A4[::-1], abs=0.5)
    for page in found:
        text = [w for w in page.words if not w.text.isdigit()]   # the page number is in the margin
        assert min(w.x_min for w in text) >= LEFT_MARGIN - 0.5
        assert max(w.x_max for w in text) <= page.width - RIGHT_MARGIN + 0.5
        assert min(w.y_min for w in text) >= TOP_MARGIN - 0.5
        assert max(w.y_max for w in text) <= page.height - BOTTOM_MARGIN + 0.5
    # The landscape frame is wider: its lines hold more words.
    assert max(w.x_max for w in found[-1].words) > A4[0]


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(tmp_path: Path) -> None:
    data, pages = _render(_pages_text(3))
    found = pdf_pages(_write(tmp_path, data))
    assert pages == 3
    assert not [w for w in found[0].words if w.y_max < TOP_MARGIN]
    for page in found[1:]:
        in_margin = [w for w in page.words if w.y_max < TOP_MARGIN]
        assert [w.text for w in in_margin] == [str(page.number)]
        centre = (in_margin[0].x_min + in_margin[0].x_max) / 2
        assert centre == pytest.approx(LEFT_MARGIN + WIDTH / 2, abs=1)


def test_a_draft_says_du_thao_on_every_page_and_a_final_on_none(tmp_path: Path) -> None:
    draft, _pages = _render(_pages_text(3), draft=True)
    final, _pages = _render(_pages_text(3), draft=False)
    for page in pdf_pages(_write(tmp_path, draft, "du-thao.pdf")):
        assert _watermark(page) == WATERMARK.replace(" ", ""), page.number
        # Across the page: its letters spread over most of the diagonal.
        tall = [w for w in page.words if w.y_max - w.y_min > 100]
        assert max(w.x_max for w in tall) - min(w.x_min for w in tall) > page.width * 0.6
    for page in pdf_pages(_write(tmp_path, final, "chinh-thuc.pdf")):
        assert _watermark(page) == "", page.number


def _watermark(page) -> str:  # type: ignore[no-untyped-def]
    """The letters of the diagonal watermark: the only words taller than 100 pt."""
    return "".join(w.text for w in page.words if w.y_max - w.y_min > 100)


def test_the_file_is_dated_the_moment_given_with_its_zone_and_is_otherwise_reproducible(
        tmp_path: Path) -> None:
    one, _pages = _render(_pages_text(2))
    two, _pages = _render(_pages_text(2))
    assert one == two                             # invariant: same report, same moment, same bytes
    lines = run("pdfinfo", "-isodates", str(_write(tmp_path, one))).splitlines()
    fields = dict(line.split(":", 1) for line in lines if ":" in line)
    assert fields["CreationDate"].strip() == "2026-04-02T09:05:07+07"
    assert fields["ModDate"].strip() == "2026-04-02T09:05:07+07"
    later, _pages = _render(_pages_text(2), created=dt.datetime(2026, 4, 3, 9, 5, 7, tzinfo=ICT))
    assert later != one


@pytest.mark.parametrize(("offset", "expected"), [
    (dt.timedelta(hours=7), (7, 0)),
    (dt.timedelta(hours=-3, minutes=-30), (-3, 30)),   # the hours carry the sign
    (dt.timedelta(hours=5, minutes=45), (5, 45)),
    (dt.timedelta(0), (0, 0)),
])
def test_the_pdf_moment_gives_the_offset_as_reportlab_writes_it(
        offset: dt.timedelta, expected: tuple[int, int]) -> None:
    moment = dt.datetime(2026, 1, 31, 23, 59, 58, tzinfo=dt.timezone(offset))
    stamp = PdfMoment(moment)
    assert (stamp.dhh, stamp.dmm) == expected
    assert stamp.YMDhms == (2026, 1, 31, 23, 59, 58)
    assert stamp.t == moment.timestamp()


def test_a_naive_moment_is_taken_in_the_pcs_zone() -> None:
    naive = dt.datetime(2026, 4, 2, 9, 0)
    local = naive.astimezone()
    assert PdfMoment(naive).YMDhms[:5] == (2026, 4, 2, 9, 0)
    assert PdfMoment(naive).t == local.timestamp()


def test_progress_is_reported_per_page_and_never_past_85() -> None:
    seen: list[int] = []
    _data, pages = _render(_pages_text(40), progress=seen)
    assert len(seen) == pages == 40
    assert seen == sorted(seen) and seen[0] == 22 and seen[-1] == 85


def test_a_layout_failure_is_a_sentence_naming_the_file_and_nothing_is_written(tmp_path: Path) -> None:
    # A table row taller than any page: reportlab's LayoutError.
    tall = Table([[Paragraph(" ".join([FILLER] * 80), styles().body)]], colWidths=[WIDTH])
    target = tmp_path / "bao-cao.pdf"
    with pytest.raises(KnownError) as caught:
        write_rendered(lambda: _render([tall]), target)
    assert "bao-cao.pdf" in caught.value.message
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []           # no temporary file left behind either


def test_a_known_error_passes_as_it_is() -> None:
    def render() -> tuple[bytes, int]:
        raise KnownError("Câu của người dùng.")

    with pytest.raises(KnownError) as caught:
        rendered(render, Path("x.pdf"))
    assert caught.value.message == "Câu của người dùng."


def test_write_rendered_writes_the_bytes_and_returns_the_pages(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.pdf"
    target.write_bytes(b"old")
    assert write_rendered(lambda: _render(_pages_text(2)), target) == 2
    assert target.read_bytes().startswith(b"%PDF")
