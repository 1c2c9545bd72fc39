"""The report template: outline, indicators, derived figures and rules, loaded from data.

A template file (`resources/templates/<id>/v<version>.yaml`) declares the sections of
the report, the indicators each section collects, how derived figures are computed and
which rules the figures must satisfy. Code never names an indicator: everything that
depends on the outline comes from here, so a province's variant is a new file.

Groups may be declared per level ("rows by level"): their codes carry the placeholder
`{L}`, expanded for every level the template lists, plus an optional total row whose
entered figures are sums over the levels.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from cchc_desktop.domain.annex_kinds import AnnexKind
from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.field_kinds import FieldKind, IndicatorKind, field_kind
from cchc_desktop.domain.findings import Severity
from cchc_desktop.domain.template_rules import (
    LEVEL_PLACEHOLDER,
    Rule,
    RuleEntryError,
    RuleKind,
    rule_from_entry,
)
from cchc_desktop.domain.units import Text, level_catalogue, text_of
from cchc_desktop.i18n import _

__all__ = ["LEVEL_PLACEHOLDER", "Annex", "AnnexKind", "Group", "Indicator", "IndicatorKind", "Rule",
           "RuleKind", "Section", "Severity", "Template", "TemplateRegistry", "load_template_file",
           "parse_template", "shipped_templates"]
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
_SCHEMA_FILE = "template.schema.json"


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

    @property
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
        return [code for code, ind in self.indicators.items() if not ind.derived]

    def rates(self) -> list[Indicator]:
        return [ind for ind in self.indicators.values() if ind.kind is IndicatorKind.RATE]

    def first_section_with(self, flag: str) -> Section | None:
        for section, _depth in self.walk():
            if getattr(section, flag):
                return section
        return None


# --------------------------------------------------------------------------- loading

class _Builder:
    """Turns the parsed YAML of one template into a checked Template."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data = data
        self.source = source
        self.levels: tuple[str, ...] = tuple(data.get("levels", ()))
        self.indicators: dict[str, Indicator] = {}
        self.rules: list[Rule] = []
        self.total_labels: dict[str, Text] = {}

    def fail(self, message: str) -> TemplateError:
        return TemplateError(_("Mẫu báo cáo {source} không hợp lệ: {message}").format(
            source=self.source, message=message))

    def build(self) -> Template:
        data = self.data
        self._check_levels()
        self._check_subject()
        sections = tuple(self._section(raw) for raw in data["sections"])
        for raw in data.get("rules", ()):
            self._rule(raw, level=None)
        self._check_references()
        order = self._derived_order()
        annexes = tuple(Annex(a["id"], AnnexKind(a["kind"]), _text(a["title"]))
                        for a in data.get("annexes", ()))
        self._check_unique([s.id for s in _flatten(sections)], _("mục"))
        self._check_unique([g.id for s in _flatten(sections) for g in s.groups], _("nhóm chỉ tiêu"))
        self._check_unique([r.id for r in self.rules], _("quy tắc"))
        return Template(
            id=data["id"], version=int(data["version"]), title=_text(data["title"]),
            subject=_text(data.get("subject", "")), levels=self.levels,
            precision=int(data.get("precision", 2)), sections=sections, annexes=annexes,
            indicators=self.indicators, rules=tuple(self.rules), derived_order=order,
        )

    def _check_levels(self) -> None:
        known = level_catalogue().levels
        unknown = [level for level in self.levels if level not in known]
        if unknown:
            raise self.fail(_("cấp không có trong danh mục cấp hành chính: {levels} (có: {known})."
                              ).format(levels=", ".join(unknown), known=", ".join(known)))

    def _check_subject(self) -> None:
        subject = self.data.get("subject", "")
        texts = subject.values() if isinstance(subject, dict) else [subject]
        for text in texts:
            try:
                fields = {name for _l, name, _f, _c in string.Formatter().parse(text) if name}
            except ValueError as exc:
                raise self.fail(_("trích yếu '{text}' sai cú pháp ({detail}).").format(
                    text=text, detail=exc)) from exc
            unknown = fields - {"period"}
            if unknown:
                raise self.fail(_("trích yếu chỉ dùng được {{period}}, không dùng {names}.").format(
                    names=", ".join("{" + name + "}" for name in sorted(unknown))))

    def _section(self, raw: dict[str, Any]) -> Section:
        groups = tuple(self._group(g, raw["id"]) for g in raw.get("groups", ()))
        children = tuple(self._section(child) for child in raw.get("children", ()))
        return Section(
            id=raw["id"], number=str(raw["number"]), title=_text(raw["title"]),
            narrative=bool(raw.get("narrative", True)), help=_text(raw.get("help", "")),
            groups=groups, children=children, checklist=bool(raw.get("checklist", False)),
            next_tasks=bool(raw.get("next_tasks", False)),
            proposals=bool(raw.get("proposals", False)),
            documents=bool(raw.get("documents", False)),
        )

    def _group(self, raw: dict[str, Any], section_id: str) -> Group:
        group_id = raw["id"]
        per_level = bool(raw.get("per_level", False))
        if not per_level:
            codes = []
            for item in raw["indicators"]:
                if LEVEL_PLACEHOLDER in item["code"]:
                    raise self.fail(_("mã {code} có {{L}} nhưng nhóm {group} không theo cấp.").format(
                        code=item["code"], group=group_id))
                codes.append(self._indicator(item, section_id, group_id, None).code)
            for rule in raw.get("rules", ()):
                self._rule(rule, level=None)
            return Group(group_id, _text(raw["title"]), raw.get("layout", "list"), tuple(codes))

        levels = tuple(raw.get("levels", self.levels))
        unknown = [level for level in levels if level not in self.levels]
        if unknown:
            raise self.fail(_("nhóm {group} dùng cấp không khai báo: {levels}.").format(
                group=group_id, levels=", ".join(unknown)))
        patterns = [item["code"] for item in raw["indicators"]]
        missing = [p for p in patterns if LEVEL_PLACEHOLDER not in p]
        if missing:
            raise self.fail(_("nhóm theo cấp {group} có mã thiếu {{L}}: {codes}.").format(
                group=group_id, codes=", ".join(missing)))
        codes = []
        for level in levels:
            for item in raw["indicators"]:
                codes.append(self._indicator(item, section_id, group_id, level).code)
            for rule in raw.get("rules", ()):
                self._rule(rule, level=level)
        total = raw.get("total")
        total_level = ""
        if total:
            total_level = total["code"]
            self.total_labels[total_level] = _text(total["label"])
            for item in raw["indicators"]:
                codes.append(self._total_indicator(item, section_id, group_id, total_level,
                                                   levels).code)
        return Group(group_id, _text(raw["title"]), "table", tuple(codes), tuple(patterns),
                     levels, total_level, _text(total["label"]) if total else Text(""))

    def _indicator(self, raw: dict[str, Any], section_id: str, group_id: str,
                   level: str | None) -> Indicator:
        pattern = raw["code"]
        code = pattern.replace(LEVEL_PLACEHOLDER, level) if level else pattern
        expand = (lambda codes: tuple(c.replace(LEVEL_PLACEHOLDER, level) for c in codes)) \
            if level else tuple
        kind = IndicatorKind(raw["kind"])
        described = field_kind(kind)
        indicator = Indicator(
            code=code, label=_text(raw["label"]), unit=_text(raw.get("unit", "")), kind=kind,
            section_id=section_id, group_id=group_id,
            flow=raw.get("flow") if described.has_flow else None,
            aggregation=raw.get("aggregation", described.default_aggregation),
            help=_text(raw.get("help", "")), optional=bool(raw.get("optional", False)),
            decimals=int(raw.get("decimals", described.default_decimals)),
            level=level, pattern=pattern, parts=expand(raw.get("parts", ())),
            numerator=expand(raw.get("numerator", ())),
            denominator=expand(raw.get("denominator", ())), short=_text(raw.get("short", "")),
            level_label=self._level_label(level),
            carry=raw.get("carry", "always" if raw.get("flow") == "stock" and not described.derived
                          else "never"),
            share=bool(raw.get("share", False)),
        )
        self._add(indicator)
        return indicator

    def _level_label(self, level: str | None) -> Text:
        if level is None:
            return Text("")
        if level in self.total_labels:
            return self.total_labels[level]
        found = level_catalogue().levels.get(level)
        return found.label if found else Text(level)

    def _total_indicator(self, raw: dict[str, Any], section_id: str, group_id: str,
                         total_level: str, levels: tuple[str, ...]) -> Indicator:
        """The total row: entered figures become sums over levels; derived ones keep their formula."""
        indicator = self._indicator(raw, section_id, group_id, total_level)
        if indicator.derived:
            return indicator
        parts = tuple(raw["code"].replace(LEVEL_PLACEHOLDER, level) for level in levels)
        summed = Indicator(
            code=indicator.code, label=indicator.label, unit=indicator.unit,
            kind=IndicatorKind.SUM, section_id=section_id, group_id=group_id,
            flow=indicator.flow, aggregation=indicator.aggregation, help=indicator.help,
            optional=True, decimals=indicator.decimals, level=total_level,
            pattern=indicator.pattern, parts=parts, short=indicator.short,
            level_label=indicator.level_label,
        )
        self.indicators[summed.code] = summed
        return summed

    def _add(self, indicator: Indicator) -> None:
        if not CODE_PATTERN.match(indicator.code):
            raise self.fail(_("mã chỉ tiêu '{code}' sai dạng.").format(code=indicator.code))
        if indicator.code in self.indicators:
            raise self.fail(_("mã chỉ tiêu {code} khai báo hai lần.").format(code=indicator.code))
        problem = indicator.field_kind.declaration_problem(indicator)
        if problem:
            raise self.fail(problem)
        self.indicators[indicator.code] = indicator

    def _rule(self, raw: dict[str, Any], level: str | None) -> None:
        try:
            self.rules.append(rule_from_entry(raw, level))
        except RuleEntryError as exc:
            raise self.fail(str(exc)) from exc

    def _check_references(self) -> None:
        for indicator in self.indicators.values():
            for code in indicator.inputs:
                if code not in self.indicators:
                    raise self.fail(_("chỉ tiêu {code} dùng mã không có: {missing}.").format(
                        code=indicator.code, missing=code))
        for rule in self.rules:
            for code in rule.references:
                if code not in self.indicators:
                    raise self.fail(_("quy tắc {rule} dùng mã không có: {missing}.").format(
                        rule=rule.id, missing=code))
            problem = rule.problem(self.indicators)
            if problem:
                raise self.fail(problem)

    def _derived_order(self) -> tuple[str, ...]:
        """Derived codes ordered so that each comes after the derived codes it uses."""
        order: list[str] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done

        def visit(code: str) -> None:
            if state.get(code) == 2:
                return
            if state.get(code) == 1:
                raise self.fail(_("công thức của {code} tự tham chiếu vòng tròn.").format(code=code))
            state[code] = 1
            for used in self.indicators[code].inputs:
                if self.indicators[used].derived:
                    visit(used)
            state[code] = 2
            order.append(code)

        for code, indicator in self.indicators.items():
            if indicator.derived:
                visit(code)
        return tuple(order)

    def _check_unique(self, ids: list[str], what: str) -> None:
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                raise self.fail(_("{what} '{id}' khai báo hai lần.").format(what=what, id=item))
            seen.add(item)


