"""Narrative audit: the rates a clerk writes in the text, checked against the figures.

Hand-made reports slip most often where a rate is written out. Three checks read the
narrative of each section:

- a fraction quoted with its rate must agree with itself: "42/66 nhiệm vụ, đạt 63%"
  is 63,64%;
- a fraction whose numerator is a rate's numerator must be over that rate's
  denominator: "giải quyết đúng hạn 1.421/1.557 hồ sơ" divides by the records received
  where the on-time rate divides by the records resolved;
- a percentage quoted without its fraction next to the name of a rate the report
  computes must be that rate: "340 máy, chiếm tỷ lệ 78%", "tỷ lệ trực tuyến đạt 60,5%".

A finding tells the clerk that the text is wrong, so precision comes before recall.
Nothing that may be a date or a document number is read as a fraction ("31/8/2023",
"tháng 8/2020", "quý 3/2023", "20/KH-UBND", "62/2020/NĐ-CP"); footnotes (pasted with
their "<sup>1</sup>" markers, or after a "_____" line) never feed the section's rates;
a percentage is compared with a rate only when the words before it name one rate of
this period ("so với cả nước", "phấn đấu", "năm 2019", "khoảng" leave it alone).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from cchc_desktop.domain.field_kinds import rate_unit
from cchc_desktop.domain.figures import Figures
from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.formatting import format_number, format_percent, format_rate_with_fraction
from cchc_desktop.domain.rates import HUNDRED, Rate, compute_rate, round_half_up
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Severity, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.i18n import _

TEXT_RATE_RULE = "van_ban.ty_le_trich_dan"
TEXT_DENOMINATOR_RULE = "van_ban.mau_so_ty_le"
TEXT_INDICATOR_RULE = "van_ban.ty_le_chi_tieu"


# --------------------------------------------------------------------------- paragraphs

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
_PERCENT = re.compile(rf"(?<![\w.,/])(?P<pct>(?:{_NUMBER})(?:,\d+)?)\s*%")
# After a fraction: a few words (not across a sentence, a table cell or another figure),
# "đạt" or "chiếm", optional "tỷ lệ", then the percentage; or the percentage in brackets.
_RATE_AFTER_FRACTION = re.compile(
    r"(?P<between>(?:(?![.;:]\s)[^/%\t]){0,60}?)"
    r"(?:\b(?:đạt|chiếm)(?:\s+(?:được|tỷ\s+lệ|tỉ\s+lệ|là))*\s+|\(\s*)"
    rf"(?P<pct>(?:{_NUMBER})(?:,\d+)?)\s*%",
    re.IGNORECASE)
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


def _year_like(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100


def _word_before(text: str, position: int) -> str:
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
        if _year_like(den_text):
            continue
        before = _word_before(text, match.start())
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
        found.append(QuotedRate(fraction, percent, decimals, fraction.start, match.end(), excerpt))
    return found


def _exact(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator * HUNDRED / denominator


def _agrees(numerator: Decimal, denominator: Decimal, quoted: Decimal, decimals: int) -> bool:
    """The quoted rate is right at its own number of decimals: 24% for 24,04% is."""
    return round_half_up(_exact(numerator, denominator), min(decimals, 6)) == quoted


# --------------------------------------------------------------------------- words

def fold(text: str) -> str:
    """Lower case without accents, one character for one: 'Đạt tỷ lệ' -> 'dat ty le'."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


# Abbreviations the reports and the templates use for the same words.
_ABBREVIATIONS = {
    "dvctt": "dich vu cong truc tuyen", "dvc": "dich vu cong", "tthc": "thu tuc hanh chinh",
    "nsnn": "ngan sach nha nuoc", "htqlcl": "he thong quan ly chat luong",
    "qppl": "quy pham phap luat", "vbqppl": "van ban quy pham phap luat",
    "cchc": "cai cach hanh chinh", "hs": "ho so", "attt": "an toan thong tin",
    "cntt": "cong nghe thong tin", "cbccvc": "can bo cong chuc vien chuc",
    "ccvc": "cong chuc vien chuc", "pakn": "phan anh kien nghi",
}
# Words that do not tell one figure from another ("số", "tổng", "các", "đã", "và").
_STOP = {"so", "luong", "tong", "cac", "nhung", "cua", "va", "da", "duoc", "voi", "la",
         "ty", "ti", "le"}
# Words that may follow a rate's name before its value: "tỷ lệ ... còn thấp, mới đạt".
_FILLER = {"con", "thap", "moi", "chi", "cao", "kha", "rat", "chung", "van", "cung",
           "luon", "tiep", "tuc", "trong", "ky", "quy", "nay", "bao", "toan", "dia", "ban",
           "tren", "thanh", "pho", "tinh", "huyen", "xa", "cap", "i", "ii", "iii", "iv",
           "thang", "nam", "dau", "cuoi"}
