"""Checking the digital signature of a report PDF: intact or not, and whether its signer is trusted.

Used on the superior unit's side before a package is imported. Works offline: no
certificate or revocation list is fetched. Integrity (the file is what was signed, and the
certificate was valid when it was signed) decides VALID or INVALID; trust (the chain to
an anchor of the `TrustPolicy`, the unit's pinned certificate) is reported apart, with
the certificate's subject, issuer, validity and fingerprint so the clerk can judge a
self-signed one. A revocation list in the policy that names the certificate makes the
signature INVALID; without one, the result says revocation was not checked.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import core as asn1_core  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding

from cchc_desktop.domain.trust_policy import TrustPolicy, fingerprint
from cchc_desktop.i18n import _

# pyhanko logs an untrusted chain with a traceback; the result object already says it, and a
# traceback on the console of the command line reads like a crash.
logging.getLogger("pyhanko").addHandler(logging.NullHandler())

# A report carries the signer's signature and perhaps the organisation's (and, one day, a
# document timestamp or two). Each signature is checked against every revision after it,
# so a file of thousands (a 50 MB package holds ~6,000) would take days: refused unread.
MAX_SIGNATURES = 8
MAX_DETAIL = 120       # characters of a PDF parser's error kept in the clerk's sentence
# Our PDF has 3 or 4 revisions (the document, its data, one or two signatures). The form's
# field tree is walked by pyhanko in every revision, revisits and all: a tree whose kids all
# point at one node (30 kids, 8 levels) is 30**8 visits. Bounded before pyhanko sees it.
MAX_REVISIONS = 32
MAX_FORM_NODES = 500
MAX_FORM_DEPTH = 16
# A signature carries its signer's certificate and the few CA certificates above it. The
# chain is searched through every certificate of the CMS, and certificates of one name can
# each issue the others: 11 self-signed CA certificates of one name kept pyhanko searching
# for hours (each more multiplies the time by about five), 114 in four levels likewise.
MAX_CMS_CERTIFICATES = 12
MAX_SAME_NAME = 3           # a CA's renewed certificates may share its name


class SignatureState(enum.StrEnum):
    VALID = "valid"          # intact; see `trusted` for who signed it
    INVALID = "invalid"
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class SignerInfo:
    """The signer's certificate, as shown to the clerk who decides whether to trust it."""
    subject: str
    issuer: str
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str         # SHA-256 of the DER, hex
    serial: int
    self_signed: bool

    def as_json(self) -> dict[str, Any]:
        return {"subject": self.subject, "issuer": self.issuer,
                "not_before": self.not_before.isoformat(), "not_after": self.not_after.isoformat(),
                "sha256": self.fingerprint, "serial": format(self.serial, "x"),
                "self_signed": self.self_signed}

    @property
    def lines(self) -> list[str]:
        return [_("Chủ thể chứng thư: {subject}").format(subject=self.subject),
                _("Tổ chức cấp: {issuer}").format(issuer=self.issuer),
                _("Hiệu lực: từ {start} đến {end}").format(
                    start=self.not_before.strftime("%d/%m/%Y"), end=self.not_after.strftime("%d/%m/%Y")),
                _("Dấu vân tay SHA-256: {fingerprint}").format(fingerprint=self.fingerprint)]


@dataclass(frozen=True)
class SignatureCheck:
    state: SignatureState
    signer: str = ""
    signed_at: dt.datetime | None = None
    trusted: bool = False
    detail: str = ""
    info: SignerInfo | None = None
    timestamped: bool = False          # signed_at comes from an RFC 3161 token, not the PC's clock
    revocation_checked: bool = False
    warnings: tuple[str, ...] = ()     # intact, but the signer is not proven (outcome "untrusted")
    notes: tuple[str, ...] = ()        # said, without changing the outcome
    signatures: int = 0
    covered_bytes: int = 0             # the signed revision ends here; embedded data must be inside
    # The signer's certificate (DER) of an intact signature: what the province may pin.
    certificate_der: bytes = b""

    @property
    def valid(self) -> bool:
        return self.state is SignatureState.VALID

    @property
    def when(self) -> str:
        if self.signed_at is None:
            return ""
        shown = self.signed_at.astimezone().strftime("%H:%M %d/%m/%Y")
        if self.timestamped:
            return _("{time} (theo dấu thời gian của tổ chức cấp dấu thời gian)").format(time=shown)
        return _("{time} (theo đồng hồ máy ký)").format(time=shown)

    @property
    def summary(self) -> str:
        """One sentence for the preview of an incoming package."""
        if self.state is SignatureState.UNSIGNED:
            return _("Tệp PDF chưa được ký số.")
        if self.state is SignatureState.INVALID:
            return _("Chữ ký số KHÔNG hợp lệ: {detail}").format(detail=self.detail)
        when = _(" lúc {time}").format(time=self.when) if self.signed_at else ""
        signer = self.signer or _("(không rõ tên)")
        # "hợp lệ" only for a trusted signer: an intact file signed by anybody proves nothing.
        if self.trusted and not self.warnings:
            return _("Chữ ký số hợp lệ: ký bởi {signer}{when}, tệp không bị sửa sau khi ký; chứng thư "
                     "số được xác minh với chứng thư gốc tin cậy.").format(signer=signer, when=when)
        return _("Chữ ký số còn nguyên vẹn nhưng CHƯA được tin cậy: ký bởi {signer}{when}, tệp không "
                 "bị sửa sau khi ký; chứng thư số chưa được xác minh với chứng thư gốc tin cậy.").format(
            signer=signer, when=when)


