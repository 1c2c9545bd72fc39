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

Finding the figures in the text is narrative_figures.py's job, reading words as a rate's
name narrative_words.py's; this module compares them with the report's figures.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from cchc_desktop.domain.field_kinds import rate_unit
from cchc_desktop.domain.figures import Figures
from cchc_desktop.domain.findings import Finding
from cchc_desktop.domain.formatting import format_number, format_percent, format_rate_with_fraction
from cchc_desktop.domain.narrative_figures import (
    BOUNDARY,
    CONNECTOR_BEFORE,
    CONNECTOR_REACH,
    COUNT,
    PERCENT,
    Paragraph,
    QuotedFraction,
    QuotedRate,
    clause_end,
    clause_start,
    fractions,
    paragraphs,
    quoted_rates,
    vi_decimal,
    word_before,
    year_like,
)
from cchc_desktop.domain.narrative_words import (
    FILLER,
    STOP,
    Token,
    fold,
    folded_words,
    label_words,
    level_words,
    levels_named,
    name_match,
    tokens,
)
from cchc_desktop.domain.rates import HUNDRED, Rate, compute_rate, round_half_up
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Indicator, Severity, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.i18n import _, current_language

# The names this module always offered, wherever they live now.
__all__ = ["TEXT_DENOMINATOR_RULE", "TEXT_INDICATOR_RULE", "TEXT_RATE_RULE", "Paragraph", "QuotedFraction",
           "QuotedRate", "audit_report", "audit_text", "fold", "fractions", "name_match", "paragraphs",
           "quoted_rates", "tokens", "vi_decimal"]

TEXT_RATE_RULE = "van_ban.ty_le_trich_dan"
TEXT_DENOMINATOR_RULE = "van_ban.mau_so_ty_le"
TEXT_INDICATOR_RULE = "van_ban.ty_le_chi_tieu"


def _exact(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator * HUNDRED / denominator


def _agrees(numerator: Decimal, denominator: Decimal, quoted: Decimal, decimals: int) -> bool:
    """The quoted rate is right at its own number of decimals: 24% for 24,04% is."""
    return round_half_up(_exact(numerator, denominator), min(decimals, 6)) == quoted


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


def _unit_words(template: Template, codes: Iterable[str]) -> set[str]:
    return {w for code in codes for w in _folded_unit(str(template.indicators[code].unit))}


@lru_cache(maxsize=512)   # a few units, read for every rate at each keystroke's audit
def _folded_unit(unit: str) -> tuple[str, ...]:
    return tuple(folded_words(unit))


# The last template's rates, walked for each text at each keystroke (a template holds dicts:
# it is not hashable, so it is known by identity).
_rates_of: tuple[Template, tuple[Indicator, ...]] | None = None


def _rate_indicators(template: Template) -> tuple[Indicator, ...]:
    global _rates_of
    if _rates_of is None or _rates_of[0] is not template:
        _rates_of = (template, tuple(template.rates()))
    return _rates_of[1]


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
        for indicator in _rate_indicators(template):
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
        for indicator in _rate_indicators(self.template):
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
        connector = CONNECTOR_BEFORE.search(text, max(0, percent.start() - CONNECTOR_REACH),
                                             percent.start())
        if connector is None:
            return None
        start = clause_start(text, connector.start())
        window = tokens(text[start:connector.start()], start)
        after = folded_words(text[percent.end():clause_end(text, percent.end())])
        following = folded_words(text[percent.end():clause_end(text, percent.end(), BOUNDARY)])
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
        return any(year_like(w) and int(w) not in self.years for w in words)

    def _by_name(self, window: list[Token]) -> tuple[list[_Candidate], int] | None:
        """'tỷ lệ <name> ... đạt': the rates whose label the words after 'tỷ lệ' give."""
        words = [t.word for t in window]
        at = max((i for i in range(len(words) - 1) if words[i] in ("ty", "ti")
                  and words[i + 1] == "le"), default=-1)
        if at < 0 or at + 2 >= len(words):
            return None
        read = [w for w in words[at + 2:] if not (year_like(w) and int(w) in self.years)]
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
        for match in reversed(list(COUNT.finditer(text, start, end))):
            before = tokens(text[start:match.start()], start)
            previous = word_before(text[start:match.start()], match.start() - start).strip(",:;")
            if not year_like(match.group(0)) and previous not in _NOT_A_COUNT:
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
            vocabulary = STOP | set(level_words())
            for candidate in found:
                vocabulary |= {w for name in self._names(candidate.indicator) for w in label_words(name)[0]}
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
        unit_words = list(_folded_unit(str(self.template.indicators[indicator.numerator[0]].unit)))
        if unit_words and after[:len(unit_words)] == unit_words and \
                all(w in FILLER or w in STOP for w in after[len(unit_words):]):
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
        named = levels_named(words)
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
        for percent in PERCENT.finditer(paragraph.text):
            if percent.start() in taken:
                continue
            finding = audit.named_rate(section_id, paragraph.text, percent)
            if finding is not None:
                findings.append(finding)
    return findings


# The last report audited: what it was read from, the template, its findings. A list's cell,
# a document or a task edited changes neither the texts nor the figures: the window's refresh
# after it (and its undo, redo) takes the findings again instead of reading every narrative
# (0.77 -> 0.02 ms on the sample report). One entry; a worker thread's export replaces it whole.
_last_audit: tuple[tuple[object, ...], Template, list[Finding]] | None = None


def audit_report(template: Template, report: Report, figures: Figures) -> list[Finding]:
    """Findings of every narrative of the report, section by section."""
    global _last_audit
    period = report.period
    # Not the start's year: Quý I begins on 15/12 of the year before, which is not its year.
    years = frozenset({period.year, period.end.year})
    sections = [section for section, _depth in template.walk()]
    texts = tuple(report.texts.get(section.id, "") for section in sections)
    # Everything the audit reads: the texts, the figures as written (1.0 is not 1: str), the
    # precision, the years, the unit's level, and the language its sentences are worded in.
    key = (texts, tuple(None if value is None else str(value) for value in figures.values.values()),
           tuple(figures.values), report.precision, years, report.unit.level, current_language())
    last = _last_audit
    if last is not None and last[1] is template and last[0] == key:
        return list(last[2])
    findings: list[Finding] = []
    for section, text in zip(sections, texts, strict=True):
        if not text.strip():
            continue
        findings += audit_text(template, figures, section.id, text, report.precision, years=years,
                               compare_rates=not (section.next_tasks or section.proposals),
                               own_level=report.unit.level)
    _last_audit = (key, template, findings)
    return list(findings)
