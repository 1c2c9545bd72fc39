"""What the report's lists are, column by column: the plan-task checklist, the proposals and
the documents issued. gui/forms/list_tables.py edits any of them from these descriptions.

A column reads its cell from an item and may check a typed text (a date that does not exist
is refused with the reason); a list makes an item from its cells and a blank one for a new row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import IssuedDocument, Proposal, Task, TaskOrigin, TaskStatus
from cchc_desktop.exchange.text_limits import length_problem
from cchc_desktop.i18n import N_, _

ORIGIN_LABELS = {TaskOrigin.PLAN: N_("Kế hoạch năm"), TaskOrigin.PREVIOUS: N_("Kỳ trước chuyển sang"),
                 TaskOrigin.NEW: N_("Phát sinh mới")}


@dataclass(frozen=True)
class Column:
    title: str                                   # source string, translated when shown
    read: Callable[[Any], str]                   # item -> cell text (or choice value)
    choices: Callable[[], list[tuple[str, str]]] | None = None   # (value, label)
    stretch: bool = False
    check: Callable[[str], object] | None = None  # raises ValueError (the reason) on a refused text


@dataclass(frozen=True)
class ListSpec:
    kind: str                                    # attribute of Report and ReportSession kind
    title: str
    columns: tuple[Column, ...]
    make: Callable[[list[str], str], Any]        # cells, section id -> item; ValueError = bad cell
    blank: Callable[[str], Any]
    # The rows can be proven by evidence documents (a last column of buttons), keyed by their
    # position in the list, as the store and the PDF annex key them (domain/evidence_items.py).
    evidence: TargetKind | None = None


@lru_cache(maxsize=1024)   # every row's date is read again on each edit of the list
def _date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
            raise ValueError(_("Ngày \u201c{text}\u201d không có trong lịch.").format(
                text=text)) from None
        raise ValueError(_("Ngày \u201c{text}\u201d phải viết dạng ngày/tháng/năm, ví dụ 06/01/2026.")
                         .format(text=text)) from None


def _fits(field: str) -> Callable[[str], object]:
    """A column's check: a text longer than the exchange format keeps in `field` is refused
    like a wrong date (the cell keeps its saved value), not sent to a store that refuses it."""
    def check(text: str) -> None:
        problem = length_problem(field, text)
        if problem is not None:
            raise ValueError(problem)
    return check


TASKS = ListSpec(
    "tasks", N_("Danh sách nhiệm vụ trong kỳ (kế hoạch năm và kỳ trước chuyển sang)"),
    (Column(N_("Nhiệm vụ"), lambda t: t.text, stretch=True, check=_fits("task.text")),
     Column(N_("Tình trạng"), lambda t: t.status.value,
            lambda: [(s.value, s.label) for s in TaskStatus]),
     Column(N_("Nguồn"), lambda t: t.origin.value,
            lambda: [(o.value, _(ORIGIN_LABELS[o])) for o in TaskOrigin])),
    lambda cells, _section: Task(cells[0], TaskStatus(cells[1]), TaskOrigin(cells[2])),
    lambda _section: Task(""),
    TargetKind.TASK,
)

PROPOSALS = ListSpec(
    "proposals", N_("Kiến nghị, đề xuất"),
    (Column(N_("Đơn vị đề xuất"), lambda p: p.from_unit, check=_fits("proposal.from_unit")),
     Column(N_("Kiến nghị với"), lambda p: p.to, check=_fits("proposal.to")),
     Column(N_("Nội dung kiến nghị"), lambda p: p.text, stretch=True,
            check=_fits("proposal.text"))),
    lambda cells, _section: Proposal(cells[0], cells[1], cells[2]),
    lambda _section: Proposal("", "", ""),
)

DOCUMENTS = ListSpec(
    "documents", N_("Văn bản chỉ đạo, điều hành đã ban hành trong kỳ"),
    (Column(N_("Số, ký hiệu"), lambda d: d.number, check=_fits("document_item.number")),
     Column(N_("Ngày ban hành"), lambda d: short_date(d.date), check=_date),
     Column(N_("Trích yếu nội dung"), lambda d: d.subject, stretch=True,
            check=_fits("document_item.subject"))),
    lambda cells, section: IssuedDocument(cells[0], _date(cells[1]), cells[2], section),
    lambda section: IssuedDocument("", None, "", section),
)