def _asn1_certificate(certificate: Any) -> Any:
    if isinstance(certificate, x509.Certificate):
        return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    return certificate


def _crypto_certificate(certificate: Any) -> x509.Certificate:
    if isinstance(certificate, x509.Certificate):
        return certificate
    return x509.load_der_x509_certificate(certificate.dump())


def _signer_name(status: Any) -> str:
    try:
        subject = status.signing_cert.subject.native
    except Exception:  # a malformed certificate: the name is only for display
        return ""
    return str(subject.get("common_name") or subject.get("organization_name") or "")


def signer_info(certificate: x509.Certificate) -> SignerInfo:
    return SignerInfo(certificate.subject.rfc4514_string(), certificate.issuer.rfc4514_string(),
                      certificate.not_valid_before_utc, certificate.not_valid_after_utc,
                      fingerprint(certificate), certificate.serial_number,
                      certificate.subject == certificate.issuer)


@dataclass
class _Judgement:
    invalid: str = ""
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    revocation_checked: bool = False


def _revocation(certificate: x509.Certificate, policy: TrustPolicy, judgement: _Judgement) -> None:
    """Revoked by a CRL of the policy that its issuer signed: INVALID; no such CRL: said so."""
    issuers = [a for a in policy.anchors if a.subject == certificate.issuer]
    for crl in policy.crls:
        if crl.issuer != certificate.issuer:
            continue
        # A CRL counts only if an anchor signed it: anyone can write a list that says "not revoked".
        if not any(_signed_by(crl, issuer) for issuer in issuers):
            continue
        judgement.revocation_checked = True
        if crl.next_update_utc is not None and crl.next_update_utc < dt.datetime.now(dt.UTC):
            # Checked, but against an old list: a certificate revoked since is not in it.
            judgement.notes.append(_(
                "danh sách thu hồi (CRL) của {issuer} lập ngày {day} đã quá hạn cập nhật (ngày "
                "{next}): chứng thư bị thu hồi sau ngày lập không có trong đó; hãy nhập CRL mới"
            ).format(issuer=certificate.issuer.rfc4514_string(),
                     day=crl.last_update_utc.strftime("%d/%m/%Y"),
                     next=crl.next_update_utc.strftime("%d/%m/%Y")))
        revoked = crl.get_revoked_certificate_by_serial_number(certificate.serial_number)
        if revoked is not None:
            judgement.invalid = _("chứng thư số của người ký đã bị thu hồi (ngày {date}).").format(
                date=revoked.revocation_date_utc.strftime("%d/%m/%Y"))
            return
    if not judgement.revocation_checked:
        judgement.notes.append(_("chưa kiểm tra thu hồi: không có danh sách thu hồi (CRL) ngoại "
                                 "tuyến"))


def _signed_by(crl: x509.CertificateRevocationList, issuer: x509.Certificate) -> bool:
    try:
        return bool(crl.is_signature_valid(issuer.public_key()))  # type: ignore[arg-type]
    except Exception:  # an unsupported key type or a malformed list: not proof of anything
        return False


