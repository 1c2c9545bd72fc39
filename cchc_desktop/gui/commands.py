"""One undoable command per edit of the clerk, each calling the open report's session.

Commands never touch widgets: the session applies the change to the report (and
queues it for the data file), and the widgets follow the session's signals.
Successive keystrokes in one field merge into one command until the focus moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QUndoCommand

from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import N_, _


class _EditCommand(QUndoCommand):
    ID = 0

    def __init__(self, session: ReportSession, key: str, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.key = key
        self.old = old
        self.new = new
        self.generation = session.edit_generation

    def apply(self, value: Any) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self.apply(self.new)

    def undo(self) -> None:
        self.apply(self.old)

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, type(self)) or other.key != self.key \
                or other.generation != self.generation:
            return False
        self.new = other.new
        # Typing a value and deleting it again leaves nothing to undo.
        self.setObsolete(self.new == self.old)
        return True


class SetValueCommand(_EditCommand):
    ID = 1

    def __init__(self, session: ReportSession, code: str, new: Decimal | None) -> None:
        label = session.template.indicators[code].full_label
        super().__init__(session, code, session.value(code), new,
                         _("Sửa \u201c{label}\u201d").format(label=label))

    def apply(self, value: Decimal | None) -> None:
        self.session.set_value(self.key, value)


class SetTextCommand(_EditCommand):
    ID = 2

    def __init__(self, session: ReportSession, section_id: str, new: str) -> None:
        title = str(session.template.section(section_id).title)
        super().__init__(session, section_id, session.report.texts.get(section_id, ""), new,
                         _("Sửa văn bản mục \u201c{title}\u201d").format(title=title))

    def apply(self, value: str) -> None:
        self.session.set_text(self.key, value)


class SetNarrativeCommand(_EditCommand):
    """A change in the formatted editor; merges with typing in the same section as SetText."""

    ID = 5

    def __init__(self, session: ReportSession, section_id: str, new: RichText) -> None:
        title = str(session.template.section(section_id).title)
        super().__init__(session, section_id, session.report.narrative(section_id), new,
                         _("Sửa văn bản mục \u201c{title}\u201d").format(title=title))

    def apply(self, value: RichText) -> None:
        self.session.set_narrative(self.key, value)


class SetNoteCommand(_EditCommand):
    ID = 3

    def __init__(self, session: ReportSession, code: str, new: str) -> None:
        super().__init__(session, code, session.report.notes.get(code, ""), new,
                         _("Sửa giải trình"))

    def apply(self, value: str) -> None:
        self.session.set_note(self.key, value)


LIST_TITLES = {"tasks": N_("Sửa danh sách nhiệm vụ"), "proposals": N_("Sửa bảng kiến nghị"),
               "documents": N_("Sửa danh mục văn bản")}


class ReplaceListCommand(_EditCommand):
    """A change to the task checklist, the proposals or the documents table."""

    ID = 4

    def __init__(self, session: ReportSession, kind: str, new: Sequence[Any]) -> None:
        super().__init__(session, kind, list(getattr(session.report, kind)), list(new),
                         _(LIST_TITLES[kind]))

    def apply(self, value: list[Any]) -> None:
        self.session.set_list(self.key, value)

    def mergeWith(self, other: QUndoCommand) -> bool:
        # Each change of a table is its own step: cell edits are already whole edits.
        return False


class SetExtraFiguresCommand(_EditCommand):
    """A change to a section's extra figures: one added, removed, or its value typed (the
    keystrokes of one entry merge, as in an indicator's field)."""

    ID = 6

    def __init__(self, session: ReportSession, section_id: str, new: Sequence[ExtraFigure],
                 text: str = "") -> None:
        title = str(session.template.section(section_id).title)
        super().__init__(session, section_id, session.extra_figures(section_id), list(new),
                         text or _("Sửa số liệu bổ sung mục \u201c{title}\u201d").format(title=title))

    def apply(self, value: list[ExtraFigure]) -> None:
        self.session.set_extra_figures(self.key, value)


def push(session: ReportSession, command: _EditCommand) -> None:
    """Push an edit; refused with LockedReportError before anything changes if locked."""
    session.ensure_editable()
    session.undo_stack.push(command)
