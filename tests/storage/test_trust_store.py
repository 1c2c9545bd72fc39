"""The trust store: roots and CRLs imported from files, units pinned, all in the data file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from submission.trust_pki import make_ca, make_crl, make_signer, write_crl, write_der, write_pem

from cchc_desktop.domain.trust_policy import fingerprint
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.trust_store import TrustStore, TrustStoreError, pin_decision


@pytest.fixture
def store(tmp_path: Path) -> TrustStore:
    return TrustStore(Database.open(tmp_path / "tinh.cchc"))


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT * FROM {table}").fetchall()


def test_a_pem_bundle_of_two_roots_is_stored_in_the_data_file(store: TrustStore, tmp_path: Path) -> None:
    neac, cyb = make_ca("Vietnam National Root CA thử"), make_ca("CA chuyên dùng thử")
    result = store.import_certificates(write_pem(tmp_path / "goc.pem", neac.cert, cyb.cert))
    assert {a.fingerprint for a in result.added} == {fingerprint(neac.cert), fingerprint(cyb.cert)}
    assert result.notes == ()
    store.database.close()
    reopened = TrustStore(Database.open(store.database.path))
    assert {a.subject for a in reopened.list_anchors()} == {
        "Vietnam National Root CA thử, Trung tâm thử nghiệm", "CA chuyên dùng thử, Trung tâm thử nghiệm"}
    assert [c.subject for c in reopened.policy().anchors] == [neac.cert.subject, cyb.cert.subject]
    assert len(_rows(store.database.path, "trust_anchors")) == 2


def test_der_and_p7b_files_are_read_and_a_duplicate_is_skipped(store: TrustStore, tmp_path: Path) -> None:
    root, other = make_ca(), make_ca("CA khác")
    store.import_certificates(write_der(tmp_path / "goc.cer", root.cert))
    p7b = tmp_path / "bo.p7b"
    p7b.write_bytes(pkcs7.serialize_certificates([root.cert, other.cert], Encoding.DER))
    result = store.import_certificates(p7b)
    assert [a.fingerprint for a in result.added] == [fingerprint(other.cert)]
    [note] = result.notes
    assert "đã có trong danh sách tin cậy" in note
    with pytest.raises(TrustStoreError, match="Không thêm chứng thư nào"):
        store.import_certificates(p7b)
    assert len(store.list_anchors()) == 2


def test_a_signers_own_certificate_is_refused_as_an_anchor(store: TrustStore, tmp_path: Path) -> None:
    signer = make_signer(make_ca())
    self_signed_leaf = make_ca("Tự ký", basic_constraints=False)
    with pytest.raises(TrustStoreError, match="không phải chứng thư của tổ chức chứng thực"):
        store.import_certificates(write_pem(tmp_path / "a.pem", signer.cert, self_signed_leaf.cert))
    assert store.list_anchors() == []
    # An old root without basicConstraints is accepted when it signs itself.
    store.import_certificates(write_pem(tmp_path / "old.pem", make_ca("Cũ", basic_constraints=None).cert))
    assert len(store.list_anchors()) == 1


def test_a_large_or_unreadable_file_is_refused(store: TrustStore, tmp_path: Path) -> None:
    big = tmp_path / "lon.pem"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    with pytest.raises(TrustStoreError, match="quá lớn"):
        store.import_certificates(big)
    junk = tmp_path / "rac.cer"
    junk.write_bytes(b"not a certificate")
    with pytest.raises(TrustStoreError, match="không chứa chứng thư số"):
        store.import_certificates(junk)
    assert store.list_anchors() == []


def test_an_anchor_is_removed_by_its_fingerprint_prefix(store: TrustStore, tmp_path: Path) -> None:
    root = make_ca()
    store.import_certificates(write_pem(tmp_path / "goc.pem", root.cert))
    with pytest.raises(TrustStoreError, match="ít nhất"):
        store.remove_anchor("abc")
    removed = store.remove_anchor(fingerprint(root.cert)[:12].upper())
    assert removed.fingerprint == fingerprint(root.cert)
    assert store.list_anchors() == []
    history = _rows(store.database.path, "change_log")
    assert [row[4] for row in history] == ["trust", "trust"]


def test_a_crl_signed_by_its_anchor_is_imported_a_forged_one_refused(store: TrustStore,
                                                                      tmp_path: Path) -> None:
    root, impostor = make_ca(), make_ca()
    signer = make_signer(root)
    crl = make_crl(root, [signer.cert], days_ago=1)
    with pytest.raises(TrustStoreError, match="không có trong danh sách chứng thư gốc"):
        store.import_crl(write_crl(tmp_path / "a.crl", crl))
    store.import_certificates(write_pem(tmp_path / "goc.pem", root.cert))
    with pytest.raises(TrustStoreError, match="giả mạo"):
        store.import_crl(write_crl(tmp_path / "gia.crl", make_crl(root, signer=impostor)))
    info = store.import_crl(write_crl(tmp_path / "a.crl", crl, pem=True))
    assert info.issuer == "Root CA Thử nghiệm, Trung tâm thử nghiệm"
    [loaded] = store.policy().crls
    assert loaded.get_revoked_certificate_by_serial_number(signer.cert.serial_number) is not None
    # The same CRL again is refused; a newer one replaces it.
    with pytest.raises(TrustStoreError, match="không cũ hơn"):
        store.import_crl(tmp_path / "a.crl")
    store.import_crl(write_crl(tmp_path / "moi.crl", make_crl(root)))
    [newer] = store.policy().crls
    assert newer.get_revoked_certificate_by_serial_number(signer.cert.serial_number) is None
    assert len(_rows(store.database.path, "trust_crls")) == 1


def test_pin_decision_new_same_changed(store: TrustStore) -> None:
    ca = make_ca()
    first, renewed = make_signer(ca), make_signer(ca, "Trần Thị Cúc")
    result = pin_decision(store, "29278", first.cert)
    assert (result.state, result.old_fingerprint) == ("new", None)
    assert store.list_pins() == []   # deciding writes nothing; the province chooses to pin
    store.pin("29278", first.cert)
    assert pin_decision(store, "29278", first.cert).state == "same"
    changed = pin_decision(store, "29278", renewed.cert)
    assert changed.state == "changed"
    assert (changed.old_fingerprint, changed.new_fingerprint) == (fingerprint(first.cert),
                                                                  fingerprint(renewed.cert))
    assert "Nguyễn Văn Bình" in changed.message and "Trần Thị Cúc" in changed.message
    assert fingerprint(first.cert)[:4].upper() in changed.message
    assert store.policy().pinned == {"29278": fingerprint(first.cert)}
    assert store.unpin("29278") and not store.unpin("29278")
    assert pin_decision(store, "29278", renewed.cert).state == "new"
