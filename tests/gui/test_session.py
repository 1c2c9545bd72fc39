"""gui/session.py: the open report's session, built here without a window, promises that an edit
is the report's at once and the data file's once the saver writes it (nothing before), that
undo and redo go back through the same writes, that a refused text is held as a correction
until corrected, that a status change writes pending edits first and locks the report, and
that a figure another clerk wrote first is settled by keeping one's own or taking theirs.

Beside tests/gui/test_commands.py (the undo commands' merging, on a new report),
tests/gui/test_saving.py and test_autosave.py (the window's and the saver's timing) and
tests/gui/test_edit_conflicts_window.py (the conflict question in the window); here the
session alone, on the sample commune report, read back from the SQLite file itself.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.report import ReportStatus, Task
from cchc_desktop.gui.commands import SetNoteCommand, SetValueCommand, push
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.repository import ReportStore

BROUGHT = "tthc.hs.xa.ky_truoc"        # 42 in the sample
ONLINE = "tthc.hs.xa.moi_truc_tuyen"   # 1.204
IN_PERSON = "tthc.hs.xa.moi_truc_tiep"  # 311
RECEIVED = "tthc.hs.xa.tiep_nhan"      # computed: brought + online + in person
PLANNED = "cddh.kh.tong"               # 66 tasks planned, 42 done
PLAN_RATE = "cddh.kh.ty_le_hoan_thanh"


@pytest.fixture
def session(qtbot, store: ReportStore, sample_report_id: int):  # type: ignore[no-untyped-def]
    opened = ReportSession(store, sample_report_id)
    yield opened
    opened.close()


def stored(db_path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    """Rows as the data file holds them, read with plain SQLite (not through the store)."""
    with sqlite3.connect(db_path) as connection:
        return connection.execute(sql, args).fetchall()


def stored_value(db_path: Path, report_id: int, code: str) -> str | None:
    rows = stored(db_path, "SELECT value FROM report_values WHERE report_id = ? AND code = ?",
                  report_id, code)
    return str(rows[0][0]) if rows else None


def test_a_figure_is_the_reports_at_once_and_the_files_once_written(session, db_path) -> None:  # type: ignore[no-untyped-def]
    changed: list[str] = []
    session.value_changed.connect(changed.append)
    assert session.figure(RECEIVED) == 42 + 1204 + 311
    session.set_value(BROUGHT, Decimal(100))
    assert session.value(BROUGHT) == 100
    assert session.figure(RECEIVED) == 100 + 1204 + 311     # the total follows at once
    assert changed == [BROUGHT]
    assert session.saver.pending
    assert stored_value(db_path, session.report_id, BROUGHT) == "42", "not written before the pause"
    assert session.saver.flush()
    assert stored_value(db_path, session.report_id, BROUGHT) == "100"
    session.set_value(BROUGHT, None)                        # the field emptied: the row goes
    assert session.close()
    assert stored_value(db_path, session.report_id, BROUGHT) is None
    assert session.figure(RECEIVED) == 1204 + 311


def test_a_rate_follows_its_figures_and_a_decimal_is_stored_exactly(session, db_path) -> None:  # type: ignore[no-untyped-def]
    assert session.figure(PLAN_RATE) == Decimal("63.64")    # 42 of 66 tasks
    session.set_value(PLANNED, Decimal("42"))
    assert session.figure(PLAN_RATE) == 100
    session.set_value("tcc.dtc.giai_ngan", Decimal("2987.455"))
    assert session.saver.flush()
    assert stored_value(db_path, session.report_id, "tcc.dtc.giai_ngan") == "2987.455"


def test_undo_and_redo_go_back_through_the_data_file(session, db_path) -> None:  # type: ignore[no-untyped-def]
    push(session, SetValueCommand(session, BROUGHT, Decimal(50)))
    session.seal_edits()                                    # the focus moved on
    push(session, SetValueCommand(session, IN_PERSON, Decimal(300)))
    stack = session.undo_stack
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert (session.value(BROUGHT), session.value(IN_PERSON)) == (42, 311)
    assert session.saver.flush()
    assert stored_value(db_path, session.report_id, BROUGHT) == "42"
    assert stored_value(db_path, session.report_id, IN_PERSON) == "311"
    stack.redo()
    assert session.figure(RECEIVED) == 50 + 1204 + 311
    assert session.saver.flush()
    assert stored_value(db_path, session.report_id, BROUGHT) == "50"
    assert stored_value(db_path, session.report_id, IN_PERSON) == "311"


def test_a_refused_text_is_a_correction_until_corrected(session) -> None:  # type: ignore[no-untyped-def]
    said: list[int] = []
    session.corrections_changed.connect(lambda: said.append(len(session.corrections())))
    letters = Correction(BROUGHT, "Số kỳ trước chuyển qua", "4a", "không phải là số", "tthc")
    cell = Correction("documents/2/1", "Ngày ban hành", "31/02/2026", "ngày không có thật", "cv")
    session.set_correction(letters)
    session.set_correction(letters)                         # the same again: nothing new said
    session.set_correction(cell)
    assert said == [1, 2]
    assert session.corrections() == (letters, cell)         # in the order the clerk met them
    assert session.value(BROUGHT) == 42, "the report keeps the saved value"
    session.clear_corrections("documents/")
    assert session.corrections() == (letters,)
    session.clear_correction("tasks/0/0")                   # not held: nothing said
    session.clear_correction(BROUGHT)
    assert session.correction(BROUGHT) is None
    assert said == [1, 2, 1, 0]


def test_marking_final_writes_pending_edits_first_and_locks(session, db_path) -> None:  # type: ignore[no-untyped-def]
    push(session, SetNoteCommand(session, PLANNED, "Kế hoạch số 12/KH-UBND."))
    assert session.undo_stack.count() == 1
    session.set_status(ReportStatus.FINAL)
    assert stored(db_path, "SELECT text FROM report_notes WHERE report_id = ? AND code = ?",
                  session.report_id, PLANNED) == [("Kế hoạch số 12/KH-UBND.",)]
    assert stored(db_path, "SELECT status FROM reports WHERE id = ?", session.report_id) == [("final",)]
    assert session.locked and session.undo_stack.count() == 0
    with pytest.raises(KnownError) as refused:
        session.ensure_editable()
    assert "Quý I năm 2026" in refused.value.message


def test_texts_notes_and_lists_reach_their_tables(session, db_path) -> None:  # type: ignore[no-untyped-def]
    report_id = session.report_id
    session.set_text("tthc", "Đã niêm yết 100% thủ tục hành chính.")
    session.set_note(BROUGHT, "Số liệu chuyển từ Quý IV năm 2025.")
    session.set_note("tthc.hs.xa.da_giai_quyet.qua_han", "")   # an emptied note goes
    session.set_list("tasks", [Task("Rà soát thủ tục đất đai")])
    with pytest.raises(ValueError):
        session.set_list("recipients", [])
    assert session.saver.flush()
    assert stored(db_path, "SELECT text FROM report_texts WHERE report_id = ? AND section_id = 'tthc'",
                  report_id) == [("Đã niêm yết 100% thủ tục hành chính.",)]
    notes = stored(db_path, "SELECT code, text FROM report_notes WHERE report_id = ?", report_id)
    assert {str(code): str(text) for code, text in notes} == {
        BROUGHT: "Số liệu chuyển từ Quý IV năm 2025.",
        "tcbm.bien_che.vien_chuc.co_mat":
            "01 viên chức hợp đồng theo Nghị định 111/2022/NĐ-CP được tính tạm vào số có mặt."}
    assert [row[0] for row in stored(db_path, "SELECT text FROM report_tasks WHERE report_id = ?",
                                     report_id)] == ["Rà soát thủ tục đất đai"]


def test_an_extra_figure_of_another_section_is_refused_before_anything_changes(session) -> None:  # type: ignore[no-untyped-def]
    stray = ExtraFigure("cddh", "ho_so_moi", "Hồ sơ mới", "hồ sơ", Decimal(5))
    assert session.extra_figures_problem("tthc", [stray]) == (
        "", "Số liệu bổ sung của mục khác không sửa ở đây.")
    with pytest.raises(ReportError):
        session.set_extra_figures("tthc", [stray])
    assert session.report.extra_figures == []
    kept = ExtraFigure("tthc", "ho_so_dat_dai", "Hồ sơ đất đai", "hồ sơ", Decimal(17))
    session.set_extra_figures("tthc", [kept])
    assert session.saver.flush()
    fresh = session.store.load_report(session.report_id)
    assert [(f.key, f.value) for f in fresh.extra_figures] == [("ho_so_dat_dai", 17)]


@pytest.mark.parametrize("keep", [True, False])
def test_a_figure_another_clerk_wrote_first_waits_for_the_clerks_choice(  # type: ignore[no-untyped-def]
        qtbot, store, sample_report_id, db_path, keep: bool) -> None:
    mine, theirs = ReportSession(store, sample_report_id), ReportSession(store, sample_report_id)
    theirs.set_value(BROUGHT, Decimal(70))
    assert theirs.close()
    conflicts: list[EditConflict] = []
    mine.conflicted.connect(conflicts.append)
    mine.set_value(BROUGHT, Decimal(80))
    mine.saver.flush()
    [conflict] = conflicts
    assert (conflict.theirs, conflict.mine) == (70, 80)
    assert mine.saver.pending, "held: not shown as saved"
    assert stored_value(db_path, sample_report_id, BROUGHT) == "70"
    if keep:
        mine.keep_mine(conflict)
        assert stored_value(db_path, sample_report_id, BROUGHT) == "80"
        assert mine.value(BROUGHT) == 80
    else:
        mine.take_theirs(conflict)
        assert mine.value(BROUGHT) == 70 and mine.figure(RECEIVED) == 70 + 1204 + 311
        assert stored_value(db_path, sample_report_id, BROUGHT) == "70"
    assert not mine.saver.pending
    mine.set_value(BROUGHT, Decimal(90))                    # the next edit is written plainly
    assert mine.close() and not conflicts[1:]
    assert stored_value(db_path, sample_report_id, BROUGHT) == "90"


def test_a_local_file_is_editable_and_named_by_its_path(session, db_path) -> None:  # type: ignore[no-untyped-def]
    assert session.view_only is None and session.view_only_notice() == ""
    assert not session.locked
    assert session.data_file == db_path
    session.set_setting("word_import_dir", "/home/chuyen-vien/Tài liệu")
    assert session.setting("word_import_dir") == "/home/chuyen-vien/Tài liệu"
    assert session.setting("chua_co", "mặc định") == "mặc định"
