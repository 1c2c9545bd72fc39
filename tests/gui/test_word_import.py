"""Tệp > Nhập báo cáo Word in the window: a real .docx read off the GUI thread, previewed in three
tabs, Hủy changes nothing, Áp dụng writes the choices to the data file and the form shows them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from fake_soffice import install_fake_soffice, old_word_file, path_with, path_without_libreoffice
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.gui.word_import_dialog import WordImportDialog
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field

COMPLAINTS = "tthc.pakn.tiep_nhan"    # "phản ánh kiến nghị tiếp nhận 1.237"
PLANNED = "cddh.kh.tong"              # "nhiệm vụ kế hoạch 66"
LINES = (
    "UBND XÃ MỸ AN",
    "Số: 12/BC-UBND",
    "Mỹ An, ngày 18 tháng 3 năm 2026",
    "# I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "Ủy ban nhân dân xã ban hành kế hoạch CCHC năm 2026. Tổng số nhiệm vụ kế hoạch 66 nhiệm vụ.",
    "# II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "# 2. Cải cách thủ tục hành chính",
    "Trong quý, số phản ánh kiến nghị tiếp nhận 1.237 lượt, đã xử lý xong.",
    "Nơi nhận:",
    "- UBND huyện;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Lê Văn Tám",
)


def word_file(folder: Path, name: str = "bao-cao-quy-1.docx") -> Path:
    document = docx.Document()
    for line in LINES:
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    path = folder / name
    document.save(str(path))
    return path


def data_rows(db_path: Path) -> tuple[list[tuple[object, ...]], ...]:
    """The figures, texts and report rows as the data file holds them (plain SQLite)."""
    with sqlite3.connect(db_path) as connection:
        return tuple(connection.execute(sql).fetchall() for sql in (
            "SELECT code, value FROM report_values ORDER BY code",
            "SELECT section_id, text FROM report_texts ORDER BY section_id",
            "SELECT * FROM reports"))


@pytest.fixture
def answer(monkeypatch):  # type: ignore[no-untyped-def]
    """The preview answered by seen["act"](dialog) after recording what its tabs show."""
    seen: dict[str, object] = {}

    def exec_dialog(dialog: WordImportDialog) -> int:
        ui = dialog.ui
        seen["header"] = {ui.headerFields.item(r, 0).text(): (
            ui.headerFields.item(r, 0).checkState() == Qt.CheckState.Checked,
            ui.headerFields.item(r, 1).text(), ui.headerFields.item(r, 2).text())
            for r in range(ui.headerFields.rowCount())}
        seen["sections"] = [(ui.sections.item(r, 0).text(), dialog.section_combos[r].currentData())
                            for r in range(ui.sections.rowCount())]
        seen["figures"] = {dialog.figure_codes[r]: (ui.figures.item(r, 2).text(),
                                                    ui.figures.item(r, 3).text())
                           for r in range(ui.figures.rowCount())}
        act: Callable[[WordImportDialog], None] = seen.get("act", lambda d: d.reject())  # type: ignore[assignment]
        act(dialog)
        seen["problem"] = "" if ui.problem.isHidden() else ui.problem.text()
        return dialog.result()

    monkeypatch.setattr(WordImportDialog, "exec", exec_dialog)
    return seen


def start_import(qtbot, window, monkeypatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    answer_file_dialogs(monkeypatch, open=path)
    window.ui.act_import_word.trigger()


def test_the_preview_shows_the_proposal_and_cancel_changes_nothing(
        qtbot, window, new_report, db_path, answer, monkeypatch, tmp_path) -> None:
    before = data_rows(db_path)
    start_import(qtbot, window, monkeypatch, word_file(tmp_path))
    qtbot.waitUntil(lambda: "figures" in answer, timeout=8000)
    qtbot.waitUntil(lambda: window.word_importer.job is None, timeout=5000)
    header = answer["header"]
    assert header["Số, ký hiệu"] == (True, "(trống)", "12/BC-UBND")        # type: ignore[index]
    assert header["Ngày ban hành"][2] == "18/03/2026"                   # type: ignore[index]
    assert header["Người ký"] == (True, "Trần Thị Bích Ngọc", "Lê Văn Tám")  # type: ignore[index]
    assert header["Nơi nhận"][2] == "UBND huyện; Lưu: VT"              # type: ignore[index]
    # A part's title with no text of its own starts as "Bỏ qua".
    assert answer["sections"] == [
        ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH", "cddh"),
        ("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH", None),
        ("2. Cải cách thủ tục hành chính", "tthc")]
    figures = answer["figures"]
    assert figures[COMPLAINTS][0] == "1.237"                             # type: ignore[index]
    assert "tiếp nhận 1.237 lượt" in figures[COMPLAINTS][1]              # type: ignore[index]
    assert figures[PLANNED][0] == "66"                                   # type: ignore[index]
    assert data_rows(db_path) == before
    assert window.session.value(COMPLAINTS) is None


def test_apply_writes_the_choices_and_the_window_shows_them(
        qtbot, window, new_report, db_path, store, answer, monkeypatch, tmp_path) -> None:
    def choose(dialog: WordImportDialog) -> None:
        row = dialog.figure_codes.index(COMPLAINTS)
        dialog.ui.figures.item(row, 2).setText("1.240")     # the clerk corrects the figure
        signer = [dialog.ui.headerFields.item(r, 0).text()
                  for r in range(dialog.ui.headerFields.rowCount())].index("Người ký")
        dialog.ui.headerFields.item(signer, 0).setCheckState(Qt.CheckState.Unchecked)
        dialog.apply_button.click()

    answer["act"] = choose
    start_import(qtbot, window, monkeypatch, word_file(tmp_path))
    qtbot.waitUntil(lambda: window.session is not None
                    and window.session.value(COMPLAINTS) == 1240, timeout=8000)
    values, texts, _reports = data_rows(db_path)
    assert {code: Decimal(str(v)) for code, v in values} == {COMPLAINTS: 1240, PLANNED: 66}
    assert dict(texts)["tthc"].startswith("Trong quý, số phản ánh kiến nghị")  # type: ignore[union-attr]
    assert dict(texts)["cddh"].startswith("Ủy ban nhân dân xã ban hành")       # type: ignore[union-attr]
    report = store.load_report(new_report.report_id)
    assert (report.document.number, report.document.symbol) == ("12", "BC-UBND")
    assert report.signer.name == "Trần Thị Bích Ngọc"       # not taken: as it was
    assert report.recipients == ["UBND huyện", "Lưu: VT"]
    assert field(window, PLANNED).edit.text() == "66"        # the reloaded form shows it
    assert window.statusBar().currentMessage() == "Đã nhập báo cáo Word."


def test_a_value_that_is_no_number_keeps_the_preview_open(
        qtbot, window, new_report, db_path, answer, monkeypatch, tmp_path) -> None:
    before = data_rows(db_path)

    def type_badly(dialog: WordImportDialog) -> None:
        dialog.ui.figures.item(dialog.figure_codes.index(PLANNED), 2).setText("sáu mươi")
        dialog.apply_button.click()
        answer["open_after"] = dialog.result() == 0 and not dialog.ui.problem.isHidden()
        dialog.reject()

    answer["act"] = type_badly
    start_import(qtbot, window, monkeypatch, word_file(tmp_path))
    qtbot.waitUntil(lambda: "problem" in answer, timeout=8000)
    assert answer["open_after"] is True
    assert "không phải là số" in answer["problem"]  # type: ignore[operator]
    assert data_rows(db_path) == before


def test_an_old_doc_file_without_libreoffice_says_to_save_it_as_docx(
        qtbot, window, new_report, answer, monkeypatch, tmp_path) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setenv("PATH", path_without_libreoffice(tmp_path / "empty"))
    start_import(qtbot, window, monkeypatch, old_word_file(tmp_path / "bao-cao-cu.doc"))
    qtbot.waitUntil(lambda: bool(shown), timeout=8000)
    assert "bao-cao-cu.doc" in shown[0] and "LibreOffice" in shown[0]
    assert "dạng .docx" in shown[0]
    assert "figures" not in answer


def test_an_old_doc_file_goes_through_libreoffice_to_the_preview(
        qtbot, window, new_report, db_path, answer, monkeypatch, tmp_path) -> None:
    before = data_rows(db_path)
    install_fake_soffice(tmp_path / "bin", LINES)
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    start_import(qtbot, window, monkeypatch, old_word_file(tmp_path / "bao-cao-cu.doc"))
    qtbot.waitUntil(lambda: "figures" in answer, timeout=15000)
    qtbot.waitUntil(lambda: window.word_importer.job is None, timeout=5000)
    assert answer["figures"][COMPLAINTS][0] == "1.237"                  # type: ignore[index]
    assert answer["header"]["Số, ký hiệu"][2] == "12/BC-UBND"           # type: ignore[index]
    assert data_rows(db_path) == before                                 # cancelled: nothing


def test_the_file_menu_offers_it_once_a_report_is_open(window, commune, store) -> None:
    assert window.ui.act_import_word in window.ui.menu_file.actions()
    assert window.ui.act_import_word.text() == "Nhập báo cáo Word..."
    assert not window.ui.act_import_word.isEnabled()
    window.open_report(store.create_report(2026, "Q1"))
    assert window.ui.act_import_word.isEnabled()
