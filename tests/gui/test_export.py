"""Báo cáo > Xuất PDF / Xuất Excel: named for the unit and period, written off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from PySide6.QtWidgets import QApplication, QMessageBox

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.gui import desktop_open
from cchc_desktop.gui import export as gui_export
from tests.gui.file_answers import answer_file_dialogs


@pytest.fixture
def answered(monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Answer the save dialog with the suggested name in tmp_path; record what is opened."""
    seen: dict[str, object] = {"opened": []}

    def save_as(request):  # type: ignore[no-untyped-def]
        seen["suggested"] = request.name
        return tmp_path / request.name

    def opened(path: Path) -> bool:
        seen["opened"].append(path)  # type: ignore[union-attr]
        return True

    answer_file_dialogs(monkeypatch, save=save_as)
    monkeypatch.setattr(desktop_open, "open_url", opened)
    return seen


def saved_notice(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    """The line above the page once the file is written (no box to close), its folder opened."""
    qtbot.waitUntil(lambda: window.notice.isVisible() and window.exporter.job is None, timeout=20000)
    assert QApplication.activeModalWidget() is None, "a saved export asks nothing"
    window.notice.open_folder.click()
    return str(window.notice.message.text())


def test_export_runs_in_the_background_and_offers_the_folder(qtbot, window, sample_report_id,
                                                             answered, monkeypatch, tmp_path) -> None:
    import threading

    calls = []

    def fake_writer(context, path, *, progress):  # type: ignore[no-untyped-def]
        calls.append((context.report.period.key, threading.current_thread() is threading.main_thread()))
        progress(50)
        Path(path).write_bytes(b"%PDF-1.4 fake")
        return 3

    monkeypatch.setattr(gui_export, "_writer", lambda kind: fake_writer)
    window.open_report(sample_report_id)
    job = window.exporter.export(window.session, "pdf")
    assert job is not None
    message = saved_notice(qtbot, window)
    assert "BC-CCHC_xa-my-an_2026-Q1.pdf" in message and str(tmp_path) in message
    assert answered["suggested"] == "BC-CCHC_xa-my-an_2026-Q1.pdf"
    assert calls == [("2026-Q1", False)], "written off the GUI thread"
    assert (tmp_path / "BC-CCHC_xa-my-an_2026-Q1.pdf").exists()
    assert answered["opened"] == [tmp_path]


def test_a_failed_export_gets_the_known_message(qtbot, window, sample_report_id, answered,
                                                monkeypatch) -> None:
    def full_disk(context, path, *, progress):  # type: ignore[no-untyped-def]
        raise KnownError("Ổ đĩa đã đầy.")

    shown = []
    monkeypatch.setattr(gui_export, "_writer", lambda kind: full_disk)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    window.open_report(sample_report_id)
    window.exporter.export(window.session, "xlsx")
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["Ổ đĩa đã đầy."]
    assert window.exporter.job is None


def test_a_missing_writer_is_explained(window, sample_report_id, monkeypatch) -> None:
    def missing(kind: str):  # type: ignore[no-untyped-def]
        raise ImportError("No module named 'cchc_desktop.documents.pdf_report'")

    shown = []
    monkeypatch.setattr(gui_export, "_writer", missing)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    window.open_report(sample_report_id)
    assert window.exporter.export(window.session, "pdf") is None
    assert shown and shown[0].startswith("Chức năng xuất PDF chưa có")


def test_the_real_pdf_of_the_sample_report(qtbot, window, sample_report_id, answered,
                                           tmp_path) -> None:
    window.open_report(sample_report_id)
    window.ui.act_pdf.trigger()
    saved_notice(qtbot, window)
    written = tmp_path / "BC-CCHC_xa-my-an_2026-Q1.pdf"
    with written.open("rb") as handle:
        pages = PdfFileReader(handle, strict=False).root["/Pages"]["/Count"]
    assert pages >= 2, "a whole report, not a stub"
    assert answered["opened"] == [tmp_path]


def test_an_export_over_the_data_file_is_refused(qtbot, window, sample_report_id, db_path,  # type: ignore[no-untyped-def]
                                                 monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    window.open_report(sample_report_id)
    window.session.saver.flush()
    before = db_path.read_bytes()
    assert window.exporter.export(window.session, "pdf", db_path) is None
    assert shown and db_path.name in shown[0]
    assert db_path.read_bytes() == before


def test_a_pc_without_a_program_to_open_the_folder_gets_the_path(qtbot, window, sample_report_id,
                                                                 answered, monkeypatch,
                                                                 tmp_path) -> None:
    monkeypatch.setattr(desktop_open, "open_url", lambda path: False)   # no file manager set up
    window.open_report(sample_report_id)
    window.ui.act_xlsx.trigger()
    message = saved_notice(qtbot, window)
    assert "chưa có chương trình quản lý tệp" in message and str(tmp_path) in message
    assert window.notice.copy_path.isVisible()
    window.notice.copy_path.click()
    assert QApplication.clipboard().text() == str(tmp_path)
    window.notice.close_button.click()
    assert not window.notice.isVisible()


def test_the_export_ending_inside_the_progress_update_keeps_the_dialog_until_it_returns(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window-modal progress dialog runs the event loop in setValue; if the export finishes
    in there, the dialog is deleted only after setValue returns (it crashed under X11)."""
    import shiboken6
    from PySide6.QtWidgets import QProgressDialog, QWidget

    from cchc_desktop.gui.export import Exporter

    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = Exporter(parent)
    dialog = QProgressDialog("", "", 0, 0, parent)
    exporter.progress = dialog
    seen: list[bool] = []

    def finishing_inside(value: int) -> None:   # what the nested event loop may run
        exporter._close_progress()
        seen.append(shiboken6.isValid(dialog) and exporter.progress is dialog)

    dialog.setValue = finishing_inside  # type: ignore[method-assign]
    exporter._progress(5, 10)
    assert seen == [True], "the dialog outlived the call that closed it"
    assert exporter.progress is None and exporter.job is None
