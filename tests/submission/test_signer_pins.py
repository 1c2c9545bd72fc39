"""Pinning a unit's certificate on its first signed package: library, consolidation, command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from submission.certificates import TrustSet, make_trust_set
from submission.test_cli_package import cli
from submission.test_tampering import Packages

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.domain.units import Unit
from cchc_desktop.imports.signer_pins import SignedArrival, accept_offers, pin_offers
from cchc_desktop.imports.subordinates import prepare_consolidation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.datafile import open_for_writing
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from cchc_desktop.storage.trust_store import TrustStore
from cchc_desktop.submission.verify import Outcome


@pytest.fixture(scope="module")
def trust_set(tmp_path_factory: pytest.TempPathFactory) -> TrustSet:
    return make_trust_set(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def packages(trust_set: TrustSet, tmp_path_factory: pytest.TempPathFactory) -> Packages:
    return Packages(trust_set, tmp_path_factory.mktemp("packages"))


def copy_to(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copyfile(source, target))


def test_the_first_signed_package_offers_a_pin_and_a_later_other_certificate_is_warned(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    manifest = packages.get("good").manifest
    first = copy_to(packages.get("impostor").zip_path, tmp_path / "lan1" / "goi.zip")
    later = copy_to(packages.get("good").zip_path, tmp_path / "lan2" / "goi.zip")
    with open_for_writing(tmp_path / "so.sqlite3") as opened:
        store = ReportStore(opened.database)
        store.save_own_unit(OwnUnit("87-so-noi-vu", "Sở Nội vụ tỉnh Đồng Tháp", "tinh"))
        store.set_subordinate_units([Unit(manifest.unit_code, manifest.unit_name, "xa")])
        report_id = store.create_report(2026, "Q1")
        trust = TrustStore(opened.database)

        [arrived] = prepare_consolidation(store, report_id, [first], budget=30).accepted
        assert arrived.signer_der, "an intact signature carries its certificate back"
        arrival = SignedArrival(manifest.unit_code, manifest.unit_name, arrived.signer_der)
        [offer] = pin_offers(trust, [arrival, arrival])          # once per unit
        assert offer.decision.state == "new" and "Nguyễn Văn Bình" in offer.question
        [pin] = accept_offers(trust, [offer])
        assert pin.unit_code == manifest.unit_code
        assert pin_offers(trust, [arrival]) == []                # pinned: not offered again

        [again] = prepare_consolidation(store, report_id, [later], budget=30).accepted
        assert again.signature[0] == Outcome.UNTRUSTED.statement
        warning = next(w for w in again.signature if "đã ghim" in w)
        assert pin.fingerprint in warning
        assert pin_offers(trust, [SignedArrival(manifest.unit_code, "", again.signer_der)]) == []


def test_an_unsigned_package_offers_nothing(packages: Packages, tmp_path: Path) -> None:
    with open_for_writing(tmp_path / "so.sqlite3") as opened:
        assert pin_offers(TrustStore(opened.database), [SignedArrival("x", "X", b"")]) == []


def test_verify_pin_signer_pins_once_into_the_data_file_then_warns(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    db = tmp_path / "tinh.cchc"
    impostor, good = packages.get("impostor").zip_path, packages.get("good").zip_path
    assert cli("trust", "--db", db, "--add", trust_set.write_pem("ca.pem", trust_set.ca)).returncode == 0

    refused = cli("verify", impostor, "--pin-signer")
    assert refused.returncode == 2 and "--pin-signer cần --db" in refused.stderr

    pinned = cli("verify", impostor, "--db", db, "--pin-signer")
    assert pinned.returncode == Outcome.UNTRUSTED.exit_code, pinned.stderr
    assert "Đã ghim chứng thư" in pinned.stdout
    [pin] = TrustStore(Database.open(db)).list_pins()

    twice = cli("verify", impostor, "--db", db, "--pin-signer", "--format", "json")
    shown = json.loads(twice.stdout)
    assert shown["pinned"].startswith("Không ghim: đơn vị")
    assert pin.fingerprint == shown["signer"]["sha256"] != fingerprint(trust_set.pki.signer)

    # The genuine certificate is anchored, but the unit pinned another: a warning naming both.
    warned = cli("verify", good, "--db", db)
    assert warned.returncode == Outcome.UNTRUSTED.exit_code, warned.stdout
    assert "đã ghim" in warned.stdout and fingerprint(trust_set.pki.signer) in warned.stdout
    assert pin.fingerprint in warned.stdout
