"""A section's narrative as clerks write it: paragraphs with bold and italic, lists, tables and
explanatory footnotes, held as a small structure of its own (never raw HTML).

The structure, as stored in the data file and the exchange file (format "rich/1"):

    {"blocks": [
        {"type": "paragraph", "content": [INLINE, ...]},
        {"type": "list", "ordered": false, "items": [[INLINE, ...], ...]},
        {"type": "table", "widths": [1, 3, 2], "header_rows": 1,
         "rows": [[{"content": [INLINE, ...], "colspan": 1, "rowspan": 1}, ...], ...]}
    ]}

    INLINE = {"text": "...", "bold": true, "italic": true}   (bold/italic omitted when false)
           | {"footnote": "..."}                              (an explanatory footnote's text)

A table row lists only the cells that start in it: a cell covered by another's colspan or
rowspan is not written. Lists are flat (a report's "- " and "+ " items are two lists).

The plain text of a narrative (`plain_text`) is what the app checked before formatting
existed: the findings on figures in the text, the carry-over and the search read it; a
narrative that is plain paragraphs and lists has no rich form at all (`is_plain`), so old
files and plain sections keep their plain text as the only truth.

Reading is bounded and total (`from_json`): a file from outside can make a narrative no
bigger than the limits below, and anything of the wrong shape is refused with a
`RichTextError` naming where, never a traceback.

About 470 lines on purpose: the structure, its writing and its bounded reading are one format
(rich/1), kept in one module so that a block's shape, its writer and its reader change in one
read; what the PDF, the workbook and the editor make of it lives with them
(documents/rich_narrative.py, documents/workbook_narrative.py, gui/forms/rich_document.py).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from cchc_desktop.i18n import _

MAX_BLOCKS = 2_000
MAX_INLINES = 2_000          # per paragraph, list item or cell
MAX_ITEMS = 1_000            # per list
MAX_ROWS = 1_000             # per table
MAX_COLUMNS = 30
MAX_SPAN = MAX_ROWS
MAX_TEXT = 200_000           # characters of one inline
MAX_TOTAL_TEXT = 2_000_000   # characters of a whole narrative


class RichTextError(ValueError):
    """A stored or imported narrative that is not of the documented shape."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Footnote:
    """An explanatory footnote at this place of the text (a list of units, a breakdown)."""

    text: str


Inline = Run | Footnote


@dataclass(frozen=True)
class Paragraph:
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True)
class Cell:
    content: tuple[Inline, ...]
    colspan: int = 1
    rowspan: int = 1


@dataclass(frozen=True)
class Table:
    widths: tuple[int, ...]            # relative column widths, one per column
    header_rows: int
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def columns(self) -> int:
        return len(self.widths)

    def grid(self) -> list[list[Cell | None]]:
        """The table as a full grid: each cell at its top-left place, None where it is covered."""
        grid: list[list[Cell | None]] = []
        covered: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            line: list[Cell | None] = [None] * self.columns
            c = 0
            for cell in row:
                while c < self.columns and (r, c) in covered:
                    c += 1
                if c >= self.columns:
                    break
                line[c] = cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        if dr or dc:
                            covered.add((r + dr, c + dc))
                c += cell.colspan
            grid.append(line)
        return grid

    def spans(self) -> Iterator[tuple[int, int, Cell]]:
        """(row, column, cell) of every cell that starts somewhere."""
        for r, line in enumerate(self.grid()):
            for c, cell in enumerate(line):
                if cell is not None:
                    yield r, c, cell


Block = Paragraph | ListBlock | Table


