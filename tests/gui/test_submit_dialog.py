"""Báo cáo > Đóng gói gửi đi: a folder, signed or not, the zip and the email draft, then buttons
to open them; the back end's refusals come back as messages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from cchc_desktop.domain.units import Unit
from cchc_desktop.gui import file_dialogs, submit_dialog
from cchc_desktop.gui.submit_dialog import SubmitResultDialog
from tests.factories import trend_reports
from tests.gui.file_answers import answer_file_dialogs


@pytest.fixture
def answered(monkeypatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The folder dialog answers tmp_path/ra; the signing question answers seen["sign"]."""
    seen: dict[str, object] = {"sign": "Không ký", "opened": [], "warnings": []}

    def folder(request):  # type: ignore[no-untyped-def]
        seen["default"] = request.folder
        return tmp_path / "ra"

    def exec_box(box: QMessageBox) -> int:
        if box.objectName() == "revisionBox":   # which revision this is: go on
            seen.setdefault("revision_texts", []).append(  # type: ignore[union-attr]
                box.text() + "\n" + box.informativeText())
            next(b for b in box.buttons() if b.text() == "Tiếp tục").click()
            return 0
        next(b for b in box.buttons() if b.text() == seen["sign"]).click()
        return 0

    def exec_result(dialog: SubmitResultDialog) -> int:
        seen["fields"] = {name: label.text() for name, label in dialog.fields.items()}
        seen["warning"] = dialog.warning.text() if not dialog.warning.isHidden() else ""
        dialog.open_folder.click()
        dialog.open_draft.click()
        return 0

    seen["asked"] = answer_file_dialogs(monkeypatch, folder=folder, open=lambda request: seen.get("key"))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: seen["warnings"].append(text))  # type: ignore[union-attr]
    monkeypatch.setattr(SubmitResultDialog, "exec", exec_result)
    monkeypatch.setattr(submit_dialog, "open_url", lambda path: seen["opened"].append(path))  # type: ignore[union-attr]
    return seen


def test_package_and_email_draft_are_written_and_offered(qtbot, window, sample_report_id,
                                                         answered, db_path, tmp_path) -> None:
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "fields" in answered or bool(answered["warnings"]), timeout=30000)
    assert answered["warnings"] == []
    # Documents (or home), never a folder beside the data file: that may be the hidden data folder.
    assert answered["default"] == file_dialogs.start_folder()
    out = tmp_path / "ra"
    name = "BC-CCHC_xa-my-an_2026-Q1_r0"
    fields = answered["fields"]
    assert fields["zip"] == str(out / f"{name}.zip")  # type: ignore[index]
    assert fields["eml"] == str(out / f"{name}.eml")  # type: ignore[index]
    assert fields["signed"] == "Không ký"  # type: ignore[index]
    assert fields["size"].endswith(("KB", "MB"))  # type: ignore[index]
    with zipfile.ZipFile(out / f"{name}.zip") as archive:
        assert {f"{name}.pdf", f"{name}.xlsx", "manifest.json"} <= set(archive.namelist())
    assert (out / f"{name}.eml").stat().st_size > 1000
    assert answered["opened"] == [out, out / f"{name}.eml"]
    assert window.store.setting("submit_dir") == str(out)
    assert fields["revision"] == "0"  # type: ignore[index]
    assert "revision_texts" not in answered, "the first package replaces nothing: nothing to agree to"


def test_packaging_again_after_a_change_is_the_next_revision_with_its_diff(
        qtbot, window, sample_report_id, answered, tmp_path) -> None:
    from decimal import Decimal

    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "fields" in answered, timeout=30000)
    del answered["fields"]
    window.ui.act_submit.trigger()   # the same content: the same revision again
    qtbot.waitUntil(lambda: "fields" in answered, timeout=30000)
    assert answered["fields"]["revision"] == "0"  # type: ignore[index]
    del answered["fields"]
    window.session.set_value("cddh.tuyen_truyen.tin_bai", Decimal(31))
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "fields" in answered, timeout=30000)
    assert answered["fields"]["revision"] == "1 (thay thế lần gửi 0)"  # type: ignore[index]
    texts = answered["revision_texts"]
    assert len(texts) == 2, "asked from the second package on"  # type: ignore[arg-type]
    assert texts[0].startswith("Nội dung không đổi so với gói đã làm lúc ")  # type: ignore[index]
    assert texts[1].startswith("Đây là lần gửi 1, thay thế lần gửi 0.")  # type: ignore[index]
    assert "• Số tin, bài tuyên truyền CCHC: " in texts[1]  # type: ignore[index]
    assert (tmp_path / "ra" / "BC-CCHC_xa-my-an_2026-Q1_r1.zip").exists()
    assert [p.revision for p in window.store.packages(sample_report_id)] == [0, 1]
    assert window.store.load_report(sample_report_id).revision == 1


def test_signing_a_draft_is_refused_with_the_back_ends_message(qtbot, window, sample_report_id,
                                                               answered, monkeypatch,
                                                               tmp_path) -> None:
    from submission.certificates import make_pki

    (tmp_path / "pki").mkdir()
    pki = make_pki(tmp_path / "pki")
    answered["sign"] = "Ký số..."
    answered["key"] = pki.p12
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (pki.password, True))
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: bool(answered["warnings"]) or "fields" in answered, timeout=30000)
    assert answered["warnings"] == [
        "Báo cáo đang là dự thảo; hãy chuyển sang trạng thái hoàn thành trước khi ký số."]
    assert not (tmp_path / "ra" / "BC-CCHC_xa-my-an_2026-Q1_r0.zip").exists()


