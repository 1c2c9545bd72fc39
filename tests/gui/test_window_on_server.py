"""The window on the data of a PostgreSQL server (`cchc-desktop --db postgresql://...`): opened
behind the shown window, the password asked on the GUI thread when the server wants one, the
clerk's edits on the server, its restore points (pg_dump's) listed and put back from Tệp >
Khôi phục like a file's, and what only a file has said, not crashed on."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from postgres_server import PASSWORD, PASSWORD_USER
from PySide6.QtWidgets import QInputDialog, QMessageBox

from cchc_desktop.addresses import parse_server
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.gui.opening import OpenedFile, open_behind_window
from cchc_desktop.storage import server_backups
from tests.gui.conftest import commune_unit, make_window
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.helpers import field, type_into, wait_saved
from tests.gui.test_restore import _restore_with


def test_the_window_works_on_the_servers_data(qtbot, postgres_head_url, monkeypatch,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    opened = open_behind_window(parse_server(postgres_head_url), None, shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    store = opened.store
    try:
        store.save_own_unit(commune_unit())
        window = make_window(qtbot, store)
        assert window.controller.on_server and window.controller.restore_points() == []
        window.start_page.refresh()
        window.start_page.buttons["Q1"].click()
        typed = field(window, "cddh.kh.tong")
        type_into(qtbot, typed, "66")
        wait_saved(qtbot, window)
        again = open_behind_window(parse_server(postgres_head_url), None, shipped_templates())
        assert isinstance(again, OpenedFile)
        try:
            [summary] = again.store.list_reports()
            assert again.store.load_report(summary.id).values["cddh.kh.tong"] == Decimal(66), \
                "on the server, as typed"
        finally:
            again.store.database.close()
        # An export: the data file it may not overwrite is the server's address, no crash.
        answer_file_dialogs(monkeypatch, save=tmp_path / "bao-cao.xlsx")
        window.ui.act_xlsx.trigger()
        qtbot.waitUntil(lambda: window.exporter.job is None and window.notice.isVisible(),
                        timeout=30000)
        assert (tmp_path / "bao-cao.xlsx").exists()
        # Restore points are pg_dump's: a PC without it is told what to install.
        said: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: said.append(text))
        monkeypatch.setenv("PATH", "")
        monkeypatch.setattr(server_backups, "_bin_folders", lambda: [])
        assert not window.restore_data()
        assert "Không tìm thấy chương trình pg_dump" in said[0] and "Command Line Tools" in said[0]
        window.close_report()
    finally:
        store.database.close()


def test_restore_points_of_the_server_from_the_file_menu(qtbot, postgres_head_url,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    opened = open_behind_window(parse_server(postgres_head_url), None, shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    store = opened.store
    try:
        store.save_own_unit(commune_unit())
        window = make_window(qtbot, store)
        assert window.controller.restore_points() == []
        window.start_page.refresh()
        window.start_page.buttons["Q1"].click()
        type_into(qtbot, field(window, "cddh.kh.tong"), "66")
        wait_saved(qtbot, window)
        report_id = window.session.report_id
        # A status change takes a restore point on the server first (pg_dump: 0.2-0.3 s here).
        window.session.set_status(ReportStatus.FINAL)
        [before_final] = window.controller.restore_points()
        assert before_final.path.suffix == ".dump"
        assert before_final.reason == "Trước khi đánh dấu hoàn thành — Quý I năm 2026"
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Sửa số liệu", True))
        assert window.reopen()
        type_into(qtbot, field(window, "cddh.kh.tong"), "67")     # saved by the restore itself
        informed: list[str] = []
        monkeypatch.setattr(QMessageBox, "information",
                            lambda parent, title, text, *a, **k: informed.append(text))
        dialogs = _restore_with(monkeypatch, lambda backups: next(
            b for b in backups if b.path == before_final.path))
        assert window.restore_data()

        [dialog] = dialogs
        assert [dialog.table.item(row, 1).text() for row in range(dialog.table.rowCount())] == [
            "Trước khi mở lại báo cáo — Quý I năm 2026", before_final.reason]
        assert dialog.table.item(1, 2).text() == "Quý I năm 2026: Dự thảo"
        # Back on the same report as it was then: a draft of 66, on the server.
        session = window.session
        assert session is not None and session.report_id == report_id
        assert session.value("cddh.kh.tong") == 66 and session.report.status is ReportStatus.DRAFT
        assert field(window, "cddh.kh.tong").edit.text() == "66"
        again = open_behind_window(parse_server(postgres_head_url), None, shipped_templates())
        assert isinstance(again, OpenedFile)
        try:
            stored = again.store.load_report(report_id)
            assert stored.values["cddh.kh.tong"] == Decimal(66)
            assert stored.status is ReportStatus.DRAFT
        finally:
            again.store.database.close()
        [message] = informed
        assert "Đã khôi phục dữ liệu về thời điểm" in message
        newest = window.controller.restore_points()[0]
        assert newest.reason == "Trước khi khôi phục", "the state before, kept to undo the restore"
        window.close_report()
    finally:
        store.database.close()


def test_the_servers_password_is_asked_on_the_gui_thread(qtbot, postgres_server, postgres_head_url) -> None:  # type: ignore[no-untyped-def]
    import threading

    postgres_server.execute(f'GRANT ALL ON DATABASE "{postgres_head_url.rsplit("/", 1)[1]}" '
                            f"TO {PASSWORD_USER}")
    address = dataclasses.replace(parse_server(postgres_head_url), user=PASSWORD_USER, password=None)
    asked: list[tuple[str, bool]] = []

    def ask(prompt: str) -> str:
        asked.append((prompt, threading.current_thread() is threading.main_thread()))
        return PASSWORD

    opened = open_behind_window(address, None, shipped_templates(), ask=ask)
    if isinstance(opened, OpenedFile):
        opened.store.database.close()
    assert len(asked) == 1 and asked[0][1], "asked once, by the GUI thread"
    assert PASSWORD_USER in asked[0][0] and PASSWORD not in asked[0][0]


def test_tep_ket_noi_may_chu_moves_the_window_to_the_server(qtbot, window, sample_report_id,  # type: ignore[no-untyped-def]
                                                           postgres_head_url, monkeypatch) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog, QInputDialog

    from cchc_desktop.gui.setup_dialog import SetupDialog

    window.open_report(sample_report_id)
    file_store = window.store
    asked: list[str] = []
    def answer(parent, title, label, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(label)
        return postgres_head_url, True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    monkeypatch.setattr(SetupDialog, "exec",
                        lambda dialog: asked.append("setup") or QDialog.DialogCode.Rejected)
    assert window.connect_server()
    assert window.session is None and window.controller.on_server and window.store is not file_store
    assert asked[-1] == "setup", "an empty server's data starts with the unit's setup"
    assert "postgresql://" in window.windowTitle()
    assert QSettings().value("server_address") == parse_server(postgres_head_url).masked()
    # Bad address: said, nothing switched.
    said: list[str] = []
    monkeypatch.setattr("cchc_desktop.gui.server_connection.show_known_error",
                        lambda parent, error, title="": said.append(error.message))
    server_store = window.store
    assert not window.connect_server("mysql://x@y/z")
    assert said and window.store is server_store
    window.store.database.close()


def test_a_report_another_clerk_has_open_says_so(qtbot, postgres_head_url) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.storage.presence import Presence
    from cchc_desktop.storage.server import open_server

    opened = open_behind_window(parse_server(postgres_head_url), None, shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    store = opened.store
    other = open_server(parse_server(postgres_head_url))      # the other clerk's app
    try:
        store.save_own_unit(commune_unit())
        report_id = store.create_report(2026, "Q1")
        theirs = Presence(other)
        theirs.announce(report_id)
        window = make_window(qtbot, store)
        window.open_report(report_id)
        qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=10000)
        assert "đang sửa báo cáo này" in window.notice.message.text()
        assert window.presence.timer.isActive()
        theirs.close()
        window.presence.check()                               # what the timer does
        assert not window.notice.isVisible()
        window.close_report()
        assert not window.presence.timer.isActive()
        window.close()
    finally:
        other.close()
        store.database.close()


def test_a_clerk_login_may_edit_but_the_server_refuses_final(qtbot, postgres_server, postgres_url,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.storage.server import open_server
    from cchc_desktop.storage.server_roles import grant, install

    admin = open_server(parse_server(postgres_url))
    install(admin)
    grant(admin, "gui_cv_an", "clerk", create_login=True, password="mật khẩu 1")
    admin.close()
    clerk_url = postgres_server.url(postgres_url.rsplit("/", 1)[1], "gui_cv_an")
    opened = open_behind_window(parse_server(clerk_url), None, shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    store = opened.store
    try:
        store.save_own_unit(commune_unit())
        window = make_window(qtbot, store)
        window.start_page.refresh()
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
        window.start_page.buttons["Q1"].click()
        type_into(qtbot, field(window, "cddh.kh.tong"), "66")
        wait_saved(qtbot, window)
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
        window.mark_final()
        assert any("gui_cv_an" in text and "cần vai trò Lãnh đạo" in text for text in shown), shown
        report_id = window.session.report_id
        assert store.load_report(report_id).status is ReportStatus.DRAFT
        assert window.session.report.status is ReportStatus.DRAFT
        window.close_report()
        window.close()
    finally:
        store.database.close()


def test_the_server_stopped_during_a_run_of_edits_loses_none(qtbot, postgres_server,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    """The cable pulled (the server stopped at once) while the clerk types: the edits stay in
    the window, the clerk is told once, and they reach the server when it is back."""
    from postgres_server import start_server

    from cchc_desktop.gui.autosave import AutoSaver

    monkeypatch.setattr(AutoSaver, "RETRY_MS", 300)
    server = start_server()        # the test's own: stopping the session's would stop the others
    opened = open_behind_window(parse_server(server.create_database("cchc")), None,
                                shipped_templates())
    assert isinstance(opened, OpenedFile), opened
    store = opened.store
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    try:
        store.save_own_unit(commune_unit())
        window = make_window(qtbot, store)
        window.start_page.refresh()
        window.start_page.buttons["Q1"].click()
        report_id = window.session.report_id
        conflicts: list[object] = []
        window.conflicts.choose = lambda _parent, conflict: conflicts.append(conflict) or True
        type_into(qtbot, field(window, "cddh.kh.tong"), "66")
        wait_saved(qtbot, window)
        server.pause()
        typed = {"cddh.kh.tong": "70", "cddh.kh.hoan_thanh": "60", "cddh.kh.dang_thuc_hien": "8"}
        for code, text in typed.items():
            type_into(qtbot, field(window, code), text)
        qtbot.waitUntil(lambda: bool(said), timeout=15000)
        assert len(said) == 1 and "máy chủ" in said[0], said           # told once, in words
        assert window.session.saver.pending
        assert window.session.value("cddh.kh.tong") == Decimal(70)     # still in the window
        server.resume()
        qtbot.waitUntil(lambda: not window.session.saver.pending, timeout=30000)
        assert conflicts == [], [(c.key, c.theirs, c.mine, c.other) for c in conflicts]
        window.close_report()
        window.close()
        again = open_behind_window(parse_server(server.url("cchc")), None, shipped_templates())
        assert isinstance(again, OpenedFile)
        try:
            values = again.store.load_report(report_id).values
            assert {code: values.get(code) for code in typed} == \
                {code: Decimal(text) for code, text in typed.items()}
        finally:
            again.store.database.close()
    finally:
        store.database.close()
        server.stop()


def test_a_viewers_window_opens_the_report_read_only(qtbot, postgres_server, postgres_url,  # type: ignore[no-untyped-def]
                                                     monkeypatch) -> None:
    """A login with only cchc_viewer reads: the report opens locked, the notice says why, what
    would write is not offered. A clerk's login on the same data sees none of it."""
    from cchc_desktop.domain.report import ReportStatus
    from cchc_desktop.storage.repository import ReportStore
    from cchc_desktop.storage.server import open_server
    from cchc_desktop.storage.server_roles import grant, install

    admin = open_server(parse_server(postgres_url))
    install(admin)
    grant(admin, "gui_xem", "viewer", create_login=True, password="mật khẩu 1")
    grant(admin, "gui_cv_binh", "clerk", create_login=True, password="mật khẩu 1")
    admin_store = ReportStore(admin, shipped_templates())
    admin_store.save_own_unit(commune_unit())
    report_id = admin_store.create_report(2026, "Q1")
    admin_store.set_value(report_id, "cddh.kh.tong", Decimal(60))
    admin.close()
    name = postgres_url.rsplit("/", 1)[1]
    for login, reads_only in (("gui_xem", True), ("gui_cv_binh", False)):
        opened = open_behind_window(parse_server(postgres_server.url(name, login)), None,
                                    shipped_templates())
        assert isinstance(opened, OpenedFile), opened
        store = opened.store
        try:
            window = make_window(qtbot, store)
            window.open_report(report_id)
            session = window.session
            assert session.report.status is ReportStatus.DRAFT
            typed = field(window, "cddh.kh.tong")
            tasks = next(t for t in window.current_page().lists if t.spec.kind == "tasks")
            ui = window.ui
            offered = [ui.act_final.isEnabled(), ui.act_import_word.isEnabled(),
                       ui.act_import_previous.isEnabled(), ui.act_submit.isEnabled()]
            if reads_only:
                assert session.locked and typed.edit.isReadOnly()
                assert not tasks.add_button.isEnabled()
                assert window.notice.isVisible()
                assert "Tài khoản gui_xem chỉ có quyền xem" in window.notice.message.text()
                assert offered == [False] * 4
                assert ui.act_pdf.isEnabled() and ui.act_history.isEnabled(), "reading stays"
                type_into(qtbot, typed, "66")
                assert typed.edit.text() == "60" and session.report.values["cddh.kh.tong"] == 60
                assert session.saver.flush()
                # A period not started yet: told before being asked, nothing started.
                asked: list[object] = []
                told: list[str] = []
                monkeypatch.setattr(QMessageBox, "question",
                                    lambda *a, asked=asked, **k: asked.append(a))
                monkeypatch.setattr(QMessageBox, "warning",
                                    lambda parent, title, text, *a, told=told: told.append(text))
                window._open_period_of(commune_unit().code, 2026, "H1")
                assert asked == [] and any("gui_xem chỉ có quyền xem" in t for t in told), told
                assert len(store.list_reports()) == 1
            else:
                assert not session.locked and not typed.edit.isReadOnly()
                assert tasks.add_button.isEnabled()
                assert "chỉ có quyền xem" not in window.notice.message.text()
                assert offered == [True] * 4
                type_into(qtbot, typed, "66")
                wait_saved(qtbot, window)
            assert store.load_report(report_id).values["cddh.kh.tong"] == (
                Decimal(60) if reads_only else Decimal(66))
            window.close_report()
            window.close()
        finally:
            store.database.close()
