"""The PAR-index criteria set (Bộ chỉ số CCHC) of one province and year, as a checked tree.

A province approves, each year, the criteria its communes score themselves on: fields
(lĩnh vực), criteria (tiêu chí) and sub-criteria (tiêu chí thành phần), each with its
maximum points and the way it is scored. A criterion is either scored itself or is the
sum of its sub-criteria; either way the leaves carry the scoring. The tree is data
(resources/par_index/<province>-<year>.yaml), read by par_index_loading.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Band", "CriteriaSet", "Criterion", "Decision", "Field", "Level", "Scoring",
           "ScoringKind"]


class ScoringKind(enum.StrEnum):
    YES_NO = "yes_no"        # done or not: all the points or none
    SCALE = "scale"          # one of the listed levels, each with its points
    COMPUTED = "computed"    # from a report's figure (a rate), by bands of percent


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    points: Decimal


@dataclass(frozen=True)
class Band:
    """From `from_percent` (inclusive) upward, until the next higher band: `points`."""

    from_percent: Decimal
    points: Decimal


@dataclass(frozen=True)
class Scoring:
    kind: ScoringKind
    levels: tuple[Level, ...] = ()
    source: str = ""              # the report indicator's code, for COMPUTED
    bands: tuple[Band, ...] = ()  # highest threshold first, for COMPUTED

    def level(self, code: str) -> Level | None:
        return next((level for level in self.levels if level.code == code), None)

    def band_points(self, value: Decimal) -> Decimal:
        """The points of the highest band `value` reaches; none reached gives 0."""
        for band in self.bands:
            if value >= band.from_percent:
                return band.points
        return Decimal(0)


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    max_points: Decimal
    evidence_required: bool = False
    scoring: Scoring | None = None                   # None when it has sub-criteria
    sub_criteria: tuple[Criterion, ...] = ()

    def leaves(self) -> Iterator[Criterion]:
        """The criteria that are scored: itself, or its sub-criteria."""
        if self.sub_criteria:
            yield from self.sub_criteria
        else:
            yield self


@dataclass(frozen=True)
class Field:
    code: str
    title: str
    max_points: Decimal | None        # None when the source did not give it (incomplete set)
    criteria: tuple[Criterion, ...]

    @property
    def maximum(self) -> Decimal:
        """The field's stated maximum, or the sum of its criteria's when none is stated."""
        if self.max_points is not None:
            return self.max_points
        return sum((c.max_points for c in self.criteria), Decimal(0))


@dataclass(frozen=True)
class Decision:
    number: str
    title: str
    date: dt.date | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class CriteriaSet:
    id: str
    province: str
    decision: Decision
    year: int
    level: str
    template: str                 # the report template whose indicators computed criteria use
    complete: bool                # False: only part of the decision could be read (see note)
    note: str
    fields: tuple[Field, ...]

    @property
    def maximum(self) -> Decimal:
        return sum((f.maximum for f in self.fields), Decimal(0))

    def criteria(self) -> Iterator[Criterion]:
        for field in self.fields:
            yield from field.criteria

    def leaves(self) -> Iterator[Criterion]:
        for criterion in self.criteria():
            yield from criterion.leaves()
