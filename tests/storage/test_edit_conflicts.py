"""A write that says what it saw is refused when another writer changed the field since
(storage/conflicts.py), on a data file opened twice; tests/server/ runs the same on a server."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report

from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore

CODE = "cddh.kh.tong"


def _two_writers(path: Path) -> tuple[ReportStore, ReportStore, int]:
    first = ReportStore(Database.open(path))
    report_id = first.save_report(make_report({CODE: 60}, texts={"cddh": "Văn bản đầu."}))
    return first, ReportStore(Database.open(path)), report_id


def test_a_figure_changed_by_another_writer_is_not_overwritten(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    theirs.set_value(report_id, CODE, Decimal(70), expected=Decimal(60))
    with pytest.raises(EditConflict) as caught:
        mine.set_value(report_id, CODE, Decimal(66), expected=Decimal(60))
    conflict = caught.value
    assert (conflict.theirs, conflict.mine) == (Decimal(70), Decimal(66))
    assert (conflict.shown_theirs, conflict.shown_mine) == ("70", "66")
    assert conflict.other.user and conflict.other.at is not None
    assert "70" in conflict.message and "66" in conflict.message
    assert mine.load_report(report_id).values[CODE] == Decimal(70), "nothing written"
    # Having seen 70, the same writer may write over it; the history keeps both.
    mine.set_value(report_id, CODE, Decimal(66), expected=Decimal(70))
    assert theirs.load_report(report_id).values[CODE] == Decimal(66)
    assert [c.new for c in mine.history(report_id, CODE) if c.entity == "value"][-2:] == ["70", "66"]


def test_the_same_figure_typed_twice_and_an_unchecked_write_do_not_conflict(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    theirs.set_value(report_id, CODE, Decimal(66), expected=Decimal(60))
    mine.set_value(report_id, CODE, Decimal(66), expected=Decimal(60))     # both typed 66
    mine.set_value(report_id, CODE, Decimal(67))                           # an import: unchecked
    assert theirs.load_report(report_id).values[CODE] == Decimal(67)


def test_a_figure_emptied_by_another_writer_conflicts(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    theirs.set_value(report_id, CODE, None, expected=Decimal(60))
    with pytest.raises(EditConflict) as caught:
        mine.set_value(report_id, CODE, Decimal(66), expected=Decimal(60))
    assert caught.value.theirs is None and caught.value.shown_theirs == "(để trống)"


def test_a_section_text_changed_by_another_writer_is_not_overwritten(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    stored = theirs.set_text(report_id, "cddh", "Văn bản của người kia.", expected="Văn bản đầu.")
    assert stored == "Văn bản của người kia."
    with pytest.raises(EditConflict) as caught:
        mine.set_narrative(report_id, "cddh", RichText.from_plain("Văn bản của tôi."),
                           expected="Văn bản đầu.")
    assert caught.value.entity == "text" and "người kia" in caught.value.shown_theirs
    assert mine.load_report(report_id).texts["cddh"] == "Văn bản của người kia."
