"""Cài đặt > Chữ ký số > Ảnh chữ ký của người ký: checked when chosen (the seal's checks), kept
in the data file, removed with "Bỏ ảnh", and drawn in the window's signature."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox
from submission.signature_pngs import signature_png

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.settings_dialog import SettingsDialog
from cchc_desktop.gui.submit_dialog import SubmitResultDialog
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_SIGNATURE_PNG
from tests.gui.file_answers import answer_file_dialogs
from tests.gui.test_settings_signing import TODAY, seal_png


def test_a_refused_signature_image_is_said_and_not_kept_a_good_one_is_saved_and_removed(
        qtbot, store, commune, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    assert dialog.ui.signatureLabel.text() == "Ảnh chữ ký của người ký"
    assert dialog.ui.signaturePath.text() == ""
    # chosen through the button and the file dialog, as a clerk does
    answer_file_dialogs(monkeypatch, open=signature_png(tmp_path / "trang.png", mode="RGB"))
    dialog.ui.chooseSignature.click()
    assert "Ảnh chữ ký trang.png không có nền trong suốt" in dialog.ui.signingMessage.text()
    assert dialog.ui.signaturePath.text() == "", "a refused image is not taken"
    broken = tmp_path / "hong.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nrac")
    assert not dialog.choose_signature(str(broken))
    assert "bị hỏng" in dialog.ui.signingMessage.text()
    dialog.accept()
    assert store.setting(SETTING_SIGNATURE_PNG, "") == "", "nothing kept from a refused file"

    good = signature_png(tmp_path / "chu-ky.png")
    answer_file_dialogs(monkeypatch, open=good)
    again = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(again)
    again.ui.chooseSignature.click()
    assert again.ui.signaturePath.text() == str(good) and again.ui.signingMessage.text() == ""
    again.accept()
    assert store.setting(SETTING_SIGNATURE_PNG, "") == str(good.resolve())
    assert store.setting(SETTING_SEAL_PNG, "") == "", "the seal is its own setting"

    reopened = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(reopened)
    assert reopened.ui.signaturePath.text() == str(good.resolve())
    reopened.ui.clearSignature.click()          # Bỏ ảnh
    assert reopened.ui.signaturePath.text() == ""
    reopened.accept()
    assert store.setting(SETTING_SIGNATURE_PNG, "") == ""


def test_a_signature_image_that_went_bad_since_it_was_kept_is_refused_on_save(
        qtbot, store, commune, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The file kept in the data file was replaced by an opaque one: saving says so, on the tab."""
    path = signature_png(tmp_path / "chu-ky.png")
    store.set_setting(SETTING_SIGNATURE_PNG, str(path))
    signature_png(path, mode="RGB")
    dialog = SettingsDialog(UnitSettings(store), TODAY)
    qtbot.addWidget(dialog)
    dialog.ui.tabs.setCurrentIndex(0)
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert dialog.ui.tabs.currentWidget() is dialog.ui.signingTab
    assert "không có nền trong suốt" in dialog.ui.signingMessage.text()


def test_the_windows_signature_carries_the_signature_image_and_the_seal_set_in_the_settings(
        qtbot, window, store, sample_report_id, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from submission.certificates import make_pki

    from cchc_desktop.submission.verify import verify_package

    store.set_setting(SETTING_SIGNATURE_PNG, str(signature_png(tmp_path / "chu-ky.png")))
    store.set_setting(SETTING_SEAL_PNG, str(seal_png(tmp_path / "dau.png")))
    store.set_status(sample_report_id, ReportStatus.FINAL)
    (tmp_path / "pki").mkdir()
    pki = make_pki(tmp_path / "pki")
    done: dict[str, object] = {}

    def exec_box(box: QMessageBox) -> int:
        wanted = {"revisionBox": "Tiếp tục", "organizationBox": "Chỉ chữ ký của người ký"}.get(
            box.objectName(), "Ký số...")
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    answer_file_dialogs(monkeypatch, folder=tmp_path / "ra", open=pki.p12)
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
    assert sorted(line.split()[2] for line in listing) == ["image", "image", "smask", "smask"]
    [package] = (tmp_path / "ra").glob("*.zip")
    check = verify_package(package, trust_roots=[pki.ca])
    assert check.outcome.value == "valid", check.problems
