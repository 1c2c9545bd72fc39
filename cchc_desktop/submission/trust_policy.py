"""What a signed package is checked against: trusted roots, revocation lists, pinned units."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes


@dataclass(frozen=True)
class TrustPolicy:
    anchors: tuple[x509.Certificate, ...] = ()
    crls: tuple[x509.CertificateRevocationList, ...] = ()
    pinned: Mapping[str, str] = field(default_factory=dict)  # unit code -> SHA-256 hex, lowercase


def fingerprint(cert: x509.Certificate) -> str:
    """The certificate's SHA-256 fingerprint (of its DER), lowercase hex."""
    return cert.fingerprint(hashes.SHA256()).hex()
