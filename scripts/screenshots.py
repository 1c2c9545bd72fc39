"""Screenshots of the main window on the filled sample report, for the docs and for review.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py --out DIR
    xvfb-run -a -s "-screen 0 1440x900x24" .venv/bin/python scripts/screenshots.py --size 1440x900

Opens a throw-away data file holding tests/data/xa-my-an-2026-Q1.json, fixes "today" to
16/03/2026 so the deadlines read the same every time, and saves one PNG per top-level
section, the start page, the records table and the figures annex; then what a clerk sees in
the first hour: the whole screen (screen-*.png: the window as sized for that screen, its status
bar and docks on it), a justified warning, the guide (F1); the dialogs the guide shows (last
period's import, the package, the consolidation of the communes' files, the restore points).
The window is sized as the app sizes it for the screen (gui/window_geometry.py) unless --size
is given (the docs use 1440x900); the geometry it remembers goes to the throw-away folder, not
the user's settings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))   # this checkout's code, whichever checkout the venv was made for
SAMPLE = ROOT / "tests" / "data" / "xa-my-an-2026-Q1.json"
TODAY = dt.date(2026, 3, 16)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="vi", choices=("vi", "en"))
    parser.add_argument("--size", help="WIDTHxHEIGHT of the window (default: fitted to the screen)")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.exchange.json_format import read_report
    from cchc_desktop.gui.app import prepare_application
    from cchc_desktop.gui.main_window import MainWindow
    from cchc_desktop.i18n import set_language
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import OwnUnit, ReportStore

    app = QApplication(sys.argv[:1])
    set_language(args.lang)
    prepare_application(app)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = Database.open(Path(folder) / "screenshots.sqlite3")
        store = ReportStore(database)
        report, template = read_report(SAMPLE)
        store.save_own_unit(OwnUnit(report.unit.code, report.unit.name, report.unit.level, "Xã",
                                    report.unit.parent, report.document.place,
                                    report.document.symbol, report.signer.authority,
                                    report.signer.title, report.signer.name))
        report_id = store.save_report(report)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        window = MainWindow(store, today=lambda: TODAY)
        if args.size:
            width, height = (int(side) for side in args.size.lower().split("x"))
            window.resize(width, height)
        window.show()

        def shot(name: str) -> None:
            for _round in range(3):
                app.processEvents()
                # Without a running event loop, widgets given to deleteLater() stay around.
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            path = args.out / f"window-{name}.png"
            window.grab().save(str(path))
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)

        shot("start")
        screen(app, args.out, "start")
        window.open_report(report_id)
        window.calculator.set_mode("ratio")
        window.calculator.a.setText("43")
        window.calculator.b.setText("66")
        window.calculator.unit.setText("nhiệm vụ")
        window.findings.list.setCurrentRow(0)
        for section in template.sections:
            window.show_page(section.id)
            shot(f"{section.number}-{section.id}")
        # The per-level records table and the figures annex, which clerks look at most.
        for section, _depth in template.walk():
            if any(group.layout == "table" for group in section.groups):
                window.show_page(section.id)
                page = window.current_page()
                table = next(b for b in page.body.children()
                             if type(b).__name__ == "TableGroup" and b.group.total_level)
                page.ensureWidgetVisible(table, 0, 0)
                page.verticalScrollBar().setValue(table.y() - 8)
                shot(f"table-{section.id}")
                break
        if template.annexes:
            window.show_page(f"annex:{template.annexes[0].id}")
            shot("annex-figures")
        first_hour_shots(app, window, args.out, shot)
        guide_shots(app, window, store, Path(folder), args.out)
        lifecycle_shots(app, window, store, report_id, template, args.out, shot)
        outbox_shots(app, window, store, report_id, args.out, shot)
        window.close()
        database.close()
    return 0


def screen(app, out: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """The whole screen, as the clerk sees it: does the window fit?"""
    for _round in range(3):
        app.processEvents()
    path = out / f"screen-{name}.png"
    app.primaryScreen().grabWindow(0).save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def save_widget(app, widget, out: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    """One widget (a dialog, a popup) as `out/<name>.png`, its pending events handled first."""
    for _round in range(3):
        app.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def expand_sections(tree) -> None:  # type: ignore[no-untyped-def]
    """Every section and the annexes unfolded, the groups of figures only under the page shown."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    found = QTreeWidgetItemIterator(tree)
    while found.value() is not None:
        item = found.value()
        first = item.child(0) if item.childCount() else None
        data = first.data(0, Qt.ItemDataRole.UserRole) if first is not None else None
        if first is not None and not (data and data[0] == "group"):
            item.setExpanded(True)
        found += 1


