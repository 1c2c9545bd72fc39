"""The rules a template declares, one class per kind: each reads its entry and checks a report.

A rule entry of a template file (`rules:` of the template or of a group) names its kind;
the class of that kind reads the fields it needs, refuses those it does not (a "min" on a
sum rule is a mistake in the template, not something to ignore), checks the codes it
names once the template is built, and checks a report's figures, giving a `Finding` that
carries the figures involved. A new kind of rule is a new class here and its name in the
template schema (resources/templates/template.schema.json).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from cchc_desktop.domain.field_kinds import sum_known
from cchc_desktop.domain.findings import Amount, Argument, Finding, LevelName, Name, Names, Severity, Wording
from cchc_desktop.domain.units import Text, text_of
from cchc_desktop.i18n import N_, _

if TYPE_CHECKING:
    from cchc_desktop.domain.figures import Figures
    from cchc_desktop.domain.report import Report
    from cchc_desktop.domain.template import Indicator, Template

LEVEL_PLACEHOLDER = "{L}"
Expand = Callable[[Any], tuple[str, ...]]


class RuleKind(enum.StrEnum):
    SUM = "sum"                # total = sum of parts
    LE = "le"                  # sum(left) <= sum(right)
    CARRY_OVER = "carry_over"  # figure = closing figures of the opening report
    TARGET = "target"          # rate >= target (plan target, or the template's default)


@dataclass(frozen=True)
class OpeningReport:
    """The report whose closing stocks open this one, for the carry-over rules."""

    label: str
    values: Mapping[str, Decimal | None]


@dataclass(frozen=True)
class RuleFacts:
    """What a rule checks: the report, its figures, and the report that opens it."""

    template: Template
    report: Report
    figures: Figures
    opening: OpeningReport | None = None


class RuleEntryError(ValueError):
    """A template's rule entry that its kind cannot read; the message says why."""


@dataclass(frozen=True)
class Rule:
    """What every rule has; subclasses add their fields and their check."""

    id: str
    severity: Severity
    codes: tuple[str, ...]                 # every figure the rule involves, for jumping to fields
    hint: Text = Text("")
    level: str | None = None               # set for rules of per-level groups

    kind: ClassVar[RuleKind]
    fields: ClassVar[frozenset[str]] = frozenset()     # the entry's fields of this kind
    default_severity: ClassVar[Severity] = Severity.WARNING

    @property
    def references(self) -> tuple[str, ...]:
        """Every code the rule reads (of this report or of the opening one)."""
        return self.codes

    # ------------------------------------------------------------------ reading the entry
    @classmethod
    def from_entry(cls, raw: Mapping[str, Any], expand: Expand, level: str | None) -> Rule:
        unknown = sorted(set(raw) - {"id", "kind", "severity", "hint"} - cls.fields)
        if unknown:
            raise RuleEntryError(_("quy tắc {rule} (loại {kind}) không dùng trường {fields}.").format(
                rule=raw["id"], kind=cls.kind.value, fields=", ".join(unknown)))
        common = {"id": raw["id"].replace(LEVEL_PLACEHOLDER, level) if level else raw["id"],
                  "severity": Severity(raw.get("severity", cls.default_severity)),
                  "hint": text_of(raw.get("hint", "")), "level": level}
        return cls._read(raw, expand, common)

    @classmethod
    def _read(cls, raw: Mapping[str, Any], expand: Expand, common: dict[str, Any]) -> Rule:
        """The rule of this kind from its own fields of the entry, plus the `common` ones."""
        raise NotImplementedError

    def problem(self, indicators: Mapping[str, Indicator]) -> str | None:
        """What is wrong with the rule among the template's indicators (a figure it cannot check)."""
        return None

    # ------------------------------------------------------------------ checking a report
    def check(self, facts: RuleFacts) -> Finding | None:
        raise NotImplementedError

    def _finding(self, facts: RuleFacts, msgid: str, args: Mapping[str, Argument],
                 figures: tuple[Amount, ...], capitalised: tuple[str, ...] = ()) -> Finding:
        prefix: Argument = Wording(N_("{level}: "), (("level", LevelName(self.level)),)) \
            if self.level else ""
        wording = Wording(msgid, (("prefix", prefix), *args.items()), capitalised)
        template = facts.template
        section = template.indicators[self.codes[0]].section_id if self.codes else ""
        justified = self.severity is Severity.WARNING and any(
            facts.report.notes.get(code, "").strip() for code in self.codes)
        return Finding(self.id, self.severity, self.codes, wording, section, justified,
                       kind=self.kind.value, figures=figures, hint=self.hint)


def _amount(facts: RuleFacts, role: str, value: Decimal | None, codes: tuple[str, ...],
            like: str) -> Amount:
    """`value` written with the decimals of the figure `like`."""
    return Amount(role, value, codes, facts.template.indicators[like].decimals)


def _indicators(template: Template, codes: tuple[str, ...]) -> tuple[Indicator, ...]:
    return tuple(template.indicators[code] for code in codes)


@dataclass(frozen=True)
class SumRule(Rule):
    """A total equals the sum of its parts."""

    total: str = ""
    parts: tuple[str, ...] = ()

    kind = RuleKind.SUM
    fields = frozenset({"total", "parts"})
    default_severity = Severity.ERROR

    @classmethod
    def _read(cls, raw: Mapping[str, Any], expand: Expand, common: dict[str, Any]) -> Rule:
        total, parts = expand(raw["total"])[0], expand(raw["parts"])
        return cls(codes=tuple(dict.fromkeys((total, *parts))), total=total, parts=parts, **common)

    def check(self, facts: RuleFacts) -> Finding | None:
        total = facts.figures.get(self.total)
        parts = sum_known(facts.figures.values, self.parts)
        if total is None or parts is None or total == parts:
            return None
        template = facts.template
        figures = (_amount(facts, "total", total, (self.total,), self.total),
                   _amount(facts, "parts", parts, self.parts, self.parts[0]),
                   _amount(facts, "difference", abs(total - parts), (), self.total))
        return self._finding(facts, N_(
            "{prefix}{total_label} ({total}) khác tổng {parts_label} ({parts}): chênh lệch {diff}."),
            {"total_label": Name(template.indicators[self.total]), "total": figures[0],
             "parts_label": Names(_indicators(template, self.parts)), "parts": figures[1],
             "diff": figures[2]}, figures)


