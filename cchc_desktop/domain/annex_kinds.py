"""What each kind of annex is, in one place: when it has content and how every layer shows it.

A template lists its annexes with a kind (figures, justifications, subunits, proposals,
documents). The screens (gui/forms/annex_page.py) and the PDF (documents/pdf_report.py)
each implement `AnnexViews`, one method per kind, and ask `annex_kind(kind).show(views)`
for an annex: no layer looks the kind up in a table of its own, and a new kind is a new
member here (plus its name in the template schema), which the type checker then asks
every layer to show. The workbook is not laid out by the template's annexes: it holds
the figures by area and every list the report has, whichever annexes the template prints.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from cchc_desktop.domain.extra_figure_rows import extra_rows
from cchc_desktop.domain.findings import Severity

if TYPE_CHECKING:
    from cchc_desktop.domain.context import ReportContext
    from cchc_desktop.domain.findings import Finding

__all__ = ["ANNEX_KINDS", "AnnexKind", "AnnexKindInfo", "AnnexViews", "annex_kind",
           "figure_warnings", "has_figures"]

T_co = TypeVar("T_co", covariant=True)


class AnnexKind(enum.StrEnum):
    FIGURES = "figures"                # the figures table, by area
    JUSTIFICATIONS = "justifications"  # warnings about figures with the clerk's notes
    SUBUNITS = "subunits"              # who of the subordinate units reported, and when
    PROPOSALS = "proposals"            # proposals gathered, by the unit they come from
    DOCUMENTS = "documents"            # directive documents issued in the period


class AnnexViews(Protocol[T_co]):
    """How one layer shows each kind of annex."""

    def figures(self) -> T_co: ...

    def justifications(self) -> T_co: ...

    def subunits(self) -> T_co: ...

    def proposals(self) -> T_co: ...

    def documents(self) -> T_co: ...


def has_figures(context: ReportContext) -> bool:
    """Some indicator has a figure, or the unit added a figure of its own with a value."""
    return any(v is not None for v in context.figures.values.values()) \
        or bool(extra_rows(context.report))


def figure_warnings(context: ReportContext) -> list[Finding]:
    """The warnings about figures: what the justifications annex lists."""
    return [f for f in context.findings if f.severity is Severity.WARNING and f.codes]


class _Turn(enum.Enum):
    PORTRAIT = "portrait"
    WIDE = "wide"     # landscape when the figures have both comparison columns


@dataclass(frozen=True)
class AnnexKindInfo:
    kind: AnnexKind
    has_content: Callable[[ReportContext], bool]   # printed only then
    view: Callable[[AnnexViews[object]], object]   # the layer's view of this kind
    turn: _Turn = _Turn.PORTRAIT

    def landscape(self, context: ReportContext) -> bool:
        """Printed across the page: the figures with both comparison columns."""
        return self.turn is _Turn.WIDE and context.previous is not None \
            and context.last_year is not None

    def show(self, views: AnnexViews[T_co]) -> T_co:
        """`views`' rendering of this kind of annex."""
        return self.view(views)  # type: ignore[return-value]


ANNEX_KINDS: dict[AnnexKind, AnnexKindInfo] = {info.kind: info for info in (
    AnnexKindInfo(AnnexKind.FIGURES, has_figures, lambda v: v.figures(), _Turn.WIDE),
    AnnexKindInfo(AnnexKind.JUSTIFICATIONS, lambda c: bool(figure_warnings(c)),
                  lambda v: v.justifications()),
    AnnexKindInfo(AnnexKind.SUBUNITS, lambda c: bool(c.report.subunits), lambda v: v.subunits()),
    AnnexKindInfo(AnnexKind.PROPOSALS, lambda c: bool(c.report.proposals),
                  lambda v: v.proposals()),
    AnnexKindInfo(AnnexKind.DOCUMENTS, lambda c: bool(c.report.documents),
                  lambda v: v.documents()),
)}


def annex_kind(kind: AnnexKind | str) -> AnnexKindInfo:
    return ANNEX_KINDS[AnnexKind(kind)]
