"""Starting a report from the reports before it: what carries over, decided before anything changes.

Two earlier reports matter (brief section 2): the *previous* report in the sequence
Quý I -> 6 tháng -> Quý III -> Năm gives the starting stocks, the task checklist (from its
"Phương hướng") and the comparison column; the *opening* report, the one that ends the
day before this one starts, gives the carried-over pending records (the template's
carry_over rules). For Quý I and Quý III they are the same report.
The plan is a plain value: the window shows it as a preview and applies it only when
the clerk confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure, carried_over
from cchc_desktop.domain.figures import sum_known
from cchc_desktop.domain.report import Report, Task, TaskOrigin, TaskStatus
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.template_rules import CarryOverRule
from cchc_desktop.domain.unit_matching import match_report_unit
from cchc_desktop.i18n import _


@dataclass(frozen=True)
class ValueChange:
    code: str
    label: str
    old: Decimal | None
    new: Decimal
    reason: str


@dataclass
class CarryOverPlan:
    source_label: str
    values: list[ValueChange] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    comparison_label: str = ""
    comparison: dict[str, Decimal] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)       # applied only if the clerk ticks it
    unmapped_codes: list[str] = field(default_factory=list)   # figures the template no longer has
    # The unit's own figures of last period: keys, labels, units and rates, no values (the
    # figures are of last period; the clerk enters this period's).
    extra_figures: list[ExtraFigure] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.values or self.tasks or self.comparison or self.texts
                    or self.extra_figures)


def _same_key(report: Report, key: tuple[int, object] | None) -> bool:
    return key is not None and (report.period.year, report.period.kind) == key


def check_sources(target: Report, previous: Report | None, opening: Report | None,
                  aliases: Iterable[str] = ()) -> None:
    """Refuse reports of another unit or of the wrong period, naming them."""
    for source, wanted in ((previous, target.period.previous_key()),
                           (opening, target.period.opening_key())):
        if source is None:
            continue
        match_report_unit(target.unit, source.unit, aliases=aliases,
                          source=_("Báo cáo {period}").format(period=source.period.label))
        if not _same_key(source, wanted):
            raise ReportError(_("Báo cáo {found} không phải kỳ liền trước của {target}.").format(
                found=source.period.label, target=target.period.label))


_NUMBERED = re.compile(r"^\s*(?:\d+[.)]|[-+•])\s*")


def tasks_from_text(text: str) -> list[str]:
    """The numbered (or bulleted) paragraphs of a "Phương hướng" section, one task each."""
    tasks, current = [], ""
    for line in text.splitlines():
        if _NUMBERED.match(line):
            if current:
                tasks.append(current)
            current = _NUMBERED.sub("", line, count=1).strip()
        elif line.strip():
            current = f"{current} {line.strip()}".strip() if current else line.strip()
        elif current:
            tasks.append(current)
            current = ""
    if current:
        tasks.append(current)
    return tasks


def plan_carry_over(template: Template, target: Report, *, previous: Report | None = None,
                    opening: Report | None = None,
                    previous_template: Template | None = None,
                    aliases: Iterable[str] = ()) -> CarryOverPlan:
    """What `previous` and `opening` carry into `target`; `aliases` are older codes of the unit."""
    check_sources(target, previous, opening, aliases)
    source = previous or opening
    if source is None:
        raise ReportError(_("Chưa có báo cáo kỳ trước để lấy số liệu."))
    plan = CarryOverPlan(source_label=source.period.label)
    plan.unmapped_codes = sorted({c for r in (previous, opening) if r is not None
                                  for c in r.values if c not in template.indicators})

    if opening is not None:
        for rule in template.rules:
            if not isinstance(rule, CarryOverRule):
                continue
            value = sum_known(opening.values, [c for c in rule.previous if c in template.indicators])
            if value is not None:
                indicator = template.indicators[rule.total]
                plan.values.append(ValueChange(
                    rule.total, indicator.full_label, target.values.get(rule.total), value,
                    _("Số cuối kỳ báo cáo {period}").format(period=opening.period.label)))

    if previous is not None:
        same_year = previous.period.year == target.period.year
        carried = {change.code for change in plan.values}
        for code, indicator in template.indicators.items():
            if code in carried or code not in previous.values:
                continue
            if indicator.carry == "always" or (indicator.carry == "within_year" and same_year):
                plan.values.append(ValueChange(
                    code, indicator.full_label, target.values.get(code), previous.values[code],
                    _("Số đầu kỳ, lấy từ báo cáo {period}").format(period=previous.period.label)))
        plan.tasks = _checklist(template, target, previous)
        plan.comparison_label = previous.period.label
        plan.comparison = {c: v for c, v in previous.values.items() if c in template.indicators}
        plan.texts = {s: t for s, t in previous.texts.items()
                      if s in template.section_ids() and t.strip()}
        plan.extra_figures = _extra_figures(template, target, previous)
    return plan


def _extra_figures(template: Template, target: Report, previous: Report) -> list[ExtraFigure]:
    """Last period's own figures the target lacks, in sections the template still has."""
    sections = template.section_ids()
    known = {figure.key for figure in target.extra_figures}
    return [figure for figure in carried_over(previous.extra_figures)
            if figure.section_id in sections and figure.key not in known]


def _checklist(template: Template, target: Report, previous: Report) -> list[Task]:
    section = template.first_section_with("next_tasks")
    if section is None:
        return []
    known = {task.text for task in target.tasks}
    return [Task(text, TaskStatus.NOT_STARTED, TaskOrigin.PREVIOUS)
            for text in tasks_from_text(previous.texts.get(section.id, "")) if text not in known]


def apply_plan(report: Report, plan: CarryOverPlan, *, include_texts: bool) -> Report:
    """The report as it is after the plan: its figures set, the tasks added to the checklist,
    last period's own figures (without values) it lacks and, if `include_texts`, last
    period's texts in the sections still empty."""
    values: dict[str, Decimal] = dict(report.values)
    for change in plan.values:
        values[change.code] = change.new
    texts = dict(report.texts)
    if include_texts:
        for section_id, text in plan.texts.items():
            texts.setdefault(section_id, text)
    known = {figure.key for figure in report.extra_figures}
    extra = list(report.extra_figures) + [f for f in plan.extra_figures if f.key not in known]
    return replace(report, values=values, texts=texts, tasks=list(report.tasks) + plan.tasks,
                   extra_figures=extra)
