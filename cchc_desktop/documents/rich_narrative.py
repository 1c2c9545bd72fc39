"""A formatted narrative (domain/rich_text.py) as PDF flowables.

Bold and italic runs become Paragraph markup; an explanatory footnote is numbered in the
same sequence as the document citations (narrative.Footnotes), so footnotes run through
the document; citations written inside a run are moved to footnotes as in a plain text.
Lists print as "- " or "1. " paragraphs, as the plain narrative's items do. A table is set
within the margins, its columns in the clerk's proportions, its header rows bold and
repeated over a page break (Decree 30 asks for a table's header on every page it spans).
A footnote inside a table cell stays in the cell, in brackets and italics: a cell is laid
out by the table, which has no place at the foot of the page for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus import Table as PdfTable

from cchc_desktop.documents.narrative import Footnotes, cite, marker
from cchc_desktop.documents.pdf_styles import PARAGRAPH_GAP, Styles
from cchc_desktop.documents.text import markup
from cchc_desktop.domain.rich_text import Footnote, Inline, ListBlock, RichText, Run, Table
from cchc_desktop.domain.rich_text import Paragraph as RichParagraph

MakeParagraph = Callable[[str, ParagraphStyle], Flowable]


def inline_markup(content: Sequence[Inline], footnotes: Footnotes | None) -> str:
    """Paragraph markup of runs and footnotes; `footnotes` None keeps a footnote in the text."""
    out: list[str] = []
    for inline in content:
        if isinstance(inline, Footnote):
            if footnotes is None:
                out.append(f" <i>({markup(inline.text)})</i>")
            else:
                out.append(marker(footnotes.add(inline.text)))
            continue
        text = _styled(inline, cite(inline.text, footnotes))
        out.append(text)
    return "".join(out)


def _styled(run: Run, text: str) -> str:
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text


def rich_flowables(rich: RichText, footnotes: Footnotes, styles: Styles, width: float,
                   paragraph: MakeParagraph) -> list[Flowable]:
    """The narrative's flowables; `paragraph` makes a body paragraph (it places footnotes)."""
    out: list[Flowable] = []
    for block in rich.blocks:
        if isinstance(block, RichParagraph):
            out.append(paragraph(inline_markup(block.content, footnotes), styles.body))
        elif isinstance(block, ListBlock):
            for number, item in enumerate(block.items, start=1):
                bullet = f"{number}. " if block.ordered else "- "
                out.append(paragraph(bullet + inline_markup(item, footnotes), styles.body))
        else:
            out.append(table_flowable(block, styles, width))
    return out


def table_flowable(table: Table, styles: Styles, width: float) -> Flowable:
    total = sum(table.widths)
    widths = [width * w / total for w in table.widths]
    grid: list[list[Flowable | str]] = [["" for _ in range(table.columns)] for _ in table.rows]
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    for r, c, cell in table.spans():
        style = styles.cell_head if r < table.header_rows else styles.cell
        grid[r][c] = Paragraph(inline_markup(cell.content, None), style)
        if cell.colspan > 1 or cell.rowspan > 1:
            commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
    pdf_table = PdfTable(grid, colWidths=widths, repeatRows=table.header_rows, hAlign="CENTER")
    pdf_table.setStyle(TableStyle(commands))
    pdf_table.spaceBefore = pdf_table.spaceAfter = PARAGRAPH_GAP
    return pdf_table
