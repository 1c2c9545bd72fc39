"""A clerk's quarter through the real window, as a new user did it when the faults were found.

First run and the commune picked from the official list; a report filled; marked final;
last period's file imported into it (refused, then reopened with a reason); a refused
decimal; a typed date; recipients with dashes; export; packaged twice with a change
between (revision 1 the second time). Every step reads the data file or the files
written, not the widgets alone. The command line's twin is tests/test_cli_scenario.py.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from factories import make_report, records, template
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.gui import desktop_open, submit_dialog
from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
from cchc_desktop.gui.setup_dialog import SetupDialog
from cchc_desktop.gui.submit_dialog import SubmitResultDialog
from tests.gui.conftest import make_window
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field, fill, type_into, type_text, wait_saved

# The order in which a box's buttons are pressed: go on wherever the scenario goes on.
PRESS = ("Mở lại để sửa...", "Tiếp tục", "Không ký", "Đóng", "Close", "OK")


class Clerk:
    """Answers every dialog the way the clerk of the scenario did, and writes down what it saw."""

    def __init__(self, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.tmp_path = tmp_path
        self.boxes: list[str] = []
        self.warnings: list[str] = []
        self.results: list[dict[str, str]] = []
        self.reason = "Sở Nội vụ đề nghị cập nhật số liệu kỳ trước"
        self.import_file: Path | None = None
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self.box(box))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        monkeypatch.setattr(QMessageBox, "warning",
                            lambda parent, title, text, *a, **k: self.warnings.append(text))
        monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (self.reason, True))
        answer_file_dialogs(monkeypatch, save=lambda request: tmp_path / "xuat" / request.name,
                            open=lambda request: self.import_file, folder=tmp_path / "gui-di")
        monkeypatch.setattr(ImportPreviewDialog, "exec", lambda d: QDialog.DialogCode.Accepted)
        monkeypatch.setattr(SubmitResultDialog, "exec", lambda dialog: self.result(dialog))
        monkeypatch.setattr(desktop_open, "open_url", lambda path: True)
        monkeypatch.setattr(submit_dialog, "open_url", lambda path: None)
        (tmp_path / "xuat").mkdir()

    def box(self, box: QMessageBox) -> int:
        self.boxes.append(box.text() + ("\n" + box.informativeText() if box.informativeText() else ""))
        buttons = {b.text(): b for b in box.buttons()}
        for text in PRESS:
            if text in buttons:
                buttons[text].click()
                return 0
        raise AssertionError(f"no button to press in {list(buttons)}")

    def result(self, dialog: SubmitResultDialog) -> int:
        self.results.append({name: label.text() for name, label in dialog.fields.items()})
        return 0


def _setup(dialog: SetupDialog) -> int:
    """First run: the commune found by typing without accents, the signer typed."""
    form = dialog.form
    form.province.setCurrentIndex(form.province.findText("Tỉnh Tây Ninh"))
    form.search.setFocus()
    type_text(form.search, "my an")
    labels = [form.matches.item(row).text() for row in range(form.matches.count())]
    form.matches.setCurrentRow(labels.index("Xã Mỹ An"))
    form.authority.setCurrentText("KT. CHỦ TỊCH")
    form.title.setCurrentText("PHÓ CHỦ TỊCH")
    type_text(form.signer, "Trần Thị Bích Ngọc")
    dialog.accept()
    return QDialog.DialogCode.Accepted


def _last_year_file(folder: Path, unit: Unit) -> Path:
    """Last year's Năm report of the same commune, its name spelled the short way."""
    path = folder / "nam-2025.json"
    short = Unit(unit.code, "UBND xã Mỹ An", unit.level, unit.parent)
    report = make_report(records(pending=120, overdue_pending=3), unit=short, year=2025, kind="Y",
                         texts={"phuong_huong": "1. Số hóa hồ sơ.\n2. Khảo sát hài lòng."})
    write_report(report, template(), path)
    return path


