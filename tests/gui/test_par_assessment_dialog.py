"""Công cụ > Tự đánh giá Chỉ số CCHC, driven as a clerk drives it, on a real data file."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from documents.doc_helpers import pdf_text
from openpyxl import load_workbook
from par_index_sets import criteria_data, write_set
from PySide6.QtWidgets import QComboBox
from reportlab.pdfgen import canvas

from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, TargetKind
from cchc_desktop.domain.formatting import date_line
from cchc_desktop.gui.par_assessment_dialog import ANSWER, EXPLANATION, POINTS, ParAssessmentDialog
from cchc_desktop.storage.par_answers import par_context
from tests.gui.conftest import TODAY
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import type_text

WHY = "Còn 2 nhiệm vụ chuyển sang năm sau"
TODAY_LINE = date_line("Mỹ An", TODAY)


def _dialog(window, sample_report_id, tmp_path: Path) -> ParAssessmentDialog:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    assert window.ui.act_par_assessment.isEnabled()
    dialog = ParAssessmentDialog(window.session, window, today=window.today)
    assert dialog.add_set_file(write_set(tmp_path, criteria_data()))
    return dialog


def _choose(dialog: ParAssessmentDialog, code: str, text: str) -> None:
    combo = dialog.ui.tree.itemWidget(dialog.items[code], ANSWER)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findText(text))


def test_answers_are_saved_and_the_totals_follow(qtbot, window, sample_report_id, store,  # type: ignore[no-untyped-def]
                                                 tmp_path: Path) -> None:
    dialog = _dialog(window, sample_report_id, tmp_path)
    qtbot.addWidget(dialog)
    # The computed criterion takes the open report's on-time rate: 99,51% -> 3 points.
    assert dialog.items["2.1"].text(ANSWER) == "99,51% (Quý I năm 2026)"
    assert dialog.items["2.1"].text(POINTS) == "3"
    assert dialog.ui.totalLabel.text().startswith("Tổng: 3/10 điểm (30,00%)")
    _choose(dialog, "1.1", "Có")
    _choose(dialog, "1.2.1", "Từ 80% đến dưới 100% (1,25)")
    assert dialog.items["1.1"].text(POINTS) == "2" and dialog.items["1.2"].text(POINTS) == "1,25"
    total = dialog.ui.totalLabel.text()
    assert total.startswith("Tổng: 6,25/10 điểm (62,50%)")
    assert "chưa có tài liệu kiểm chứng: 1.1, 1.2.1, 2.1" in total
    dialog.items["1.2.1"].setText(EXPLANATION, "Còn 2 nhiệm vụ chuyển sang năm sau")
    saved = store.par_answers("xa-my-an", dialog.criteria, 2026)
    assert saved["1.1"].choice is True and saved["1.2.1"].choice == "phan"
    assert saved["1.2.1"].explanation == "Còn 2 nhiệm vụ chuyển sang năm sau"
    # Opened again, it shows what is saved.
    again = ParAssessmentDialog(window.session, window)
    qtbot.addWidget(again)
    again.add_set_file(write_set(tmp_path, criteria_data()))
    assert again.ui.tree.itemWidget(again.items["1.1"], ANSWER).currentText() == "Có"
    assert again.items["1.2.1"].text(EXPLANATION) == "Còn 2 nhiệm vụ chuyển sang năm sau"


def test_next_year_begins_from_last_years(qtbot, window, sample_report_id, store,  # type: ignore[no-untyped-def]
                                          tmp_path: Path) -> None:
    dialog = _dialog(window, sample_report_id, tmp_path)
    qtbot.addWidget(dialog)
    _choose(dialog, "1.1", "Có")
    dialog.ui.yearSpin.setValue(2027)
    assert dialog.ui.tree.itemWidget(dialog.items["1.1"], ANSWER).currentText() == "— chưa chấm —"
    dialog.ui.carryButton.click()
    assert dialog.ui.tree.itemWidget(dialog.items["1.1"], ANSWER).currentText() == "Có"
    assert "Đã lấy 1 câu trả lời và 0 tài liệu kiểm chứng" in dialog.ui.totalLabel.text()
    assert store.par_answers("xa-my-an", dialog.criteria, 2027)["1.1"].choice is True


def test_the_reports_texts_are_kept_and_the_report_exported(qtbot, window, sample_report_id,  # type: ignore[no-untyped-def]
                                                            store, tmp_path: Path,
                                                            monkeypatch) -> None:
    dialog = _dialog(window, sample_report_id, tmp_path)
    qtbot.addWidget(dialog)
    _choose(dialog, "1.2.1", "Từ 80% đến dưới 100% (1,25)")
    dialog.items["1.2.1"].setText(EXPLANATION, WHY)
    type_text(dialog.ui.difficultiesEdit.viewport(), "Thiếu công chức một cửa")
    dialog.ui.proposalsEdit.setPlainText("Đề nghị tập huấn chấm điểm")
    # written a moment after the last key, without closing anything
    qtbot.waitUntil(lambda: store.par_report_texts("xa-my-an", "thu-2026", 2026).proposals
                    == "Đề nghị tập huấn chấm điểm", timeout=5000)
    assert store.par_report_texts("xa-my-an", "thu-2026", 2026).difficulties == \
        "Thiếu công chức một cửa"
    # another year has its own texts; back on 2026 the boxes show 2026's again
    dialog.ui.yearSpin.setValue(2027)
    assert dialog.ui.difficultiesEdit.toPlainText() == ""
    dialog.ui.yearSpin.setValue(2026)
    assert dialog.ui.difficultiesEdit.toPlainText() == "Thiếu công chức một cửa"
    dialog.ui.proposalsEdit.setPlainText("Đề nghị tập huấn thêm")
    dialog.reject()                                   # closing writes what is pending
    again = ParAssessmentDialog(window.session, window, today=window.today)
    qtbot.addWidget(again)
    again.add_set_file(write_set(tmp_path, criteria_data()))
    assert again.ui.difficultiesEdit.toPlainText() == "Thiếu công chức một cửa"
    assert again.ui.proposalsEdit.toPlainText() == "Đề nghị tập huấn thêm"

    pdf, xlsx = tmp_path / "tu-danh-gia.pdf", tmp_path / "bang"
    asked = answer_file_dialogs(monkeypatch, save=lambda request: pdf if "pdf" in
                                request.suffix else xlsx)
    again.ui.pdfButton.click()
    qtbot.waitUntil(lambda: again.job is None and pdf.exists(), timeout=20000)
    assert asked[0].name == "BC-TDG-CCHC_xa-my-an_2026.pdf"
    text = " ".join(pdf_text(pdf, layout=False).split())
    assert "Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026" in text
    assert f"Tiêu chí 1.2.1 Hoàn thành kế hoạch (1,25 điểm): {WHY}" in text
    assert "Thiếu công chức một cửa" in text and "Đề nghị tập huấn thêm" in text
    assert TODAY_LINE in text
    assert str(pdf) in again.ui.exportedLabel.text()
    again.ui.xlsxButton.click()
    written = xlsx.with_name("bang.xlsx")                # the suffix is added
    qtbot.waitUntil(lambda: again.job is None and written.exists(), timeout=20000)
    rows = list(load_workbook(written).worksheets[0].iter_rows(values_only=True))
    assert any(row[0] == "1.2.1" and row[5] == WHY for row in rows)
    # Đóng gói: the PDF, the workbook and the evidence, each with its SHA-256 in the manifest
    plan = _pdf_file(tmp_path / "kh.pdf", "20/KH-UBND")
    document = store.add_evidence("xa-my-an", EvidenceMeta("Kế hoạch CCHC năm 2026", "20/KH-UBND",
                                                           dt.date(2026, 1, 6)), plan)
    store.attach_evidence("xa-my-an", EvidenceLink(document.id, par_context("thu-2026", 2026),
                                                   TargetKind.CRITERION, "1.1"))
    out = tmp_path / "goi"
    out.mkdir()
    answer_file_dialogs(monkeypatch, folder=out)
    again.ui.packageButton.click()
    archive = out / "BC-TDG-CCHC_xa-my-an_2026.zip"
    qtbot.waitUntil(lambda: again.job is None and archive.exists(), timeout=20000)
    manifest = json.loads((out / archive.stem / "manifest.json").read_text("utf-8"))
    assert [e["role"] for e in manifest["files"]] == ["report-pdf", "workbook", "evidence"]
    evidence = manifest["files"][2]
    assert evidence["sha256"] == hashlib.sha256(plan.read_bytes()).hexdigest()
    with zipfile.ZipFile(archive) as packed:
        assert packed.read(evidence["name"]) == plan.read_bytes()
    assert str(out / archive.stem) in again.ui.exportedLabel.text()


def _pdf_file(path: Path, text: str) -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path
