"""A write that says what it saw is refused when another writer changed the field since
(storage/conflicts.py), on a data file opened twice; tests/server/ runs the same on a server."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from factories import make_report

from cchc_desktop.domain.report import IssuedDocument, Proposal, Task
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


def _tasks(*texts: str) -> list[Task]:
    return [Task(text) for text in texts]


def _with_lists(path: Path) -> tuple[ReportStore, ReportStore, int]:
    first = ReportStore(Database.open(path))
    report_id = first.save_report(make_report(
        {CODE: 60}, tasks=_tasks("Rà soát thủ tục", "Số hóa hồ sơ"),
        documents=[IssuedDocument("12/KH-UBND", dt.date(2026, 1, 5), "Kế hoạch CCHC")]))
    return first, ReportStore(Database.open(path)), report_id


def test_a_list_changed_by_another_writer_is_not_overwritten(tmp_path: Path) -> None:
    mine, theirs, report_id = _with_lists(tmp_path / "cchc.sqlite3")
    seen = mine.load_report(report_id).tasks
    theirs.replace_lists(report_id, tasks=[*seen, Task("Việc của người kia")],
                         expected={"tasks": seen})
    with pytest.raises(EditConflict) as caught:
        mine.replace_lists(report_id, tasks=[*seen, Task("Việc 3"), Task("Việc 4")],
                           expected={"tasks": seen})
    conflict = caught.value
    assert (conflict.entity, conflict.key, conflict.label) == ("list", "tasks", "Danh sách nhiệm vụ")
    assert (conflict.shown_theirs, conflict.shown_mine) == ("3 nhiệm vụ", "4 nhiệm vụ")
    assert conflict.other.user and conflict.other.at is not None
    assert [t.text for t in mine.load_report(report_id).tasks][-1] == "Việc của người kia", \
        "nothing written"
    # Having seen theirs, the same writer writes over it.
    now = mine.load_report(report_id).tasks
    mine.replace_lists(report_id, tasks=[*seen, Task("Việc 3"), Task("Việc 4")],
                       expected={"tasks": now})
    assert len(theirs.load_report(report_id).tasks) == 4


def test_a_list_of_the_same_length_names_the_first_row_that_differs(tmp_path: Path) -> None:
    mine, theirs, report_id = _with_lists(tmp_path / "cchc.sqlite3")
    seen = mine.load_report(report_id).documents
    theirs.replace_lists(report_id, documents=[replace(seen[0], subject="Kế hoạch sửa")],
                         expected={"documents": seen})
    with pytest.raises(EditConflict) as caught:
        mine.replace_lists(report_id, documents=[replace(seen[0], subject="Kế hoạch của tôi")],
                           expected={"documents": seen})
    assert caught.value.label == "Văn bản đã ban hành"
    assert caught.value.shown_theirs.startswith("dòng 1:") and "sửa" in caught.value.shown_theirs
    assert "của tôi" in caught.value.shown_mine
    assert mine.load_report(report_id).documents[0].subject == "Kế hoạch sửa"


def test_other_lists_the_same_list_typed_twice_and_unchecked_writes_pass(tmp_path: Path) -> None:
    mine, theirs, report_id = _with_lists(tmp_path / "cchc.sqlite3")
    seen = mine.load_report(report_id)
    theirs.replace_lists(report_id, tasks=_tasks("Một"), expected={"tasks": seen.tasks})
    # Another list than the one changed; the same list as theirs; an import (unchecked).
    mine.replace_lists(report_id, proposals=[Proposal("Xã", "Huyện", "Thêm máy")],
                       expected={"proposals": seen.proposals})
    mine.replace_lists(report_id, tasks=_tasks("Một"), expected={"tasks": seen.tasks})
    mine.replace_lists(report_id, tasks=_tasks("Hai"))
    stored = theirs.load_report(report_id)
    assert [t.text for t in stored.tasks] == ["Hai"] and len(stored.proposals) == 1


NOTE_CODE = "cddh.kiem_tra.da_kiem_tra"


def test_a_note_changed_by_another_writer_is_not_overwritten(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    theirs.set_note(report_id, NOTE_CODE, "Kiểm tra đột xuất theo chỉ đạo.", expected="")
    with pytest.raises(EditConflict) as caught:
        mine.set_note(report_id, NOTE_CODE, "Kiểm tra thêm 02 bộ phận.", expected="")
    conflict = caught.value
    assert (conflict.entity, conflict.key) == ("note", NOTE_CODE)
    assert conflict.label.startswith("Ghi chú: ") and "đột xuất" in conflict.shown_theirs
    assert conflict.other.user
    assert mine.load_report(report_id).notes[NOTE_CODE] == "Kiểm tra đột xuất theo chỉ đạo."
    # Having seen theirs, the writer may replace it; the same note typed twice is no conflict.
    mine.set_note(report_id, NOTE_CODE, "Kiểm tra thêm 02 bộ phận.",
                  expected="Kiểm tra đột xuất theo chỉ đạo.")
    theirs.set_note(report_id, NOTE_CODE, "Kiểm tra thêm 02 bộ phận.",
                    expected="Kiểm tra đột xuất theo chỉ đạo.")
    assert theirs.load_report(report_id).notes[NOTE_CODE] == "Kiểm tra thêm 02 bộ phận."


def test_a_note_removed_by_another_writer_conflicts(tmp_path: Path) -> None:
    mine, theirs, report_id = _two_writers(tmp_path / "cchc.sqlite3")
    mine.set_note(report_id, NOTE_CODE, "Lý do.", expected="")
    theirs.set_note(report_id, NOTE_CODE, "", expected="Lý do.")
    with pytest.raises(EditConflict) as caught:
        mine.set_note(report_id, NOTE_CODE, "Lý do đầy đủ hơn.", expected="Lý do.")
    assert caught.value.theirs == "" and caught.value.shown_theirs == "(để trống)"
    assert NOTE_CODE not in mine.load_report(report_id).notes
