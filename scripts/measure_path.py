"""The clerk's path, measured: the real window driven through the minimal quarterly report.

From last period's file to the package: the unit is set up, Quý I's report is a file on the
disk (tests/data/xa-my-an-2026-Q1.json); the clerk starts the 6 tháng report from the start
page, imports last period's file (Ctrl+I), chooses the records table (Biểu 06) in the tree and
types its row of figures, marks the report final, exports the PDF for signature and makes the
package (which holds the PDF, the workbook and the data file: no separate workbook export).

Counted as interactions: every key pressed and every click, except the figures typed; a file
dialog's answer (a path typed and Enter) counts as 1. Typing a figure is its digits and the Tab
that moves on to the next field of the table, as in a spreadsheet; a Tab over a field left
empty, a click into a field, any other key is an interaction. Where a clerk reaches for the
mouse (the tree, a button in a dialog) it is a click, else a key. Prints a table of the steps,
every key and click including the figures, and the wall time, and whether the interactions are
under the target (15); exits 0 once the path is walked.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/measure_path.py
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/measure_path.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"
TODAY = dt.date(2026, 6, 10)      # the 6 tháng report is due on 20 June
TARGET = 15
# The records table's row for the commune, in the order of its fields (Biểu 06): 3 carried in
# from December, 42 received, 40 resolved, 5 pending, none withdrawn.
FIGURES = {"tthc.hs.xa.ky_truoc": "3", "tthc.hs.xa.moi_truc_tuyen": "12",
           "tthc.hs.xa.moi_truc_tiep": "30", "tthc.hs.xa.da_giai_quyet.truoc_han": "10",
           "tthc.hs.xa.da_giai_quyet.dung_han": "28", "tthc.hs.xa.da_giai_quyet.qua_han": "2",
           "tthc.hs.xa.dang_giai_quyet.trong_han": "4", "tthc.hs.xa.dang_giai_quyet.qua_han": "1",
           "tthc.hs.xa.rut_tra_lai": "0"}

# The user's data, cache and settings stay out of it: everything in one throw-away folder.
WORK = Path(tempfile.mkdtemp(prefix="cchc-measure-"))
os.environ["XDG_DATA_HOME"] = str(WORK / "data-home")
os.environ["XDG_CACHE_HOME"] = str(WORK / "cache-home")
sys.path[:0] = [str(ROOT)]

from PySide6.QtCore import QDeadlineTimer, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from cchc_desktop import i18n  # noqa: E402
from cchc_desktop.domain.report import ReportStatus  # noqa: E402
from cchc_desktop.gui import file_dialogs  # noqa: E402
from cchc_desktop.gui.file_dialogs import Kind, Request  # noqa: E402
from cchc_desktop.storage.database import Database  # noqa: E402
from cchc_desktop.storage.repository import OwnUnit, ReportStore  # noqa: E402
from tests.gui.keyboard import Key, Keyboard, target  # noqa: E402

DONE = ["nothing"]      # the steps walked so far, for the message when one goes wrong
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def commune_unit() -> OwnUnit:
    """The commune of the sample file, as tests/gui/conftest.py sets it up."""
    return OwnUnit(code="xa-my-an", name="Ủy ban nhân dân xã Mỹ An", level="xa", kind="Xã",
                   parent="Ủy ban nhân dân tỉnh Đồng Tháp", place="Mỹ An", doc_symbol="BC-UBND",
                   signer_authority="KT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
                   signer_name="Trần Thị Bích Ngọc")


def wait_until(done: Callable[[], bool], what: str, timeout_ms: int = 30000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    while not done():
        if deadline.hasExpired():
            raise SystemExit(f"measure_path: timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.01)


def when_modal(found: Callable[[QWidget], bool], act: Callable[[], None], wait_ms: int = 20000) -> None:
    """Answer the next modal dialog `found` accepts, by keys, once it is open.

    Like tests/gui/keyboard.when_dialog, but by the dialog itself: a busy box of the same
    title may come first.
    """
    deadline = QDeadlineTimer(wait_ms)

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible() and found(modal):
            act()
        elif deadline.hasExpired():
            modal = QApplication.activeModalWidget()
            raise SystemExit(f"measure_path: the dialog waited for did not open (after {DONE[-1]!r}; "
                             f"the modal one: {modal.windowTitle() if modal else None!r})")
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def settle(window: QWidget) -> None:
    """A dialog closed: the desktop gives the window back its activation and its focus.

    Neither the offscreen platform nor an X server without a window manager does; without it
    the first key would go to the window itself and no shortcut of the window would fire.
    """
    if QApplication.activeWindow() is None:
        window.activateWindow()
        wait_until(lambda: QApplication.activeWindow() is not None, "the window's activation", 5000)
    for _ in range(3):
        QApplication.processEvents()


def titled(title: str) -> Callable[[QWidget], bool]:
    return lambda widget: widget.windowTitle() == title


def is_widget(widget: QWidget) -> Callable[[QWidget], bool]:
    return lambda found: found is widget


def exported(window, path: Path) -> Callable[[], bool]:  # type: ignore[no-untyped-def]
    return lambda: (path.exists() and window.exporter.job is None
                    and QApplication.activeModalWidget() is None)


def of_type(kind: type) -> Callable[[QWidget], bool]:
    return lambda widget: isinstance(widget, kind)


class FileAnswers:
    """The file dialogs answered as a clerk would: a path typed and Enter, one interaction each."""

    def __init__(self, kb: Keyboard) -> None:
        self.kb = kb
        self.answers: dict[Kind, Path] = {}

    def ask(self, parent: object, request: Request) -> list[str]:
        answer = self.answers.pop(request.kind)
        self.kb.presses += 1
        return [str(answer)]


def shortcut_or_menu(kb: Keyboard, window, key: Key, modifiers: Qt.KeyboardModifier,  # type: ignore[no-untyped-def]
                     action: QAction, began: Callable[[], bool]) -> None:
    """The action's shortcut; if the focused widget took the key instead, the Báo cáo menu.

    On X11 a line edit takes Ctrl+E for "end of line" (the platform's key bindings, which the
    offscreen platform lacks): a clerk whose focus is in a figure presses it for nothing, then
    goes by the menu. Both are counted.
    """
    kb.press(key, modifiers)
    if began():
        return
    QApplication.processEvents()
    if began():
        return
    print(f"  ({QKeySequence(key.value | modifiers.value).toString()} did not reach the window: "
          "by the menu)")
    kb.press(Key.Key_B, Qt.KeyboardModifier.AltModifier)
    menu = window.ui.menu_report
    wait_until(menu.isVisible, "the Báo cáo menu", 5000)
    for _ in range(len(menu.actions())):
        if menu.activeAction() is action:
            break
        kb.press(Key.Key_Down)
    assert menu.activeAction() is action, "the action is not reached in the menu"
    kb.press(Key.Key_Return)


def click(kb: Keyboard, widget: QWidget, pos: QPoint | None = None) -> None:
    """A click where the clerk would click: one interaction, counted with the keys."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())
    kb.presses += 1
    QApplication.processEvents()