def test_a_wrong_password_is_a_message(qtbot, window, sample_report_id, answered, monkeypatch,
                                       tmp_path) -> None:
    from submission.certificates import make_pki

    (tmp_path / "pki").mkdir()
    pki = make_pki(tmp_path / "pki")
    answered["sign"] = "Ký số..."
    answered["key"] = pki.p12
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("sai-mat-khau", True))
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: bool(answered["warnings"]), timeout=30000)
    assert answered["warnings"] == [f"Sai mật khẩu của tệp chứng thư số {pki.p12.name}."]


def test_cancel_at_the_signing_question_writes_nothing(window, sample_report_id, answered,
                                                       tmp_path) -> None:
    answered["sign"] = "Hủy"
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    assert window.submitter.job is None
    assert not (tmp_path / "ra").exists()


def test_no_mail_program_nor_file_manager_is_said_in_the_dialog(qtbot, window, sample_report_id,
                                                                 answered, monkeypatch,
                                                                 tmp_path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    seen: dict[str, object] = {}

    def exec_result(dialog: SubmitResultDialog) -> int:
        assert dialog.open_problem.isHidden()
        monkeypatch.setattr(submit_dialog, "open_url", lambda path: False)   # nothing set up
        dialog.open_draft.click()
        seen["draft"] = (dialog.open_problem.isHidden(), dialog.open_message.text())
        seen["selectable"] = bool(dialog.open_message.textInteractionFlags()
                                  & Qt.TextInteractionFlag.TextSelectableByMouse)
        dialog.copy_path.click()
        seen["clipboard"] = QGuiApplication.clipboard().text()
        dialog.open_folder.click()
        seen["folder"] = dialog.open_message.text()
        monkeypatch.setattr(submit_dialog, "open_url", lambda path: True)    # now it opens
        dialog.open_folder.click()
        seen["solved"] = dialog.open_problem.isHidden()
        return 0

    monkeypatch.setattr(SubmitResultDialog, "exec", exec_result)
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "solved" in seen or bool(answered["warnings"]), timeout=30000)
    eml = tmp_path / "ra" / "BC-CCHC_xa-my-an_2026-Q1_r0.eml"
    hidden, text = seen["draft"]  # type: ignore[misc]
    assert not hidden
    assert text.startswith("Máy tính chưa có chương trình thư điện tử để mở thư nháp.")
    assert text.endswith(str(eml))
    assert seen["selectable"]
    assert seen["clipboard"] == str(eml)
    assert seen["folder"] == ("Máy tính chưa có chương trình quản lý tệp để mở thư mục. Thư mục gói ở:\n"
                              f"{tmp_path / 'ra'}")
    assert seen["solved"]


def test_the_package_pdf_carries_the_trends_annex_when_ticked(qtbot, window, store, commune,  # type: ignore[no-untyped-def]
                                                              sample_report_id, answered,
                                                              tmp_path) -> None:
    unit = Unit(commune.code, commune.name, commune.level, commune.parent)
    for report in trend_reports(unit=unit):
        if report.period.kind.value != "Q1":      # the sample is the commune's Quý I
            store.save_report(report)
    window.open_report(sample_report_id)
    window.ui.menu_report.aboutToShow.emit()
    window.ui.act_pdf_trends.trigger()
    assert window.ui.act_pdf_trends.isChecked()
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "fields" in answered or bool(answered["warnings"]), timeout=60000)
    assert answered["warnings"] == []
    name = "BC-CCHC_xa-my-an_2026-Q1_r0"
    text = pdf_text(tmp_path / "ra" / name / f"{name}.pdf", layout=False)
    assert "XU HƯỚNG CÁC CHỈ TIÊU CHÍNH" in text
    assert "từ Quý I/2026 đến Năm/2026" in text


def test_the_result_is_as_tall_as_its_lines_need(qtbot, window, sample_report_id, answered,  # type: ignore[no-untyped-def]
                                                  monkeypatch) -> None:
    """No blank bands around the sentence above the paths (Qt sized the dialog for it wrapped on
    three lines), and room for the path to copy when nothing opens the draft."""
    seen: dict[str, object] = {}

    def exec_result(dialog: SubmitResultDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        intro = dialog.ui.intro
        seen["intro"] = (intro.height(), intro.heightForWidth(intro.width()))
        seen["shown"] = (dialog.height(), dialog.heightForWidth(dialog.width()))
        monkeypatch.setattr(submit_dialog, "open_url", lambda path: False)
        dialog.open_draft.click()
        QApplication.processEvents()
        message = dialog.open_message
        seen["problem"] = (dialog.height(), dialog.heightForWidth(dialog.width()))
        seen["message"] = (message.height(), message.heightForWidth(message.width()))
        dialog.close()
        return 0

    monkeypatch.setattr(SubmitResultDialog, "exec", exec_result)
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: "message" in seen or bool(answered["warnings"]), timeout=30000)
    height, needed = seen["intro"]  # type: ignore[misc]
    assert height == needed, "the sentence has exactly its lines' height"
    for key in ("shown", "problem"):
        height, needed = seen[key]  # type: ignore[misc]
        assert height == needed, key
    height, needed = seen["message"]  # type: ignore[misc]
    assert height >= needed, "the path to copy is not squeezed"