@dataclass(frozen=True)
class AtMostRule(Rule):
    """The sum of some figures is at most the sum of others (handled <= received)."""

    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()

    kind = RuleKind.LE
    fields = frozenset({"left", "right"})

    @classmethod
    def _read(cls, raw: Mapping[str, Any], expand: Expand, common: dict[str, Any]) -> Rule:
        left, right = expand(raw["left"]), expand(raw["right"])
        return cls(codes=tuple(dict.fromkeys(left + right)), left=left, right=right, **common)

    def check(self, facts: RuleFacts) -> Finding | None:
        left = sum_known(facts.figures.values, self.left)
        right = sum_known(facts.figures.values, self.right)
        if left is None or right is None or left <= right:
            return None
        template = facts.template
        figures = (_amount(facts, "left", left, self.left, self.left[0]),
                   _amount(facts, "right", right, self.right, self.right[0]),
                   _amount(facts, "difference", left - right, (), self.left[0]))
        return self._finding(facts, N_(
            "{prefix}{left_label} ({left}) lớn hơn {right_label} ({right}): vượt {diff}."),
            {"left_label": Names(_indicators(template, self.left), total=True), "left": figures[0],
             "right_label": Names(_indicators(template, self.right), total=True),
             "right": figures[1], "diff": figures[2]}, figures, capitalised=("left_label",))


@dataclass(frozen=True)
class CarryOverRule(Rule):
    """A stock at the start equals the closing figures of the opening report."""

    total: str = ""
    previous: tuple[str, ...] = ()         # codes of the opening report

    kind = RuleKind.CARRY_OVER
    fields = frozenset({"code", "previous"})
    default_severity = Severity.ERROR

    @property
    def references(self) -> tuple[str, ...]:
        return self.codes + self.previous

    @classmethod
    def _read(cls, raw: Mapping[str, Any], expand: Expand, common: dict[str, Any]) -> Rule:
        total = expand(raw["code"])[0]
        return cls(codes=(total,), total=total, previous=expand(raw["previous"]), **common)

    def check(self, facts: RuleFacts) -> Finding | None:
        if facts.opening is None:
            return None
        value = facts.figures.get(self.total)
        previous = sum_known(facts.opening.values, self.previous)
        if value is None or previous is None or value == previous:
            return None
        template = facts.template
        figures = (_amount(facts, "value", value, (self.total,), self.total),
                   _amount(facts, "previous", previous, self.previous, self.total),
                   _amount(facts, "difference", abs(value - previous), (), self.total))
        return self._finding(facts, N_(
            "{prefix}{label} ({value}) khác {previous_label} của báo cáo {report} ({previous}): "
            "chênh lệch {diff}."),
            {"label": Name(template.indicators[self.total]), "value": figures[0],
             "previous_label": Names(_indicators(template, self.previous), total=True),
             "report": facts.opening.label, "previous": figures[1], "diff": figures[2]}, figures)


@dataclass(frozen=True)
class TargetRule(Rule):
    """A percentage reaches its target: the report's own, else the template's default."""

    total: str = ""
    minimum: Decimal | None = None         # default target in percent

    kind = RuleKind.TARGET
    fields = frozenset({"code", "min"})

    @classmethod
    def _read(cls, raw: Mapping[str, Any], expand: Expand, common: dict[str, Any]) -> Rule:
        total = expand(raw["code"])[0]
        return cls(codes=(total,), total=total, minimum=Decimal(str(raw["min"])), **common)

    def problem(self, indicators: Mapping[str, Indicator]) -> str | None:
        indicator = indicators.get(self.total)
        if indicator is not None and not indicator.field_kind.percentage:
            return _("quy tắc {rule}: mục tiêu chỉ đặt cho tỷ lệ phần trăm, {code} không phải "
                     "tỷ lệ.").format(rule=self.id, code=self.total)
        return None

    def check(self, facts: RuleFacts) -> Finding | None:
        value = facts.figures.get(self.total)
        target = facts.report.targets.get(self.total, self.minimum)
        if value is None or target is None or value >= target:
            return None
        precision = facts.report.precision
        figures = (Amount("value", value, (self.total,), precision, percent=True),
                   Amount("target", target, (), precision, percent=True))
        return self._finding(facts, N_("{prefix}{label} ({value}) thấp hơn mục tiêu {target}."),
                             {"label": Name(facts.template.indicators[self.total]),
                              "value": figures[0], "target": figures[1]}, figures)


RULE_KINDS: dict[RuleKind, type[Rule]] = {
    cls.kind: cls for cls in (SumRule, AtMostRule, CarryOverRule, TargetRule)}


def rule_from_entry(raw: Mapping[str, Any], level: str | None) -> Rule:
    """The rule of one template entry, its codes expanded for `level`; RuleEntryError if wrong."""
    def expand(codes: Any) -> tuple[str, ...]:
        items = [codes] if isinstance(codes, str) else list(codes or ())
        return tuple(c.replace(LEVEL_PLACEHOLDER, level) if level else c for c in items)

    return RULE_KINDS[RuleKind(raw["kind"])].from_entry(raw, expand, level)