def click_item(kb: Keyboard, tree, item) -> None:  # type: ignore[no-untyped-def]
    tree.scrollToItem(item)
    QApplication.processEvents()
    click(kb, tree.viewport(), tree.visualItemRect(item).center())


def type_figure(kb: Keyboard, text: str) -> None:
    """The figure's digits and the Tab to the next field: typing, as in a spreadsheet."""
    kb.type(text)
    QTest.keyClick(target(), Key.Key_Tab)
    kb.typed += 1
    QApplication.processEvents()


def walk(kb: Keyboard, window, out: Path, files: FileAnswers) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.final_dialog import ReadinessDialog
    from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
    from cchc_desktop.gui.submit_dialog import SubmitResultDialog

    # ------------------------------------------------------------------ the 6 tháng report
    kb.tab_to(lambda w: w.objectName() == "open:H1")
    kb.press(Key.Key_Space)
    wait_until(lambda: window.session is not None, "the report to open")
    assert window.session.report.period.key == "2026-H1"
    kb.step("start the 6 tháng report")

    # ------------------------------------------------------------------ last period's file
    files.answers[Kind.OPEN] = SAMPLE
    when_modal(of_type(ImportPreviewDialog), lambda: kb.press(Key.Key_Return))   # "Áp dụng"
    settle(window)
    kb.press(Key.Key_I, CTRL)
    wait_until(lambda: getattr(window, "previous_importer", None) is not None
               and window.previous_importer.job is None and QApplication.activeModalWidget() is None
               and window.session is not None, "the import")
    carried = {code for code, value in window.session.report.values.items() if value is not None}
    assert carried, "nothing came over from last period's file"
    kb.step("import last period's file")
    settle(window)

    # ------------------------------------------------------------------ the records table
    session = window.session
    tree = window.navigation
    click_item(kb, tree, tree.page_items["tthc"])            # 2. Cải cách thủ tục hành chính
    assert window.current_key == "tthc"
    group = tree.group_item("tthc", "tthc.hs")                # Kết quả giải quyết hồ sơ (Biểu 06)
    assert group is not None, "the records table is not listed under its section"
    click_item(kb, tree, group)
    page = window.current_page()
    for code, text in FIGURES.items():
        assert target() is page.fields[code].edit, \
            f"the cursor is not in {code} but in {target().objectName() or type(target()).__name__}"
        type_figure(kb, text)
    assert {code: str(session.report.values[code]) for code in FIGURES} == FIGURES
    kb.step("type the records table")

    # ------------------------------------------------------------------ final
    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReadinessDialog)
        click(kb, dialog.confirm)                             # "Vẫn đánh dấu hoàn thành"

    when_modal(of_type(ReadinessDialog), confirm)
    settle(window)
    kb.press(Key.Key_H, CTRL | SHIFT)
    wait_until(lambda: QApplication.activeModalWidget() is None, "the readiness dialog to close")
    assert session.report.status is ReportStatus.FINAL
    kb.step("mark final")

    # ------------------------------------------------------------------ the PDF for signature
    ui = window.ui
    path = out / "bao-cao.pdf"
    files.answers[Kind.SAVE] = path
    settle(window)
    shortcut_or_menu(kb, window, Key.Key_E, CTRL, ui.act_pdf, lambda: Kind.SAVE not in files.answers)
    wait_until(exported(window, path), "export the PDF")
    assert window.notice.isVisible(), "no line says where the PDF is"
    kb.step("export the PDF")

    # ------------------------------------------------------------------ the package
    package = out / "goi"
    package.mkdir()
    files.answers[Kind.FOLDER] = package
    when_modal(titled("Ký số"), lambda: kb.press(Key.Key_Return))   # the default: "Không ký"
    settle(window)
    kb.press(Key.Key_G, CTRL | SHIFT)
    when_modal(of_type(SubmitResultDialog), lambda: kb.press(Key.Key_Escape))
    wait_until(lambda: window.submitter.job is None and QApplication.activeModalWidget() is None
               and any(package.iterdir()), "the package")
    suffixes = {p.suffix for p in package.iterdir() if p.is_file()}
    assert suffixes == {".zip", ".eml"}, suffixes
    kb.step("make the package")


