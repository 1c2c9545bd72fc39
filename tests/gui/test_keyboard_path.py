"""Keyboard only: from an empty data file to the package, every step by keys.

Keys go to the focused widget (or the open menu, or the modal dialog just opened); the file
dialogs are answered through their one seam (tests/gui/file_answers.py), which stands for
typing a path in them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QListWidget

from cchc_desktop.domain.report import ReportStatus
from tests.gui.conftest import make_window
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.keyboard import Key, Keyboard, when_dialog

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def named(name: str):  # type: ignore[no-untyped-def]
    return lambda widget: widget.objectName() == name


def test_the_minimal_path_by_keys_only(qtbot, store, tmp_path: Path, monkeypatch) -> None:
    kb = Keyboard()
    window = make_window(qtbot, store)

    # ------------------------------------------------------------------ the unit, from the official list
    def setup() -> None:
        kb.tab_to(named("unitSearch"))
        kb.type("Mỹ An")
        kb.tab_to(lambda w: isinstance(w, QListWidget))
        kb.press(Key.Key_Down)
        kb.press(Key.Key_Return)

    when_dialog(setup)
    assert window.first_run_setup()   # what the app does on an empty data file (gui/app.py)
    own = store.own_unit()
    assert own is not None and "Mỹ An" in own.name
    kb.step("setup")

    # ------------------------------------------------------------------ this quarter's report
    kb.tab_to(named("open:Q1"))
    kb.press(Key.Key_Space)
    session = window.session
    assert session is not None and session.report.period.key == "2026-Q1"
    kb.step("start the report")

    # ------------------------------------------------------------------ the records grid
    tree = window.navigation
    kb.tab_to(lambda w: w is tree, back=True)
    records = tree.page_items["tthc"]
    for _ in range(40):
        if tree.currentItem() is records:
            break
        kb.press(Key.Key_Down)
    assert tree.currentItem() is records, "the records' page is not reached by the arrow keys"
    kb.press(Key.Key_Right)               # its groups: Biểu 06 is the fourth
    table = tree.group_item("tthc", "tthc.hs")
    for _ in range(10):
        if tree.currentItem() is table:
            break
        kb.press(Key.Key_Down)
    assert tree.currentItem() is table, "the records table is not reached under its section"
    kb.press(Key.Key_Return)
    assert window.current_key == "tthc"
    page = window.current_page()
    assert QApplication.focusWidget() is page.fields["tthc.hs.xa.ky_truoc"].edit, \
        "the cursor is not in the table's first empty field"
    figures = {"tthc.hs.xa.moi_truc_tuyen": "12", "tthc.hs.xa.moi_truc_tiep": "30",
               "tthc.hs.xa.da_giai_quyet.dung_han": "40", "tthc.hs.xa.dang_giai_quyet.trong_han": "2"}
    page = window.current_page()
    for code, text in figures.items():
        edit = page.fields[code].edit
        kb.tab_to(lambda w, edit=edit: w is edit, limit=200)
        kb.type(text)
    kb.press(Key.Key_Tab)
    kb.step("type the figures")
    assert {code: str(session.report.values[code]) for code in figures} == figures

    # ------------------------------------------------------------------ final: the readiness dialog by keys
    from cchc_desktop.gui.final_dialog import ReadinessDialog

    monkeypatch.setattr(ReadinessDialog, "exec", QDialog.exec)   # the real one, not conftest's "go on"

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReadinessDialog)
        kb.tab_to(lambda w: w is dialog.confirm)
        kb.press(Key.Key_Space)

    when_dialog(confirm)
    kb.press(Key.Key_H, CTRL | SHIFT)
    assert session.report.status is ReportStatus.FINAL
    kb.step("mark final")

    # ------------------------------------------------------------------ the PDF
    pdf = tmp_path / "bao-cao.pdf"
    out = tmp_path / "goi"
    out.mkdir()
    answer_file_dialogs(monkeypatch, save=pdf, folder=out)
    kb.press(Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: pdf.exists() and window.exporter.job is None, timeout=20000)
    assert QApplication.activeModalWidget() is None and window.notice.isVisible(), \
        "saved: a line says where, no box to close"
    assert pdf.read_bytes().startswith(b"%PDF")
    kb.step("export the PDF")

    # ------------------------------------------------------------------ the package, its shortcut
    # After a dialog the offscreen platform may leave no window active (a desktop gives the
    # window back its activation): wait for it, or the shortcut goes nowhere.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    assert window.ui.act_submit.shortcut().toString() == "Ctrl+Shift+G"
    # The first package replaces nothing: straight to the signature's question.
    when_dialog(lambda: kb.press(Key.Key_Return), title="Ký số")   # the default: "Không ký"
    kb.press(Key.Key_G, CTRL | SHIFT)
    when_dialog(lambda: kb.press(Key.Key_Escape))
    qtbot.waitUntil(lambda: window.submitter.job is None and QApplication.activeModalWidget() is None,
                    timeout=30000)
    names = {p.suffix for p in out.iterdir() if p.is_file()}
    assert names == {".zip", ".eml"}
    assert not [p for p in out.rglob("*") if p.suffix in (".p7s", ".sig")], "asked for no signature"
    assert session.report.status is ReportStatus.FINAL
    kb.step("make the package")
    # Every step above was keys only; the count is for scripts/measure_path.py's figures.
    assert [name for name, _keys in kb.steps] == [
        "setup", "start the report", "type the figures", "mark final", "export the PDF",
        "make the package"]


def test_after_setup_the_due_period_has_the_keyboard(qtbot, store, commune) -> None:  # type: ignore[no-untyped-def]
    """Nothing to Tab through: Space on the start page starts the report that is due."""
    from tests.gui.conftest import make_window

    window = make_window(qtbot, store)
    window.show_start()
    qtbot.waitUntil(lambda: window.start_page.due_button is not None, timeout=3000)
    button = window.start_page.due_button
    window.start_page.focus_due()
    # The window's focus child: offscreen, the window itself need not be the active one.
    assert window.focusWidget() is button
