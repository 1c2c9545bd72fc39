"""domain/trust_policy.py: whom the superior unit trusts, and the certificate files it reads.

A policy merges with another (anchors and CRLs added, a unit's pin replaced); a certificate's
fingerprint is the SHA-256 of its DER in lower-case hex, shown short in groups of four; a
bundle gives every certificate and CRL of a PEM file, or the one of a DER file, and refuses
in Vietnamese a file it cannot read, too large, or holding nothing. Beside
tests/storage/test_trust_files.py (the trust store's own files and checks).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import MappingProxyType

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from submission.trust_pki import make_ca, make_crl, write_crl, write_der, write_pem

from cchc_desktop.domain import trust_policy
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.trust_policy import (
    TrustPolicy,
    fingerprint,
    load_pem_bundle,
    short_fingerprint,
)

ROOT = make_ca()
OTHER = make_ca("Root CA khác")


def test_merging_adds_anchors_and_crls_and_the_newer_pin_wins() -> None:
    crl = make_crl(ROOT)
    first = TrustPolicy((ROOT.cert,), (crl,), MappingProxyType({"xa-a": "11", "xa-b": "22"}))
    second = TrustPolicy((OTHER.cert,), (), MappingProxyType({"xa-b": "33"}))
    merged = first.merged(second)
    assert merged.anchors == (ROOT.cert, OTHER.cert) and merged.crls == (crl,)
    assert dict(merged.pinned) == {"xa-a": "11", "xa-b": "33"}
    assert dict(first.pinned) == {"xa-a": "11", "xa-b": "22"}      # unchanged
    assert TrustPolicy().pinned == {}


def test_the_fingerprint_is_the_sha256_of_the_der_shown_short() -> None:
    value = fingerprint(ROOT.cert)
    assert value == hashlib.sha256(ROOT.cert.public_bytes(Encoding.DER)).hexdigest()
    assert value == value.lower() and len(value) == 64
    assert short_fingerprint("0123456789abcdef0123") == "0123 4567 89AB CDEF"
    assert short_fingerprint("abc") == "ABC"


def test_a_pem_bundle_gives_each_certificate_and_crl(tmp_path: Path) -> None:
    path = write_pem(tmp_path / "goc.pem", ROOT.cert, OTHER.cert)
    crl = make_crl(ROOT)
    path.write_bytes(path.read_bytes() + b"ghi chu\n" + crl.public_bytes(Encoding.PEM))
    certificates, crls = load_pem_bundle(path)
    assert certificates == (ROOT.cert, OTHER.cert) and crls == (crl,)


def test_a_der_certificate_or_crl_is_read_alone(tmp_path: Path) -> None:
    assert load_pem_bundle(write_der(tmp_path / "goc.cer", ROOT.cert)) == ((ROOT.cert,), ())
    crl = make_crl(OTHER)
    assert load_pem_bundle(write_crl(tmp_path / "thu-hoi.crl", crl)) == ((), (crl,))


def test_unreadable_files_are_refused_naming_them(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KnownError, match=r"^Không đọc được tệp khong-co\.pem: "):
        load_pem_bundle(tmp_path / "khong-co.pem")
    junk = tmp_path / "rac.cer"
    junk.write_bytes(b"khong phai chung thu")
    with pytest.raises(KnownError) as refused:
        load_pem_bundle(junk)
    assert refused.value.message == ("Tệp rac.cer không phải tệp chứng thư hay danh sách thu hồi "
                                     "(PEM/DER) hợp lệ.")
    key_only = tmp_path / "khoa.pem"
    key_only.write_bytes(b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with pytest.raises(KnownError, match=r"^Tệp khoa\.pem không có chứng thư hay danh sách thu hồi"):
        load_pem_bundle(key_only)
    monkeypatch.setattr(trust_policy, "MAX_BUNDLE_BYTES", 10)     # a cap of 8 MB, lowered
    with pytest.raises(KnownError, match=r"^Tệp goc\.cer quá lớn để là tệp chứng thư\.$"):
        load_pem_bundle(write_der(tmp_path / "goc.cer", ROOT.cert))