def main() -> int:
    from cchc_desktop.gui.app import prepare_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(WORK / "settings"))
    i18n.set_language("vi")
    prepare_application(app)

    database = Database.open(WORK / "cchc.sqlite3")
    store = ReportStore(database)
    store.save_own_unit(commune_unit())
    out = WORK / "out"
    out.mkdir()

    from cchc_desktop.gui.main_window import MainWindow

    kb = Keyboard(log=DONE.append)
    files = FileAnswers(kb)
    file_dialogs.ask = files.ask
    window = MainWindow(store, today=lambda: TODAY)
    window.show()
    window.activateWindow()
    wait_until(window.isVisible, "the window")
    QApplication.processEvents()

    started = time.perf_counter()
    walk(kb, window, out, files)
    elapsed = time.perf_counter() - started
    window.close_report()
    window.close()
    database.close()

    width = max(len(name) for name, _ in kb.steps)
    print(f"Platform: {app.platformName()}")
    print(f"{'step':<{width}}  interactions (keys and clicks)")
    for name, count in kb.steps:
        print(f"{name:<{width}}  {count:>12}")
    verdict = "under" if kb.presses < TARGET else "NOT under"
    print(f"{'total':<{width}}  {kb.presses:>12}   ({verdict} the target of {TARGET})")
    print(f"figures typed: {len(FIGURES)} ({kb.typed} keys: digits and the Tab after each, not "
          "counted)")
    print(f"every key and click, figures included: {kb.presses + kb.typed}")
    print(f"wall time: {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
