"""gui/main_window.py: the window wires its parts (controller, pages, tree, findings, status
bar, notice line, outbox and presence keepers) and says what is open.

Most of what the clerk does in it has its own feature test: tests/gui/test_first_hour.py
(size, start page, the tree's first questions), test_saving.py (edits kept, undo), test_report_status.py
(final, submitted, reopened), test_hostile_environment.py (a disk that refuses writes; another
report not opened over them), test_language.py, test_restore.py, test_outbox_window.py and
test_window_on_server.py. Here what the window itself promises beyond them: its title and
status bar follow the open report, the tree and the pages follow its status, the same report
asked again keeps its page, the notice line goes with the report it spoke of, a result with no
narrative to take it is said, and closing over edits the disk refuses asks first.
"""

from __future__ import annotations

import errno
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.main_window import APP_TITLE
from cchc_desktop.storage.repository import ReportStore
from tests.gui.helpers import field, type_into


def test_the_title_the_status_bar_and_the_notice_follow_the_open_report(  # type: ignore[no-untyped-def]
        window, sample_report_id: int, tmp_path) -> None:
    assert APP_TITLE == "CCHC Desktop" and window.windowTitle() == "CCHC Desktop"
    assert window.ui.statusbar.period_label.text() == "Chưa mở báo cáo. Chọn kỳ báo cáo ở trang đầu."
    window.open_report(sample_report_id)
    assert window.windowTitle() == "Ủy ban nhân dân xã Mỹ An — Quý I năm 2026 — CCHC Desktop"
    assert window.ui.statusbar.period_label.text().startswith("Quý I năm 2026 · số liệu từ 15/12/2025")
    assert window.ui.statusbar.status_label.text() == "Trạng thái: Dự thảo"
    assert window.current_key == "cddh", "the first section shown"
    window.notice.show_saved(tmp_path / "BC-CCHC_xa-my-an_2026-Q1.pdf")
    assert window.notice.isVisible()
    assert window.close_report()
    assert not window.notice.isVisible(), "it spoke of the closed report's files"
    assert window.windowTitle() == "CCHC Desktop" and window.session is None
    assert window.ui.statusbar.status_label.text() == ""
    assert window.pages == {}, "the closed report's pages are dropped"


def test_the_tree_and_the_pages_follow_the_reports_status(qtbot, window, sample_report_id: int) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    figure = field(window, "cddh.kh.tong")
    period = window.navigation.page_items["cddh"].parent()
    assert period.text(0) == "Quý I (dự thảo)"
    window.session.set_status(ReportStatus.FINAL)
    assert figure.edit.isReadOnly(), "a page already built is locked"
    period = window.navigation.page_items["cddh"].parent()
    assert period.text(0) == "Quý I (hoàn thành)"
    assert window.ui.statusbar.status_label.text() == "Trạng thái: Hoàn thành"
    assert window.ui.act_reopen.isEnabled()


def test_the_report_open_asked_again_keeps_its_page(qtbot, window, sample_report_id: int) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    session = window.session
    window.show_header()
    window.open_report(sample_report_id)            # its period clicked again in the tree
    assert window.session is session and window.current_key == "header"
    window.show_start()
    window.open_report(sample_report_id)
    assert window.session is session and window.current_key == "cddh", \
        "from the start page: its first section"


def test_a_result_with_no_narrative_to_take_it_is_said(qtbot, window, sample_report_id: int) -> None:  # type: ignore[no-untyped-def]
    window.open_report(sample_report_id)
    window.show_header()
    window.calculator.insert_requested.emit("92,52%")
    assert window.statusBar().currentMessage() == "Trang này không có phần văn bản để chèn."
    window.show_page("phuong_huong")
    window.calculator.insert_requested.emit("92,52%")
    assert "92,52%" in window.current_page().narratives[0].edit.toPlainText()


def test_closing_over_edits_the_disk_refuses_asks_first(qtbot, window, sample_report_id: int,  # type: ignore[no-untyped-def]
                                                        store: ReportStore, monkeypatch) -> None:
    window.open_report(sample_report_id)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warned.append(title))
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)

    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device", str(window.session.data_file))

    monkeypatch.setattr(store, "set_value", disk_full)
    type_into(qtbot, field(window, "cddh.kh.tong"), "67")
    qtbot.waitUntil(lambda: window.session.saver.failing, timeout=3000)
    assert warned == ["Chưa lưu được thay đổi"]
    assert window.ui.statusbar.save_label.text() == "Chưa lưu được — sẽ thử lại"
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)   # Tệp > Thoát
    assert asked == ["Một số thay đổi chưa lưu được vào tệp dữ liệu. Vẫn thoát?"]
    assert window.isVisible() and window.session is not None, "No: the window stays"
    assert window.session.value("cddh.kh.tong") == Decimal(67)
    window.close()
    assert len(asked) == 2 and not window.isVisible()
    assert window.session is None and window.outbox_keeper.outbox is None
    assert store.load_report(sample_report_id).values["cddh.kh.tong"] == 66, "the refused edit is lost"
