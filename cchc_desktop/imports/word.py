"""Last quarter's Word report read into a proposal: header, sections, narratives, figures.

Nothing here changes a report: `read_word_report` returns a `WordProposal` that the clerk
confirms in the preview (or the CLI writes to JSON). The .docx is a zip from outside, so
its directory is checked with the project's bounded reader before python-docx opens it,
and footnotes.xml is parsed with defusedxml (no entity expansion).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as safe_xml
import docx
from docx.document import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from cchc_desktop.domain.legacy_text import convert_run
from cchc_desktop.domain.narrative_words import fold as fold_accents
from cchc_desktop.domain.rich_text import Cell, Footnote, Paragraph, RichText, Run, Table
from cchc_desktop.domain.template import IndicatorKind, Template
from cchc_desktop.i18n import _
from cchc_desktop.reading import (
    MAX_WORKBOOK_BYTES,
    WORKBOOK_ZIP,
    InputFileError,
    check_zip_directory,
    read_input_bytes,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A number not inside a date (14/3/2026, 2026-03-14) nor a code (3/4): no slash or dash touches it.
NUMBER = re.compile(r"(?<![\d.,/-])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s*%)?(?![\d/-])")
# Folded words that make the number after them a date or a period, not a figure.
DATE_WORDS = re.compile(r"\b(?:nam|ngay|thang|quy|giai doan|nhiem ky)\s*$")
# What may stand between a number and the indicator's words after it: its unit
# ("46 nhiệm vụ đang thực hiện")...
MEASURE_WORDS = re.compile(r"^(?:nhiem vu|ho so|thu tuc hanh chinh|thu tuc|tthc|van ban|don vi|"
                           r"cuoc|luot|nguoi|cong chuc|can bo)\s+")
# ... and between the indicator's words and a number after them ("số đơn vị đã kiểm tra là 05").
LINK_WORDS = re.compile(r"\s+(?:la|dat|gom|co)\s*:?\s*$|\s*:\s*$")
HEADING = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s*", re.IGNORECASE)
NUMBER_SYMBOL = re.compile(r"Số\s*:\s*(\S+(?:\s*/\s*\S+)?)")
PLACE_DATE = re.compile(r"^(.+?),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")


@dataclass(frozen=True)
class Header:
    issuer: str = ""
    number_symbol: str = ""
    place: str = ""
    date: str = ""            # ISO yyyy-mm-dd
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionMatch:
    heading: str
    section_id: str | None    # None: no section of the template looks like this heading
    narrative: RichText


@dataclass(frozen=True)
class FigureProposal:
    code: str
    value: str                # as the clerk would type it: "1237" or "90.33"
    sentence: str


@dataclass
class WordProposal:
    header: Header
    sections: list[SectionMatch] = field(default_factory=list)
    figures: list[FigureProposal] = field(default_factory=list)


def fold(text: str) -> str:
    """Accents, case and punctuation away: how two headings are compared."""
    return " ".join(re.findall(r"[a-z0-9]+", fold_accents(text)))


def open_docx(path: Path) -> Document:
    """The Word file opened within the project's bounds, or an InputFileError in Vietnamese."""
    content = read_input_bytes(path, MAX_WORKBOOK_BYTES)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_zip_directory(archive, path.name, WORKBOOK_ZIP)
        return docx.Document(io.BytesIO(content))
    except InputFileError:
        raise
    except Exception as exc:   # python-docx raises many kinds on a broken package
        raise InputFileError(_("Tệp {name} không phải tệp Word (.docx) đọc được: {error}").format(
            name=path.name, error=exc)) from exc


def footnotes_of(document: Document) -> dict[str, str]:
    """footnotes.xml, which python-docx does not read, through its package parts."""
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            root = safe_xml.fromstring(rel.target_part.blob)
            notes: dict[str, str] = {}
            for note in root.iter(f"{W}footnote"):
                text = "".join(t.text or "" for t in note.iter(f"{W}t")).strip()
                if text:
                    notes[note.get(f"{W}id", "")] = text
            return notes
    return {}


