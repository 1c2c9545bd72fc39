"""storage/conflicts.py: what an edit conflict is (the value is the version: refused exactly
when the field holds something its writer never saw) and how it is told to the clerk.

Beside tests/storage/test_edit_conflicts.py, tests/storage/test_extra_figure_edits.py and
tests/server/test_edit_conflicts_on_server.py, which make real conflicts through the store,
and tests/gui/test_edit_conflicts_window.py (the window's answer to one).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import cchc_desktop
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import set_language
from cchc_desktop.storage.conflicts import UNCHECKED, EditConflict, OtherWrite, differs


def _conflict(user: str) -> EditConflict:
    return EditConflict(entity="value", key="cddh.kh.tong",
                        label="Tổng số nhiệm vụ trong kế hoạch CCHC năm",
                        theirs=Decimal(1234567), mine=Decimal(66), shown_theirs="1.234.567",
                        shown_mine="66", other=OtherWrite(user, dt.datetime(2026, 3, 10, 8, 30)))


def test_a_write_differs_only_when_it_saw_another_value() -> None:
    assert not differs(UNCHECKED, Decimal(5)) and not differs(UNCHECKED, None)
    assert not differs(Decimal("5.0"), Decimal(5)), "the same figure, however written"
    assert differs(None, Decimal(0)) and differs(Decimal(0), None)
    assert differs("", "Văn bản") and not differs("Văn bản", "Văn bản")
    assert differs([], [Decimal(1)])
    assert repr(UNCHECKED) == "UNCHECKED"


def test_the_conflict_names_the_field_who_changed_it_and_both_values() -> None:
    conflict = _conflict("cv_mai")
    assert isinstance(conflict, KnownError)
    assert conflict.message == (
        "\u201cTổng số nhiệm vụ trong kế hoạch CCHC năm\u201d vừa được cv_mai sửa thành "
        "1.234.567; bạn nhập 66. Chưa lưu số của bạn.")
    assert str(conflict) == conflict.message
    assert (conflict.entity, conflict.key, conflict.theirs, conflict.mine) == (
        "value", "cddh.kh.tong", Decimal(1234567), Decimal(66))
    assert conflict.other == OtherWrite("cv_mai", dt.datetime(2026, 3, 10, 8, 30))


def test_a_text_or_a_note_in_conflict_is_not_called_a_figure() -> None:
    note = EditConflict(entity="note", key="cddh.kh.tong", label="Ghi chú: Tổng số nhiệm vụ",
                        theirs="Do bổ sung kế hoạch.", mine="Do điều chỉnh.",
                        shown_theirs="“Do bổ sung kế hoạch.”", shown_mine="“Do điều chỉnh.”",
                        other=OtherWrite("cv_mai", None))
    assert note.message == ("\u201cGhi chú: Tổng số nhiệm vụ\u201d vừa được cv_mai sửa thành "
                            "“Do bổ sung kế hoạch.”; bạn nhập “Do điều chỉnh.”. Chưa lưu nội dung "
                            "của bạn.")
    set_language("en")
    assert note.message.endswith("Chưa lưu nội dung của bạn.")   # the message was made in Vietnamese
    assert EditConflict(entity="text", key="k", label="Mục I", theirs="a", mine="b", shown_theirs="a",
                        shown_mine="b", other=OtherWrite("", None)).message.endswith(
        "Your text was not saved.")


def test_a_writer_the_log_does_not_name_is_someone_else_in_the_clerks_language() -> None:
    assert "vừa được một người khác sửa thành 1.234.567" in _conflict("").message
    set_language("en")
    assert _conflict("").message == (
        "\u201cTổng số nhiệm vụ trong kế hoạch CCHC năm\u201d was just changed to 1.234.567 by "
        "someone else; you entered 66. Your value was not saved.")


def test_the_module_loads_without_the_database_layer() -> None:
    # The window imports EditConflict before SQLAlchemy loads: conflicts.py must not pull it.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cchc_desktop.storage.conflicts; "
                               "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(Path(cchc_desktop.__file__).resolve().parents[1])})
    assert loaded.stdout == "[]\n"
