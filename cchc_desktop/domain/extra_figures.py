"""Figures a unit adds to a section beyond the template's indicators.

Reports state figures the template has no field for (budget revenue against the estimate,
staff by sex, e-government accounts...). A unit adds them to a section as its own: a key,
a label, a unit of measure and a value, or a rate of two of its figures (numerator over
denominator, in per cent). They print in the section's body and in the annex, carry over
to the next period (labels and keys, not values), and the superior unit sums the values of
the same key across its units. Common keys are offered by the template (`suggested`) so
that units choose the same key for the same figure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cchc_desktop.domain.narrative_words import fold
from cchc_desktop.domain.number_domain import logged_text, number_problem, parse_number
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.domain.template import Template

KEY = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,79}$")
MAX_PER_REPORT = 300


@dataclass(frozen=True)
class ExtraFigure:
    section_id: str
    key: str
    label: str
    unit: str = ""                       # unit of measure: "hồ sơ", "triệu đồng", "%"
    value: Decimal | None = None         # None: not entered (or a rate, computed)
    rate_of: tuple[str, str] | None = None   # (numerator key, denominator key)

    @property
    def is_rate(self) -> bool:
        return self.rate_of is not None


def extra_figure_problem(figure: ExtraFigure, template: Template) -> str | None:
    """Why the figure cannot be stored, or None: a key of its own shape, a section of the
    template, a value in the number domain, a rate of two figures."""
    if not KEY.match(figure.key):
        return _("mã chỉ được gồm chữ thường không dấu, số, dấu chấm, gạch dưới")
    if figure.section_id not in {section.id for section, _depth in template.walk()}:
        return _("mục không có trong mẫu")
    if figure.value is not None and (problem := number_problem(figure.value)):
        return problem
    if figure.rate_of is not None and (figure.value is not None or figure.key in figure.rate_of
                                       or not all(KEY.match(k) for k in figure.rate_of)):
        return _("tỷ lệ phải là của hai số liệu khác")
    return None


def figures_problem(figures: Sequence[ExtraFigure], template: Template) -> tuple[str, str] | None:
    """The first figure of a report's list that cannot be stored, as (its key, why), or None:
    each figure checked by `extra_figure_problem`, each key once. (MAX_PER_REPORT bounds what
    a clerk adds, not what a consolidation sums from many units' figures.)"""
    keys: set[str] = set()
    for figure in figures:
        problem = extra_figure_problem(figure, template)
        if not problem and figure.key in keys:
            problem = _("mã bị trùng")
        keys.add(figure.key)
        if problem:
            return figure.key, problem
    return None


def merged_figures(figures: Sequence[ExtraFigure], section_id: str,
                   section: Sequence[ExtraFigure]) -> list[ExtraFigure]:
    """The report's figures with those of `section_id` replaced by `section`, in the place
    the section's first figure had (at the end for a section that had none)."""
    merged: list[ExtraFigure] = []
    placed = False
    for figure in figures:
        if figure.section_id != section_id:
            merged.append(figure)
        elif not placed:
            merged.extend(section)
            placed = True
    if not placed:
        merged.extend(section)
    return merged


def unique_key(key: str, taken: Iterable[str]) -> str:
    """`key`, or `key_2`, `key_3`... when the report already has it: two figures the unit
    names alike ("Số xe", "Số xe!") still get keys of their own."""
    used = set(taken)
    if key not in used:
        return key
    number = 2
    while f"{key}_{number}" in used:
        number += 1
    return f"{key}_{number}"


def logged(figure: ExtraFigure, figures: Iterable[ExtraFigure] = ()) -> str:
    """The figure as the change log keeps it (old and new of one change): its label, unit and
    value, or for a rate the keys and labels of its two figures (from `figures`), so that the
    history names them after they are renamed or removed."""
    record: dict[str, object] = {"label": figure.label, "unit": figure.unit}
    if figure.value is not None:
        record["value"] = logged_text(figure.value)
    if figure.rate_of is not None:
        labels = {other.key: other.label for other in figures}
        record["rate_of"] = list(figure.rate_of)
        record["of"] = [labels.get(key, key) for key in figure.rate_of]
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class LoggedFigure:
    """A figure read back from the change log, for the history to show."""

    label: str
    unit: str
    value: Decimal | None
    rate_labels: tuple[str, str] | None


def read_logged(text: str | None) -> LoggedFigure | None:
    """What `logged` wrote; None for an empty or unreadable entry (shown as it is)."""
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    try:
        value = parse_number(record["value"]) if isinstance(record.get("value"), str) else None
    except ValueError:
        value = None
    of = record.get("of")
    rate = (str(of[0]), str(of[1])) if isinstance(of, list) and len(of) == 2 else None
    return LoggedFigure(str(record.get("label", "")), str(record.get("unit", "")), value, rate)


def key_from_label(label: str) -> str:
    """A key for a figure the unit names itself: the label's letters without tone marks."""
    key = re.sub(r"[^a-z0-9]+", "_", fold(label)).strip("_")[:60]
    return "own." + (key or "figure")


def rate_value(figure: ExtraFigure, figures: Iterable[ExtraFigure]) -> Decimal | None:
    """A rate figure's value from its two figures; None when one is missing or zero."""
    if figure.rate_of is None:
        return figure.value
    by_key = {other.key: other.value for other in figures}
    numerator, denominator = (by_key.get(key) for key in figure.rate_of)
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator * 100 / denominator


def carried_over(figures: Iterable[ExtraFigure]) -> list[ExtraFigure]:
    """Next period's figures: the same keys, labels and rates, no values."""
    return [ExtraFigure(f.section_id, f.key, f.label, f.unit, None, f.rate_of) for f in figures]


def summed(per_unit: Iterable[Iterable[ExtraFigure]]) -> list[ExtraFigure]:
    """The superior unit's figures: the values of the same key summed across its units.

    A rate is not summed: it is computed again from the summed numerator and denominator.
    The first unit's label and unit of measure name the key."""
    order: list[str] = []
    first: dict[str, ExtraFigure] = {}
    totals: dict[str, Decimal] = {}
    for figures in per_unit:
        for figure in figures:
            if figure.key not in first:
                order.append(figure.key)
                first[figure.key] = figure
            if figure.rate_of is None and figure.value is not None:
                totals[figure.key] = totals.get(figure.key, Decimal(0)) + figure.value
    return [ExtraFigure(first[k].section_id, k, first[k].label, first[k].unit,
                        None if first[k].rate_of else totals.get(k), first[k].rate_of)
            for k in order]