@dataclass(frozen=True)
class RichText:
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    # ------------------------------------------------------------------ questions

    def is_empty(self) -> bool:
        return not self.plain_text().strip()

    def is_plain(self) -> bool:
        """True when the plain text says it all: no bold, italics, table or footnote."""
        for inlines in self._all_inlines():
            for inline in inlines:
                if isinstance(inline, Footnote) or inline.bold or inline.italic:
                    return False
        return not any(isinstance(block, Table) for block in self.blocks)

    def footnotes(self) -> list[str]:
        return [inline.text for inlines in self._all_inlines() for inline in inlines
                if isinstance(inline, Footnote)]

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def _all_inlines(self) -> Iterator[tuple[Inline, ...]]:
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.content
            elif isinstance(block, ListBlock):
                yield from block.items
            else:
                for row in block.rows:
                    for cell in row:
                        yield cell.content

    def map_text(self, change: Callable[[str], str]) -> RichText:
        """The same structure with every text changed by `change` (cleaning, conversion)."""
        def inlines(content: tuple[Inline, ...]) -> tuple[Inline, ...]:
            return tuple(Footnote(change(i.text)) if isinstance(i, Footnote)
                         else Run(change(i.text), i.bold, i.italic) for i in content)

        def block(item: Block) -> Block:
            if isinstance(item, Paragraph):
                return Paragraph(inlines(item.content))
            if isinstance(item, ListBlock):
                return ListBlock(item.ordered, tuple(inlines(i) for i in item.items))
            return Table(item.widths, item.header_rows, tuple(
                tuple(Cell(inlines(c.content), c.colspan, c.rowspan) for c in row)
                for row in item.rows))

        return RichText(tuple(block(item) for item in self.blocks))

    # ------------------------------------------------------------------ plain text

    def plain_text(self) -> str:
        """The text without its formatting, in the plain narrative's conventions: paragraphs
        apart by a blank line, list items as "- " or "1. " lines, a table's rows as lines of
        cells apart by " | ", a footnote's text in brackets where it stands."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                parts.append(inline_text(block.content))
            elif isinstance(block, ListBlock):
                lines = []
                for number, item in enumerate(block.items, start=1):
                    bullet = f"{number}." if block.ordered else "-"
                    lines.append(f"{bullet} {inline_text(item)}")
                parts.append("\n".join(lines))
            else:
                parts.append("\n".join(" | ".join(inline_text(cell.content) for cell in row)
                                       for row in block.rows))
        return "\n\n".join(part for part in parts if part.strip())

    # ------------------------------------------------------------------ the stored form

    def to_json(self) -> dict[str, Any]:
        return {"blocks": [_block_json(block) for block in self.blocks]}

    @classmethod
    def from_json(cls, data: object) -> RichText:
        budget = _Budget()
        if not isinstance(data, dict) or set(data) - {"blocks"}:
            raise RichTextError(_("nội dung định dạng: cần một đối tượng có 'blocks'"))
        blocks = _list(data.get("blocks", []), "blocks", MAX_BLOCKS)
        return cls(tuple(_read_block(item, f"blocks[{i}]", budget) for i, item in enumerate(blocks)))

    @classmethod
    def from_plain(cls, text: str) -> RichText:
        """A plain narrative as paragraphs and lists (its "- ", "+ " and "1. " lines)."""
        # The paragraph splitting rules of the plain narrative are the document's
        # (documents/narrative.py); this is the same reading at the domain's level.
        blocks: list[Block] = []
        items: list[tuple[Inline, ...]] = []
        ordered: bool | None = None
        paragraph: list[str] = []

        def flush_paragraph() -> None:
            if paragraph:
                blocks.append(Paragraph((Run(" ".join(paragraph)),)))
                paragraph.clear()

        def flush_list() -> None:
            nonlocal ordered
            if items:
                blocks.append(ListBlock(bool(ordered), tuple(items)))
                items.clear()
            ordered = None

        for raw in _nfc(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = " ".join(raw.split())
            if not line:
                flush_paragraph()
                flush_list()
                continue
            item = _list_item(line)
            if item is not None:
                flush_paragraph()
                is_ordered, rest = item
                if ordered is not None and ordered != is_ordered:
                    flush_list()
                ordered = is_ordered
                items.append((Run(rest),))
                continue
            if items and not paragraph:
                # A soft line break inside the last list item.
                last = items.pop()
                items.append((*last[:-1], Run(inline_text(last[-1:]) + " " + line)))
                continue
            flush_list()
            paragraph.append(line)
        flush_paragraph()
        flush_list()
        return cls(tuple(blocks))


def inline_text(content: Iterable[Inline]) -> str:
    out = []
    for inline in content:
        out.append(inline.text if isinstance(inline, Run) else f" ({inline.text})")
    return "".join(out)


def merge_runs(content: Sequence[Inline]) -> tuple[Inline, ...]:
    """Neighbouring runs of the same style as one; empty runs dropped."""
    out: list[Inline] = []
    for inline in content:
        if isinstance(inline, Run):
            if not inline.text:
                continue
            previous = out[-1] if out else None
            if (isinstance(previous, Run) and previous.bold == inline.bold
                    and previous.italic == inline.italic):
                out[-1] = Run(previous.text + inline.text, inline.bold, inline.italic)
                continue
        out.append(inline)
    return tuple(out)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _list_item(line: str) -> tuple[bool, str] | None:
    head, _, rest = line.partition(" ")
    if not rest:
        return None
    if head in {"-", "–", "•", "+"}:
        return False, rest
    digits = head[:-1]
    if head[-1:] in {".", ")"} and digits.isdigit() and len(digits) <= 3:
        return True, rest
    return None


# ------------------------------------------------------------------ writing

def _inline_json(inline: Inline) -> dict[str, Any]:
    if isinstance(inline, Footnote):
        return {"footnote": inline.text}
    out: dict[str, Any] = {"text": inline.text}
    if inline.bold:
        out["bold"] = True
    if inline.italic:
        out["italic"] = True
    return out


def _block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "content": [_inline_json(i) for i in block.content]}
    if isinstance(block, ListBlock):
        return {"type": "list", "ordered": block.ordered,
                "items": [[_inline_json(i) for i in item] for item in block.items]}
    return {"type": "table", "widths": list(block.widths), "header_rows": block.header_rows,
            "rows": [[_cell_json(cell) for cell in row] for row in block.rows]}


def _cell_json(cell: Cell) -> dict[str, Any]:
    out: dict[str, Any] = {"content": [_inline_json(i) for i in cell.content]}
    if cell.colspan != 1:
        out["colspan"] = cell.colspan
    if cell.rowspan != 1:
        out["rowspan"] = cell.rowspan
    return out


# ------------------------------------------------------------------ reading, bounded

@dataclass
class _Budget:
    characters: int = 0

    def spend(self, text: str, where: str) -> str:
        if len(text) > MAX_TEXT:
            raise RichTextError(_("{where}: chữ dài quá {limit} ký tự").format(where=where, limit=MAX_TEXT))
        self.characters += len(text)
        if self.characters > MAX_TOTAL_TEXT:
            raise RichTextError(_("{where}: nội dung dài quá {limit} ký tự").format(
                where=where, limit=MAX_TOTAL_TEXT))
        return _nfc(text)


def _list(value: object, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise RichTextError(_("{where}: cần một danh sách").format(where=where))
    if len(value) > limit:
        raise RichTextError(_("{where}: nhiều quá {limit} mục").format(where=where, limit=limit))
    return value


def _object(value: object, where: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RichTextError(_("{where}: cần một đối tượng").format(where=where))
    unknown = set(value) - keys
    if unknown:
        raise RichTextError(_("{where}: khóa không biết {key}").format(
            where=where, key=repr(sorted(map(str, unknown))[0][:40])))
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise RichTextError(_("{where}: cần true hoặc false").format(where=where))
    return value


def _whole(value: object, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise RichTextError(_("{where}: cần một số nguyên từ {low} đến {high}").format(
            where=where, low=low, high=high))
    return value


def _text(value: object, where: str, budget: _Budget) -> str:
    if not isinstance(value, str):
        raise RichTextError(_("{where}: cần một chuỗi chữ").format(where=where))
    return budget.spend(value, where)


def _read_inlines(value: object, where: str, budget: _Budget) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for i, item in enumerate(_list(value, where, MAX_INLINES)):
        place = f"{where}[{i}]"
        if isinstance(item, dict) and "footnote" in item:
            data = _object(item, place, {"footnote"})
            out.append(Footnote(_text(data["footnote"], place, budget)))
            continue
        data = _object(item, place, {"text", "bold", "italic"})
        if "text" not in data:
            raise RichTextError(_("{where}: cần 'text' hoặc 'footnote'").format(where=place))
        out.append(Run(_text(data["text"], place, budget),
                       _flag(data.get("bold", False), place + ".bold"),
                       _flag(data.get("italic", False), place + ".italic")))
    return tuple(out)


def _read_block(value: object, where: str, budget: _Budget) -> Block:
    if not isinstance(value, dict):
        raise RichTextError(_("{where}: cần một đối tượng").format(where=where))
    kind = value.get("type")
    if kind == "paragraph":
        data = _object(value, where, {"type", "content"})
        return Paragraph(_read_inlines(data.get("content", []), where + ".content", budget))
    if kind == "list":
        data = _object(value, where, {"type", "ordered", "items"})
        items = _list(data.get("items", []), where + ".items", MAX_ITEMS)
        return ListBlock(_flag(data.get("ordered", False), where + ".ordered"),
                         tuple(_read_inlines(item, f"{where}.items[{i}]", budget)
                               for i, item in enumerate(items)))
    if kind == "table":
        return _read_table(_object(value, where, {"type", "widths", "header_rows", "rows"}),
                           where, budget)
    raise RichTextError(_("{where}: loại khối không biết {kind}").format(
        where=where, kind=repr(str(kind)[:40])))


def _read_table(data: dict[str, Any], where: str, budget: _Budget) -> Table:
    widths = tuple(_whole(w, f"{where}.widths[{i}]", 1, 1000)
                   for i, w in enumerate(_list(data.get("widths"), where + ".widths", MAX_COLUMNS)))
    if not widths:
        raise RichTextError(_("{where}: bảng cần ít nhất một cột").format(where=where + ".widths"))
    rows_data = _list(data.get("rows", []), where + ".rows", MAX_ROWS)
    header_rows = _whole(data.get("header_rows", 0), where + ".header_rows", 0, len(rows_data))
    rows: list[tuple[Cell, ...]] = []
    for r, row in enumerate(rows_data):
        cells = []
        for c, item in enumerate(_list(row, f"{where}.rows[{r}]", MAX_COLUMNS)):
            place = f"{where}.rows[{r}][{c}]"
            cell = _object(item, place, {"content", "colspan", "rowspan"})
            cells.append(Cell(_read_inlines(cell.get("content", []), place, budget),
                              _whole(cell.get("colspan", 1), place + ".colspan", 1, len(widths)),
                              _whole(cell.get("rowspan", 1), place + ".rowspan", 1, MAX_SPAN)))
        rows.append(tuple(cells))
    table = Table(widths, header_rows, tuple(rows))
    _check_fits(table, where)
    return table


def _check_fits(table: Table, where: str) -> None:
    """Every cell inside the grid: no row wider than the table, no span past its edges."""
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in covered:
                c += 1
            if c + cell.colspan > table.columns:
                raise RichTextError(_("{where}: rộng hơn {columns} cột của bảng").format(
                    where=f"{where}.rows[{r}]", columns=table.columns))
            if r + cell.rowspan > len(table.rows):
                raise RichTextError(_("{where}: một ô trải quá dòng cuối của bảng").format(
                    where=f"{where}.rows[{r}]"))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    # Refused at the first overlap, so a hostile table costs at most its grid.
                    if (r + dr, c + dc) in covered:
                        raise RichTextError(_("{where}: các ô chồng lên nhau").format(
                            where=f"{where}.rows[{r}]"))
                    covered.add((r + dr, c + dc))
            c += cell.colspan
