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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from cchc_desktop.domain.narrative_words import fold
from cchc_desktop.domain.number_domain import number_problem
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
