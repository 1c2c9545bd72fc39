"""rich_narrative.py on its own: bold and italic runs as markup, the clerk's text escaped, an
explanatory footnote numbered in the same run as the document citations, lists as "- " or
"1. " paragraphs, and a table within the margins in the clerk's proportions with its header
rows bold and repeated, a footnote in a cell kept in the cell in brackets."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from cchc_desktop.documents.narrative import Footnotes
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.documents.rich_narrative import inline_markup, rich_flowables, table_flowable
from cchc_desktop.domain.rich_text import Cell, Footnote, ListBlock, Paragraph, RichText, Run, Table

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def _paragraph(text: str, style: ParagraphStyle) -> Flowable:
    return PdfParagraph(text, style)


def test_bold_and_italic_runs_become_markup_and_the_text_is_escaped() -> None:
    content = (Run("Thường "), Run("đậm", bold=True), Run(" nghiêng", italic=True),
               Run(" cả hai", bold=True, italic=True), Run(" <b>không</b> & hết"))
    assert inline_markup(content, Footnotes()) == (
        "Thường <b>đậm</b><i> nghiêng</i><b><i> cả hai</i></b> &lt;b&gt;không&lt;/b&gt; &amp; hết")


def test_a_footnote_takes_the_next_number_after_the_citations_before_it() -> None:
    footnotes = Footnotes()
    content = (Run("Thực hiện Kế hoạch số 20/KH-UBND, xã"), Footnote("Gồm 12 ấp <và> 3 khu."),
               Run(" rà soát theo Quyết định số 5/QĐ-UBND."))
    text = inline_markup(content, footnotes)
    assert [n.split(" số ")[0] for n in footnotes.notes[::2]] == ["Kế hoạch", "Quyết định"]
    assert footnotes.notes[1] == "Gồm 12 ấp <và> 3 khu."           # escaped when printed
    for number in (1, 2, 3):
        assert f'<super>{number}</super><onDraw name="footnote" label="{number}"/>' in text
    assert text.index('label="1"') < text.index('label="2"') < text.index('label="3"')


def test_without_a_footnote_list_a_footnote_stays_in_the_text_in_brackets_and_italics() -> None:
    text = inline_markup((Run("Ô bảng"), Footnote("ghi chú <1>")), None)
    assert text == "Ô bảng <i>(ghi chú &lt;1&gt;)</i>"


def test_lists_print_as_dashed_or_numbered_paragraphs() -> None:
    rich = RichText((ListBlock(False, ((Run("Một"),), (Run("Hai"),))),
                     ListBlock(True, ((Run("Ba"),), (Run("Bốn", bold=True),)))))
    texts = [f.text for f in rich_flowables(rich, Footnotes(), styles(), WIDTH, _paragraph)]
    assert texts == ["- Một", "- Hai", "1. Ba", "2. <b>Bốn</b>"]


def test_paragraphs_go_through_the_callers_paragraph_maker_in_the_body_style() -> None:
    made: list[tuple[str, str]] = []

    def paragraph(text: str, style: ParagraphStyle) -> Flowable:
        made.append((text, style.name))
        return PdfParagraph(text, style)

    rich = RichText((Paragraph((Run("Đoạn"),)), ListBlock(False, ((Run("Mục"),),))))
    rich_flowables(rich, Footnotes(), styles(), WIDTH, paragraph)
    assert made == [("Đoạn", "body"), ("- Mục", "body")]


def _table(header_rows: int = 1) -> Table:
    head = (Cell((Run("STT"),)), Cell((Run("Nội dung"),), colspan=2))
    rows = tuple((Cell((Run(str(n)),)), Cell((Run(f"Việc {n}"), Footnote("chú thích"))),
                  Cell((Run("x"),))) for n in range(1, 4))
    return Table((1, 3, 2), header_rows, (head, *rows))


def test_a_table_fills_the_text_width_in_the_clerks_proportions() -> None:
    table = table_flowable(_table(), styles(), WIDTH)
    assert isinstance(table, PdfTable)
    widths = table._colWidths
    assert sum(widths) == WIDTH
    assert widths[1] == 3 * widths[0] and widths[2] == 2 * widths[0]


def test_a_tables_header_rows_are_bold_and_repeated_and_spans_kept() -> None:
    table = table_flowable(_table(header_rows=1), styles(), WIDTH)
    assert table.repeatRows == 1
    cells = table._cellvalues
    assert cells[0][0].style.name == "cell_head" and cells[1][0].style.name == "cell"
    assert ("SPAN", (1, 0), (2, 0)) in [tuple(c[:3]) for c in table._spanCmds]
    # The footnote of a cell is in the cell, not at the foot of the page.
    assert cells[1][1].text == "Việc 1 <i>(chú thích)</i>"
    assert cells[0][2] == ""                                   # covered by the span
