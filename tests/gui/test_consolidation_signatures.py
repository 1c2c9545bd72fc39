"""The tampered packages of issue 13 dropped on the window's consolidation, as the province's
clerk receives them: refused with their reason, or accepted with their outcome's statement.

The same packages as tests/submission/test_tampering.py (which checks the library and the
command line); the province's trust store holds the test CA and its CRL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import pkcs12
from submission.test_tampering import (  # noqa: F401  (fixtures used by name)
    Packages,
    packages,
    packages_forged_workbook,
    tampered,
    trust_set,
)

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.domain.units import Unit
from cchc_desktop.storage.repository import OwnUnit
from cchc_desktop.storage.trust_store import TrustStore
from cchc_desktop.submission.verify import Outcome
from gui.test_consolidation_dialog import drop, open_dialog, texts


@pytest.fixture
def province(store, window, trust_set):  # type: ignore[no-untyped-def]  # noqa: F811
    """The province's Quý I report open; its trust store has the test CA and the CA's CRL."""
    store.save_own_unit(OwnUnit("87-so-noi-vu", "Sở Nội vụ tỉnh Đồng Tháp", "tinh"))
    store.set_subordinate_units([Unit("xa-my-an", "Ủy ban nhân dân xã Mỹ An", "xa")])
    report_id = store.create_report(2026, "Q1")
    trust = TrustStore(store.database)
    trust.import_certificates(trust_set.write_pem("goc.pem", trust_set.ca))
    trust.import_crl(trust_set.write_pem("thu-hoi.pem", trust_set.crl))
    window.open_report(report_id)
    return report_id


def dropped(qtbot, window, *paths: Path) -> Any:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, window, window.ui.act_consolidate)
    drop(dialog, *paths)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60000)
    return dialog


def copy(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes())
    return target


def test_every_tampered_package_is_refused_with_its_reason(
        qtbot, window, province, packages: Packages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    good, forged, revised = packages.get("good"), packages.get("forged-figure"), packages.get("revision-1")
    pdf = good.pdf.read_bytes()
    stripped = pdf[:pdf.rindex(b"%%EOF", 0, pdf.index(b"/ByteRange")) + 6]

    def rename(manifest: dict[str, Any]) -> None:
        manifest["unit"]["name"] = "Ủy ban nhân dân xã Giả Mạo"

    cases = {
        "1-excel-thay.zip": tampered(good, tmp_path / "a.zip", replace={
            good.workbook.name: forged.workbook.read_bytes()},
            edit=lambda m: m.update(data_sha256=forged.manifest.data_sha256)),
        "2-so-lieu-an.zip": packages_forged_workbook(good, tmp_path),
        "3-doi-ten.zip": tampered(good, tmp_path / "b.zip", edit=rename),
        "4-go-chu-ky.zip": tampered(good, tmp_path / "c.zip", replace={good.pdf.name: stripped}),
        "5-pdf-khac.zip": tampered(good, tmp_path / "d.zip",
                                   replace={good.pdf.name: forged.pdf.read_bytes()}),
        "6-ha-lan-gui.zip": tampered(revised, tmp_path / "e.zip",
                                     edit=lambda m: m.update(revision=0, replaces_revision=None)),
        "7-het-han.zip": packages.get("expired").zip_path,
        "8-thu-hoi.zip": packages.get("revoked").zip_path,
    }
    reasons = {
        "1-excel-thay.zip": "số liệu trong biểu Excel khác số liệu trong tệp PDF",
        "2-so-lieu-an.zip": "tệp Excel của gói khác tệp Excel đính kèm trong tệp PDF",
        "3-doi-ten.zip": "manifest ghi Ủy ban nhân dân xã Giả Mạo",
        "4-go-chu-ky.zip": "tệp PDF không có chữ ký",
        "5-pdf-khac.zip": "mã số liệu (data_sha256) trong manifest khác số liệu trong tệp PDF",
        "6-ha-lan-gui.zip": "tệp PDF là lần gửi 1, manifest ghi lần gửi 0",
        "7-het-han.zip": "không còn hoặc chưa có hiệu lực vào lúc ký",
        "8-thu-hoi.zip": "đã bị thu hồi",
    }
    inbox = tmp_path / "nhan"
    inbox.mkdir()
    for name, path in cases.items():
        copy(path, inbox / name)
    dialog = dropped(qtbot, window, inbox)
    assert texts(dialog.accepted_list) == []
    assert not dialog.apply_button.isEnabled()
    refused = texts(dialog.refused_list)
    assert len(refused) == len(cases)
    for name, reason in reasons.items():
        [line] = [r for r in refused if name in r]
        assert reason in line, line


@pytest.mark.parametrize(("name", "outcome"), [
    ("good", Outcome.VALID), ("impostor", Outcome.UNTRUSTED), ("unsigned", Outcome.UNSIGNED)])
def test_an_intact_package_comes_in_with_its_outcome(
        qtbot, window, province, store, packages: Packages, tmp_path: Path,  # noqa: F811
        name: str, outcome: Outcome) -> None:  # type: ignore[no-untyped-def]
    dialog = dropped(qtbot, window, copy(packages.get(name).zip_path, tmp_path / f"{name}.zip"))
    assert texts(dialog.refused_list) == []
    [line] = texts(dialog.accepted_list)
    assert outcome.statement in line
    if outcome is Outcome.UNTRUSTED:
        assert "chứng thư tự ký" in line
    assert dialog.apply_button.isEnabled()


def test_a_pinned_unit_signing_with_another_certificate_is_warned_naming_both(
        qtbot, window, province, store, packages: Packages, trust_set,  # noqa: F811
        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    TrustStore(store.database).pin("xa-my-an", trust_set.pki.signer)
    dialog = dropped(qtbot, window, copy(packages.get("impostor").zip_path, tmp_path / "goi.zip"))
    [line] = texts(dialog.accepted_list)
    assert Outcome.UNTRUSTED.statement in line
    _key, impostor_certificate, _chain = pkcs12.load_key_and_certificates(
        trust_set.impostor.read_bytes(), trust_set.password.encode("utf-8"))
    assert impostor_certificate is not None
    assert "chứng thư ký khác chứng thư đã ghim cho đơn vị xa-my-an" in line
    assert fingerprint(trust_set.pki.signer) in line and fingerprint(impostor_certificate) in line