def first_hour_shots(app, window, out: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The first section with the tree's whole titles, the findings with the sample's justified
    warning selected, the calculator's buttons on the screen; then the guide (F1)."""
    from PySide6.QtCore import Qt

    window.show_page(window.session.template.sections[0].id)
    findings = window.findings
    for row in range(findings.list.count()):
        if getattr(findings.list.item(row).data(Qt.ItemDataRole.UserRole), "justified", False):
            findings.list.setCurrentRow(row)
    expand_sections(window.navigation)
    screen(app, out, "report")
    shot("first-hour")
    window.open_guide()
    for _round in range(3):
        app.processEvents()
    path = out / "dialog-guide.png"
    window.guide.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    screen(app, out, "guide")
    window.guide.close()


def guide_shots(app, window, store, folder: Path, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The dialogs of the guide's chapters beyond the window: the preview of last period's file
    (Nhập kỳ trước), the package made (Đóng gói gửi đi), a province's consolidation of its
    communes' files with one refused (Tổng hợp), the restore points (Khôi phục)."""
    import dataclasses
    import datetime as dt

    from cchc_desktop.domain.units import Unit
    from cchc_desktop.exchange.json_format import read_report, write_report
    from cchc_desktop.gui.consolidation_dialog import ConsolidationDialog
    from cchc_desktop.gui.import_previous_dialog import ImportPreviewDialog
    from cchc_desktop.gui.restore_dialog import RestoreDialog
    from cchc_desktop.gui.services import Consolidation
    from cchc_desktop.gui.submit_dialog import SubmitResultDialog
    from cchc_desktop.storage.backups import create_backup
    from cchc_desktop.storage.database import Database
    from cchc_desktop.storage.repository import OwnUnit, ReportStore
    from cchc_desktop.submission.submit import submit
    from tests.gui.pseudo_dialogs import previous_year_file

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        save_widget(app, widget, out, name)

    session, controller = window.session, window.controller
    preview = ImportPreviewDialog(session.prepare_previous_import(previous_year_file(window, folder)),
                                  window)
    preview.show()
    save(preview, "dialog-import-previous")
    preview.hide()

    plan = session.plan_package()
    package = SubmitResultDialog(submit(plan.context, folder / "goi", to="vanthu@snv.dongthap.gov.vn",
                                        now=dt.datetime(2026, 3, 16, 9, 40)), folder / "goi", window)
    package.show()
    save(package, "dialog-package")
    package.hide()

    data_file = store.database.path
    for moment, reason in ((dt.datetime(2026, 3, 16, 8, 2), "Mở tệp dữ liệu"),
                           (dt.datetime(2026, 3, 16, 8, 15), "Trước khi nhập kỳ trước"),
                           (dt.datetime(2026, 3, 16, 9, 38), "Trước khi đánh dấu hoàn thành")):
        create_backup(data_file, reason, now=moment)
    restore = RestoreDialog(controller.restore_points(), window)
    restore.show()
    save(restore, "dialog-restore")
    restore.hide()

    # The province's Department of Home Affairs, its own data file, gathering its communes' files.
    sample, template = read_report(SAMPLE)
    province = Database.open(folder / "tinh.sqlite3")
    try:
        department = ReportStore(province)
        department.save_own_unit(OwnUnit("snv-dong-thap", "Sở Nội vụ tỉnh Đồng Tháp", "tinh",
                                         parent="Ủy ban nhân dân tỉnh Đồng Tháp"))
        communes = [sample.unit, Unit("xa-tan-phu", "Ủy ban nhân dân xã Tân Phú", "xa", sample.unit.parent),
                    Unit("xa-binh-thanh", "Ủy ban nhân dân xã Bình Thạnh", "xa", sample.unit.parent)]
        department.set_subordinate_units(communes)
        report_id = department.create_report(2026, "Q1")
        inbox = folder / "nhan"
        inbox.mkdir()
        write_report(sample, template, inbox / "xa-my-an-2026-Q1.json")
        write_report(dataclasses.replace(sample, unit=communes[1]), template,
                     inbox / "xa-tan-phu-2026-Q1.json")
        stranger = Unit("xa-my-hoa", "Ủy ban nhân dân xã Mỹ Hòa", "xa", "Ủy ban nhân dân tỉnh An Giang")
        write_report(dataclasses.replace(sample, unit=stranger), template, inbox / "xa-my-hoa-2026-Q1.json")
        dialog = ConsolidationDialog(Consolidation(department, report_id), window)
        dialog.show()
        dialog.add_paths([inbox])
        wait = dt.datetime.now() + dt.timedelta(seconds=30)
        while dialog.preview is None and dt.datetime.now() < wait:
            app.processEvents()
        save(dialog, "dialog-consolidation")
        dialog.hide()
        dialog.deleteLater()
    finally:
        province.close()


def outbox_shots(app, window, store, report_id, out, shot):  # type: ignore[no-untyped-def]
    """What a clerk sees of sending: the line after an export, the outbox in its three states
    (sent, waiting for the line, refused with what to do), the mail account."""
    import datetime as dt

    from cchc_desktop.gui.mail_account_dialog import MailAccountDialog
    from cchc_desktop.gui.outbox_dialog import OutboxDialog
    from cchc_desktop.outbox.account import MailAccount

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        save_widget(app, widget, out, name)

    window.show_page("cddh")
    window.notice.show_saved(Path.home() / "Documents" / "BC-CCHC_xa-my-an_2026-Q1.pdf")
    shot("notice-saved")
    window.notice.hide()
    to = "vanthu@snv.dongthap.gov.vn, luu@xa-my-an.gov.vn"
    subject = "Báo cáo CCHC quý I năm 2026 - UBND xã Mỹ An (lần gửi {revision})"
    for revision in (0, 1, 2):
        store.queue_message(report_id, revision, f"<r{revision}@shot>", to,
                            subject.format(revision=revision), b"x")
    first, second, third = sorted(store.outbox_items(report_id), key=lambda i: i.revision)
    store.mark_sent(first.id, "250 2.0.0 Ok: queued as 4F1A2C mail.dongthap.gov.vn",
                    dt.datetime(2026, 3, 16, 2, 5))
    store.mark_failed(second.id, "Máy chủ thư từ chối vì thư quá lớn (552 5.3.4 Message size "
                      "exceeds fixed limit). Hãy gửi riêng tệp .zip, hoặc giảm giới hạn dung lượng "
                      "trong Tài khoản thư.")
    store.mark_retry(third.id, "Chưa kết nối được máy chủ thư smtp.dongthap.gov.vn:587 (mất "
                     "mạng); sẽ tự gửi lại khi có mạng.", dt.datetime(2026, 3, 16, 2, 40))
    dialog = OutboxDialog(window.outbox_keeper, parent=window)
    dialog.resize(900, 360)
    dialog.show()
    save(dialog, "dialog-outbox")
    dialog.hide()
    account = MailAccount(host="smtp.dongthap.gov.vn", user="vanthu.xamyan",
                          sender="vanthu@xa-my-an.gov.vn", cc="luu@xa-my-an.gov.vn")
    form = MailAccountDialog(account, None, window)
    form.show()
    save(form, "dialog-mail-account")
    form.hide()


def lifecycle_shots(app, window, store, report_id, template, out, shot):  # type: ignore[no-untyped-def]
    """The report's life: the calendar, final and locked, the offer to reopen, the history after
    reopening, and the PDF's recipients."""
    import subprocess

    from PySide6.QtWidgets import QMessageBox

    from cchc_desktop.domain.lifecycle import locked_message
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.gui.history_dialog import HistoryDialog

    def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        save_widget(app, widget, out, name)

    window.show_page("header")
    popup = window.pages["header"].date.open_calendar()
    save(popup, "dialog-calendar")
    popup.hide()
    window.session.set_status(ReportStatus.FINAL)
    window.show_page("cddh")
    shot("final-locked")
    box = QMessageBox(QMessageBox.Icon.Warning, "Báo cáo đang bị khóa",
                      locked_message(ReportStatus.FINAL, window.session.report.period.label),
                      QMessageBox.StandardButton.NoButton, window)
    box.addButton("Mở lại để sửa...", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Đóng", QMessageBox.ButtonRole.RejectRole)
    box.show()
    save(box, "dialog-reopen-offer")
    box.hide()
    window.session.set_status(ReportStatus.DRAFT, "Sở Nội vụ đề nghị cập nhật số liệu kỳ trước")
    history = HistoryDialog(window.session.history_log(), template, title="Lịch sử thay đổi",
                            parent=window)
    history.resize(900, 420)
    history.show()
    save(history, "dialog-history-reopened")
    history.hide()
    from cchc_desktop.documents.pdf_report import write_pdf

    window.session.report.recipients = ["- UBND tỉnh Đồng Tháp;", "- Sở Nội vụ tỉnh Đồng Tháp;",
                                        "Thường trực Đảng ủy xã.", "- Lưu: VT."]
    pdf = out / "recipients.pdf"
    write_pdf(window.session.build_context(window.session.report), pdf)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    last = next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))
    for page in range(1, int(last) + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        if "Nơi nhận:" in text:
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(out / "pdf-recipients")], check=True)
            print(out / "pdf-recipients.png")
            break
    pdf.unlink()


if __name__ == "__main__":
    sys.exit(main())
