"""The figures of a report arranged as the annex and the workbook show them.

Everything comes from the template: an *area* is a section that holds indicator
groups (or, for a section without groups such as "results of the reform tasks",
each of its children that does). Rows are the section and group titles, the level
sub-headings of per-level groups ("Cấp xã", then the total row) and one row per
indicator with this period, the previous period, the same period last year and a
note (the fraction of a rate and the clerk's justification).

Every label and number is written in the document's language, passed to each function
(the template's Text.render, Babel's locale): never in the UI's.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from cchc_desktop.documents.text import lower_first, nfc
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.extra_figure_rows import ExtraRow, extra_rows
from cchc_desktop.domain.field_kinds import rate_unit
from cchc_desktop.domain.formatting import format_fraction
from cchc_desktop.domain.rates import Rate
from cchc_desktop.domain.template import Group, Indicator, Section, Template
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.i18n import Language


class RowKind(enum.Enum):
    SECTION = "section"
    GROUP = "group"
    LEVEL = "level"
    FIGURE = "figure"


@dataclass(frozen=True)
class Area:
    """One sheet of the workbook, one block of the figures annex."""

    section: Section
    number: str          # "I", "II.1"
    title: str

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Row:
    kind: RowKind
    label: str
    stt: str = ""
    indicator: Indicator | None = None
    current: Decimal | None = None
    previous: Decimal | None = None
    last_year: Decimal | None = None
    fraction: str = ""       # "1.421/1.428 hồ sơ" for a rate of this period
    note: str = ""           # the clerk's justification (report.notes)

    @property
    def code(self) -> str:
        return self.indicator.code if self.indicator else ""

    @property
    def remark(self) -> str:
        """The note column: the fraction of a rate, then the justification."""
        return "; ".join(part for part in (self.fraction, self.note) if part)


def areas(template: Template, language: Language) -> list[Area]:
    """Sections that hold figures: a section with groups, else its children with groups."""
    found: list[Area] = []

    def visit(section: Section, number: str) -> None:
        if section.groups:
            found.append(Area(section, number, nfc(section.title.render(language))))
            return
        for child in section.children:
            visit(child, f"{number}.{child.number}")

    for section in template.sections:
        visit(section, section.number)
    return found


def section_headings(template: Template, language: Language) -> dict[str, str]:
    """Every section's heading with its full number, as the areas have it: 'II.5. Cải cách
    tài chính công'; what the annex and the workbook name an extra figure's section by."""
    headings: dict[str, str] = {}

    def visit(section: Section, number: str) -> None:
        headings[section.id] = f"{number}. {nfc(section.title.render(language))}"
        for child in section.children:
            visit(child, f"{number}.{child.number}")

    for section in template.sections:
        visit(section, section.number)
    return headings


def extra_blocks(context: ReportContext, language: Language) -> list[tuple[str, list[ExtraRow]]]:
    """(section heading, its extra figures with a value) in the template's order of
    sections; a section the template lacks (a report of another version) comes last."""
    headings = section_headings(context.template, language)
    by_section: dict[str, list[ExtraRow]] = {}
    for row in extra_rows(context.report):
        by_section.setdefault(row.figure.section_id, []).append(row)
    order = list(headings)
    ids = sorted(by_section, key=lambda i: order.index(i) if i in headings else len(order))
    return [(headings.get(i, i), by_section[i]) for i in ids]


def _sections_with_groups(section: Section) -> Iterator[Section]:
    yield section
    for child in section.children:
        yield from _sections_with_groups(child)


def level_label(level: str, group: Group, language: Language) -> str:
    if group.total_level and level == group.total_level:
        return nfc(group.total_label.render(language)) or level
    return nfc(level_catalogue().label(level, language))


def _has_value(context: ReportContext, code: str) -> bool:
    if context.figures.get(code) is not None:
        return True
    return any(column is not None and column.values.get(code) is not None
               for column in (context.previous, context.last_year))


def shown_levels(context: ReportContext, group: Group) -> list[str]:
    """Levels of a per-level group worth a block: those with figures, else the unit's own.

    The total row is shown only when more than one level is.
    """
    levels = [level for level in group.levels
              if any(_has_value(context, group.code_for(p, level)) for p in group.patterns)]
    if not levels:
        own = context.report.unit.level
        levels = [own] if own in group.levels else list(group.levels[:1])
    if group.total_level and len(levels) > 1:
        levels.append(group.total_level)
    return levels


def group_codes(context: ReportContext, group: Group) -> list[tuple[str | None, list[str]]]:
    """(level or None, codes) blocks of a group, in display order."""
    if group.layout != "table" or not group.patterns:
        return [(None, list(group.codes))]
    return [(level, [group.code_for(p, level) for p in group.patterns])
            for level in shown_levels(context, group)]


def shown(context: ReportContext, indicator: Indicator) -> bool:
    """Optional indicators appear only when some column has a figure."""
    return not indicator.optional or _has_value(context, indicator.code)


def format_value(indicator: Indicator, value: Decimal | None, precision: int,
                 rate: Rate | None = None, *, language: Language) -> str:
    """A figure as the report prints it, the same text as the screen (its field kind's)."""
    return indicator.field_kind.text(indicator, value, precision, rate, language=language)


def figure_row(context: ReportContext, indicator: Indicator, stt: str, language: Language) -> Row:
    code = indicator.code
    fraction = ""
    rate = context.figures.rates.get(code)
    if rate is not None and rate.value is not None:
        fraction = nfc(format_fraction(rate, rate_unit(context.template, indicator, language),
                                       locale=language.locale))

    def column(values: Mapping[str, Decimal | None] | None) -> Decimal | None:
        return values.get(code) if values is not None else None

    return Row(
        RowKind.FIGURE, nfc(indicator.label.render(language)), stt, indicator,
        current=context.figures.get(code),
        previous=column(context.previous.values if context.previous else None),
        last_year=column(context.last_year.values if context.last_year else None),
        fraction=fraction, note=nfc(context.report.notes.get(code, "")).strip())


def area_rows(context: ReportContext, area: Area, language: Language, *,
              with_section_rows: bool = True) -> list[Row]:
    """Every row of one area: section titles, group titles, level blocks, figures."""
    template = context.template
    rows: list[Row] = []
    counter = 0
    for section in _sections_with_groups(area.section):
        if with_section_rows and section is not area.section:
            rows.append(Row(RowKind.SECTION, f"{section.number}. {nfc(section.title.render(language))}"))
        for group in section.groups:
            rows.append(Row(RowKind.GROUP, nfc(group.title.render(language))))
            for level, codes in group_codes(context, group):
                indicators = [template.indicators[c] for c in codes]
                indicators = [i for i in indicators if shown(context, i)]
                if not indicators:
                    continue
                if level is not None:
                    rows.append(Row(RowKind.LEVEL, level_label(level, group, language)))
                for indicator in indicators:
                    counter += 1
                    rows.append(figure_row(context, indicator, str(counter), language))
    return rows


def sentence_items(context: ReportContext, codes: list[str], language: Language) -> list[str]:
    """'số nhiệm vụ đang thực hiện 20 nhiệm vụ', 'tỷ lệ ...: 42/66 nhiệm vụ, đạt 63,64%'."""
    template = context.template
    # A figure that is the whole numerator or denominator of a rate in the same block is
    # read in that rate's fraction ("1.421/1.428 hồ sơ, đạt 99,51%"): not said twice.
    in_fractions: set[str] = set()
    for code in codes:
        indicator = template.indicators[code]
        rate = context.figures.rates.get(code)
        if rate is not None and rate.value is not None:
            for side in (indicator.numerator, indicator.denominator):
                if len(side) == 1 and side[0] in codes:
                    in_fractions.add(side[0])
    items = []
    for code in codes:
        if code in in_fractions:
            continue
        indicator = template.indicators[code]
        rate = context.figures.rates.get(code)
        text = nfc(indicator.field_kind.phrase(template, indicator, context.figures.get(code),
                                               context.report.precision, rate, language=language))
        if not text:
            continue
        # "tỷ lệ ...: 42/66 nhiệm vụ, đạt 63,64%" but "số nhiệm vụ đang thực hiện 20 nhiệm vụ".
        separator = ": " if rate is not None else " "
        items.append(f"{lower_first(nfc(indicator.label.render(language)))}{separator}{text}")
    return items
