"""The province's trust store in the data file: trusted roots, revocation lists, pinned units.

The province's IT staff import the root certificates (the national Root CA of NEAC, the
government's specialised CA of Ban Cơ yếu Chính phủ) and their CRLs from files; nothing is
shipped with the app (docs/trust-anchors.md). The store answers with a TrustPolicy, which
is what a package's signature is verified against. Reading and judging the files is
trust_files.py's part; its names stay importable from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cchc_desktop.domain.trust_policy import TrustPolicy, fingerprint
from cchc_desktop.i18n import _
from cchc_desktop.storage.changes import history_user
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.models import ChangeRow, TrustAnchorRow, TrustCrlRow, TrustPinRow
from cchc_desktop.storage.trust_files import (
    MAX_FILE_BYTES,
    TrustStoreError,
    anchor_problem,
    crl_signed_by,
    display_name,
    parse_certificates,
    read_trust_file,
    short_fingerprint,
)

# The names this module always offered, wherever they live now.
__all__ = ["MAX_FILE_BYTES", "AnchorImport", "AnchorInfo", "CrlInfo", "PinInfo", "PinResult", "TrustStore",
           "TrustStoreError", "anchor_problem", "display_name", "parse_certificates", "pin_decision",
           "short_fingerprint"]


@dataclass(frozen=True)
class AnchorInfo:
    fingerprint: str
    subject: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    label: str
    added_at: dt.datetime
    user: str


@dataclass(frozen=True)
class CrlInfo:
    id: int
    issuer: str
    this_update: dt.datetime
    next_update: dt.datetime | None
    added_at: dt.datetime


@dataclass(frozen=True)
class PinInfo:
    unit_code: str
    fingerprint: str
    subject: str
    pinned_at: dt.datetime
    user: str


@dataclass(frozen=True)
class AnchorImport:
    """What an import added, and a sentence for every certificate it left out."""

    added: tuple[AnchorInfo, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class PinResult:
    state: Literal["new", "same", "changed"]
    old_fingerprint: str | None
    new_fingerprint: str
    message: str


def _naive(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _anchor_info(row: TrustAnchorRow) -> AnchorInfo:
    return AnchorInfo(row.fingerprint, row.subject, row.issuer, row.not_before, row.not_after,
                      row.label, row.added_at, row.user)


class TrustStore:
    """The trust anchors, CRLs and pins of one data file."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- anchors -----------------------------------------------------------------------------

    def import_certificates(self, path: Path, label: str = "") -> AnchorImport:
        """Add every CA certificate of the file; duplicates and non-CA certificates are noted.

        Refuses (TrustStoreError) a file that is too large, unreadable, or in which no
        certificate could be added, so that the clerk always hears why nothing changed.
        """
        path = Path(path)
        certs = parse_certificates(read_trust_file(path), path.name)
        notes: list[str] = []
        added: list[AnchorInfo] = []
        now = _naive(dt.datetime.now(dt.UTC))
        with self.database.session() as session:
            known = set(session.scalars(select(TrustAnchorRow.fingerprint)))
            for cert in certs:
                fp = fingerprint(cert)
                name = display_name(cert.subject)
                if fp in known:
                    notes.append(_("Chứng thư {name} ({fp}) đã có trong danh sách tin cậy; bỏ qua.")
                                 .format(name=name, fp=short_fingerprint(fp)))
                    continue
                problem = anchor_problem(cert)
                if problem is not None:
                    notes.append(problem)
                    continue
                row = TrustAnchorRow(
                    der=cert.public_bytes(Encoding.DER), subject=display_name(cert.subject),
                    issuer=display_name(cert.issuer),
                    not_before=_naive(cert.not_valid_before_utc),
                    not_after=_naive(cert.not_valid_after_utc), fingerprint=fp,
                    label=label or path.name, added_at=now, user=history_user(session))
                if row.not_after < now:
                    notes.append(_("Chứng thư {name} đã hết hạn; vẫn được thêm để kiểm tra các gói "
                                   "ký trước khi nó hết hạn.").format(name=name))
                session.add(row)
                session.add(_log(session, "anchor", fp, None, row.subject))
                known.add(fp)
                added.append(_anchor_info(row))
        if not added:
            raise TrustStoreError(_("Không thêm chứng thư nào từ tệp {name}. {notes}").format(
                name=path.name, notes=" ".join(notes)).strip())
        return AnchorImport(tuple(added), tuple(notes))

    @staticmethod
    def _find_anchor(session: Session, prefix: str) -> TrustAnchorRow:
        wanted = prefix.replace(":", "").replace(" ", "").lower()
        rows = [r for r in session.scalars(select(TrustAnchorRow))
                if len(wanted) >= 8 and r.fingerprint.startswith(wanted)]
        if len(rows) != 1:
            if not rows:
                raise TrustStoreError(_("Không có chứng thư gốc nào có dấu vân tay {fp} (cần ít nhất "
                                        "8 chữ số đầu).").format(fp=prefix))
            raise TrustStoreError(_("Có {count} chứng thư gốc có dấu vân tay bắt đầu bằng {fp}; "
                                    "hãy ghi dài hơn.").format(count=len(rows), fp=prefix))
        return rows[0]

    def remove_anchor(self, fp: str) -> AnchorInfo:
        """Remove the anchor whose fingerprint is `fp` (or starts with it, 8 digits at least)."""
        with self.database.session() as session:
            row = self._find_anchor(session, fp)
            info = _anchor_info(row)
            session.delete(row)
            session.add(_log(session, "anchor", row.fingerprint, row.subject, None))
        return info

    def list_anchors(self) -> list[AnchorInfo]:
        with self.database.session() as session:
            rows = session.scalars(select(TrustAnchorRow).order_by(TrustAnchorRow.subject))
            return [_anchor_info(r) for r in rows]

    def anchors(self) -> list[x509.Certificate]:
        with self.database.session() as session:
            return [x509.load_der_x509_certificate(der)
                    for der in session.scalars(select(TrustAnchorRow.der).order_by(TrustAnchorRow.id))]

    # -- revocation lists --------------------------------------------------------------------

    def import_crl(self, path: Path) -> CrlInfo:
        """Add a CRL whose signature verifies against a trusted anchor named as its issuer.

        A newer CRL of the same issuer replaces the older; an older or equal one is refused.
        """
        path = Path(path)
        data = read_trust_file(path)
        try:
            crl = (x509.load_pem_x509_crl(data) if b"-----BEGIN X509 CRL-----" in data
                   else x509.load_der_x509_crl(data))
        except ValueError as exc:
            raise TrustStoreError(_("Tệp {name} không phải danh sách chứng thư bị thu hồi (CRL) "
                                    "đọc được.").format(name=path.name)) from exc
        issuer = display_name(crl.issuer)
        signers = [c for c in self.anchors() if c.subject == crl.issuer]
        if not signers:
            raise TrustStoreError(_("Danh sách thu hồi {name} do {issuer} phát hành, nhưng {issuer} "
                                    "không có trong danh sách chứng thư gốc tin cậy. Hãy nhập chứng "
                                    "thư của {issuer} trước.").format(name=path.name, issuer=issuer))
        if not any(crl_signed_by(crl, c) for c in signers):
            raise TrustStoreError(_("Chữ ký của danh sách thu hồi {name} không khớp với chứng thư "
                                    "của {issuer}: tệp bị sửa hoặc giả mạo; không nhập.").format(
                name=path.name, issuer=issuer))
        this_update = _naive(crl.last_update_utc)
        next_update = None if crl.next_update_utc is None else _naive(crl.next_update_utc)
        issuer_der = crl.issuer.public_bytes()
        with self.database.session() as session:
            same_issuer = [r for r in session.scalars(select(TrustCrlRow))
                           if x509.load_der_x509_crl(r.der).issuer.public_bytes() == issuer_der]
            newest = max((r.this_update for r in same_issuer), default=None)
            if newest is not None and newest >= this_update:
                raise TrustStoreError(_("Đã có danh sách thu hồi của {issuer} cập nhật ngày {day}, "
                                        "không cũ hơn tệp {name}; không nhập.").format(
                    issuer=issuer, day=_day(newest), name=path.name))
            for old in same_issuer:
                session.delete(old)
            row = TrustCrlRow(der=crl.public_bytes(Encoding.DER), issuer=issuer, this_update=this_update,
                              next_update=next_update, added_at=_naive(dt.datetime.now(dt.UTC)))
            session.add(row)
            session.add(_log(session, "crl", issuer, None, _day(this_update)))
            session.flush()
            return CrlInfo(row.id, row.issuer, row.this_update, row.next_update, row.added_at)

    def list_crls(self) -> list[CrlInfo]:
        with self.database.session() as session:
            return [CrlInfo(r.id, r.issuer, r.this_update, r.next_update, r.added_at)
                    for r in session.scalars(select(TrustCrlRow).order_by(TrustCrlRow.issuer))]

    def remove_crl(self, crl_id: int) -> None:
        with self.database.session() as session:
            session.execute(delete(TrustCrlRow).where(TrustCrlRow.id == crl_id))

    # -- pins --------------------------------------------------------------------------------

    def pin(self, unit_code: str, cert: x509.Certificate) -> PinInfo:
        """Pin `cert` as the certificate unit `unit_code` signs with (replacing an older pin)."""
        fp = fingerprint(cert)
        subject = display_name(cert.subject)
        now = _naive(dt.datetime.now(dt.UTC))
        with self.database.session() as session:
            row = session.scalar(select(TrustPinRow).where(TrustPinRow.unit_code == unit_code))
            old = None if row is None else row.fingerprint
            if row is None:
                row = TrustPinRow(unit_code=unit_code)
                session.add(row)
            row.fingerprint, row.subject, row.pinned_at, row.user = fp, subject, now, history_user(session)
            session.add(_log(session, "pin", unit_code, old, fp))
            return PinInfo(unit_code, fp, subject, now, row.user)

    def unpin(self, unit_code: str) -> bool:
        """Forget the pin of `unit_code`; False if it had none."""
        with self.database.session() as session:
            row = session.scalar(select(TrustPinRow).where(TrustPinRow.unit_code == unit_code))
            if row is None:
                return False
            session.delete(row)
            session.add(_log(session, "pin", unit_code, row.fingerprint, None))
            return True

    def pin_of(self, unit_code: str) -> PinInfo | None:
        with self.database.session() as session:
            row = session.scalar(select(TrustPinRow).where(TrustPinRow.unit_code == unit_code))
            return None if row is None else PinInfo(row.unit_code, row.fingerprint, row.subject,
                                                    row.pinned_at, row.user)

    def list_pins(self) -> list[PinInfo]:
        with self.database.session() as session:
            return [PinInfo(r.unit_code, r.fingerprint, r.subject, r.pinned_at, r.user)
                    for r in session.scalars(select(TrustPinRow).order_by(TrustPinRow.unit_code))]

    # -- the policy --------------------------------------------------------------------------

    def policy(self) -> TrustPolicy:
        """Everything a package's signature is verified against, read from the data file."""
        with self.database.session() as session:
            crls = tuple(x509.load_der_x509_crl(der)
                         for der in session.scalars(select(TrustCrlRow.der).order_by(TrustCrlRow.id)))
            pinned = {r.unit_code: r.fingerprint for r in session.scalars(select(TrustPinRow))}
        return TrustPolicy(anchors=tuple(self.anchors()), crls=crls, pinned=pinned)


