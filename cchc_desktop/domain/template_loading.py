"""Reading a template file into a checked Template: YAML, the schema, then its own references.

The YAML is parsed with libyaml when PyYAML has it (yaml.CSafeLoader, about seven times
faster than the pure-Python loader) and the schema check (jsonschema) runs only when
the file is read afresh: data that passed both is kept in the TemplateCache under the
hash of the file's bytes and the schema's, and read back from there while neither
changed. The checks of the template's own references (`_Builder`) always run.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from cchc_desktop.domain.annex_kinds import AnnexKind
from cchc_desktop.domain.errors import TemplateError
from cchc_desktop.domain.extra_figures import KEY, ExtraFigure
from cchc_desktop.domain.field_kinds import IndicatorKind, field_kind
from cchc_desktop.domain.template import (
    CODE_PATTERN,
    Annex,
    Group,
    Indicator,
    Section,
    Template,
)
from cchc_desktop.domain.template_cache import TemplateCache, cache_key, parse_yaml
from cchc_desktop.domain.template_rules import (
    LEVEL_PLACEHOLDER,
    Rule,
    RuleEntryError,
    rule_from_entry,
)
from cchc_desktop.domain.units import Text, level_catalogue, text_of
from cchc_desktop.i18n import _
from cchc_desktop.paths import templates_dir

__all__ = ["load_template_file", "parse_template", "read_template_data"]
_SCHEMA_FILE = "template.schema.json"


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
        suggestions = self._extra_suggestions({s.id for s in _flatten(sections)})
        trends = self._trends()
        return Template(
            id=data["id"], version=int(data["version"]), title=_text(data["title"]),
            subject=_text(data.get("subject", "")), levels=self.levels,
            precision=int(data.get("precision", 2)), sections=sections, annexes=annexes,
            indicators=self.indicators, rules=tuple(self.rules), derived_order=order,
            extra_suggestions=suggestions, trends=trends,
        )

    def _trends(self) -> tuple[str, ...]:
        """The rates the trends follow: each an indicator of this template, and a percentage."""
        codes = tuple(self.data.get("trends", ()))
        for code in codes:
            indicator = self.indicators.get(code)
            if indicator is None or not indicator.field_kind.percentage:
                raise self.fail(_("xu hướng: {code} không phải tỷ lệ phần trăm của mẫu.").format(
                    code=code))
        return codes

    def _extra_suggestions(self, section_ids: set[str]) -> tuple[ExtraFigure, ...]:
        """The common extra figures the template offers, checked like a unit's own: a key of
        the figures' shape that no indicator has, a section of the template, and a rate of two
        other figures of the same list (a rate of a figure the unit may not add sums nothing)."""
        figures: list[ExtraFigure] = []
        for raw in self.data.get("extra_figures", ()):
            key, section = raw["key"], raw["section"]
            if not KEY.match(key) or key in self.indicators:
                raise self.fail(_("số liệu bổ sung {key}: mã sai dạng hoặc trùng mã chỉ tiêu."
                                  ).format(key=key))
            if section not in section_ids:
                raise self.fail(_("số liệu bổ sung {key} ở mục không có: {section}.").format(
                    key=key, section=section))
            rate = tuple(raw["rate_of"]) if "rate_of" in raw else None
            figures.append(ExtraFigure(section, key, _text(raw["label"]).vi,
                                       _text(raw.get("unit", "")).vi, None,
                                       (rate[0], rate[1]) if rate else None))
        self._check_unique([f.key for f in figures], _("số liệu bổ sung"))
        keys = {f.key for f in figures if f.rate_of is None}   # a rate of a rate computes nothing
        for figure in figures:
            if figure.rate_of is None:
                continue
            missing = [k for k in figure.rate_of if k not in keys or k == figure.key]
            if missing:
                raise self.fail(_("tỷ lệ {key} dùng số liệu bổ sung không có: {missing}.").format(
                    key=figure.key, missing=", ".join(missing)))
        return tuple(figures)

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
def _schema_bytes() -> bytes:
    return (templates_dir() / _SCHEMA_FILE).read_bytes()


@cache
def _schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(_schema_bytes())
    return loaded


def check_schema(data: Any, source: str) -> None:
    """Refuse parsed template data the schema does not allow, naming the first place."""
    # start-up: jsonschema (~65 ms) only when a template is read, not from the cache
    import jsonschema

    from cchc_desktop.domain.schema_errors import describe

    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        raise TemplateError(_("Mẫu báo cáo {source} không hợp lệ tại {detail}").format(
            source=source, detail=describe(errors[0], data)))


def parse_template(data: Any, source: str) -> Template:
    """Check a parsed template file against the schema and its own references."""
    check_schema(data, source)
    return _Builder(data, source).build()


def _yaml_error() -> type[Exception]:
    import yaml  # start-up: yaml (~10 ms) only when a template is read, not from the cache

    return yaml.YAMLError


def read_template_data(path: Path, cache: TemplateCache | None = None) -> tuple[Any, str, bool]:
    """The file's data, checked against the schema; its cache key; whether it came from `cache`."""
    try:
        raw = path.read_bytes()
        key = cache_key(raw, _schema_bytes()) if cache is not None else ""
        if cache is not None:
            cached = cache.get(_entry_name(path), key)
            if cached is not None:
                return cached, key, True
        data = parse_yaml(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, _yaml_error()) as exc:
        raise TemplateError(_("Không đọc được mẫu báo cáo {source}: {detail}").format(
            source=path.name, detail=exc)) from exc
    check_schema(data, path.name)
    return data, key, False


def load_template_file(path: Path, cache: TemplateCache | None = None) -> Template:
    """The checked template of one file; with a cache, the schema check is skipped on a hit."""
    data, key, cached = read_template_data(path, cache)
    try:
        template = _Builder(data, path.name).build()
    except Exception:
        if not cached:
            raise
        # Data that passed the schema when it was stored cannot fail here, unless the
        # entry was altered in a way its checksum missed: read the file itself instead.
        return load_template_file(path)
    if cache is not None and not cached:
        cache.put(_entry_name(path), key, data)
    return template


def _entry_name(path: Path) -> str:
    return f"{path.parent.name}-{path.stem}"