def _judge(certificate: x509.Certificate, trusted: bool, signed_at: dt.datetime | None,
           timestamped: bool, policy: TrustPolicy) -> _Judgement:
    judgement = _Judgement()
    info = signer_info(certificate)
    moment = signed_at or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    if not info.not_before <= moment <= info.not_after:
        judgement.invalid = _("chứng thư số không còn hoặc chưa có hiệu lực vào lúc ký (hiệu lực từ "
                              "{start} đến {end}).").format(start=info.not_before.strftime("%d/%m/%Y"),
                                                            end=info.not_after.strftime("%d/%m/%Y"))
        return judgement
    _revocation(certificate, policy, judgement)
    if judgement.invalid:
        return judgement
    if not trusted:
        judgement.warnings.append(
            _("người ký chưa được tin cậy: chứng thư tự ký, không do tổ chức cấp tin cậy nào cấp.")
            if info.self_signed else
            _("người ký chưa được tin cậy: chứng thư do tổ chức cấp không có trong danh sách tin cậy "
              "({issuer}).").format(issuer=info.issuer))
    if info.not_after < dt.datetime.now(dt.UTC) and not timestamped:
        judgement.warnings.append(_("chứng thư số đã hết hạn; thời điểm ký chỉ là lời khai của máy ký "
                                    "(không có dấu thời gian)."))
    return judgement


def _pin_warning(policy: TrustPolicy, unit_code: str, fingerprints: Sequence[str]) -> str:
    """A pinned unit whose file no signature of the pinned certificate is in: named both."""
    pinned = policy.pinned.get(unit_code) if unit_code else None
    if not pinned or pinned.lower().replace(":", "") in fingerprints:
        return ""
    return _("chứng thư ký khác chứng thư đã ghim cho đơn vị {unit}: đã ghim {pinned}, gói này ký "
             "bằng {actual}.").format(unit=unit_code, pinned=pinned.lower(),
                                      actual=", ".join(fingerprints))


def _structure_problem(reader: Any) -> str:
    """Why the PDF is not one a report can be (too many revisions, a form's field tree too
    large or deep in any revision), or "" — before pyhanko walks any of it."""
    revisions = reader.total_revisions
    if revisions > MAX_REVISIONS:
        return _("tệp PDF có {n} lần cập nhật nối tiếp, nhiều hơn một báo cáo có thể có (tối đa "
                 "{limit}).").format(n=revisions, limit=MAX_REVISIONS)
    too_large = _("cây trường biểu mẫu của tệp PDF bất thường (quá nhiều trường hoặc lồng quá sâu).")
    for revision in range(revisions):
        form = reader.get_historical_root(revision).get("/AcroForm")
        fields = form.get_object().get("/Fields") if form is not None else None
        if fields is None:
            continue
        stack = [(field, 0) for field in fields.get_object()]
        visits = 0
        while stack:
            node, depth = stack.pop()
            visits += 1
            if visits > MAX_FORM_NODES or depth > MAX_FORM_DEPTH:
                return too_large
            kids = node.get_object().get("/Kids")
            if kids is not None:
                stack.extend((kid, depth + 1) for kid in kids.get_object())
    return ""


def _carried_problem(embedded: Any) -> str:
    """Why the certificates carried by the signature (its CMS and its timestamp token's) are
    more than any chain needs, or ""; counted and named without validating anything."""
    sets = [embedded.signed_data["certificates"]]
    attributes = embedded.signer_info["unsigned_attrs"]
    if not isinstance(attributes, asn1_core.Void):
        for attribute in attributes:
            if attribute["type"].native == "signature_time_stamp_token":
                sets += [token["content"]["certificates"] for token in attribute["values"]]
    names: dict[bytes, int] = {}
    total = 0
    for certificates in sets:
        if isinstance(certificates, asn1_core.Void):
            continue
        total += len(certificates)
        if total > MAX_CMS_CERTIFICATES:
            return _("chữ ký mang hơn {limit} chứng thư, nhiều hơn một chữ ký cần.").format(
                limit=MAX_CMS_CERTIFICATES)
        for choice in certificates:
            subject = choice.chosen["tbs_certificate"]["subject"].dump()
            names[subject] = names.get(subject, 0) + 1
    if names and max(names.values()) > MAX_SAME_NAME:
        return _("chữ ký mang {n} chứng thư cùng một tên, nhiều hơn một chữ ký cần (tối đa {limit})."
                 ).format(n=max(names.values()), limit=MAX_SAME_NAME)
    return ""


