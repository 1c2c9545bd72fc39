"""A task's evidence follows the task when the checklist changes.

Evidence is attached to a task by its position in the checklist (the exchange file and the
PAR-index annex name tasks so); a row removed or inserted above it, an import that replaces the
list, would otherwise leave the document proving whichever task now stands there. Every write of
the checklist goes through `follow_tasks`, in its own transaction: each linked task is found in
the new list (the same text, else the same place when the text was edited in place) and its
links move with it; a linked task with no counterpart refuses the write by name, since dropping
the links would lose what the clerk attached and keeping them would move the proof.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from sqlalchemy import select
from sqlalchemy.orm import Session

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.evidence_items import report_evidence_context
from cchc_desktop.i18n import _
from cchc_desktop.storage.models import EvidenceLinkRow, ReportRow
from cchc_desktop.storage.rows import period_of


def new_positions(old: Sequence[str], new: Sequence[str]) -> dict[int, int]:
    """Old 0-based position -> new position, for the tasks found again in `new`.

    The same text in the same order is the same task; a task moved elsewhere is found by its
    text; a run of tasks replaced by as many others is the same tasks edited in place (a typo
    fixed keeps its documents)."""
    before, after = [" ".join(t.split()) for t in old], [" ".join(t.split()) for t in new]
    found: dict[int, int] = {}
    in_place: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            found.update({i1 + k: j1 + k for k in range(i2 - i1)})
        elif tag == "replace" and i2 - i1 == j2 - j1:
            in_place += [(i1 + k, j1 + k) for k in range(i2 - i1)]
    # A task moved: the same text elsewhere, taken before a guess by place.
    free = [j for j in range(len(after)) if j not in found.values()]
    for i in range(len(before)):
        if i not in found and (j := next((j for j in free if after[j] == before[i]), None)) is not None:
            found[i] = j
            free.remove(j)
    for i, j in in_place:
        if i not in found and j in free:
            found[i] = j
            free.remove(j)
    return found


def follow_tasks(session: Session, row: ReportRow, old: Sequence[str], new: Sequence[str]) -> None:
    """Move the report's task links from the tasks `old` to their places in `new`; ReportError,
    and nothing moved, if a linked task is gone."""
    if list(old) == list(new):
        return
    links = list(session.scalars(select(EvidenceLinkRow).where(
        EvidenceLinkRow.unit_code == row.unit.code,
        EvidenceLinkRow.context == report_evidence_context(period_of(row)),
        EvidenceLinkRow.kind == TargetKind.TASK.value)))
    if not links:
        return
    moves = new_positions(old, new)
    for link in links:
        position = int(link.key) - 1 if link.key.isdigit() else -1
        if position not in moves:
            task = old[position] if 0 <= position < len(old) else link.key
            raise ReportError(_(
                "Nhiệm vụ \u201c{task}\u201d có tài liệu kiểm chứng: hãy gỡ tài liệu khỏi nhiệm vụ "
                "này trước khi xóa hoặc thay nhiệm vụ, để tài liệu không chứng minh cho nhiệm vụ "
                "khác.").format(task=" ".join(task.split())[:80]))
    # Two steps, as a link may move to a key another link still holds (UNIQUE per document).
    for link in links:
        link.key = f"~{link.key}"
    session.flush()
    for link in links:
        link.key = str(moves[int(link.key[1:]) - 1] + 1)
    session.flush()
