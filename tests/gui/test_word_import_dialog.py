"""gui/word_import_dialog.py: the Word import's preview. Each header field shows the report's
value beside the Word one, ticked only where it would change something and disabled where Word
has none; a heading goes to its section once (a second for the same section, or one without
text, starts as "Bỏ qua"); a figure is shown the clerk's way ("1.237", "90,33") and ticked only
when it differs. "Áp dụng" closes only on choices that can be applied: nothing chosen, a
section chosen twice or a figure emptied keeps it open and says why. An empty proposal is
refused before any preview.

Beside tests/gui/test_word_import.py, which reads real .docx (and .doc) files from the window
and applies the choices; here the dialog alone on proposals made by hand, and the importer's
refusal of an empty one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.gui.word_import_dialog import WordImportDialog, WordImporter
from cchc_desktop.imports.word import FigureProposal, Header, SectionMatch, WordProposal
from tests.factories import sample_report, template

COMPLAINTS = "tthc.pakn.tiep_nhan"   # 8 in the sample report
PLANNED = "cddh.kh.tong"             # 66 in the sample report
SOURCE = Path("bao-cao-quy-1.docx")


def proposal(*sections: SectionMatch, figures: tuple[FigureProposal, ...] = ()) -> WordProposal:
    header = Header(issuer="UBND XÃ MỸ AN", number_symbol="07/BC-UBND", place="Mỹ An",
                    date="2026-03-18", signer_name="Lê Văn Tám")
    return WordProposal(header, list(sections), list(figures))


def section(heading: str, section_id: str | None, text: str) -> SectionMatch:
    return SectionMatch(heading, section_id, RichText.from_plain(text))


def dialog_for(qtbot, offered: WordProposal, report: Report | None = None) -> WordImportDialog:  # type: ignore[no-untyped-def]
    dialog = WordImportDialog(offered, report or sample_report(), template(), SOURCE)
    qtbot.addWidget(dialog)
    return dialog


def header_rows(dialog: WordImportDialog) -> dict[str, tuple[bool, bool, str, str]]:
    table = dialog.ui.headerFields
    rows = {}
    for row in range(table.rowCount()):
        take, current, offered = (table.item(row, col) for col in range(3))
        assert take is not None and current is not None and offered is not None
        rows[take.text()] = (take.checkState() == Qt.CheckState.Checked,
                             bool(take.flags() & Qt.ItemFlag.ItemIsEnabled),
                             current.text(), offered.text())
    return rows


def test_the_header_is_ticked_only_where_word_changes_something(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, proposal())
    rows = header_rows(dialog)
    # the report's number 7 is written "07/BC-UBND", as Word has it: the same, not ticked
    assert rows["Số, ký hiệu"] == (False, True, "07/BC-UBND", "07/BC-UBND")
    assert rows["Ngày ban hành"] == (True, True, "17/03/2026", "18/03/2026")
    assert rows["Người ký"] == (True, True, "Trần Thị Bích Ngọc", "Lê Văn Tám")
    assert rows["Chức vụ người ký"] == (False, False, "PHÓ CHỦ TỊCH", "(không có)")
    assert "(cơ quan ban hành: UBND XÃ MỸ AN)" in dialog.ui.heading.text()
    assert "Quý I năm 2026" in dialog.ui.heading.text()


def test_a_section_is_taken_once_and_an_empty_heading_is_skipped(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, proposal(
        section("I. CÔNG TÁC CHỈ ĐẠO", "cddh", "Ban hành kế hoạch CCHC năm 2026."),
        section("II. KẾT QUẢ THỰC HIỆN", "tthc", ""),
        section("1. Chỉ đạo, điều hành (tiếp)", "cddh", "Kiểm tra 3 cơ quan.")))
    assert [combo.currentData() for combo in dialog.section_combos] == ["cddh", None, None]
    assert dialog.section_combos[1].currentText() == "Bỏ qua"
    assert dialog.ui.sections.item(1, 2).text() == "(không có nội dung)"  # type: ignore[union-attr]
    assert dialog.ui.narrativePreview.toPlainText() == "Ban hành kế hoạch CCHC năm 2026."
    dialog.ui.sections.setCurrentCell(2, 0)
    assert dialog.ui.narrativePreview.toPlainText() == "Kiểm tra 3 cơ quan."
    # The clerk sends the third heading to the same section too: refused, kept open.
    combo = dialog.section_combos[2]
    combo.setCurrentIndex(combo.findData("cddh"))
    dialog.apply_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.choices_made is None
    assert dialog.ui.problem.text().startswith("Hai đề mục trong Word cùng đưa vào mục \u201c")


def test_figures_are_shown_the_clerks_way_and_ticked_when_they_differ(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, proposal(figures=(
        FigureProposal(COMPLAINTS, "1237", "tiếp nhận 1.237 lượt phản ánh"),
        FigureProposal(PLANNED, "66", "Tổng số nhiệm vụ kế hoạch 66 nhiệm vụ."),
        FigureProposal("khong.co.trong.mau", "5", "5 việc khác"))))
    table = dialog.ui.figures
    assert dialog.figure_codes == [COMPLAINTS, PLANNED], "codes outside the template are dropped"
    shown = [[table.item(r, c).text() for c in (1, 2)] for r in range(2)]  # type: ignore[union-attr]
    assert shown == [["8", "1.237"], ["66", "66"]]
    assert [table.item(r, 0).checkState() for r in range(2)] == [  # type: ignore[union-attr]
        Qt.CheckState.Checked, Qt.CheckState.Unchecked]
    table.item(0, 2).setText("1.240")  # type: ignore[union-attr]
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    choices = dialog.choices_made
    assert choices is not None and dict(choices.values) == {COMPLAINTS: "1240"}
    assert choices.header_fields == {"date", "signer_name"} and choices.source_name == SOURCE.name


def test_nothing_chosen_or_a_figure_emptied_keeps_the_preview_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = dialog_for(qtbot, proposal(figures=(FigureProposal(COMPLAINTS, "90.33", "..."),)))
    assert dialog.ui.figures.item(0, 2).text() == "90,33"  # type: ignore[union-attr]
    headers = dialog.ui.headerFields
    for row in range(headers.rowCount()):
        headers.item(row, 0).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    dialog.ui.figures.item(0, 2).setText("")  # type: ignore[union-attr]
    dialog.apply_button.click()
    assert dialog.ui.problem.text() == ("Số phản ánh, kiến nghị tiếp nhận: chưa có giá trị; bỏ đánh "
                                        "dấu nếu không lấy số liệu này.")
    dialog.ui.figures.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    dialog.apply_button.click()
    assert dialog.ui.problem.text() == "Chưa chọn mục nào để lấy từ báo cáo Word."
    assert dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choices_made is None


def test_a_proposal_without_anything_is_refused_before_a_preview(qtbot, store, sample_report_id) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.session import ReportSession  # the session only for the importer's test

    parent = QWidget()
    qtbot.addWidget(parent)
    session = ReportSession(store, sample_report_id)
    said: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_box)
            return
        said.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, read_box)
    empty = WordProposal(Header())
    assert WordImporter(parent, lambda: None).review(session, empty, SOURCE) is False
    assert said == ["Không tìm thấy phần đầu, đề mục hay số liệu nào trong tệp bao-cao-quy-1.docx: "
                    "chưa có gì để nhập."]
    assert parent.findChild(WordImportDialog) is None
    session.close()


@pytest.mark.parametrize("date", ["18/03/2026", "ngày 18 tháng 3"])
def test_a_date_word_could_not_read_is_shown_as_written(qtbot, date: str) -> None:  # type: ignore[no-untyped-def]
    offered = WordProposal(Header(date=date))
    rows = header_rows(dialog_for(qtbot, offered))
    assert rows["Ngày ban hành"][3] == date