def inlines(paragraph: DocxParagraph, notes: dict[str, str]) -> tuple[Run | Footnote, ...]:
    out: list[Run | Footnote] = []
    for run in paragraph.runs:
        for ref in run._r.iter(f"{W}footnoteReference"):
            note = notes.get(ref.get(f"{W}id", ""))
            if note:
                out.append(Footnote(note))
        if run.text:
            # A run in a .VnTime or VNI font holds the old encodings' bytes: its font decides.
            text = convert_run(run.text, run.font.name or "")
            out.append(Run(text, bold=bool(run.bold), italic=bool(run.italic)))
    return tuple(out)


def table_of(table: DocxTable, notes: dict[str, str]) -> Table:
    rows = []
    for row in table.rows:
        cells: list[Cell] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:   # python-docx repeats a merged cell once per grid column
                continue
            seen.add(id(cell._tc))
            content = tuple(i for p in cell.paragraphs for i in inlines(p, notes))
            span = sum(1 for c in row.cells if c._tc is cell._tc)
            cells.append(Cell(content, colspan=span))
        rows.append(tuple(cells))
    columns = max((sum(c.colspan for c in r) for r in rows), default=1)
    return Table(widths=(1,) * columns, header_rows=1 if rows else 0, rows=tuple(rows))


def plain(blocks: list[Paragraph | Table]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append("".join(i.text for i in block.content if isinstance(i, Run)))
        else:
            for row in block.rows:
                lines.append(" | ".join("".join(i.text for i in c.content if isinstance(i, Run))
                                        for c in row))
    return "\n".join(lines)


def match_section(heading: str, template: Template) -> str | None:
    """The template's section whose title's words the heading holds best (≥ 60 %)."""
    words = set(fold(HEADING.sub("", heading)).split())
    best, best_score = None, 0.0
    for section, _depth in template.walk():
        title = set(fold(str(section.title)).split())
        if not title or not words:
            continue
        score = len(title & words) / len(title)
        if score > best_score:
            best, best_score = section.id, score
    return best if best_score >= 0.6 else None


def is_heading(paragraph: DocxParagraph) -> bool:
    text = paragraph.text.strip()
    styled = paragraph.style is not None and paragraph.style.name.lower().startswith("heading")
    bold = bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
    return bool(text) and len(text) < 200 and (styled or (bold and bool(HEADING.match(text))))


def read_header(lines: list[str]) -> Header:
    issuer = number = place = date = title = name = ""
    recipients: list[str] = []
    for line in lines[:12]:
        if not number and (found := NUMBER_SYMBOL.search(line)):
            number = re.sub(r"\s+", "", found.group(1))
        elif not place and (found := PLACE_DATE.match(line.strip())):
            place = found.group(1).strip()
            date = f"{found.group(4)}-{int(found.group(3)):02d}-{int(found.group(2)):02d}"
        elif not issuer and line.isupper() and "CỘNG HÒA" not in line and "ĐỘC LẬP" not in line:
            issuer = line.strip()
    if any(line.strip().startswith("Nơi nhận") for line in lines):
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("Nơi nhận"))
        tail = [line.strip() for line in lines[start + 1:] if line.strip()]
        recipients = [t.lstrip("-+ ").rstrip(";.") for t in tail if t.startswith(("-", "+"))]
        others = [t for t in tail if not t.startswith(("-", "+"))]
        if others:
            title, name = (others[0], others[-1]) if len(others) > 1 else (others[0], "")
    return Header(issuer, number, place, date, title, name, tuple(recipients))


