"""The report template: outline, indicators, derived figures and rules, loaded from data.

A template file (`resources/templates/<id>/v<version>.yaml`) declares the sections of
the report, the indicators each section collects, how derived figures are computed and
which rules the figures must satisfy. Code never names an indicator: everything that
depends on the outline comes from here, so a province's variant is a new file.

Groups may be declared per level ("rows by level"): their codes carry the placeholder
`{L}`, expanded for every level the template lists, plus an optional total row whose
entered figures are sums over the levels.

This module holds the model and the registry that finds template files; reading and
checking one file is domain/template_loading.py, the cache between runs
domain/template_cache.py.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from cchc_desktop.domain.annex_kinds import AnnexKind
from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.field_kinds import FieldKind, IndicatorKind, field_kind
from cchc_desktop.domain.findings import Severity
from cchc_desktop.domain.template_cache import TemplateCache
from cchc_desktop.domain.template_rules import LEVEL_PLACEHOLDER, Rule, RuleKind
from cchc_desktop.domain.units import Text
from cchc_desktop.i18n import _
from cchc_desktop.paths import templates_dir

__all__ = ["LEVEL_PLACEHOLDER", "Annex", "AnnexKind", "Group", "Indicator", "IndicatorKind", "Rule",
           "RuleKind", "Section", "Severity", "Template", "TemplateRegistry", "load_template_file",
           "parse_template", "shipped_templates"]
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


@dataclass(frozen=True)
class Indicator:
    code: str
    label: Text
    unit: Text
    kind: IndicatorKind
    section_id: str
    group_id: str
    flow: str | None = None          # "flow" or "stock"; None for rates
    aggregation: str = "sum"         # "sum" or "none" when consolidating units
    help: Text = Text("")
    optional: bool = False
    decimals: int = 0
    level: str | None = None         # set for indicators of per-level groups
    pattern: str = ""                # the code as written, with {L} for per-level groups
    parts: tuple[str, ...] = ()      # SUM: the codes summed
    numerator: tuple[str, ...] = ()  # RATE: codes summed above the line
    denominator: tuple[str, ...] = ()
    short: Text = Text("")           # the label inside a sentence ("đã giải quyết")
    level_label: Text = Text("")     # "Cấp xã", or the total row's label
    carry: str = "never"             # always | within_year | never: start value from last report
    share: bool = False              # RATE: a part of its base, so never above 100%

    @property
    def field_kind(self) -> FieldKind:
        """What this kind of figure is: how it is typed, shown, stored and combined."""
        return field_kind(self.kind)

    @cached_property   # asked for every figure of every computation (a consolidation: 2,000 files)
    def derived(self) -> bool:
        return self.field_kind.derived

    @property
    def full_label(self) -> str:
        """The label with its level for per-level indicators: 'Số hồ sơ tiếp nhận (cấp xã)'."""
        label = str(self.label)
        if not self.level_label.vi:
            return label
        level = str(self.level_label)
        return f"{label} ({level[:1].lower()}{level[1:]})"

    @property
    def phrase(self) -> str:
        """How a finding's sentence names this figure."""
        text = str(self.short) if self.short.vi else ""
        if text:
            return text
        label = str(self.label)
        return label[:1].lower() + label[1:] if label else self.code

    @property
    def inputs(self) -> tuple[str, ...]:
        return self.parts + self.numerator + self.denominator


@dataclass(frozen=True)
class Group:
    """A block of indicators on a form: a list, or a table with one row per level."""

    id: str
    title: Text
    layout: str                      # "list" or "table"
    codes: tuple[str, ...]           # every indicator code, expanded
    patterns: tuple[str, ...] = ()   # table columns: codes with {L}
    levels: tuple[str, ...] = ()     # table rows, in order
    total_level: str = ""            # the pseudo-level of the total row, if any
    total_label: Text = Text("")

    def code_for(self, pattern: str, level: str) -> str:
        return pattern.replace(LEVEL_PLACEHOLDER, level)


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: Text
    narrative: bool = True
    help: Text = Text("")
    groups: tuple[Group, ...] = ()
    children: tuple[Section, ...] = ()
    checklist: bool = False      # holds this period's task checklist
    next_tasks: bool = False     # its narrative is next period's numbered task list
    proposals: bool = False      # holds the proposals table
    documents: bool = False      # holds the list of documents issued


