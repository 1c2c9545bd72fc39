"""A test PKI for the trust store: two CAs with their keys, signers, CRLs, in files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Authority:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def make_ca(common_name: str = "Root CA Thử nghiệm", *, basic_constraints: bool | None = True,
            days: int = 3650) -> Authority:
    """A self-signed certificate; basic_constraints None leaves the extension out, False says not a CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, "Trung tâm thử nghiệm")
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(_now() - dt.timedelta(days=2))
               .not_valid_after(_now() + dt.timedelta(days=days)))
    if basic_constraints is not None:
        builder = builder.add_extension(x509.BasicConstraints(ca=basic_constraints, path_length=None),
                                        critical=True)
    return Authority(builder.sign(key, hashes.SHA256()), key)


def make_signer(ca: Authority, common_name: str = "Nguyễn Văn Bình") -> Authority:
    """An end-entity certificate of a unit's signer, issued by `ca`."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name(common_name, "Ủy ban nhân dân xã Mỹ An"))
            .issuer_name(ca.cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(_now() - dt.timedelta(days=1))
            .not_valid_after(_now() + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(ca.key, hashes.SHA256()))
    return Authority(cert, key)


def make_crl(ca: Authority, revoked: list[x509.Certificate] = (),  # type: ignore[assignment]
             *, days_ago: int = 0, signer: Authority | None = None) -> x509.CertificateRevocationList:
    """A CRL naming `ca` as issuer, signed by `signer` (default `ca`: a forged one otherwise)."""
    issued = _now() - dt.timedelta(days=days_ago)
    builder = (x509.CertificateRevocationListBuilder().issuer_name(ca.cert.subject)
               .last_update(issued).next_update(issued + dt.timedelta(days=7)))
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(cert.serial_number)
            .revocation_date(issued).build())
    return builder.sign((signer or ca).key, hashes.SHA256())


def write_pem(path: Path, *certs: x509.Certificate) -> Path:
    path.write_bytes(b"".join(c.public_bytes(Encoding.PEM) for c in certs))
    return path


def write_der(path: Path, cert: x509.Certificate) -> Path:
    path.write_bytes(cert.public_bytes(Encoding.DER))
    return path


def write_crl(path: Path, crl: x509.CertificateRevocationList, *, pem: bool = False) -> Path:
    path.write_bytes(crl.public_bytes(Encoding.PEM if pem else Encoding.DER))
    return path