def figures_in(text: str, template: Template, level: str | None = None) -> list[FigureProposal]:
    """Each indicator whose words stand just before (or after) a number of a sentence; of
    the indicators kept per level (tthc.niem_yet.xa/huyen/tinh), only `level`'s."""
    proposals: list[FigureProposal] = []
    seen: set[str] = set()
    indicators = [i for i in (template_indicators(template)) if not i[2]
                  and (level is None or not LEVELS.intersection(i[0].split(".")) or level in i[0].split("."))]
    for sentence in re.split(r"(?<=[.;:])\s+|\n", text):
        for found in NUMBER.finditer(sentence):
            before = fold(sentence[max(0, found.start() - 60):found.start()])
            if DATE_WORDS.search(before):
                continue
            # The words after a number run to the next number: they name this one, not that.
            raw_after = re.split(r"\d", sentence[found.end():found.end() + 60], maxsplit=1)[0]
            after = fold(raw_after)
            befores = {before.rstrip(), LINK_WORDS.sub("", before)}
            # A unit of measure is skipped only when no comma or stop parts it from the words.
            measured = MEASURE_WORDS.match(fold_accents(raw_after).strip())
            afters = {after} | ({fold(fold_accents(raw_after).strip()[measured.end():])}
                                if measured else set())
            is_rate = bool(found.group(3))
            candidates = [i for i in indicators if i[0] not in seen and i[3] == is_rate and i[1]]
            # The words before a number name it first; the words after only when none before do.
            chosen = next((i for i in candidates if any(b.endswith(i[1]) for b in befores)), None) \
                or next((i for i in candidates if any(a.startswith(i[1]) for a in afters)), None)
            if chosen is not None:
                code = chosen[0]
                whole = found.group(1).replace(".", "")
                value = f"{whole}.{found.group(2)}" if found.group(2) else whole
                proposals.append(FigureProposal(code, value, sentence.strip()))
                seen.add(code)
    return proposals


# The levels an indicator's code may name, and the words of a unit's name that say its level:
# the first found counts ("Sở Nội vụ thành phố Cần Thơ" is a province's department; a "thành
# phố" is a province-level city since the districts went).
LEVELS = frozenset({"xa", "huyen", "tinh"})
LEVEL_WORDS = (("so", "tinh"), ("tinh", "tinh"), ("thanh pho", "tinh"), ("thi xa", "huyen"),
               ("huyen", "huyen"), ("quan", "huyen"), ("dac khu", "xa"), ("thi tran", "xa"),
               ("phuong", "xa"), ("xa", "xa"))


def level_of(name: str) -> str | None:
    """The level a unit's name says, or None when it says none."""
    words = " " + fold(name) + " "
    found = [(words.find(f" {phrase} "), -len(phrase), level) for phrase, level in LEVEL_WORDS
             if f" {phrase} " in words]
    return min(found)[2] if found else None


def template_indicators(template: Template) -> list[tuple[str, str, bool, bool]]:
    """(code, folded phrase, derived, is a rate) per indicator, longest phrase first.

    Derived figures (sums, rates) are computed by the app, so only entered ones are proposed.
    """
    out = [(ind.code, re.sub(r"^(tong )?so ", "", fold(ind.phrase)), ind.derived,
            ind.kind is IndicatorKind.RATE)
           for ind in template.indicators.values()]
    return sorted(out, key=lambda item: -len(item[1]))


def read_word_report(path: Path, template: Template, level: str | None = None) -> WordProposal:
    """What the report at `path` proposes; its figures for the indicators of `level` (the
    report's unit's), or of the level its issuer's name says."""
    document = open_docx(path)
    try:
        notes = footnotes_of(document)
    except Exception as exc:  # footnotes.xml with a DTD or entities (defusedxml), or broken XML
        raise InputFileError(_("Tệp {name} không phải tệp Word (.docx) đọc được: {error}").format(
            name=path.name, error=f"word/footnotes.xml ({exc.__class__.__name__})")) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables[:1]:   # the header is often a two-column table
        lines = [c.text for row in table.rows for c in row.cells] + lines
    proposal = WordProposal(read_header(lines))
    heading, blocks = "", list[Paragraph | Table]()
    body = document.element.body

    def flush() -> None:
        if heading:
            proposal.sections.append(SectionMatch(heading, match_section(heading, template),
                                                  RichText(tuple(blocks))))

    for child in body.iterchildren():
        if child.tag == f"{W}p":
            paragraph = DocxParagraph(child, document)
            if is_heading(paragraph):
                flush()
                heading, blocks = paragraph.text.strip(), list[Paragraph | Table]()
            elif heading and paragraph.text.strip().startswith("Nơi nhận"):
                break
            elif heading and (content := inlines(paragraph, notes)):
                blocks.append(Paragraph(content))
        elif child.tag == f"{W}tbl" and heading:
            blocks.append(table_of(DocxTable(child, document), notes))
    flush()
    text = "\n".join(plain(list(s.narrative.blocks)) for s in proposal.sections)  # type: ignore[arg-type]
    proposal.figures = figures_in(text, template, level or level_of(proposal.header.issuer))
    return proposal
