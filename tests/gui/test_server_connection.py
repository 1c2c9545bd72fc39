"""gui/server_connection.py: Tệp > Kết nối máy chủ... asks the server's address (offering the
last one), says in Vietnamese why an address is refused or a server cannot be reached and then
changes nothing, asks the server's password in a masked box when the server wants one, and
remembers the address without its password once the controller works on the server.

Beside tests/gui/test_window_on_server.py, which moves a whole window to a server through
this module (and checks a refused scheme there); here connect() alone, the boxes answered by
keys.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

from postgres_server import PASSWORD, PASSWORD_USER
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from cchc_desktop.addresses import parse_server
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.server_connection import connect
from cchc_desktop.storage.repository import ReportStore

Seen = dict[str, object]


def answer_boxes(qtbot, *answers: Callable[[QWidget], Seen]) -> list[Seen]:  # type: ignore[no-untyped-def]
    """Answer the next modal boxes in turn, each by one of `answers`; what each saw is kept.
    A box that never comes is waited for 10 s at most (the test then fails on what was seen)."""
    seen: list[Seen] = []
    waiting = list(answers)
    deadline = time.monotonic() + 10

    def next_box() -> None:
        box = QApplication.activeModalWidget()
        if box is None or box.property("answered"):
            if time.monotonic() < deadline:
                QTimer.singleShot(10, next_box)
            return
        box.setProperty("answered", True)
        seen.append(waiting.pop(0)(box))
        if waiting:
            QTimer.singleShot(10, next_box)

    QTimer.singleShot(0, next_box)
    return seen


def type_and_enter(text: str | None):  # type: ignore[no-untyped-def]
    """The clerk types `text` into the input box and presses Enter (None: presses Esc)."""
    def answer(box: QWidget) -> Seen:
        assert isinstance(box, QInputDialog)
        seen: Seen = {"label": box.labelText(), "offered": box.textValue(),
                      "masked": box.textEchoMode() == QLineEdit.EchoMode.Password}
        edit = box.findChild(QLineEdit)
        assert edit is not None
        if text is None:
            QTest.keyClick(edit, Qt.Key.Key_Escape)
            return seen
        edit.selectAll()
        send_text(edit, text)
        QTest.keyClick(edit, Qt.Key.Key_Return)
        return seen
    return answer


def send_text(widget: QWidget, text: str) -> None:
    """Key by key, as tests/gui/helpers.type_text does (not imported: mypy would find tests/gui
    under two names)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def read_warning(box: QWidget) -> Seen:
    assert isinstance(box, QMessageBox)
    seen: Seen = {"title": box.windowTitle(), "text": box.text()}
    box.button(QMessageBox.StandardButton.Ok).click()
    return seen


def test_the_last_address_is_offered_and_esc_changes_nothing(qtbot, store: ReportStore) -> None:  # type: ignore[no-untyped-def]
    QSettings().setValue("server_address", "postgresql://chuyenvien@may-chu/cchc")
    controller = ReportController(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = answer_boxes(qtbot, type_and_enter(None))
    assert connect(parent, controller) is None
    assert seen[0]["offered"] == "postgresql://chuyenvien@may-chu/cchc"
    assert "postgresql://người_dùng@máy_chủ/tên_cơ_sở_dữ_liệu" in str(seen[0]["label"])
    assert not seen[0]["masked"]
    assert controller.store is store


def test_an_address_that_is_no_server_is_said_and_nothing_changes(qtbot, store: ReportStore) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = answer_boxes(qtbot, type_and_enter("  may-chu/cchc  "), read_warning)
    assert connect(parent, controller) is None
    assert seen[1]["title"] == "Kết nối máy chủ"
    assert seen[1]["text"] == ("Địa chỉ máy chủ may-chu/cchc không hợp lệ: cần dạng "
                               "postgresql://người_dùng@máy_chủ[:cổng]/tên_cơ_sở_dữ_liệu.")
    assert controller.store is store and QSettings().value("server_address") is None


def test_a_server_that_does_not_answer_is_said_and_nothing_changes(qtbot, store: ReportStore) -> None:  # type: ignore[no-untyped-def]
    controller = ReportController(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = answer_boxes(qtbot, read_warning)
    # Port 1 on this machine: nothing listens, the connection is refused at once.
    assert connect(parent, controller, "postgresql://chuyenvien:mat-khau@127.0.0.1:1/cchc") is None
    [warning] = seen
    assert warning["title"] == "Kết nối máy chủ"
    assert "mat-khau" not in str(warning["text"]), "the password is never shown"
    assert "127.0.0.1" in str(warning["text"])
    assert controller.store is store and QSettings().value("server_address") is None


def test_the_password_is_asked_masked_and_a_login_without_a_role_is_refused(  # type: ignore[no-untyped-def]
        qtbot, store: ReportStore, postgres_server, postgres_head_url: str) -> None:
    name = postgres_head_url.rsplit("/", 1)[1]
    postgres_server.execute(f'GRANT ALL ON DATABASE "{name}" TO {PASSWORD_USER}')
    address = dataclasses.replace(parse_server(postgres_head_url), user=PASSWORD_USER, password=None)
    controller = ReportController(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = answer_boxes(qtbot, type_and_enter(address.masked()), type_and_enter(PASSWORD),
                        read_warning)
    assert connect(parent, controller) is None
    assert seen[1] == {"label": f"Mật khẩu của {PASSWORD_USER} trên máy chủ {address.masked()}: ",
                       "offered": "", "masked": True}
    assert seen[2]["text"] == (
        f"Tài khoản máy chủ {PASSWORD_USER} không có quyền xem dữ liệu CCHC Desktop: cần một vai "
        "trò Xem (cchc_viewer), Chuyên viên (cchc_clerk) hoặc Lãnh đạo (cchc_leader). Hãy nhờ "
        "người quản trị máy chủ cấp quyền (cchc-desktop server-roles grant).")
    assert controller.store is store and QSettings().value("server_address") is None


def test_the_server_is_remembered_without_the_password_typed_in_its_address(  # type: ignore[no-untyped-def]
        qtbot, store: ReportStore, postgres_head_url: str) -> None:
    server = parse_server(postgres_head_url)
    controller = ReportController(store)
    parent = QWidget()
    qtbot.addWidget(parent)
    connected = connect(parent, controller, postgres_head_url.replace("@", ":mat-khau-bi-mat@", 1))
    try:
        assert connected is not None and connected.password == "mat-khau-bi-mat"
        assert controller.store is not store and controller.store is not None
        assert controller.store.database.is_server
        assert QSettings().value("server_address") == server.masked()
        assert "mat-khau" not in server.masked()
    finally:
        if controller.store is not None and controller.store is not store:
            controller.store.database.close()
