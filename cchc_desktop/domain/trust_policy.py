"""Whom the superior unit trusts: root certificates, revocation lists and pinned unit certificates.

A plain value: the store that keeps it (files in the data folder, the settings window)
fills it; verification only reads it. Offline by design: nothing here is fetched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _

_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----.+?-----END \1-----", re.DOTALL)
MAX_BUNDLE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class TrustPolicy:
    anchors: tuple[x509.Certificate, ...] = ()
    crls: tuple[x509.CertificateRevocationList, ...] = ()
    # unit code -> SHA-256 fingerprint (hex) of the certificate that unit signs with
    pinned: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def merged(self, other: TrustPolicy) -> TrustPolicy:
        return TrustPolicy(self.anchors + other.anchors, self.crls + other.crls,
                           MappingProxyType({**self.pinned, **other.pinned}))


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER, lower-case hex: what `pinned` records."""
    return hashlib.sha256(certificate.public_bytes(Encoding.DER)).hexdigest()


def short_fingerprint(value: str) -> str:
    """The first 16 hex digits in groups of four: enough to tell two certificates apart by eye."""
    head = value[:16].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


def load_pem_bundle(path: Path) -> tuple[tuple[x509.Certificate, ...],
                                         tuple[x509.CertificateRevocationList, ...]]:
    """The certificates and CRLs of a PEM file (any number of blocks) or of one DER file."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BUNDLE_BYTES + 1)
    except OSError as exc:
        raise KnownError(_("Không đọc được tệp {name}: {reason}.").format(
            name=path.name, reason=exc.strerror or exc)) from exc
    if len(data) > MAX_BUNDLE_BYTES:
        raise KnownError(_("Tệp {name} quá lớn để là tệp chứng thư.").format(name=path.name))
    certificates: list[x509.Certificate] = []
    crls: list[x509.CertificateRevocationList] = []
    try:
        blocks = list(_PEM_BLOCK.finditer(data))
        for block in blocks:
            kind = block.group(1)
            if kind == b"CERTIFICATE":
                certificates.append(x509.load_pem_x509_certificate(block.group(0)))
            elif kind == b"X509 CRL":
                crls.append(x509.load_pem_x509_crl(block.group(0)))
        if not blocks:
            try:
                certificates.append(x509.load_der_x509_certificate(data))
            except ValueError:
                crls.append(x509.load_der_x509_crl(data))
    except ValueError as exc:
        raise KnownError(_("Tệp {name} không phải tệp chứng thư hay danh sách thu hồi (PEM/DER) hợp "
                           "lệ.").format(name=path.name)) from exc
    if not certificates and not crls:
        raise KnownError(_("Tệp {name} không có chứng thư hay danh sách thu hồi nào.").format(
            name=path.name))
    return tuple(certificates), tuple(crls)