# A value of another period, another place or a target, not this report's rate.
_ELSEWHERE = ("cung ky", "ky truoc", "nam truoc", "quy truoc", "thang truoc", "ca nuoc",
              "toan quoc", "binh quan", "trung binh", "chi tieu", "muc tieu", "phan dau",
              "du kien", "ke hoach de ra", "yeu cau", "toi thieu", "it nhat", "khoang",
              "xap xi", "tang", "giam")
# What may follow the percentage: nothing, or its base ("78% tổng số máy", "63% kế hoạch");
# "đạt 100% đúng hạn" says what the percentage is of, and that is not the rate's name.
_AFTER_OK = {"tong", "so", "ke", "tren", "cua", "trong", "theo"}
# Words before a number that make it part of a name, not a count: "mức độ 4", "cấp 2".
# (With accents: "trong đó 1.421 hồ sơ" counts, "mức độ 4" does not.)
_NOT_A_COUNT = {"mức", "độ", "cấp", "loại", "nhóm", "vòng", "khóa", "khoá", "kỳ", "quý", "tháng",
                "năm", "ngày", "tuần", "lần", "thứ", "đoạn", "số", "hạng", "bậc", "lớp"}


@dataclass(frozen=True)
class _Token:
    word: str
    start: int
    end: int


def tokens(text: str, offset: int = 0) -> list[_Token]:
    """Folded words of `text` with their place in it; abbreviations spelled out."""
    found = []
    for match in re.finditer(r"\w+", fold(text)):
        for word in _ABBREVIATIONS.get(match.group(0), match.group(0)).split():
            found.append(_Token(word, offset + match.start(), offset + match.end()))
    return found


def _words(text: str) -> list[str]:
    return [token.word for token in tokens(text)]