def _pdf_lines(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def test_a_clerks_quarter_in_the_window(qtbot, store, monkeypatch, tmp_path, db_path) -> None:  # type: ignore[no-untyped-def]
    clerk = Clerk(monkeypatch, tmp_path)

    # First run: the commune is picked from the official list.
    monkeypatch.setattr(SetupDialog, "exec", _setup)
    window = make_window(qtbot, store)
    window.first_run_setup()
    own = store.own_unit()
    assert own is not None and (own.code, own.name) == ("28066", "Ủy ban nhân dân xã Mỹ An")

    # A report filled in.
    window.start_page.refresh()
    window.start_page.buttons["Q1"].click()
    session = window.session
    assert session is not None
    fill(qtbot, window, {"cddh.kh.tong": "66", "cddh.kh.hoan_thanh": "42",
                         "cddh.kh.dang_thuc_hien": "20", "cddh.kh.chua_thuc_hien": "4"})

    # A refused decimal in a whole-number field: never saved, not even partly.
    articles = field(window, "cddh.tuyen_truyen.tin_bai")
    type_into(qtbot, articles, "1.234,5")
    wait_saved(qtbot, window)
    assert "cddh.tuyen_truyen.tin_bai" not in store.load_report(session.report_id).values
    assert articles.edit.text() == "1.234,5" and not articles.message.isHidden()
    type_into(qtbot, articles, "12")
    wait_saved(qtbot, window)
    assert store.load_report(session.report_id).values["cddh.tuyen_truyen.tin_bai"] == 12

    # The header: a typed date and recipients with dashes.
    window.ui.act_header.trigger()
    page = window.pages["header"]
    page.date.edit.setFocus()
    type_text(page.date.edit, "17/3/2026")
    qtbot.keyClick(page.date.edit, Qt.Key.Key_Return)
    page.recipients.setFocus()
    page.recipients.setPlainText("- UBND tỉnh Tây Ninh;\n- Sở Nội vụ tỉnh Tây Ninh;\n- Lưu: VT.")
    page.number.setFocus()
    wait_saved(qtbot, window)
    stored = store.load_report(session.report_id)
    assert stored.document.date is not None and stored.document.date.isoformat() == "2026-03-17"
    assert stored.recipients == ["UBND tỉnh Tây Ninh", "Sở Nội vụ tỉnh Tây Ninh", "Lưu: VT"]

    # Marked final: the fields become read-only.
    assert window.mark_final()
    assert store.load_report(session.report_id).status is ReportStatus.FINAL
    assert field(window, "cddh.kh.tong").edit.isReadOnly()

    # Last period's file imported into the final report: refused, then reopened with a reason.
    clerk.import_file = _last_year_file(tmp_path, own.unit)
    window.ui.act_import_previous.trigger()
    assert clerk.boxes[-1].startswith("Báo cáo Quý I năm 2026 đã hoàn thành nên không sửa được.")
    assert window.session.report.status is ReportStatus.DRAFT
    reopened = [c for c in store.history(session.report_id) if c.entity == "status"][-1]
    assert (reopened.old, reopened.new, reopened.reason) == ("final", "draft", clerk.reason)
    window.ui.act_import_previous.trigger()
    qtbot.waitUntil(lambda: window.previous_importer.job is None, timeout=10000)
    qtbot.waitUntil(lambda: store.load_report(window.session.report_id).values.get(
        "tthc.hs.xa.ky_truoc") == 123, timeout=10000)
    window.show_page("header")
    window.grab().save(str(tmp_path / "reopened.png"))

    # Export: the PDF carries the official name, the typed date and each recipient once.
    assert window.mark_final()
    window.ui.act_pdf.trigger()
    qtbot.waitUntil(lambda: window.notice.isVisible() and window.exporter.job is None, timeout=30000)
    assert window.notice.message.text().startswith("Đã lưu ")
    found = sorted((tmp_path / "xuat").glob("*.pdf"))
    assert found, clerk.boxes
    [pdf] = found
    assert pdf.name == "BC-CCHC_xa-my-an-28066_2026-Q1.pdf"
    lines = _pdf_lines(pdf)
    text = "\n".join(lines)
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ MỸ AN" in text
    assert "ngày 17 tháng 3 năm 2026" in text
    assert sum("- UBND tỉnh Tây Ninh;" in line for line in lines) == 1
    assert sum("- Lưu: VT." in line for line in lines) == 1
    assert "- -" not in text and "DỰ THẢO" not in text

    # Packaged twice with a change between: revision 0, then revision 1 with its diff.
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: len(clerk.results) == 1, timeout=30000)
    assert clerk.results[0]["revision"] == "0"
    assert window.reopen()
    type_into(qtbot, field(window, "cddh.tuyen_truyen.tin_bai"), "15")
    wait_saved(qtbot, window)
    assert window.mark_final()
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: len(clerk.results) == 2, timeout=30000)
    assert clerk.results[1]["revision"] == "1 (thay thế lần gửi 0)"
    diff = next(b for b in clerk.boxes if b.startswith("Đây là lần gửi 1"))
    assert "Số tin, bài tuyên truyền CCHC: 12 → 15" in diff
    manifests = sorted((tmp_path / "gui-di").glob("*/manifest.json"))
    assert [json.loads(m.read_text("utf-8"))["revision"] for m in manifests] == [0, 1]
    assert [p.revision for p in store.packages(session.report_id)] == [0, 1]
    assert clerk.warnings == []
    window.close_report()
