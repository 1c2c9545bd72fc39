"""Test certificates made on the spot with `cryptography`: a CA, signers (good and bad), CRLs, PKCS#12."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12
from cryptography.x509.oid import NameOID

PASSWORD = "mật-khẩu-1234"


@dataclass(frozen=True)
class Pki:
    ca: x509.Certificate
    signer: x509.Certificate
    p12: Path
    password: str = PASSWORD


def _name(common_name: str, organization: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_pki(folder: Path, *, now: dt.datetime | None = None, days: int = 365,
             password: str = PASSWORD, ca_key: ec.EllipticCurvePrivateKey | None = None,
             holder: tuple[str, str] = ("Nguyễn Văn Bình", "Ủy ban nhân dân xã Mỹ An"),
             file_name: str = "chu-ky.p12") -> Pki:
    """A self-signed CA and a signer certificate (valid `days` days from `now`) in a .p12.

    `holder` is (common name, organisation): a person, or the unit itself for the
    organisation's certificate; the same `ca_key` gives certificates of one CA."""
    now = now or dt.datetime.now(dt.UTC)
    ca_key = ca_key or ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("CA Thử nghiệm CCHC", "Tổ chức chứng thực thử")
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(days=2)).not_valid_after(now + dt.timedelta(days=3650))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                       key_encipherment=False, data_encipherment=False,
                                       key_agreement=False, key_cert_sign=True, crl_sign=True,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                         critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    signer = (x509.CertificateBuilder()
              .subject_name(_name(*holder))
              .issuer_name(ca_name).public_key(key.public_key())
              .serial_number(x509.random_serial_number())
              .not_valid_before(now - dt.timedelta(days=1))
              .not_valid_after(now + dt.timedelta(days=days))
              .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
              .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                           key_encipherment=False, data_encipherment=False,
                                           key_agreement=False, key_cert_sign=False, crl_sign=False,
                                           encipher_only=False, decipher_only=False), critical=True)
              .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                             critical=False)
              .sign(ca_key, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(
        b"nguyen-van-binh", key, signer, [ca], BestAvailableEncryption(password.encode("utf-8")))
    path = folder / file_name
    path.write_bytes(data)
    return Pki(ca, signer, path, password)


@dataclass(frozen=True)
class TrustSet:
    """What the tampering tests need: a CA and its leaf, and the certificates an attacker tries.

    `impostor` is self-signed with the leaf's very subject name; `expired` and `revoked` are
    issued by the CA, the one no longer valid, the other listed in `crl` (signed by the CA).
    `empty_crl` is the CA's list that revokes nothing; `stale_crl` revokes nothing either but
    is past its next update (made 40 days ago, due 33 days ago).
    """
    pki: Pki
    impostor: Path
    expired: Path
    revoked: Path
    crl: x509.CertificateRevocationList
    empty_crl: x509.CertificateRevocationList
    folder: Path
    password: str = PASSWORD
    stale_crl: x509.CertificateRevocationList | None = None

    @property
    def ca(self) -> x509.Certificate:
        return self.pki.ca

    def write_pem(self, name: str, *items: x509.Certificate | x509.CertificateRevocationList) -> Path:
        from cryptography.hazmat.primitives.serialization import Encoding

        path = self.folder / name
        path.write_bytes(b"".join(item.public_bytes(Encoding.PEM) for item in items))
        return path


_LEAF_NAME = ("Nguyễn Văn Bình", "Ủy ban nhân dân xã Mỹ An")


def _leaf(issuer: x509.Name, issuer_key: ec.EllipticCurvePrivateKey | None, start: dt.datetime,
          end: dt.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    signing_key = issuer_key or key
    builder = (x509.CertificateBuilder().subject_name(_name(*_LEAF_NAME)).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(end)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                            key_encipherment=False, data_encipherment=False,
                                            key_agreement=False, key_cert_sign=False, crl_sign=False,
                                            encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   signing_key.public_key()), critical=False))
    return key, builder.sign(signing_key, hashes.SHA256())


def make_trust_set(folder: Path, *, password: str = PASSWORD) -> TrustSet:
    """`make_pki` plus an impostor, an expired and a revoked certificate, and the CA's CRLs."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    pki = make_pki(folder, now=now, password=password, ca_key=ca_key)

    def p12(name: str, key: ec.EllipticCurvePrivateKey, certificate: x509.Certificate,
            chain: list[x509.Certificate]) -> Path:
        path = folder / name
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            b"signer", key, certificate, chain, BestAvailableEncryption(password.encode("utf-8"))))
        return path

    impostor_key, impostor = _leaf(_name(*_LEAF_NAME), None, now - dt.timedelta(days=1),
                                   now + dt.timedelta(days=365))
    expired_key, expired = _leaf(pki.ca.subject, ca_key, now - dt.timedelta(days=400),
                                 now - dt.timedelta(days=35))
    revoked_key, revoked = _leaf(pki.ca.subject, ca_key, now - dt.timedelta(days=1),
                                 now + dt.timedelta(days=365))

    def crl(*certificates: x509.Certificate, made: dt.timedelta = dt.timedelta(hours=1),
            due: dt.timedelta = dt.timedelta(days=-7)) -> x509.CertificateRevocationList:
        builder = (x509.CertificateRevocationListBuilder().issuer_name(pki.ca.subject)
                   .last_update(now - made).next_update(now - due))
        for certificate in certificates:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(certificate.serial_number)
                .revocation_date(now - dt.timedelta(minutes=30)).build())
        return builder.sign(ca_key, hashes.SHA256())

    return TrustSet(pki, p12("mao-danh.p12", impostor_key, impostor, []),
                    p12("het-han.p12", expired_key, expired, [pki.ca]),
                    p12("bi-thu-hoi.p12", revoked_key, revoked, [pki.ca]),
                    crl(revoked), crl(), folder, password,
                    crl(made=dt.timedelta(days=40), due=dt.timedelta(days=33)))
