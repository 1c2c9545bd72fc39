"""gui/forms/typed_entry.py promises, for any figure field built on it: an entry begins at
the first keystroke and remembers the value the field held then; Esc gives the entry up (the
value it began with is committed back and shown), and only when there is something to give
up; Enter or leaving ends the entry, shows the value in the Vietnamese format ("1.234") and
seals the undo step, while a refused text stays shown.

Beside tests/gui/forms/test_number_field.py and test_refused_entries.py (an indicator's
field) and test_extra_figures.py (an extra figure's), which test the two fields built on it:
here a minimal field of its own keeps one figure of a session of the sample report, so the
entry's rules are seen without either field's checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cchc_desktop.domain.formatting import NumberParseError, format_number, parse_number
from cchc_desktop.gui.forms.typed_entry import TypedEntry
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.storage.repository import ReportStore
from tests.gui.forms.sample_data import sample_id, sample_store
from tests.gui.helpers import type_text

CODE = "cddh.tuyen_truyen.tin_bai"     # 27 tin, bài in the sample


class Entry(TypedEntry):
    """The smallest field: a count, committed straight to the session; anything else refused."""

    def __init__(self, session: ReportSession) -> None:
        super().__init__()
        self.session = session
        self._entry = None
        self.refused = False
        self.commits: list[Decimal | None] = []
        self._add_edit("Số tin, bài").addWidget(self.edit)
        self.edit.installEventFilter(self)
        self.edit.textEdited.connect(self._typed)
        self.edit.editingFinished.connect(self._tidy)
        self.show_value()

    def saved_value(self) -> Decimal | None:
        return self.session.value(CODE)

    def shown(self, value: Decimal | None) -> str:
        return format_number(value)

    def is_refused(self) -> bool:
        return self.refused

    def show_value(self) -> None:
        self.refused = False
        self.edit.setText(self.shown(self.saved_value()))

    def _commit(self, value: Decimal | None) -> None:
        self.commits.append(value)
        self.session.set_value(CODE, value)

    def _typed(self, text: str) -> None:
        start = self.entry_value()
        try:
            value = parse_number(text)
        except NumberParseError:
            self.refused = True
            self._commit(start)
            return
        self.refused = False
        self._commit(value)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A copy of the sample report's data file (tests/gui/forms/sample_data.py)."""
    yield from sample_store(tmp_path)


@pytest.fixture
def session(store: ReportStore) -> Iterator[ReportSession]:
    session = ReportSession(store, sample_id())
    yield session
    session.close()


@pytest.fixture
def entry(qtbot: QtBot, session: ReportSession) -> Entry:
    widget = Entry(session)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.edit.setFocus()
    widget.edit.selectAll()
    return widget


def escape(entry: Entry) -> bool:
    """Esc as the window sees it first: whether the field claimed it before any shortcut."""
    override = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    override.ignore()
    QApplication.sendEvent(entry.edit, override)
    QTest.keyClick(entry.edit, Qt.Key.Key_Escape)
    return override.isAccepted()


def test_the_field_is_a_right_aligned_entry_named_for_screen_readers(entry: Entry) -> None:
    assert entry.edit.text() == "27"
    assert entry.edit.accessibleName() == "Số tin, bài"
    assert entry.edit.alignment() & Qt.AlignmentFlag.AlignRight
    assert (entry.edit.minimumWidth(), entry.edit.maximumWidth()) == (96, 150)


def test_esc_gives_the_entry_up_back_to_where_it_began(entry: Entry, session: ReportSession) -> None:
    type_text(entry.edit, "1234")
    assert session.value(CODE) == 1234              # a valid text is the figure at once
    assert escape(entry)
    assert session.value(CODE) == 27
    assert entry.edit.text() == "27"


def test_esc_gives_up_an_entry_typed_in_the_vietnamese_format_too(entry: Entry,
                                                                 session: ReportSession) -> None:
    type_text(entry.edit, "1.234")
    assert session.value(CODE) == 1234
    assert escape(entry)
    assert session.value(CODE) == 27


def test_a_refused_text_brings_the_figure_back_and_stays_until_esc(entry: Entry,
                                                                 session: ReportSession) -> None:
    type_text(entry.edit, "12")
    type_text(entry.edit, "x")                      # "12x": refused, the entry's start again
    assert session.value(CODE) == 27
    assert entry.edit.text() == "12x"
    QTest.keyClick(entry.edit, Qt.Key.Key_Return)   # Enter keeps a refused text shown
    assert entry.edit.text() == "12x"
    assert escape(entry)
    assert entry.edit.text() == "27" and not entry.is_refused()


def test_esc_with_nothing_to_give_up_is_left_to_the_window(entry: Entry, session: ReportSession) -> None:
    assert not escape(entry)
    assert entry.commits == []
    entry.edit.setReadOnly(True)
    type_text(entry.edit, "5")
    assert not escape(entry)                        # read-only: never taken


def test_enter_shows_the_vietnamese_format_and_seals_the_step(entry: Entry, session: ReportSession) -> None:
    generation = session.edit_generation
    type_text(entry.edit, "2500")
    QTest.keyClick(entry.edit, Qt.Key.Key_Return)
    assert entry.edit.text() == "2.500"
    assert session.edit_generation == generation + 1   # the next entry is a step of its own
    type_text(entry.edit, "x")                         # "2.500x": refused
    assert entry.entry_value() == 2500                 # this entry began at 2.500, not 27
    assert session.value(CODE) == 2500
    assert escape(entry)
    assert entry.edit.text() == "2.500"


def test_an_entry_begun_before_a_seal_starts_again_from_the_saved_value(entry: Entry,
                                                                       session: ReportSession) -> None:
    type_text(entry.edit, "40")
    assert entry.entry_value() == 27
    session.seal_edits()                                # the focus moved elsewhere in the window
    assert entry.entry_value() == 40
    generation = session.edit_generation
    QTest.keyClick(entry.edit, Qt.Key.Key_Return)
    assert session.edit_generation == generation + 1
