"""gui/commands.py: one undoable command per edit; keystrokes in one field merge into one step
until the focus moves (the session's edit generation), typing a value and deleting it leaves
nothing to undo, table edits are steps of their own, and a locked report refuses the edit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.commands import (
    ReplaceListCommand,
    SetNoteCommand,
    SetTextCommand,
    SetValueCommand,
    push,
)
from cchc_desktop.storage.repository import ReportStore


def two_codes(session) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    codes = [code for code, indicator in session.template.indicators.items()
             if session.value(code) is None]
    return codes[0], codes[1]


def narrative_section(session) -> str:  # type: ignore[no-untyped-def]
    def walk(sections):  # type: ignore[no-untyped-def]
        for section in sections:
            yield section
            yield from walk(section.children)
    return next(section.id for section in walk(session.template.sections) if section.narrative)


def type_digits(session, code: str, text: str) -> None:  # type: ignore[no-untyped-def]
    for end in range(1, len(text) + 1):
        push(session, SetValueCommand(session, code, Decimal(text[:end])))


def stored_value(store: ReportStore, session, code: str) -> Decimal | None:  # type: ignore[no-untyped-def]
    assert session.saver.flush()
    return store.load_report(session.report_id).values.get(code)


def test_digits_typed_into_one_field_are_one_undo_step(new_report, store) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    code, _other = two_codes(session)
    type_digits(session, code, "125")
    stack = session.undo_stack
    assert stack.count() == 1
    assert session.value(code) == Decimal(125)
    assert session.template.indicators[code].full_label in stack.undoText()
    stack.undo()
    assert session.value(code) is None
    assert stored_value(store, session, code) is None
    stack.redo()
    assert session.value(code) == Decimal(125)
    assert stored_value(store, session, code) == Decimal(125)


def test_moving_the_focus_starts_a_new_step_in_the_same_field(new_report) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    code, _other = two_codes(session)
    type_digits(session, code, "12")
    session.seal_edits()   # the focus left the field
    type_digits(session, code, "7")
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert session.value(code) == Decimal(12)


def test_another_field_is_another_step(new_report) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    first, second = two_codes(session)
    type_digits(session, first, "3")
    type_digits(session, second, "4")
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert session.value(second) is None and session.value(first) == Decimal(3)


def test_typing_a_value_and_deleting_it_leaves_nothing_to_undo(new_report) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    code, _other = two_codes(session)
    type_digits(session, code, "9")
    push(session, SetValueCommand(session, code, None))
    assert session.undo_stack.count() == 0
    assert not session.undo_stack.canUndo()
    assert session.value(code) is None


def test_a_text_and_a_note_merge_only_within_their_kind(new_report, store) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    section = narrative_section(session)
    code, _other = two_codes(session)
    for end in range(1, 6):
        push(session, SetTextCommand(session, section, "Đã làm"[:end]))
    assert session.undo_stack.count() == 1
    push(session, SetNoteCommand(session, code, "Chưa có số liệu"))
    assert session.undo_stack.count() == 2   # same session, other kind: no merge
    session.undo_stack.undo()
    assert session.report.notes.get(code, "") == ""
    assert session.saver.flush()
    assert store.load_report(session.report_id).texts.get(section) == "Đã là"


def test_each_table_edit_is_its_own_step(new_report) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    before = list(session.report.documents)
    push(session, ReplaceListCommand(session, "documents", before))
    push(session, ReplaceListCommand(session, "documents", before))
    assert session.undo_stack.count() == 2


def test_a_final_report_refuses_the_edit_before_anything_changes(new_report) -> None:  # type: ignore[no-untyped-def]
    session = new_report
    code, _other = two_codes(session)
    session.set_status(ReportStatus.FINAL)
    count = session.undo_stack.count()
    with pytest.raises(KnownError):
        push(session, SetValueCommand(session, code, Decimal(5)))
    assert session.value(code) is None
    assert session.undo_stack.count() == count