@dataclass(frozen=True)
class Annex:
    id: str
    kind: AnnexKind   # what it is: domain/annex_kinds.py
    title: Text


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    title: Text
    subject: Text
    levels: tuple[str, ...]
    precision: int
    sections: tuple[Section, ...]
    annexes: tuple[Annex, ...]
    indicators: dict[str, Indicator]
    rules: tuple[Rule, ...]
    derived_order: tuple[str, ...] = field(default=())
    # The common figures a unit may add to a section (value None): offered by key, so that
    # units choosing the same figure choose the same key and the superior unit can sum it.
    extra_suggestions: tuple[ExtraFigure, ...] = field(default=())
    # The main rates a leader follows across periods (domain/trends.py), in order.
    trends: tuple[str, ...] = field(default=())

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    def walk(self) -> Iterator[tuple[Section, int]]:
        """Every section depth-first with its depth (0 for I, II...)."""
        def visit(sections: tuple[Section, ...], depth: int) -> Iterator[tuple[Section, int]]:
            for section in sections:
                yield section, depth
                yield from visit(section.children, depth + 1)
        return visit(self.sections, 0)

    def section(self, section_id: str) -> Section:
        for section, _depth in self.walk():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def section_ids(self) -> set[str]:
        return {section.id for section, _depth in self.walk()}

    def entered_codes(self) -> list[str]:
        return list(self.entered)

    @cached_property   # the figures of each report computed are laid out from it
    def entered(self) -> tuple[str, ...]:
        """The codes typed in (not derived), in the template's order."""
        return tuple(code for code, ind in self.indicators.items() if not ind.derived)

    def rates(self) -> list[Indicator]:
        return [ind for ind in self.indicators.values() if ind.kind is IndicatorKind.RATE]

    def first_section_with(self, flag: str) -> Section | None:
        for section, _depth in self.walk():
            if getattr(section, flag):
                return section
        return None


# --------------------------------------------------------------------------- finding the files

def parse_template(data: Any, source: str) -> Template:
    """Check a parsed template file against the schema and its own references."""
    from cchc_desktop.domain.template_loading import parse_template as parse  # cycle: it imports us

    return parse(data, source)


def load_template_file(path: Path, cache: TemplateCache | None = None) -> Template:
    """The checked template of one file (domain/template_loading.py)."""
    from cchc_desktop.domain.template_loading import load_template_file as load  # cycle: it imports us

    return load(path, cache)


# The template a new report starts from: the national outline of the current programme.
DEFAULT_TEMPLATE_ID = "cchc-2021"


class TemplateRegistry:
    """Every template version found in a folder, looked up by 'id' or 'id@version'.

    The folder is listed at once (`<id>/v<version>.yaml`), a file read only when its
    template is first asked for: a command needs one template, not every one shipped.
    A file whose content names another id or version than its path is refused then.
    """

    def __init__(self, folder: Path, cache: TemplateCache | None = None) -> None:
        self._cache = cache
        self._files: dict[tuple[str, int], Path] = {}
        self._templates: dict[tuple[str, int], Template] = {}
        self._lock = threading.Lock()     # the window reads templates from a worker thread too
        for path in sorted(folder.glob("*/v*.yaml")):
            digits = path.stem[1:]
            if not digits.isdigit() or path.stem != f"v{int(digits)}":
                raise _mismatch(path)
            self._files[(path.parent.name, int(digits))] = path

    def ids(self) -> list[str]:
        return sorted({template_id for template_id, _version in self._files})

    def versions(self, template_id: str) -> list[int]:
        return sorted(v for t, v in self._files if t == template_id)

    def get(self, ref: str) -> Template:
        template_id, _sep, version_text = ref.partition("@")
        versions = self.versions(template_id)
        if not versions:
            raise TemplateError(_("Không có mẫu báo cáo '{ref}'. Các mẫu có sẵn: {ids}.").format(
                ref=ref, ids=", ".join(self.ids())))
        if not version_text:
            return self._load((template_id, versions[-1]))
        if not version_text.isdigit() or int(version_text) not in versions:
            raise TemplateError(_("Mẫu '{id}' không có phiên bản {version} (có: {known}).").format(
                id=template_id, version=version_text, known=", ".join(map(str, versions))))
        return self._load((template_id, int(version_text)))

    def newest(self, template_id: str) -> Template:
        return self.get(template_id)

    def default(self) -> Template:
        """The newest version of the template new reports start from."""
        return self.get(DEFAULT_TEMPLATE_ID)

    def load_all(self) -> list[Template]:
        """Every template of the folder, read now (a check of them all, or a warm-up)."""
        return [self._load(key) for key in sorted(self._files)]

    def __getstate__(self) -> dict[str, Any]:
        # A registry goes to the worker processes that read untrusted files (isolation.py);
        # a lock does not pickle, and the worker needs its own anyway.
        state = self.__dict__.copy()
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def _load(self, key: tuple[str, int]) -> Template:
        with self._lock:
            found = self._templates.get(key)
            if found is None:
                path = self._files[key]
                found = load_template_file(path, self._cache)
                if (found.id, found.version) != key:
                    raise _mismatch(path)
                self._templates[key] = found
            return found


def _mismatch(path: Path) -> TemplateError:
    return TemplateError(_("Mẫu báo cáo {path}: id/phiên bản không khớp tên tệp.").format(path=path))


@cache
def shipped_templates() -> TemplateRegistry:
    """The templates shipped with the app, cached between runs in the user's cache folder."""
    return TemplateRegistry(templates_dir(), TemplateCache.default())
