"""What changed between two versions of one report, in sentences a clerk reads.

Used where a report is sent again (the package says what changed since the revision
sent before) and where a superior unit receives a new revision of a unit's report.
"""

from __future__ import annotations

from decimal import Decimal

from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.i18n import _


def _show(value: Decimal | None, decimals: int = 3) -> str:
    return format_number(value, decimals) if value is not None else _("(trống)")


def diff_reports(template: Template, old: Report, new: Report) -> list[str]:
    """One line per change: figures with their labels first, then texts, lists and header."""
    lines = []
    # The template's order, then codes it does not know by their code: ordered by the
    # position alone, those came in the set's order, which changes from run to run.
    order = {code: position for position, code in enumerate(template.indicators)}
    for code in sorted(set(old.values) | set(new.values),
                       key=lambda c: (order.get(c, len(order)), c)):
        before, after = old.values.get(code), new.values.get(code)
        if before != after:
            indicator = template.indicators.get(code)
            label = indicator.full_label if indicator else code
            decimals = indicator.decimals if indicator else 3
            lines.append(f"{label}: {_show(before, decimals)} → {_show(after, decimals)}")
    for section, _depth in template.walk():
        if (old.texts.get(section.id) or "") != (new.texts.get(section.id) or ""):
            lines.append(_("Nội dung mục {number}. {title} thay đổi.").format(
                number=section.number, title=section.title))
    for code in sorted(set(old.notes) | set(new.notes)):
        if old.notes.get(code, "") != new.notes.get(code, ""):
            indicator = template.indicators.get(code)
            lines.append(_("Giải trình của \u201c{label}\u201d thay đổi.").format(
                label=indicator.full_label if indicator else code))
    lists = ((old.tasks, new.tasks, _("Danh sách nhiệm vụ")),
             (old.proposals, new.proposals, _("Kiến nghị, đề xuất")),
             (old.documents, new.documents, _("Văn bản đã ban hành")),
             (old.subunits, new.subunits, _("Tình hình gửi báo cáo của đơn vị trực thuộc")))
    for before_items, after_items, title in lists:
        if list(before_items) != list(after_items):
            lines.append(_("{title}: {old} → {new} mục.").format(
                title=title, old=len(before_items), new=len(after_items)))
    if (old.document, old.signer, old.recipients, old.period) != \
            (new.document, new.signer, new.recipients, new.period):
        lines.append(_("Thông tin văn bản (số, ngày, người ký, nơi nhận hoặc thời gian) thay đổi."))
    return lines
