"""Cài đặt > Chữ ký số: the unit's seal image and timestamp server, checked when chosen, kept in
the data file, and used by the window's signature as by the command line's."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtWidgets import QInputDialog, QMessageBox

from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.services import UnitSettings
from cchc_desktop.gui.settings_dialog import SettingsDialog
from cchc_desktop.gui.submit_dialog import SubmitResultDialog
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_TSA_URL
from tests.gui.file_answers import answer_file_dialogs

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
    assert sorted(line.split()[2] for line in listing) == ["image", "smask"]


def test_the_window_adds_the_organisations_signature_over_the_signers(
        qtbot, window, store, sample_report_id, monkeypatch, tmp_path: Path) -> None:
    """With a seal set, the window offers the organisation's second signature (as the command
    line's --org-sign): two signatures in the PDF, the package valid against the CA."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from pyhanko.pdf_utils.reader import PdfFileReader
    from submission.certificates import make_pki

    from cchc_desktop.submission.verify import verify_package

    store.set_setting(SETTING_SEAL_PNG, str(seal_png(tmp_path / "dau.png")))
    store.set_status(sample_report_id, ReportStatus.FINAL)
    (tmp_path / "pki").mkdir()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    person = make_pki(tmp_path / "pki", ca_key=ca_key)
    body = make_pki(tmp_path / "pki", ca_key=ca_key, file_name="co-quan.p12",
                    holder=("Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân xã Mỹ An"))
    done: dict[str, object] = {}
    asked: list[str] = []

    def exec_box(box: QMessageBox) -> int:
        asked.append(box.objectName())
        wanted = "Thêm chữ ký của cơ quan..." if box.objectName() == "organizationBox" else "Ký số..."
        next(b for b in box.buttons() if b.text() == wanted).click()
        return 0

    def certificate(request):  # type: ignore[no-untyped-def]
        return body.p12 if "của cơ quan" in request.title else person.p12

    answer_file_dialogs(monkeypatch, folder=tmp_path / "ra", open=certificate)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (person.password, True))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: done.update(warning=text))
    monkeypatch.setattr(SubmitResultDialog, "exec", lambda dialog: done.update(ok=True) or 0)
    window.open_report(sample_report_id)
    window.ui.act_submit.trigger()
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    assert done == {"ok": True}
    assert "organizationBox" in asked
    [package] = (tmp_path / "ra").glob("*.zip")
    check = verify_package(package, trust_roots=[person.ca])
    assert check.outcome.value == "valid", check.problems
    [pdf] = (tmp_path / "ra").glob("*/*.pdf")
    with pdf.open("rb") as handle:
        signers = [s.signer_cert.subject.native.get("common_name")
                   for s in PdfFileReader(handle, strict=False).embedded_signatures]
    assert signers == [person_name(person), "Ủy ban nhân dân xã Mỹ An"], "the signer's, then the body's"
    assert store.setting("organization_key_file") == str(body.p12)


def person_name(pki) -> str:  # type: ignore[no-untyped-def]
    from cryptography.x509.oid import NameOID

    return str(pki.signer.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value)