def _flatten(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _flatten(section.children)


def _text(raw: Any) -> Text:
    return text_of(raw)


@cache
def _schema() -> dict[str, Any]:
    from cchc_desktop.paths import templates_dir

    loaded: dict[str, Any] = json.loads((templates_dir() / _SCHEMA_FILE).read_text("utf-8"))
    return loaded


def parse_template(data: Any, source: str) -> Template:
    """Check a parsed template file against the schema and its own references."""
    import jsonschema  # 0.1 s: loaded when a template is first read, not when the window starts

    from cchc_desktop.domain.schema_errors import describe

    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        raise TemplateError(_("Mẫu báo cáo {source} không hợp lệ tại {detail}").format(
            source=source, detail=describe(errors[0], data)))
    return _Builder(data, source).build()


def load_template_file(path: Path) -> Template:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TemplateError(_("Không đọc được mẫu báo cáo {source}: {detail}").format(
            source=path.name, detail=exc)) from exc
    return parse_template(data, path.name)


# The template a new report starts from: the national outline of the current programme.
DEFAULT_TEMPLATE_ID = "cchc-2021"


class TemplateRegistry:
    """Every template version found in a folder, looked up by 'id' or 'id@version'."""

    def __init__(self, folder: Path) -> None:
        self._templates: dict[tuple[str, int], Template] = {}
        for path in sorted(folder.glob("*/v*.yaml")):
            template = load_template_file(path)
            if template.id != path.parent.name or f"v{template.version}" != path.stem:
                raise TemplateError(_("Mẫu báo cáo {path}: id/phiên bản không khớp tên tệp.").format(
                    path=path))
            self._templates[(template.id, template.version)] = template

    def ids(self) -> list[str]:
        return sorted({template_id for template_id, _version in self._templates})

    def versions(self, template_id: str) -> list[int]:
        return sorted(v for t, v in self._templates if t == template_id)

    def get(self, ref: str) -> Template:
        template_id, _sep, version_text = ref.partition("@")
        versions = self.versions(template_id)
        if not versions:
            raise TemplateError(_("Không có mẫu báo cáo '{ref}'. Các mẫu có sẵn: {ids}.").format(
                ref=ref, ids=", ".join(self.ids())))
        if not version_text:
            return self._templates[(template_id, versions[-1])]
        if not version_text.isdigit() or int(version_text) not in versions:
            raise TemplateError(_("Mẫu '{id}' không có phiên bản {version} (có: {known}).").format(
                id=template_id, version=version_text, known=", ".join(map(str, versions))))
        return self._templates[(template_id, int(version_text))]

    def newest(self, template_id: str) -> Template:
        return self.get(template_id)

    def default(self) -> Template:
        """The newest version of the template new reports start from."""
        return self.get(DEFAULT_TEMPLATE_ID)


@cache
def shipped_templates() -> TemplateRegistry:
    from cchc_desktop.paths import templates_dir

    return TemplateRegistry(templates_dir())
