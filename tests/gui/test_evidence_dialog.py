"""Tài liệu kiểm chứng from the window: the button beside a figure or a task opens the item's
evidence dialog; a file attached there is counted on the button, cited in its tooltip,
stored once however many items it proves, and listed at once in the exported PDF's annex.
A refused file or description stores nothing; a locked report's dialog only shows and opens.

Real data files (tmp_path), real PDF and PNG files, the PDF read back with pdftotext."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from documents.doc_helpers import need, pdf_text
from evidence_helpers import PHOTO, PLAN, write_pdf_file, write_png_file
from PySide6.QtCore import Qt

from cchc_desktop.domain.evidence import MAX_FILE_BYTES, EvidenceLink, TargetKind, citation
from cchc_desktop.domain.evidence_items import report_evidence_context
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.exchange.json_format import read_report
from cchc_desktop.gui import desktop_open
from cchc_desktop.gui.evidence_dialog import LIST_PAGE, META_PAGE, EvidenceDialog
from cchc_desktop.gui.forms.evidence_button import EvidenceButton
from cchc_desktop.storage.evidence import EvidenceError
from cchc_desktop.storage.repository import ReportStore
from tests.gui.conftest import SAMPLE
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field, type_text, wait_saved

UNIT = "xa-my-an"
CONTEXT = "report:2026-Q1"
TITLE = "DANH MỤC TÀI LIỆU KIỂM CHỨNG"


def open_for(qtbot, button: EvidenceButton) -> EvidenceDialog:  # type: ignore[no-untyped-def]
    """Click the field's evidence button as the clerk does: its dialog opens."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = button.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    return dialog


def describe(dialog: EvidenceDialog, *, number: str = PLAN.number, day: str = "06/01/2026",
             issuer: str = PLAN.issuer, title: str = PLAN.title) -> None:
    """Type the description on the dialog's second page and press Đính kèm."""
    ui = dialog.ui
    assert ui.pages.currentIndex() == META_PAGE
    for widget, text in ((ui.numberEdit, number), (ui.dateField.edit, day),
                         (ui.issuerEdit, issuer), (ui.titleEdit, title)):
        widget.setFocus()
        type_text(widget, text)
    ui.attachButton.click()


def attach_new(qtbot, monkeypatch, button: EvidenceButton, path: Path, **description: str) -> EvidenceDialog:  # type: ignore[no-untyped-def]
    dialog = open_for(qtbot, button)
    answer_file_dialogs(monkeypatch, open=path)
    dialog.ui.addButton.click()
    describe(dialog, **description)
    return dialog


def tasks_table(window):  # type: ignore[no-untyped-def]
    window.show_page("cddh")
    return next(t for t in window.current_page().lists if t.spec.kind == "tasks")


def open_task(qtbot, tasks, row: int) -> EvidenceDialog:  # type: ignore[no-untyped-def]
    """Click the task's evidence cell: its dialog opens."""
    cell = tasks.table.item(row, tasks.evidence_column)
    qtbot.mouseClick(tasks.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tasks.table.visualItemRect(cell).center())
    dialog = tasks.evidence.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    return dialog


def test_a_file_attached_from_a_field_is_counted_cited_and_in_the_pdf_at_once(
        qtbot, window, sample_report_id, store: ReportStore, monkeypatch, tmp_path) -> None:
    need("pdftotext")
    window.open_report(sample_report_id)
    button = field(window, "cddh.kh.tong").evidence
    assert button.text() == "" and "Chưa có tài liệu" in button.toolTip()
    plan = write_pdf_file(tmp_path / "Kế hoạch 20.pdf")

    dialog = attach_new(qtbot, monkeypatch, button, plan)
    assert dialog.ui.pages.currentIndex() == LIST_PAGE
    assert dialog.ui.documentsTable.rowCount() == 1
    assert dialog.ui.documentsTable.item(0, 0).text() == citation(PLAN)
    assert dialog.ui.documentsTable.item(0, 1).text() == "Kế hoạch 20.pdf"
    assert button.text() == "1"
    assert citation(PLAN) in button.toolTip()
    stored = store.evidence_of(UNIT, CONTEXT, TargetKind.INDICATOR, "cddh.kh.tong")
    assert [a.document.meta for a in stored] == [PLAN]
    assert stored[0].document.size == plan.stat().st_size

    # Exported right after, from the window: the annex lists it with the figure it proves.
    path = tmp_path / "bao-cao.pdf"
    assert window.exporter.export(window.session, "pdf", path) is not None
    qtbot.waitUntil(lambda: window.exporter.job is None and window.notice.isVisible(), timeout=30000)
    text = pdf_text(path, layout=False)
    assert text.upper().count(TITLE) == 1
    annex = text[text.upper().index(TITLE):]
    for cell in ("20/KH-UBND", "06/01/2026", "Chỉ tiêu:"):
        assert cell in annex, cell
    # The cells wrap: each phrase's words are there.
    for phrase in (PLAN.title, PLAN.issuer, "Kế hoạch 20.pdf"):
        assert set(phrase.split()) <= set(annex.split()), phrase


