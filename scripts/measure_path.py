"""The clerk's path, measured: the real window driven by keys through the minimal quarterly report.

From last period's file to the package: the unit is set up, Quý I's report is a file on the
disk (tests/data/xa-my-an-2026-Q1.json); the clerk starts the 6 tháng report from the start
page, imports last period's file (Báo cáo > Nhập kỳ trước...), types a handful of figures,
marks the report final, exports the PDF and the workbook and makes the unsigned package.

Every key press is counted except the figures typed; a file dialog's answer (a path typed and
Enter) counts as 1. Prints a table of the steps and the wall time, and whether the total is
under the target (15 interactions beyond typing the figures); exits 0 once the path is walked.

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
FIGURES = {"tthc.hs.xa.moi_truc_tuyen": "12", "tthc.hs.xa.moi_truc_tiep": "30",
           "tthc.hs.xa.da_giai_quyet.dung_han": "40", "tthc.hs.xa.dang_giai_quyet.trong_han": "2"}

# The user's data, cache and settings stay out of it: everything in one throw-away folder.
WORK = Path(tempfile.mkdtemp(prefix="cchc-measure-"))
os.environ["XDG_DATA_HOME"] = str(WORK / "data-home")
os.environ["XDG_CACHE_HOME"] = str(WORK / "cache-home")
sys.path[:0] = [str(ROOT)]

from PySide6.QtCore import QDeadlineTimer, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402

from cchc_desktop import i18n  # noqa: E402
from cchc_desktop.domain.report import ReportStatus  # noqa: E402
from cchc_desktop.gui import file_dialogs  # noqa: E402
from cchc_desktop.gui.file_dialogs import Kind, Request  # noqa: E402
from cchc_desktop.storage.database import Database  # noqa: E402
from cchc_desktop.storage.repository import OwnUnit, ReportStore  # noqa: E402
from tests.gui.keyboard import Key, Keyboard  # noqa: E402

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

    # ------------------------------------------------------------------ the records grid
    session = window.session
    tree = window.navigation
    kb.tab_to(lambda w: w is tree, back=True)
    records = tree.page_items["tthc"]
    for _ in range(40):
        if tree.currentItem() is records:
            break
        kb.press(Key.Key_Down)
    kb.press(Key.Key_Return)
    assert window.current_key == "tthc"
    page = window.current_page()
    for code, text in FIGURES.items():
        edit = page.fields[code].edit
        kb.tab_to(is_widget(edit), limit=200)
        kb.type(text)
    kb.press(Key.Key_Tab)
    assert {code: str(session.report.values[code]) for code in FIGURES} == FIGURES
    kb.step("type the figures")

    # ------------------------------------------------------------------ final
    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReadinessDialog)
        kb.tab_to(lambda w: w is dialog.confirm)
        kb.press(Key.Key_Space)

    when_modal(of_type(ReadinessDialog), confirm)
    settle(window)
    kb.press(Key.Key_H, CTRL | SHIFT)
    assert session.report.status is ReportStatus.FINAL
    kb.step("mark final")

    # ------------------------------------------------------------------ the PDF and the workbook
    ui = window.ui
    for name, key, modifiers, action, suffix in (
            ("export the PDF", Key.Key_E, CTRL, ui.act_pdf, ".pdf"),
            ("export the workbook", Key.Key_E, CTRL | SHIFT, ui.act_xlsx, ".xlsx")):
        path = out / f"bao-cao{suffix}"
        files.answers[Kind.SAVE] = path
        when_modal(titled("Đã xuất báo cáo"), lambda: kb.press(Key.Key_Escape))
        settle(window)
        shortcut_or_menu(kb, window, key, modifiers, action,
                         lambda: Kind.SAVE not in files.answers)
        wait_until(exported(window, path), name)
        kb.step(name)

    # ------------------------------------------------------------------ the package
    package = out / "goi"
    package.mkdir()
    files.answers[Kind.FOLDER] = package

    def package_dialogs() -> None:
        kb.press(Key.Key_Return)                                        # "Tiếp tục"
        when_modal(titled("Ký số"), lambda: kb.press(Key.Key_Return))  # the default: "Không ký"

    # The question, not the busy box of the same title.
    when_modal(lambda w: isinstance(w, QMessageBox) and w.windowTitle() == "Đóng gói gửi đi",
               package_dialogs)
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
    print(f"{'step':<{width}}  interactions")
    for name, count in kb.steps:
        print(f"{name:<{width}}  {count:>12}")
    verdict = "under" if kb.presses < TARGET else "NOT under"
    print(f"{'total':<{width}}  {kb.presses:>12}   ({verdict} the target of {TARGET})")
    print(f"figures typed: {len(FIGURES)} ({kb.typed} characters, not counted)")
    print(f"wall time: {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
