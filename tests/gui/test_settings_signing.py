"""Cài đặt > Chữ ký số: the unit's seal image and timestamp server, checked when chosen, kept in
the data file, and used by the window's signature as by the command line's."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.settings_dialog import SettingsDialog
from cchc_desktop.gui.submit_dialog import SubmitResultDialog
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_TSA_URL

TODAY = dt.date(2026, 12, 2)


def seal_png(path: Path, mode: str = "RGBA") -> Path:
    image = Image.new(mode, (200, 200), (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(image).ellipse((10, 10, 190, 190), outline=(220, 0, 0), width=14)
    image.save(path, format="PNG")
    return path


def test_an_opaque_seal_is_refused_a_transparent_one_and_the_server_are_kept(
        qtbot, store, commune, tmp_path: Path) -> None:
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.ui.sealPath.text() == "" and dialog.ui.tsaUrl.text() == ""
    assert not dialog.choose_seal(str(seal_png(tmp_path / "trang.png", mode="RGB")))
    assert "không có nền trong suốt" in dialog.ui.signingMessage.text()
    assert dialog.ui.sealPath.text() == "", "a refused image is not taken"
    good = seal_png(tmp_path / "dau.png")
    assert dialog.choose_seal(str(good)) and dialog.ui.signingMessage.text() == ""

    dialog.ui.tsaUrl.setText("ftp://tsa.example")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.ui.tabs.currentWidget() is dialog.ui.signingTab
    assert "không hợp lệ" in dialog.ui.signingMessage.text()
    assert store.setting(SETTING_SEAL_PNG, "") == "", "nothing saved while one field is wrong"

    dialog.ui.tsaUrl.setText("  http://127.0.0.1:9/tsa ")
    dialog.accept()
    assert store.setting(SETTING_SEAL_PNG, "") == str(good.resolve())
    assert store.setting(SETTING_TSA_URL, "") == "http://127.0.0.1:9/tsa"
    again = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(again)
    assert again.ui.sealPath.text() == str(good.resolve())
    again.choose_seal("")           # Bỏ ảnh
    again.accept()
    assert store.setting(SETTING_SEAL_PNG, "") == ""


def test_the_windows_signature_carries_the_seal_set_in_the_settings(
        qtbot, window, store, sample_report_id, monkeypatch, tmp_path: Path) -> None:
    from submission.certificates import make_pki

    store.set_setting(SETTING_SEAL_PNG, str(seal_png(tmp_path / "dau.png")))
    store.set_status(sample_report_id, ReportStatus.FINAL)
    (tmp_path / "pki").mkdir()
    pki = make_pki(tmp_path / "pki")
    done: dict[str, object] = {}

    def exec_box(box: QMessageBox) -> int:
        wanted = "Tiếp tục" if box.objectName() == "revisionBox" else "Ký số..."
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path / "ra"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pki.p12), ""))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (pki.password, True))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: done.update(warning=text))
    monkeypatch.setattr(SubmitResultDialog, "exec", lambda dialog: done.update(ok=True) or 0)
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    assert done == {"ok": True}
    [pdf] = (tmp_path / "ra").glob("*/*.pdf")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert sorted(line.split()[2] for line in listing) == ["image", "smask"]