def pin_decision(store: TrustStore, unit_code: str, signer_cert: x509.Certificate) -> PinResult:
    """Compare a valid package's signer with the unit's pinned certificate; nothing is written.

    'new': the unit has no pin yet, the province may pin this certificate (TrustStore.pin);
    'same': the pinned certificate signed it; 'changed': another certificate signed it, a
    warning naming both (a renewed certificate, or someone else signing in the unit's name).
    """
    new_fp = fingerprint(signer_cert)
    new_name = display_name(signer_cert.subject)
    pinned = store.pin_of(unit_code)
    if pinned is None:
        return PinResult("new", None, new_fp, _(
            "Đơn vị {unit} chưa ghim chứng thư ký. Gói này do {name} ({fp}) ký; có thể ghim chứng "
            "thư này để cảnh báo nếu gói sau ký bằng chứng thư khác.").format(
            unit=unit_code, name=new_name, fp=short_fingerprint(new_fp)))
    if pinned.fingerprint == new_fp:
        return PinResult("same", pinned.fingerprint, new_fp, _(
            "Gói được ký bằng chứng thư đã ghim của đơn vị {unit}: {name} ({fp}).").format(
            unit=unit_code, name=new_name, fp=short_fingerprint(new_fp)))
    return PinResult("changed", pinned.fingerprint, new_fp, _(
        "Cảnh báo: đơn vị {unit} đã ghim chứng thư {old_name} ({old_fp}), nhưng gói này được ký "
        "bằng chứng thư khác: {new_name} ({new_fp}). Hãy liên hệ đơn vị để xác nhận (chứng thư "
        "được cấp lại?) trước khi tin số liệu.").format(
        unit=unit_code, old_name=pinned.subject, old_fp=short_fingerprint(pinned.fingerprint),
        new_name=new_name, new_fp=short_fingerprint(new_fp)))


def _day(moment: dt.datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def _log(session: Session, key_kind: str, key: str, old: str | None, new: str | None) -> ChangeRow:
    # The trust store's changes land in the same history as the figures': who trusted what.
    return ChangeRow(report_id=None, user=history_user(session), entity="trust",
                     key=f"{key_kind}:{key}"[:120], old_value=old, new_value=new)

