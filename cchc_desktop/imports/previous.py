"""Starting this period from last period's file (workbook or JSON, from any PC)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_desktop.domain.carry_over import CarryOverPlan, apply_plan, plan_carry_over
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.periods import Period, PeriodKind
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.unit_matching import match_report_unit
from cchc_desktop.exchange.workbook import take_visible
from cchc_desktop.i18n import _
from cchc_desktop.reportfiles import read_with_differences
from cchc_desktop.storage.backups import restore_point
from cchc_desktop.storage.repository import ReportStore


@dataclass
class PreviousImportPreview:
    """What importing `source` into report `report_id` will change; nothing is changed yet."""

    report_id: int
    source: Path
    source_report: Report
    plan: CarryOverPlan
    notes: list[str] = field(default_factory=list)
    # A workbook edited in Excel: where its visible sheets differ from the hidden data
    # (exchange.workbook.VisibleDifference). The clerk decides (choose_values) before applying.
    differences: list[Any] = field(default_factory=list)
    decided: bool = True
    hidden_report: Report | None = None          # the source as its hidden data says

    def lines(self) -> list[str]:
        """The preview as the dialog lists it, one change a line."""
        lines = []
        for change in self.plan.values:
            old = format_number(change.old, 3) if change.old is not None else _("(trống)")
            lines.append(_("{label}: {old} → {new} ({reason})").format(
                label=change.label, old=old, new=format_number(change.new, 3),
                reason=change.reason))
        for task in self.plan.tasks:
            lines.append(_("Nhiệm vụ cần theo dõi: {text}").format(text=task.text))
        if self.plan.comparison:
            lines.append(_("Cột so sánh \u201c{label}\u201d: {n} số liệu").format(
                label=self.plan.comparison_label, n=len(self.plan.comparison)))
        if self.plan.extra_figures:
            lines.append(_("Số liệu bổ sung của đơn vị (chưa có giá trị kỳ này): {labels}").format(
                labels="; ".join(f.label for f in self.plan.extra_figures)))
        if self.plan.unmapped_codes:
            lines.append(_("Số liệu không còn trong mẫu hiện tại (bỏ qua): {codes}").format(
                codes=", ".join(self.plan.unmapped_codes)))
        return lines + self.notes


def prepare_previous_import(store: ReportStore, report_id: int, path: Path,
                            ) -> PreviousImportPreview:
    """Read last period's file and work out what it sets in this report."""
    source, _source_template, differences = read_with_differences(path, store.registry)
    preview = _preview(store, report_id, path, source)
    if differences:
        preview.differences, preview.decided, preview.hidden_report = differences, False, source
    return preview


def choose_values(store: ReportStore, preview: PreviousImportPreview, visible_codes: Iterable[str],
                  ) -> PreviousImportPreview:
    """The preview again, with the visible value of each figure in `visible_codes` and the
    hidden value of the others: the clerk's decision, made figure by figure or all at once.

    Raises ReportError when a chosen figure cannot be taken from the sheet (a formula, a
    computed figure): the clerk must retype it.
    """
    hidden = preview.hidden_report or preview.source_report
    source_template = store.registry.get(hidden.template_ref)
    source = take_visible(hidden, source_template, preview.differences, set(visible_codes))
    chosen = _preview(store, preview.report_id, preview.source, source)
    chosen.differences, chosen.decided, chosen.hidden_report = preview.differences, True, hidden
    return chosen


def _preview(store: ReportStore, report_id: int, path: Path, source: Report,
             ) -> PreviousImportPreview:
    target = store.load_report(report_id)
    template = store.registry.get(target.template_ref)
    aliases = store.unit_aliases().get(target.unit.code, ())
    match_report_unit(target.unit, source.unit, aliases=aliases,
                      source=_("Tệp {name}").format(name=path.name))
    key = (source.period.year, source.period.kind)
    is_previous = key == target.period.previous_key()
    is_opening = key == target.period.opening_key()
    if not (is_previous or is_opening):
        raise ReportError(_("Tệp {name} là báo cáo {found}; kỳ {target} cần báo cáo kỳ liền trước "
                            "({wanted}).").format(name=path.name, found=source.period.label,
                                                  target=target.period.label,
                                                  wanted=_wanted_label(target)))
    notes: list[str] = []
    previous, opening = (source if is_previous else None), (source if is_opening else None)
    if previous is None and (key2 := target.period.previous_key()):
        previous = store.find_report(target.unit.code, *key2)
        if previous is not None:
            notes.append(_("Nhiệm vụ và cột so sánh lấy từ báo cáo {period} có trong tệp dữ liệu."
                           ).format(period=previous.period.label))
    if opening is None and (key3 := target.period.opening_key()):
        opening = store.find_report(target.unit.code, *key3)
        if opening is not None:
            notes.append(_("Số chuyển kỳ lấy từ báo cáo {period} có trong tệp dữ liệu.").format(
                period=opening.period.label))
        else:
            notes.append(_("Chưa có báo cáo {period} nên chưa lấy được số hồ sơ chuyển kỳ.").format(
                period=_label_of(target.period.opening_key())))
    if source.template_ref != target.template_ref:
        notes.append(_("Tệp dùng mẫu {found}; số liệu được đối chiếu theo mã sang mẫu {ours}.").format(
            found=source.template_ref, ours=target.template_ref))
    plan = plan_carry_over(template, target, previous=previous, opening=opening, aliases=aliases)
    return PreviousImportPreview(report_id, path, source, plan, notes)


def apply_previous_import(store: ReportStore, preview: PreviousImportPreview, *,
                          include_texts: bool) -> None:
    """Apply the previewed plan to the report as it is now, after a restore point: the figures,
    tasks, texts (if `include_texts`) and comparison column in one save, or nothing."""
    if not preview.decided:
        raise ReportError(_("Tệp {name}: số liệu trên trang tính khác phần dữ liệu ẩn; hãy chọn số "
                            "liệu sẽ lấy trước khi nhập.").format(name=preview.source.name))
    restore_point(store.database, _("Trước khi nhập kỳ trước ({name})").format(
        name=preview.source.name))
    plan = preview.plan
    report = apply_plan(store.load_report(preview.report_id), plan, include_texts=include_texts)
    comparisons = {"previous": (plan.comparison_label, plan.comparison)} if plan.comparison else {}
    store.save_report(report, reason=_("Nhập kỳ trước"),
                      value_reasons={change.code: change.reason for change in plan.values},
                      summary=("carry_over", plan.source_label), comparisons=comparisons)


def _label_of(key: tuple[int, object] | None) -> str:
    if key is None:
        return ""

    year, kind = key
    return Period.default(int(year), PeriodKind(str(kind))).label


def _wanted_label(target: Report) -> str:
    labels = [_label_of(target.period.previous_key())]
    opening = _label_of(target.period.opening_key())
    if opening not in labels:
        labels.append(opening)
    return _(" hoặc ").join(labels)