def check_pdf_signature(data: bytes, trust_roots: Sequence[Any] = (), *,
                        policy: TrustPolicy | None = None, unit_code: str = "") -> SignatureCheck:
    """Check every signature in `data`; the result is the worst of them.

    `trust_roots`: CA certificates (cryptography or asn1crypto objects) the office trusts,
    added to `policy.anchors`. `unit_code`: the unit the package claims, for pinning.
    """
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    policy = policy or TrustPolicy()
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        problem = _structure_problem(reader)
        if problem:
            return SignatureCheck(SignatureState.INVALID, detail=problem)
        signatures = list(reader.embedded_signatures)
    except Exception as exc:  # the file does not even parse: changed or broken
        # The parser's own words, cut short: a hostile length can make them hundreds of digits.
        said = " ".join(str(exc).split())
        said = said if len(said) <= MAX_DETAIL else said[:MAX_DETAIL - 1] + "…"
        return SignatureCheck(SignatureState.INVALID,
                              detail=_("tệp PDF hỏng hoặc đã bị sửa ({detail}).").format(detail=said))
    if not signatures:
        return SignatureCheck(SignatureState.UNSIGNED)
    if len(signatures) > MAX_SIGNATURES:
        return SignatureCheck(SignatureState.INVALID, signatures=len(signatures), detail=_(
            "tệp có {n} chữ ký số, nhiều hơn một báo cáo có thể có (tối đa {limit}).").format(
                n=len(signatures), limit=MAX_SIGNATURES))
    roots = [_asn1_certificate(c) for c in (*policy.anchors, *trust_roots)]
    result: SignatureCheck | None = None
    fingerprints: list[str] = []
    coverings: list[int] = []
    signers: list[str] = []
    last_certificate = b""
    for position, embedded in enumerate(signatures):
        context = ValidationContext(trust_roots=roots, allow_fetching=False,
                                    revocation_mode="soft-fail")
        try:
            carried = _carried_problem(embedded)
            if carried:
                return SignatureCheck(SignatureState.INVALID, signatures=len(signatures),
                                      detail=carried)
            status = validate_pdf_signature(embedded, context)
            certificate = _crypto_certificate(status.signing_cert)
            ranges = [int(n) for n in embedded.sig_object["/ByteRange"]]
            covered = ranges[2] + ranges[3]
        except Exception as exc:  # a damaged signature dictionary or CMS blob
            return SignatureCheck(SignatureState.INVALID, detail=_(
                "không đọc được chữ ký ({detail}).").format(detail=exc), signatures=len(signatures))
        signer = _signer_name(status)
        info = signer_info(certificate)
        stamp = status.timestamp_validity
        timestamped = stamp is not None
        signed_at = stamp.timestamp if stamp is not None else status.signer_reported_dt

        refused = functools.partial(SignatureCheck, SignatureState.INVALID, signer, signed_at, info=info,
                                    timestamped=timestamped, signatures=len(signatures))

        if not (status.intact and status.valid):
            return refused(detail=_("nội dung tệp đã bị thay đổi sau khi ký."))
        if stamp is not None and not (stamp.intact and stamp.valid):
            return refused(detail=_("dấu thời gian của chữ ký bị hỏng hoặc bị sửa."))
        # After the person's signature only the organisation's may follow (Decree 30/2020:
        # the body signs over the signer): pyhanko grades adding and filling a signature
        # field as form filling. The last signature must cover everything.
        allowed = (ModificationLevel.FORM_FILLING if position < len(signatures) - 1
                   else ModificationLevel.LTA_UPDATES)
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= allowed)
        if not whole:
            return refused(detail=_("tệp đã được thêm nội dung sau khi ký."))
        judgement = _judge(certificate, bool(status.trusted), signed_at, timestamped, policy)
        if judgement.invalid:
            return refused(detail=judgement.invalid)
        fingerprints.append(info.fingerprint)
        coverings.append(covered)
        signers.append(signer)
        last_certificate = certificate.public_bytes(Encoding.DER)
        check = SignatureCheck(SignatureState.VALID, signer, signed_at, trusted=bool(status.trusted),
                               info=info, timestamped=timestamped,
                               revocation_checked=judgement.revocation_checked,
                               warnings=tuple(judgement.warnings), notes=tuple(judgement.notes),
                               signatures=len(signatures), covered_bytes=covered)
        # The worst signature speaks for the file: an untrusted one, or the first.
        if result is None or (result.trusted and not check.trusted) or (
                not result.warnings and check.warnings):
            result = check
    assert result is not None
    pin = _pin_warning(policy, unit_code, fingerprints)
    notes = result.notes
    if len(signers) > 1:
        notes += (_("tệp có {n} chữ ký số: {signers} (người có thẩm quyền ký trước, cơ quan ký sau)."
                    ).format(n=len(signers), signers="; ".join(signers)),)
    # The last signature is the one that covers the whole file: the organisation's when there
    # are two, whose certificate outlives the person's and is the one worth pinning.
    return dataclasses.replace(result, warnings=result.warnings + ((pin,) if pin else ()),
                               notes=notes, certificate_der=last_certificate,
                               # the data must lie in what the first signer signed
                               covered_bytes=min(coverings))
