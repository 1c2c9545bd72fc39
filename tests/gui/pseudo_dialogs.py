"""Every dialog of the window, made on the sample report for the pseudo-locale's scan.

`every_dialog(window, store, folder)` makes each one as the window would, with real data behind
it: the setup and settings dialogs, the about box and the guide, the crash report, the trust
dialog, the unit codes, the report's history and restore points, the trends, a figure's
evidence, the readiness check, the usual recipients, the preview of last period's import and of
a Word report, the consolidation, the board of the units' rates and a subordinate unit's
figures, the package's result, and Qt's own file dialog as the window dresses it. A dialog whose
data could not be made fails the scan: it never drops out of it unnoticed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QDialog

from cchc_desktop.storage.repository import ReportStore

COMMUNES = (("xa-a", "UBND xã Phú Hòa A"), ("xa-b", "UBND xã Tân Phước Hưng B"))


def previous_year_file(window, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """Last year's Năm report of the sample's commune: what Nhập kỳ trước previews."""
    from cchc_desktop.exchange.json_format import write_report
    from tests.factories import make_report, records, template

    report = make_report(unit=window.session.report.unit, year=2025, kind="Y",
                         values=records(pending=120, overdue_pending=3) | {"cds.may_tinh.tong": 54},
                         texts={"phuong_huong": "1. Số hóa hồ sơ.\n2. Khảo sát hài lòng."})
    path = folder / "nam-2025.json"
    write_report(report, template(), path)
    return path


def _word_file(folder: Path) -> Path:
    """A Word report of the sample's commune: what Nhập báo cáo Word previews."""
    import docx

    document = docx.Document()
    for line in ("UBND XÃ MỸ AN", "Số: 12/BC-UBND", "Mỹ An, ngày 18 tháng 3 năm 2026"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH").bold = True
    document.add_paragraph("Ủy ban nhân dân xã ban hành kế hoạch CCHC năm 2026. Tổng số nhiệm vụ "
                           "kế hoạch 66 nhiệm vụ, đã hoàn thành 42 nhiệm vụ.")
    document.add_paragraph().add_run("2. Cải cách thủ tục hành chính").bold = True
    document.add_paragraph("Trong quý, số phản ánh kiến nghị tiếp nhận 1.237 lượt.")
    for line in ("Nơi nhận:", "- UBND huyện;", "- Lưu: VT.", "CHỦ TỊCH", "Lê Văn Tám"):
        document.add_paragraph(line)
    path = folder / "bao-cao-quy-1.docx"
    document.save(str(path))
    return path


def _word_dialog(window, folder: Path) -> QDialog:  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.word_import_dialog import WordImportDialog

    session, path = window.session, _word_file(folder)
    return WordImportDialog(session.read_word_report(path), session.report, session.template,
                            path, window)


def _board_row(window):  # type: ignore[no-untyped-def]
    """A commune's report as the consolidation board shows it."""
    from cchc_desktop.domain.report import SubmissionStatus
    from cchc_desktop.imports.subordinates import BoardRow

    report = window.session.report
    return BoardRow(unit=report.unit, status=SubmissionStatus.ON_TIME,
                    received_at=dt.datetime(2026, 3, 18, 9, 30), source_name="xa-my-an-2026-Q1.json",
                    revision=0, error_count=0, report=report)


def _submission(window, folder: Path):  # type: ignore[no-untyped-def]
    from cchc_desktop.submission.submit import submit

    plan = window.session.plan_package()
    return submit(plan.context, folder / "goi", to="")


def _file_dialog(window, folder: Path) -> QDialog:  # type: ignore[no-untyped-def]
    from cchc_desktop.gui import file_dialogs
    from cchc_desktop.gui.file_dialogs import Kind, Request
    from cchc_desktop.i18n import _

    (folder / "BC-CCHC_xa-my-an_2026-Q1.pdf").write_bytes(b"%PDF-1.7")
    # The filter as written: lengthened, "[Tệp PDF (*.pdf)~]" is no filter Qt can read.
    return file_dialogs.make_dialog(window, Request(Kind.SAVE, _("Xuất PDF"), folder,
                                                    "Tệp PDF (*.pdf)", "bao-cao.pdf", "pdf"))


def evidence_with(window, folder: Path, *, describing: bool = False):  # type: ignore[no-untyped-def]
    """A figure's evidence dialog with a plan attached (a long citation), or on the page where a
    new file is described."""
    from reportlab.pdfgen import canvas

    from cchc_desktop.domain.evidence import EvidenceMeta, TargetKind
    from cchc_desktop.domain.evidence_items import EvidenceTarget
    from cchc_desktop.gui.evidence_dialog import META_PAGE, EvidenceDialog

    session, code = window.session, "cddh.kh.tong"
    if not session.evidence_for(TargetKind.INDICATOR, code):
        path = folder / "Kế hoạch 20.pdf"
        pdf = canvas.Canvas(str(path))
        pdf.drawString(72, 720, "Kế hoạch 20/KH-UBND")
        pdf.save()
        plan = EvidenceMeta("Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân xã Mỹ An",
                            "20/KH-UBND", dt.date(2026, 1, 6), "Ủy ban nhân dân xã Mỹ An")
        session.add_evidence(plan, path, TargetKind.INDICATOR, code)
    label = session.template.indicators[code].full_label
    dialog = EvidenceDialog(session, EvidenceTarget(TargetKind.INDICATOR, code, label), window)
    if describing:
        dialog.ui.fileLabel.setText("Tệp: Kế hoạch 20.pdf")
        dialog.ui.pages.setCurrentIndex(META_PAGE)
    return dialog


def legacy_text_with(window):  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.legacy_text_dialog import LegacyTextDialog

    dialog = LegacyTextDialog(window, lambda _text: True)
    dialog.ui.before.setPlainText("C\xb8c c\xac quan, \xae\xacn v\xde")   # TCVN3: a summary shows
    return dialog


def par_assessment_with(window, folder: Path):  # type: ignore[no-untyped-def]
    from cchc_desktop.gui.par_assessment_dialog import ParAssessmentDialog
    from tests.par_index_sets import criteria_data, write_set

    dialog = ParAssessmentDialog(window.session, window)
    dialog.add_set_file(write_set(folder, criteria_data()))
    return dialog


def every_dialog(window, store: ReportStore,  # type: ignore[no-untyped-def]
                 folder: Path) -> Iterator[tuple[str, Callable[[], QDialog]]]:
    """(name, maker) for each dialog; the maker runs within the pseudo-locale, the report open."""
    # The scan's own imports: the dialogs are made only when the scan runs.
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.gui.about_dialog import AboutDialog
    from cchc_desktop.gui.board import UnitFiguresDialog
    from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog
    from cchc_desktop.gui.errors import CrashDialog
    from cchc_desktop.gui.final_dialog import ReadinessDialog
    from cchc_desktop.gui.forms.narrative import TableDialog
    from cchc_desktop.gui.guide_dialog import GuideDialog
    from cchc_desktop.gui.header_page import UsualRecipientsDialog
    from cchc_desktop.gui.history_dialog import HistoryDialog
    from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
    from cchc_desktop.gui.mail_account_dialog import MailAccountDialog
    from cchc_desktop.gui.outbox_dialog import OutboxDialog
    from cchc_desktop.gui.restore_dialog import RestoreDialog
    from cchc_desktop.gui.services import UnitSettings
    from cchc_desktop.gui.settings_dialog import SettingsDialog
    from cchc_desktop.gui.setup_dialog import SetupDialog
    from cchc_desktop.gui.submit_dialog import SubmitResultDialog
    from cchc_desktop.gui.trends_dialog import TrendsDialog
    from cchc_desktop.gui.trust_dialog import TrustDialog
    from cchc_desktop.gui.unit_board_dialog import UnitBoardDialog
    from cchc_desktop.gui.unit_codes_dialog import UnitCodesDialog
    from cchc_desktop.outbox.account import MailAccount
    from cchc_desktop.storage.backups import create_backup
    from cchc_desktop.storage.trust_store import TrustStore
    from cchc_desktop.storage.unit_codes import UnresolvedUnit
    from tests.gui.conftest import TODAY

    session, controller = window.session, window.controller
    units = controller.unit_settings()
    store.set_subordinate_units([Unit(code, name, "xa") for code, name in COMMUNES])
    session.set_value("cddh.kh.tong", Decimal(12))   # a line in the history
    create_backup(store.database.path, "Trước khi nhập kỳ trước", now=dt.datetime(2026, 3, 16, 9, 5))

    def usual_recipients() -> QDialog:
        header = window.report_pages.page("header")
        return UsualRecipientsDialog(header.usual_recipient_choices(), header.recipient_lines(), window)

    def unit_codes() -> QDialog:
        unit = UnresolvedUnit(code="xa-my-an", name="Ủy ban nhân dân xã Mỹ An", level="xa",
                              parent="Ủy ban nhân dân tỉnh Đồng Tháp", candidates=[])
        return UnitCodesDialog(UnitSettings(store), [unit], window)

    yield "setup", lambda: SetupDialog(units, TODAY, window)
    yield "settings", lambda: SettingsDialog(units, TODAY, window)
    yield "about", lambda: AboutDialog(window)
    yield "guide", lambda: GuideDialog(window)
    yield "crash", lambda: CrashDialog(RuntimeError("Lỗi thử"), window)
    yield "trust", lambda: TrustDialog(TrustStore(store.database), window)
    yield "unit codes", unit_codes
    yield "legacy text", lambda: legacy_text_with(window)
    yield "table", lambda: TableDialog(window)
    yield "par assessment", lambda: par_assessment_with(window, folder)
    yield "evidence", lambda: evidence_with(window, folder)
    yield "evidence description", lambda: evidence_with(window, folder, describing=True)
    yield "trends", lambda: TrendsDialog(store.unit_reports(session.report.unit.code),
                                         store.registry.get, window)
    yield "history", lambda: HistoryDialog(session.history_log(), session.template, parent=window)
    yield "restore", lambda: RestoreDialog(controller.restore_points(), window)
    yield "readiness", lambda: ReadinessDialog(controller.final_check()[1], window)
    yield "usual recipients", usual_recipients
    yield "import preview", lambda: ImportPreviewDialog(
        session.prepare_previous_import(previous_year_file(window, folder)), window)
    yield "word import", lambda: _word_dialog(window, folder)
    yield "consolidation", lambda: ConsolidationDialog(controller.consolidation(), window)
    yield "rate board", lambda: UnitBoardDialog(controller.consolidation(), window)
    yield "unit figures", lambda: UnitFiguresDialog(_board_row(window), session.template, window)
    yield "package", lambda: SubmitResultDialog(_submission(window, folder), folder / "goi", window)
    yield "file", lambda: _file_dialog(window, folder)
    yield "mail account", lambda: MailAccountDialog(MailAccount(
        host="smtp.dongthap.gov.vn", user="vanthu@xa-my-an.gov.vn", sender="vanthu@xa-my-an.gov.vn",
        cc="luu@xa-my-an.gov.vn"), None, window)

    def outbox() -> QDialog:
        if not store.outbox_items():
            store.queue_message(session.report_id, 0, "<r0@test>", "vanthu@snv.dongthap.gov.vn",
                                "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi 0)", b"x")
        return OutboxDialog(window.outbox_keeper, parent=window)

    yield "outbox", outbox

    def field_help() -> QDialog:
        from PySide6.QtWidgets import QApplication

        from cchc_desktop.gui import window_dialogs

        window.show_page("cddh")
        window.activateWindow()
        window.current_page().fields["cddh.kh.tong"].edit.setFocus()
        QApplication.processEvents()
        box = window_dialogs.field_help(window, session)
        assert box is not None, "F1 found no figure in focus"
        return box

    yield "field help", field_help