def test_one_document_proves_two_figures_and_a_task_stored_once_then_detached(
        qtbot, window, sample_report_id, store: ReportStore, monkeypatch, tmp_path) -> None:
    window.open_report(sample_report_id)
    first = field(window, "cddh.kh.tong").evidence
    attach_new(qtbot, monkeypatch, first, write_pdf_file(tmp_path / "ke-hoach.pdf")).close()

    second = field(window, "cddh.kh.hoan_thanh").evidence
    dialog = open_for(qtbot, second)
    dialog.ui.reuseButton.click()
    assert dialog.ui.libraryTable.rowCount() == 1
    assert dialog.ui.libraryTable.item(0, 0).text() == citation(PLAN)
    dialog.ui.useButton.click()
    assert dialog.ui.pages.currentIndex() == LIST_PAGE
    assert second.text() == "1" and first.text() == "1"
    dialog.close()

    tasks = tasks_table(window)
    cell = tasks.table.item(1, tasks.evidence_column)
    assert cell.text() == "" and "Chưa có tài liệu" in cell.toolTip()
    dialog = open_task(qtbot, tasks, 1)
    assert window.session.report.tasks[1].text.strip() in dialog.ui.targetLabel.text()
    dialog.ui.reuseButton.click()
    dialog.ui.useButton.click()
    assert cell.text() == "1" and citation(PLAN) in cell.toolTip()
    assert tasks.table.item(0, tasks.evidence_column).text() == ""
    dialog.close()

    assert len(store.evidence_documents(UNIT)) == 1, "the file is stored once"
    assert {(a.link.kind, a.link.key) for a in store.evidence_of(UNIT, CONTEXT)} == {
        (TargetKind.INDICATOR, "cddh.kh.tong"), (TargetKind.INDICATOR, "cddh.kh.hoan_thanh"),
        (TargetKind.TASK, "2")}
    [item] = window.session.evidence        # what the PDF annex and the package read
    assert [(t.kind, t.key) for t in item.targets] == [
        (TargetKind.INDICATOR, "cddh.kh.tong"), (TargetKind.INDICATOR, "cddh.kh.hoan_thanh"),
        (TargetKind.TASK, "2")]

    # A document the second figure already has is not offered again.
    dialog = open_for(qtbot, second)
    dialog.ui.reuseButton.click()
    assert dialog.ui.libraryTable.rowCount() == 0 and not dialog.ui.useButton.isEnabled()
    dialog.ui.pickBackButton.click()
    dialog.ui.documentsTable.selectRow(0)
    dialog.ui.detachButton.click()
    assert dialog.ui.documentsTable.rowCount() == 0 and dialog.ui.emptyLabel.isVisible()
    assert second.text() == "" and first.text() == "1"
    assert store.evidence_of(UNIT, CONTEXT, TargetKind.INDICATOR, "cddh.kh.hoan_thanh") == []
    assert len(store.evidence_documents(UNIT)) == 1, "detached, still there for the others"
    assert [(t.kind, t.key) for t in window.session.evidence[0].targets] == [
        (TargetKind.INDICATOR, "cddh.kh.tong"), (TargetKind.TASK, "2")]


def _exe(path: Path) -> Path:
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200)
    return path