@cache
def _name(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A label's words without "Tỷ lệ" in front, and its coordinated words.

    Words joined by "và" or a comma ("đúng và trước hạn", "xuất sắc, tốt") cannot be
    left out: "giải quyết trước hạn" is not "giải quyết đúng và trước hạn". The shorthand
    a report uses for such a rate ("tỷ lệ giải quyết đúng hạn") is the rate's `short`.
    """
    folded = fold(text)
    found = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+", folded)]
    coordinated: set[str] = set()
    for index, (word, start, end) in enumerate(found):
        before = found[index - 1][0] if index else ""
        after = found[index + 1][0] if index + 1 < len(found) else ""
        if before == "va" or after == "va" or folded[:start].rstrip().endswith(",") \
                or folded[end:].lstrip().startswith(","):
            coordinated.add(word)
    words = [w for word, _s, _e in found for w in _ABBREVIATIONS.get(word, word).split()]
    if words[:2] in (["ty", "le"], ["ti", "le"]):
        words = words[2:]
    return tuple(words), frozenset(coordinated - {"va"})


def name_match(read: Sequence[str], name_text: str, extra: set[str],
               backwards: bool = False) -> int | None:
    """How many words of the name the text leaves out, or None when it does not name it.

    `read` are the words after "tỷ lệ" (or, backwards, before a figure). They must start
    with words of the name, its unit (`extra`) or words that name nothing; what follows
    (forwards) may only be filler ("còn thấp, mới"). At least two words of the name must
    be there, at most half of them may be left out, and never a number, a level or a
    coordinated word: "mức độ 3" is not "mức độ 3, 4".
    """
    name, coordinated = _name(name_text)
    core = [w for w in name if w not in _STOP and w not in extra]
    if not core:
        return None
    allowed = set(core) | extra | _STOP | set(_level_words())
    words = list(reversed(read)) if backwards else list(read)
    count = 0
    while count < len(words) and words[count] in allowed:
        count += 1
    head, tail = set(words[:count]), words[count:]
    if not backwards and any(word not in _FILLER for word in tail):
        return None
    missing = [w for w in core if w not in head]
    if any(w.isdigit() or w in _level_words() or w in coordinated for w in missing):
        return None
    if len(core) - len(missing) < min(2, len(core)) or 2 * len(missing) > len(core):
        return None
    return len(missing)


@cache
def _level_words() -> frozenset[str]:
    """'cap', 'xa', 'huyen', 'tinh': the words of the levels' labels."""
    catalogue = level_catalogue()
    return frozenset(w for level in catalogue.levels for w in _words(catalogue.label(level)))


def _levels_named(words: Sequence[str]) -> set[str]:
    """The levels the words name: 'cấp xã' -> {'xa'}."""
    text = " " + " ".join(words) + " "
    return {level for level in level_catalogue().levels
            if " " + " ".join(_words(level_catalogue().label(level))) + " " in text}


# --------------------------------------------------------------------------- the audit

def _unit_words(template: Template, codes: Iterable[str]) -> set[str]:
    return {w for code in codes for w in _words(str(template.indicators[code].unit))}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class _Candidate:
    indicator: Indicator
    rate: Rate
    exact: Decimal      # the rate unrounded, to compare at the text's own decimals
    missing: int        # words of the name the text left out


class _Audit:
    """The checks of one report's narrative against its figures."""

    def __init__(self, template: Template, figures: Figures, precision: int,
                 years: frozenset[int], own_level: str = "") -> None:
        self.template = template
        self.figures = figures
        self.precision = precision
        self.years = years
        self.own_level = own_level
        self.rates: list[tuple[Indicator, Rate, Decimal]] = []
        for indicator in template.rates():
            rate = figures.rates.get(indicator.code)
            if rate is not None and rate.value is not None and rate.numerator is not None \
                    and rate.denominator:
                self.rates.append((indicator, rate, _exact(rate.numerator, rate.denominator)))

    # ---- fractions quoted with their rate
    def arithmetic(self, section_id: str, quoted: QuotedRate) -> Finding | None:
        fraction = quoted.fraction
        if fraction.denominator == 0 or _agrees(fraction.numerator, fraction.denominator,
                                                 quoted.percent, quoted.decimals):
            return None
        correct = compute_rate(fraction.numerator, fraction.denominator, self.precision).value
        message = _("Văn bản ghi \u201c{excerpt}\u201d nhưng {num}/{den} là {correct}.").format(
            excerpt=quoted.excerpt, num=fraction.num_text, den=fraction.den_text,
            correct=format_percent(correct, self.precision))
        return Finding(TEXT_RATE_RULE, Severity.WARNING, (), message, section_id)

    def denominator(self, section_id: str, quoted: QuotedRate) -> Finding | None:
        fraction = quoted.fraction
        report_figures = {value for value in self.figures.values.values() if value is not None}
        if fraction.denominator not in report_figures:
            return None
        for indicator in self.template.rates():
            rate = self.figures.rates.get(indicator.code)
            if (rate is None or rate.value is None or rate.numerator != fraction.numerator
                    or rate.denominator in (None, fraction.denominator)):
                continue
            message = _("Văn bản ghi \u201c{excerpt}\u201d nhưng {label} tính trên {denominator} "
                        "({den}): {rate}.").format(
                excerpt=quoted.excerpt, label=indicator.full_label.lower(),
                denominator=self._denominator_words(indicator.denominator),
                den=format_number(rate.denominator, 3), rate=format_rate_with_fraction(rate))
            return Finding(TEXT_DENOMINATOR_RULE, Severity.WARNING, (indicator.code,), message,
                           section_id)
        return None

    def _denominator_words(self, codes: tuple[str, ...]) -> str:
        """'số hồ sơ đã giải quyết', or 'tổng a và b' for a sum of figures."""
        indicators = self.template.indicators
        if len(codes) == 1:
            return _lower_first(str(indicators[codes[0]].label))
        phrases = [indicators[c].phrase for c in codes]
        items = _("{items} và {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])
        return _("tổng {items}").format(items=items)

    # ---- percentages next to a rate's name
    def named_rate(self, section_id: str, text: str, percent: re.Match[str]) -> Finding | None:
        # Searched back a bounded stretch only: from the start of the text it made a long
        # paragraph with many percentages quadratic (re.search tries every start).
        connector = _CONNECTOR_BEFORE.search(text, max(0, percent.start() - _CONNECTOR_REACH),
                                             percent.start())
        if connector is None:
            return None
        start = _clause_start(text, connector.start())
        window = tokens(text[start:connector.start()], start)
        after = _words(text[percent.end():_clause_end(text, percent.end())])
        following = _words(text[percent.end():_clause_end(text, percent.end(), _BOUNDARY)])
        words = [t.word for t in window]
        if self._elsewhere(words) or self._elsewhere(following[:6]):
            return None
        if after[:1] and after[0] not in _AFTER_OK:
            return None
        quoted, decimals = vi_decimal(percent["pct"]), len(percent["pct"].partition(",")[2])
        found = self._by_name(window) or self._by_count(text, start, connector.start())
        if found is None:
            return None
        candidates, anchor = found
        candidates = self._by_level(candidates, words)
        if not candidates:
            return None
        if any(round_half_up(c.exact, min(decimals, 6)) == quoted for c in candidates):
            return None
        values = {round_half_up(c.exact, min(decimals, 6)) for c in candidates}
        if len(values) != 1:
            return None  # two rates fit the words and disagree: which one is meant is unclear
        best = min(c.missing for c in candidates)
        candidates = [c for c in candidates if c.missing == best]
        chosen = self._preferred(candidates)
        excerpt = text[anchor:percent.end()].strip()
        message = _("Văn bản ghi \u201c{excerpt}\u201d nhưng {label} là {rate}.").format(
            excerpt=excerpt, label=_lower_first(chosen.indicator.full_label),
            rate=format_rate_with_fraction(chosen.rate, rate_unit(self.template, chosen.indicator)))
        return Finding(TEXT_INDICATOR_RULE, Severity.WARNING, (chosen.indicator.code,), message,
                       section_id)

    def _elsewhere(self, words: Sequence[str]) -> bool:
        text = " " + " ".join(words) + " "
        if any(" " + phrase + " " in text for phrase in _ELSEWHERE):
            return True
        return any(_year_like(w) and int(w) not in self.years for w in words)

    def _by_name(self, window: list[_Token]) -> tuple[list[_Candidate], int] | None:
        """'tỷ lệ <name> ... đạt': the rates whose label the words after 'tỷ lệ' give."""
        words = [t.word for t in window]
        at = max((i for i in range(len(words) - 1) if words[i] in ("ty", "ti")
                  and words[i + 1] == "le"), default=-1)
        if at < 0 or at + 2 >= len(words):
            return None
        read = [w for w in words[at + 2:] if not (_year_like(w) and int(w) in self.years)]
        found = []
        for indicator, rate, exact in self.rates:
            extra = _unit_words(self.template, indicator.numerator + indicator.denominator)
            results = [m for text in (str(indicator.label), str(indicator.short)) if text
                       and (m := name_match(read, text, extra)) is not None]
            if results:
                found.append(_Candidate(indicator, rate, exact, min(results)))
        return found, window[at].start

    def _by_count(self, text: str, start: int, end: int) -> tuple[list[_Candidate], int] | None:
        """'<name> là 509, đạt' or '340 máy, chiếm': a count that is a rate's numerator."""
        # The last number that counts something: not "4" of "mức độ 4", not a year.
        number, before = None, []
        for match in reversed(list(_COUNT.finditer(text, start, end))):
            before = tokens(text[start:match.start()], start)
            previous = _word_before(text[start:match.start()], match.start() - start).strip(",:;")
            if not _year_like(match.group(0)) and previous not in _NOT_A_COUNT:
                number = match
                break
        if number is None:
            return None
        after = [t.word for t in tokens(text[number.end():end])]
        if len(after) > 8:
            return None
        value = vi_decimal(number.group(0))
        before_words = [t.word for t in before]
        while before_words and before_words[-1] in ("la", "co", "gom", "dat", "duoc"):
            before_words.pop()
        found = []
        for indicator, rate, exact in self.rates:
            if rate.numerator != value:
                continue
            missing = self._names_count(indicator, before_words, after)
            if missing is not None:
                found.append(_Candidate(indicator, rate, exact, missing))
        # The excerpt starts at the count, or at the name before it ("DVCTT mức độ 3 là 509").
        anchor = number.start()
        if found and before_words and not after:
            vocabulary = _STOP | set(_level_words())
            for candidate in found:
                vocabulary |= {w for name in self._names(candidate.indicator) for w in _name(name)[0]}
            index = len(before_words)
            while index > 0 and before_words[index - 1] in vocabulary:
                index -= 1
            if index < len(before_words):
                anchor = before[index].start
        return found, anchor

    def _names(self, indicator: Indicator) -> list[str]:
        """The rate's label and short phrase, and its numerator's."""
        names = [str(indicator.label), str(indicator.short)]
        for code in indicator.numerator:
            numerator = self.template.indicators[code]
            names += [str(numerator.label), str(numerator.short)]
        return [name for name in names if name]

    def _names_count(self, indicator: Indicator, before: list[str], after: list[str]) -> int | None:
        """The words around a count name the rate's numerator: its unit or its name."""
        units = _unit_words(self.template, indicator.numerator)
        unit_words = _words(str(self.template.indicators[indicator.numerator[0]].unit))
        if unit_words and after[:len(unit_words)] == unit_words and \
                all(w in _FILLER or w in _STOP for w in after[len(unit_words):]):
            return 0
        results = []
        for name in self._names(indicator):
            if after:
                forward = name_match(after, name, units)
                if forward is not None:
                    results.append(forward)
            elif before:
                backward = name_match(before, name, units, backwards=True)
                if backward is not None:
                    results.append(backward)
        return min(results) if results else None

    def _by_level(self, candidates: list[_Candidate], words: Sequence[str]) -> list[_Candidate]:
        named = _levels_named(words)
        if named:
            return [c for c in candidates if c.indicator.level is None or c.indicator.level in named]
        return candidates

    def _preferred(self, candidates: list[_Candidate]) -> _Candidate:
        for candidate in candidates:
            if self.own_level and candidate.indicator.level == self.own_level:
                return candidate
        for candidate in candidates:
            if candidate.indicator.level and candidate.indicator.level not in level_catalogue().levels:
                return candidate  # the total row of a per-level group
        return candidates[0]


# "đạt", "chiếm", "là", "bằng" (and "đạt tỷ lệ", "chiếm được") right before the figure.
_CONNECTOR_BEFORE = re.compile(
    r"(?:\b(?:đạt|chiếm|là|bằng)(?:\s+(?:được|tỷ\s+lệ|tỉ\s+lệ|là))*\s*:?\s*|:\s*)$",
    re.IGNORECASE)
_COUNT = re.compile(rf"(?<![\w/.,\-])(?:{_NUMBER})(?:,\d+)?(?![\w/%]|[.,]\d|\s*/|\s*%)")
_BOUNDARY = re.compile(r"[;()\t%]|[.:!?](?=\s)")
_CLAUSE_REACH = 160     # characters before a figure that may name it
_CONNECTOR_REACH = 200  # characters a connector ("đạt được tỷ lệ: ") may take before a figure
_AFTER_BOUNDARY = re.compile(r"[;,()\t%]|[.:!?](?=\s|$)")


def _clause_start(text: str, end: int) -> int:
    """Where the clause ending at `end` starts: after a ';', '.', bracket, cell or '%'."""
    # Only the last _CLAUSE_REACH characters can hold the answer: looking from the start of
    # the text made a long paragraph with many figures quadratic.
    start = 0
    for match in _BOUNDARY.finditer(text, max(0, end - _CLAUSE_REACH - 1), end):
        start = match.end()
    return max(start, end - _CLAUSE_REACH)


def _clause_end(text: str, start: int, boundary: re.Pattern[str] | None = None) -> int:
    """Where the words after a figure end: at a comma too ("đạt 46%, trong đó ...")."""
    match = (boundary or _AFTER_BOUNDARY).search(text, start)
    return match.start() if match else len(text)


class _Spans:
    """Is a position inside one of these spans: a bisection, not a scan of them all."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _end in ordered]
        self._reach: list[int] = []   # the furthest end among the spans so far
        for _start, end in ordered:
            self._reach.append(max(end, self._reach[-1] if self._reach else end))

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._reach[index]


def audit_text(template: Template, figures: Figures, section_id: str, text: str, precision: int,
               *, years: frozenset[int] = frozenset(), compare_rates: bool = True,
               own_level: str = "") -> list[Finding]:
    """Findings of one section's narrative.

    Footnotes get only the arithmetic of their own fractions; `compare_rates=False`
    (a section of targets, such as next period's tasks) skips the comparison of bare
    percentages with the report's rates.
    """
    audit = _Audit(template, figures, precision, years, own_level)
    findings: list[Finding] = []
    for paragraph in paragraphs(text):
        quoted = quoted_rates(paragraph.text)
        for rate in quoted:
            found = [audit.arithmetic(section_id, rate)]
            if not paragraph.footnote:
                found.append(audit.denominator(section_id, rate))
            findings += [finding for finding in found if finding is not None]
        if paragraph.footnote or not compare_rates:
            continue
        taken = _Spans((rate.start, rate.end) for rate in quoted)
        for percent in _PERCENT.finditer(paragraph.text):
            if percent.start() in taken:
                continue
            finding = audit.named_rate(section_id, paragraph.text, percent)
            if finding is not None:
                findings.append(finding)
    return findings


def audit_report(template: Template, report: Report, figures: Figures) -> list[Finding]:
    """Findings of every narrative of the report, section by section."""
    period = report.period
    # Not the start's year: Quý I begins on 15/12 of the year before, which is not its year.
    years = frozenset({period.year, period.end.year})
    findings: list[Finding] = []
    for section, _depth in template.walk():
        text = report.texts.get(section.id, "")
        if not text.strip():
            continue
        findings += audit_text(template, figures, section.id, text, report.precision, years=years,
                               compare_rates=not (section.next_tasks or section.proposals),
                               own_level=report.unit.level)
    return findings
