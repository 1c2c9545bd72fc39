"""Figures as a clerk writes them in a narrative: paragraphs, fractions and quoted rates.

A narrative comes pasted from Word or a PDF: its paragraphs are split on blank lines and
list items, and its footnotes (with their "<sup>1</sup>" markers, or after a "_____"
line) are told apart from the text. Nothing that may be a date or a document number is
read as a fraction ("31/8/2023", "tháng 8/2020", "quý 3/2023", "20/KH-UBND",
"62/2020/NĐ-CP"). The clause around a figure (clause_start, clause_end) bounds the words
that may say what it is. Comparing what is found with the report's figures is
narrative_audit.py's job.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SUP = r"<su(?:p|per)>\s*\d{1,3}\s*</su(?:p|per)>"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_MARKER = re.compile(rf"{_SUP}|[{_SUPERSCRIPTS}]+")
# A footnote as it comes from a pasted PDF or Word file: a line that starts with its
# marker ("<sup>1</sup> Kế hoạch số ...", "¹ ...") or a line holding only its number.
_FOOTNOTE_START = re.compile(rf"^\s*(?:{_SUP}|[{_SUPERSCRIPTS}]+|\d{{1,3}}\s*$)")
_SEPARATOR = re.compile(r"^\s*[_\-–—]{5,}\s*$")   # the rule above a page's footnotes
_ITEM = re.compile(r"^\s*(?:[-–•+]|\d{1,3}[.)]|[a-zđ]\))\s+", re.IGNORECASE)
_TAGS = re.compile(r"</?(?:b|i|u|em|strong)>", re.IGNORECASE)


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a narrative, footnote markers removed ("10<sup>1</sup> TTHC": "10 TTHC")."""

    text: str
    footnote: bool = False


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs and footnotes of a narrative, in order.

    Paragraphs are separated by blank lines; a list item ("- ", "+ ", "1. ", "a) ") or a
    footnote starts one of its own. Everything after a separator line is footnotes.
    """
    result: list[Paragraph] = []
    lines: list[str] = []
    in_footnote = False
    after_separator = False

    def flush() -> None:
        nonlocal lines, in_footnote
        joined = " ".join(line.strip() for line in lines if line.strip())
        if joined:
            result.append(Paragraph(_clean(joined), in_footnote or after_separator))
        lines = []
        in_footnote = False

    for line in unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            flush()
        elif _SEPARATOR.match(line):
            flush()
            after_separator = True
        elif _FOOTNOTE_START.match(line):
            flush()
            in_footnote = True
            lines.append(line)
        elif _ITEM.match(line) and not in_footnote:
            flush()
            lines.append(line)
        else:
            lines.append(line)
    flush()
    return result


def _clean(text: str) -> str:
    text = _TAGS.sub("", _MARKER.sub("", text))
    return re.sub(r"[ \u00a0]+", " ", text).strip()


# --------------------------------------------------------------------------- fractions

_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d+"
_FRACTION = re.compile(
    rf"(?<![\w/.,\-])(?P<num>{_NUMBER})\s*/\s*(?P<den>{_NUMBER})(?!\s*/|[.,]\d|\w)")
PERCENT = re.compile(rf"(?<![\w.,/])(?P<pct>(?:{_NUMBER})(?:,\d+)?)\s*%")
# After a fraction: a few words (not across a sentence, a table cell or another figure),
# "đạt" or "chiếm", optional "tỷ lệ", then the percentage; or the percentage in brackets.
_RATE_AFTER_FRACTION = re.compile(
    r"(?P<between>(?:(?![.;:]\s)[^/%\t]){0,60}?)"
    r"(?:\b(?:đạt|chiếm)(?:\s+(?:được|tỷ\s+lệ|tỉ\s+lệ|là))*\s+|\(\s*)"
    rf"(?P<pct>(?:{_NUMBER})(?:,\d+)?)\s*%",
    re.IGNORECASE)
# A figure that counts something: not part of a fraction, a percentage or a decimal.
COUNT = re.compile(rf"(?<![\w/.,\-])(?:{_NUMBER})(?:,\d+)?(?![\w/%]|[.,]\d|\s*/|\s*%)")
# Words that make "d/m" or "m/yyyy" a date, and "số" that makes "45/2020" a document.
_DATE_WORDS = {"ngày", "tháng", "quý", "năm", "học", "khóa", "khoá", "niên", "kỳ", "đợt", "vụ",
               "đến", "hết", "tới", "từ", "trước", "sau", "cuối", "đầu"}
_DOCUMENT_WORDS = {"số", "số:", "hiệu"}


@dataclass(frozen=True)
class QuotedFraction:
    numerator: Decimal
    denominator: Decimal
    num_text: str
    den_text: str
    start: int
    end: int


@dataclass(frozen=True)
class QuotedRate:
    """A fraction with the rate the text gives it: "42/66 nhiệm vụ, đạt tỷ lệ 63%"."""

    fraction: QuotedFraction
    percent: Decimal
    decimals: int
    start: int
    end: int
    excerpt: str


def vi_decimal(text: str) -> Decimal:
    """'12.381' -> 12381, '50,5' -> 50.5 (Vietnamese separators)."""
    return Decimal(text.replace(".", "").replace(",", "."))


def year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def word_before(text: str, position: int) -> str:
    # Walked back from `position`, not split from the start: that made a long paragraph
    # with many figures quadratic.
    end = position
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lower()


def fractions(text: str) -> list[QuotedFraction]:
    """The fractions of one paragraph, never a date or a document number.

    "31/8/2023", "06/02/2023", "62/2020/NĐ-CP" (a third part), "tháng 8/2020", "8/2020",
    "quý 3/2023" (a year below the line), "ngày 31/8" (a date word before), "30/6" (a day
    over a month: a fraction is not 30 parts of 6), "số 45/12" and "20/KH-UBND" are not
    fractions.
    """
    found = []
    for match in _FRACTION.finditer(text):
        num_text, den_text = match["num"], match["den"]
        if year_like(den_text):
            continue
        before = word_before(text, match.start())
        if before in _DATE_WORDS or before in _DOCUMENT_WORDS:
            continue
        numerator, denominator = vi_decimal(num_text), vi_decimal(den_text)
        if "." not in num_text + den_text and 1 <= numerator <= 31 and 1 <= denominator <= 12 \
                and numerator > denominator:
            continue
        found.append(QuotedFraction(numerator, denominator, num_text, den_text,
                                    match.start(), match.end()))
    return found


def quoted_rates(text: str) -> list[QuotedRate]:
    """Fractions of one paragraph followed by the rate the text gives them."""
    found = []
    for fraction in fractions(text):
        match = _RATE_AFTER_FRACTION.match(text, fraction.end)
        if match is None:
            continue
        try:
            percent = vi_decimal(match["pct"])
        except InvalidOperation:
            continue
        decimals = len(match["pct"].partition(",")[2])
        excerpt = text[fraction.start:match.end()].strip()
        if excerpt.count("(") > excerpt.count(")") and text[match.end():match.end() + 1] == ")":
            # "42/66 (63%)": the finding quotes the bracket whole, as the clerk wrote it.
            excerpt += ")"
        found.append(QuotedRate(fraction, percent, decimals, fraction.start, match.end(), excerpt))
    return found


# --------------------------------------------------------------------------- clauses

# "đạt", "chiếm", "là", "bằng" (and "đạt tỷ lệ", "chiếm được") right before the figure.
CONNECTOR_BEFORE = re.compile(
    r"(?:\b(?:đạt|chiếm|là|bằng)(?:\s+(?:được|tỷ\s+lệ|tỉ\s+lệ|là))*\s*:?\s*|:\s*)$",
    re.IGNORECASE)
BOUNDARY = re.compile(r"[;()\t%]|[.:!?](?=\s)")
CLAUSE_REACH = 160     # characters before a figure that may name it
CONNECTOR_REACH = 200  # characters a connector ("đạt được tỷ lệ: ") may take before a figure
AFTER_BOUNDARY = re.compile(r"[;,()\t%]|[.:!?](?=\s|$)")


def clause_start(text: str, end: int) -> int:
    """Where the clause ending at `end` starts: after a ';', '.', bracket, cell or '%'."""
    # Only the last CLAUSE_REACH characters can hold the answer: looking from the start of
    # the text made a long paragraph with many figures quadratic.
    start = 0
    for match in BOUNDARY.finditer(text, max(0, end - CLAUSE_REACH - 1), end):
        start = match.end()
    return max(start, end - CLAUSE_REACH)


def clause_end(text: str, start: int, boundary: re.Pattern[str] | None = None) -> int:
    """Where the words after a figure end: at a comma too ("đạt 46%, trong đó ...")."""
    match = (boundary or AFTER_BOUNDARY).search(text, start)
    return match.start() if match else len(text)