def _too_big(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(MAX_FILE_BYTES + 1)
    return path


@pytest.mark.parametrize("make", [_exe, _too_big], ids=["exe-named-pdf", "too-big"])
def test_a_refused_file_gets_the_storage_message_and_nothing_is_stored(
        qtbot, window, sample_report_id, store: ReportStore, monkeypatch, tmp_path, make) -> None:
    bad = make(tmp_path / "quyet-dinh.pdf")
    with pytest.raises(EvidenceError) as refused:
        store.check_evidence_file(bad)
    window.open_report(sample_report_id)
    button = field(window, "cddh.kh.tong").evidence
    dialog = open_for(qtbot, button)
    answer_file_dialogs(monkeypatch, open=bad)
    dialog.ui.addButton.click()
    assert dialog.ui.pages.currentIndex() == LIST_PAGE, "not described: refused at once"
    assert dialog.ui.listMessage.isVisible()
    assert dialog.ui.listMessage.text() == refused.value.message
    assert "quyet-dinh.pdf" in refused.value.message
    assert store.evidence_documents(UNIT) == [] and store.evidence_of(UNIT, CONTEXT) == []
    assert button.text() == ""


def test_a_description_refused_says_why_under_the_field_and_stores_nothing(
        qtbot, window, sample_report_id, store: ReportStore, monkeypatch, tmp_path) -> None:
    window.open_report(sample_report_id)
    button = field(window, "cddh.kh.tong").evidence
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    dialog = attach_new(qtbot, monkeypatch, button, write_png_file(tmp_path / "anh.png"),
                        title="", day=short_date(tomorrow))
    ui = dialog.ui
    assert ui.pages.currentIndex() == META_PAGE
    assert ui.titleMessage.isVisible() and ui.titleMessage.text() == "Chưa có trích yếu (tên) của tài liệu."
    assert ui.dateMessage.isVisible() and ui.dateMessage.text() == "Ngày ban hành sau ngày hôm nay."
    assert not ui.numberMessage.isVisible() and not ui.issuerMessage.isVisible()
    assert store.evidence_documents(UNIT) == []
    # Corrected: attached, and the messages are gone.
    ui.titleEdit.setText(PHOTO.title)
    ui.dateField.edit.setText("02/03/2026")
    ui.attachButton.click()
    assert ui.pages.currentIndex() == LIST_PAGE
    assert [d.meta.title for d in store.evidence_documents(UNIT)] == [PHOTO.title]
    assert button.text() == "1"


def test_a_locked_report_shows_and_opens_its_evidence_but_takes_no_change(
        qtbot, store: ReportStore, commune, monkeypatch, tmp_path) -> None:
    from tests.gui.conftest import make_window

    report, _template = read_report(SAMPLE)
    report_id = store.save_report(dataclasses.replace(report, status=ReportStatus.SUBMITTED))
    plan_file = write_pdf_file(tmp_path / "ke-hoach.pdf")
    plan = store.add_evidence(UNIT, PLAN, plan_file)
    store.attach_evidence(UNIT, EvidenceLink(plan.id, report_evidence_context(report.period),
                                             TargetKind.INDICATOR, "cddh.kh.tong"))
    opened: list[Path] = []

    def no_program(path: Path) -> bool:
        opened.append(path)
        return False

    monkeypatch.setattr(desktop_open, "open_url", no_program)
    window = make_window(qtbot, store)
    window.open_report(report_id)
    button = field(window, "cddh.kh.tong").evidence
    assert button.isEnabled() and button.text() == "1"
    dialog = open_for(qtbot, button)
    ui = dialog.ui
    assert ui.lockedLabel.isVisible()
    assert not ui.addButton.isEnabled() and not ui.reuseButton.isEnabled()
    assert not ui.detachButton.isEnabled() and ui.openButton.isEnabled()
    ui.openButton.click()
    [copy] = opened
    assert copy.name == "ke-hoach.pdf" and copy.read_bytes() == plan_file.read_bytes()
    assert "không có chương trình" in ui.listMessage.text() and str(copy) in ui.listMessage.text()
    # Below the dialog too: the session refuses a change to a locked report.
    with pytest.raises(ReportLockedError):
        window.session.detach_evidence(plan.id, TargetKind.INDICATOR, "cddh.kh.tong")
    assert len(store.evidence_of(UNIT, CONTEXT)) == 1
    window.close_report()


def test_the_keyboard_reaches_a_figures_evidence_from_its_menu_and_tab_skips_the_button(
        qtbot, window, sample_report_id) -> None:
    window.open_report(sample_report_id)
    figure = field(window, "cddh.kh.tong")
    following = field(window, "cddh.kh.hoan_thanh")
    figure.focus()
    qtbot.keyClick(figure.edit, Qt.Key.Key_Tab)
    assert following.edit.hasFocus(), "Tab goes from figure to figure"
    menu = figure.context_menu()
    [action] = [a for a in menu.actions() if a.objectName() == "evidence"]
    action.trigger()
    dialog = figure.evidence.dialog
    assert isinstance(dialog, EvidenceDialog) and dialog.isVisible()
    assert dialog.ui.targetLabel.text() == window.session.template.indicators["cddh.kh.tong"].full_label
    menu.deleteLater()


def test_a_task_with_evidence_is_not_removed_and_a_row_above_it_takes_the_document_along(
        qtbot, window, sample_report_id, store: ReportStore, tmp_path) -> None:
    window.open_report(sample_report_id)
    window.session.add_evidence(PLAN, write_pdf_file(tmp_path / "ke-hoach.pdf"), TargetKind.TASK, "2")
    tasks = tasks_table(window)
    texts = [t.text for t in window.session.report.tasks]
    tasks.table.setCurrentCell(1, 0)        # the task with evidence
    tasks.remove_button.click()
    assert [t.text for t in window.session.report.tasks] == texts
    assert tasks.message.isVisible() and "Dòng 2" in tasks.message.text()
    tasks.table.setCurrentCell(0, 0)        # above it: the task moves up, its document with it
    tasks.remove_button.click()
    assert [t.text for t in window.session.report.tasks] == texts[1:]
    wait_saved(qtbot, window)
    context = report_evidence_context(window.session.report.period)
    unit = window.session.report.unit.code
    assert [a.link.key for a in store.evidence_of(unit, context, TargetKind.TASK)] == ["1"]
    qtbot.waitUntil(lambda: tasks.table.item(0, tasks.evidence_column).text() == "1", timeout=5000)
    assert tasks.table.item(1, tasks.evidence_column).text() == ""
