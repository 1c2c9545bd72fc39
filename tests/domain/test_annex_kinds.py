"""The annex kinds: one registry says when each has content and which view shows it."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pytest
from factories import sample_report, template

from cchc_desktop.domain.annex_kinds import ANNEX_KINDS, AnnexKind, AnnexViews, annex_kind
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.report import Proposal
from cchc_desktop.paths import templates_dir


class _Recorder:
    """An AnnexViews that says which of its methods was asked."""

    def figures(self) -> str:
        return "figures"

    def justifications(self) -> str:
        return "justifications"

    def subunits(self) -> str:
        return "subunits"

    def proposals(self) -> str:
        return "proposals"

    def documents(self) -> str:
        return "documents"


def test_the_registry_covers_the_schema() -> None:
    schema = json.loads((templates_dir() / "template.schema.json").read_text("utf-8"))
    assert set(schema["$defs"]["annex"]["properties"]["kind"]["enum"]) == set(AnnexKind)
    assert set(ANNEX_KINDS) == set(AnnexKind)


@pytest.mark.parametrize("kind", list(AnnexKind))
def test_each_kind_is_shown_by_its_own_view(kind: AnnexKind) -> None:
    views: AnnexViews[str] = _Recorder()
    assert annex_kind(kind).show(views) == kind.value
    assert annex_kind(kind.value) is annex_kind(kind)


def test_the_template_annexes_carry_their_kind() -> None:
    assert all(isinstance(annex.kind, AnnexKind) for annex in template().annexes)


def test_content_decides_what_is_printed() -> None:
    empty = dataclasses.replace(sample_report(), values={}, proposals=[], subunits=[], documents=[],
                                notes={})
    context = build_context(empty, template())
    assert not any(annex_kind(kind).has_content(context) for kind in AnnexKind)
    full = dataclasses.replace(empty, values={next(iter(template().entered_codes())): Decimal(3)},
                               proposals=[Proposal("Xã A", "Sở Nội vụ", "Mở lớp bồi dưỡng.")])
    context = build_context(full, template())
    shown = {kind for kind in AnnexKind if annex_kind(kind).has_content(context)}
    assert {AnnexKind.FIGURES, AnnexKind.PROPOSALS} <= shown
    assert AnnexKind.SUBUNITS not in shown and AnnexKind.DOCUMENTS not in shown


def test_only_the_figures_turn_landscape_with_both_comparison_columns() -> None:
    report = sample_report()
    alone = build_context(report, template())
    compared = build_context(report, template(), previous=report, last_year=report)
    figures = annex_kind(AnnexKind.FIGURES)
    assert not figures.landscape(alone) and figures.landscape(compared)
    assert not annex_kind(AnnexKind.PROPOSALS).landscape(compared)
