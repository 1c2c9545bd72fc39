"""Công cụ > Chứng thư tin cậy...: roots and a CRL imported from files, a pin removed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from submission.trust_pki import make_ca, make_crl, make_signer, write_crl, write_pem

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.gui.trust_dialog import TrustDialog
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.storage.trust_store import TrustStore


class Clerk:
    """Answers the dialog's file choosers and message boxes, remembering what it was told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.file: Path | None = None
        self.told: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(self.file), ""))
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: self.told.append(text))
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: self.told.append(text))
        monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: self.answer)


def _table_rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT fingerprint FROM {table}").fetchall()


def test_the_province_imports_roots_and_a_crl_and_removes_one(qtbot, store: ReportStore,  # type: ignore[no-untyped-def]
                                                              tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = Clerk(monkeypatch)
    neac, cyb = make_ca("Vietnam National Root CA thử"), make_ca("CA chuyên dùng thử")
    dialog = TrustDialog(TrustStore(store.database))
    qtbot.addWidget(dialog)
    assert dialog.anchors.rowCount() == 0
    assert "không được kiểm tra" in dialog.crl_label.text()
    assert not dialog.btn_remove.isEnabled()

    clerk.file = write_pem(tmp_path / "goc.pem", neac.cert, cyb.cert)
    dialog.btn_import.click()
    assert clerk.told[-1].startswith("Đã thêm 2 chứng thư gốc")
    assert dialog.anchors.rowCount() == 2
    subjects = {dialog.anchors.item(i, 0).text() for i in range(2)}
    assert "Vietnam National Root CA thử, Trung tâm thử nghiệm" in subjects
    assert set(_table_rows(store.database.path, "trust_anchors")) == {
        (fingerprint(neac.cert),), (fingerprint(cyb.cert),)}

    # A unit's own certificate is refused, in Vietnamese, nothing added.
    clerk.file = write_pem(tmp_path / "ky.pem", make_signer(neac).cert)
    dialog.btn_import.click()
    assert "không phải chứng thư của tổ chức chứng thực" in clerk.told[-1]
    assert dialog.anchors.rowCount() == 2

    clerk.file = write_crl(tmp_path / "neac.crl", make_crl(neac))
    dialog.btn_crl.click()
    assert clerk.told[-1].startswith("Đã nhập danh sách thu hồi của Vietnam National Root CA thử")
    assert "Vietnam National Root CA thử" in dialog.crl_label.text()

    row = [dialog.anchors.item(i, 0).text() for i in range(2)].index(
        "CA chuyên dùng thử, Trung tâm thử nghiệm")
    dialog.anchors.selectRow(row)
    assert dialog.btn_remove.isEnabled()
    dialog.btn_remove.click()
    assert dialog.anchors.rowCount() == 1
    assert _table_rows(store.database.path, "trust_anchors") == [(fingerprint(neac.cert),)]


def test_a_pinned_unit_is_listed_and_unpinned(qtbot, store: ReportStore,  # type: ignore[no-untyped-def]
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    clerk = Clerk(monkeypatch)
    trust = TrustStore(store.database)
    signer = make_signer(make_ca())
    trust.pin("29278", signer.cert)
    dialog = TrustDialog(trust)
    qtbot.addWidget(dialog)
    assert dialog.pins.item(0, 0).text() == "29278"
    assert dialog.pins.item(0, 1).text().startswith("Nguyễn Văn Bình")
    dialog.pins.selectRow(0)
    clerk.answer = QMessageBox.StandardButton.No
    dialog.btn_unpin.click()
    assert dialog.pins.rowCount() == 1
    clerk.answer = QMessageBox.StandardButton.Yes
    dialog.btn_unpin.click()
    assert dialog.pins.rowCount() == 0
    assert _table_rows(store.database.path, "trust_pins") == []


def test_the_tools_menu_opens_the_dialog(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert window.ui.act_trust in window.ui.menu_tools.actions()
    assert window.ui.act_trust.text() == "Chứng thư tin cậy..."
    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.objectName() if dialog else "")
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(0, close_it)
    window.ui.act_trust.trigger()
    assert seen == ["trustDialog"]
