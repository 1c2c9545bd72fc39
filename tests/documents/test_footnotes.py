"""footnotes.py on its own: the footnote state's bookkeeping, the markers a paragraph (or a
piece of one) holds, and a real layout where each footnote lands at the foot of the page of
its marker, below the text, with no text drawn over it."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph

from cchc_desktop.documents.footnotes import GAP, SEPARATOR, FootnotedParagraph, FootnoteState, marker_numbers
from cchc_desktop.documents.narrative import marker
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc
from cchc_desktop.documents.pdf_styles import styles
from tests.documents.doc_helpers import FILLER, load_sample, pdf_pages

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def _state(*texts: str) -> FootnoteState:
    return FootnoteState(list(texts), styles().footnote, WIDTH)


# ------------------------------------------------------------------ the state

def test_pending_drops_repeats_placed_numbers_and_numbers_without_a_text() -> None:
    state = _state("Một.", "Hai.", "Ba.")
    assert state.pending([2, 1, 2, 0, 4, -1, 3]) == [2, 1, 3]
    state.place([1])
    assert state.pending([1, 2]) == [2]


def test_the_first_footnote_of_a_page_pays_for_the_rule_the_next_ones_do_not() -> None:
    state = _state("Kế hoạch số 12/KH-UBND ngày 05/01/2026.", "Quyết định số 3/QĐ-UBND.")
    state.page = 1
    one, two = state.height(1), state.height(2)
    assert one > 0 and two > 0
    assert state.extra([1]) == SEPARATOR + one + GAP
    state.place([1])
    assert state.extra([1]) == 0.0                      # already at the foot of page 1
    assert state.extra([2]) == two + GAP                # the rule is already paid for
    state.page = 2
    assert state.extra([2]) == SEPARATOR + two + GAP    # a new page draws its own rule


def test_each_footnote_goes_to_one_page_only_and_the_page_height_sums_them() -> None:
    state = _state("Một.", "Hai.", "Ba.")
    state.page = 1
    state.place([1, 2, 1])
    state.page = 2
    state.place([2, 3])
    assert state.by_page == {1: [1, 2], 2: [3]}
    assert state.page_height(1) == SEPARATOR + state.height(1) + state.height(2) + 2 * GAP
    assert state.page_height(3) == 0.0


def test_a_long_footnote_is_measured_taller_than_a_short_one() -> None:
    state = _state("Ngắn.", " ".join([FILLER] * 3))
    assert state.height(2) > 2 * state.height(1)


def test_the_footnote_text_is_escaped_not_read_as_markup() -> None:
    paragraph = _state("Theo <b>chỉ đạo</b> & hướng dẫn").paragraph(1)
    assert "&lt;b&gt;" in paragraph.text and "&amp;" in paragraph.text


# ------------------------------------------------------------------ markers

def test_marker_numbers_are_read_from_the_paragraph_and_from_each_piece_of_a_split() -> None:
    text = (f"Thực hiện kế hoạch{marker(1)}, " + " ".join([FILLER] * 6)
            + f" và quyết định{marker(2)} " + " ".join([FILLER] * 2) + f" cuối{marker(3)}.")
    paragraph = Paragraph(text, styles().body)
    assert marker_numbers(paragraph, WIDTH) == [1, 2, 3]
    paragraph.wrap(WIDTH, 10_000)
    first, second = paragraph.split(WIDTH, paragraph.height / 3)
    assert marker_numbers(first, WIDTH) == [1]
    assert marker_numbers(second, WIDTH) == [2, 3]


def test_a_paragraph_without_markers_holds_none() -> None:
    assert marker_numbers(Paragraph("Không trích dẫn văn bản nào.", styles().body), WIDTH) == []


def test_the_footnoted_paragraph_asks_for_its_own_height_plus_its_footnotes() -> None:
    state = _state("Kế hoạch số 12/KH-UBND.")
    state.page = 1
    paragraph = Paragraph(f"Theo kế hoạch{marker(1)}.", styles().body)
    flowable = FootnotedParagraph(paragraph, [1], state)
    _width, height = flowable.wrap(WIDTH, 500)
    assert height == paragraph.height + SEPARATOR + state.height(1) + GAP
    # Too little room for the footnotes: the paragraph refuses to be split into that space.
    assert flowable.split(WIDTH, state.extra([1]) - 1) == []


# ------------------------------------------------------------------ a real layout

def _layout(tmp_path: Path, story_texts: list[str], notes: list[str]) -> list:  # type: ignore[type-arg]
    report, _template = load_sample()
    state = _state(*notes)
    story = []
    for text in story_texts:
        paragraph = Paragraph(text, styles().body)
        numbers = marker_numbers(paragraph, WIDTH)
        story.append(FootnotedParagraph(paragraph, numbers, state) if numbers else paragraph)
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=report, footnotes=state, progress=None, draft=False,
                    created=dt.datetime(2026, 4, 2, 9, 0).astimezone())
    doc.build(story)
    path = tmp_path / "chu-thich.pdf"
    path.write_bytes(buffer.getvalue())
    return pdf_pages(path)


def _foot_words(page, word: str):  # type: ignore[no-untyped-def]
    return [w for w in page.words if w.text.startswith(word)]


def test_each_footnote_is_at_the_foot_of_the_page_of_its_marker_below_all_the_text(
        tmp_path: Path) -> None:
    body = " ".join([FILLER] * 3)
    texts = []
    notes = []
    for n in range(1, 13):
        # The marker right after the label, so the label's page is the marker's page.
        texts.append(f"Đoạn-{n}{marker(n)} thực hiện văn bản " + body)
        notes.append(f"Ghi-chú-số-{n} về nhiệm vụ cải cách hành chính.")
    pages = _layout(tmp_path, texts, notes)
    assert len(pages) >= 3
    seen = set()
    for page in pages:
        labels = {w.text.removeprefix("Đoạn-") for w in page.words if w.text.startswith("Đoạn-")}
        notes_here = [w for w in page.words if w.text.startswith("Ghi-chú-số-")]
        for note in notes_here:
            number = int(note.text.removeprefix("Ghi-chú-số-"))
            seen.add(number)
            assert str(number) in labels, (page.number, number, labels)
            # Below every line of the body text on the page (14 pt words are taller than the
            # 10 pt footnotes'): nothing of the text drawn over the footnote.
            body_bottom = max(w.y_max for w in page.words if w.y_max - w.y_min > 12)
            assert note.y_min >= body_bottom
            assert note.y_max <= page.height - 20 * 72 / 25.4 + 1   # within the bottom margin
    assert seen == set(range(1, 13))


def test_a_footnote_goes_to_the_page_of_its_marker_when_the_paragraph_is_split(tmp_path: Path) -> None:
    # One paragraph over several pages, its two citations far apart: each footnote follows
    # its own marker, not the start of the paragraph.
    text = (f"Mở đầu{marker(1)} " + " ".join([FILLER] * 40) + f" CUỐI-ĐOẠN{marker(2)} kết thúc.")
    pages = _layout(tmp_path, [text], ["Ghi-chú-đầu.", "Ghi-chú-cuối."])
    assert len(pages) >= 2
    first_note = [p.number for p in pages if _foot_words(p, "Ghi-chú-đầu")]
    last_note = [p.number for p in pages if _foot_words(p, "Ghi-chú-cuối")]
    end = [p.number for p in pages if _foot_words(p, "CUỐI-ĐOẠN")]
    assert first_note == [1]
    assert last_note == end and end != [1]
