"""Packages tampered the way an attacker would, checked by the superior unit: library and command line.

Each package is a real one (build_package, real signatures from the test CA); the attacker
rewrites the zip and recomputes the manifest's hashes where that helps them. Every case
must come out with the right outcome from `verify_package` and the same exit code from
`cchc-desktop verify`: 0 valid and trusted (or unsigned, said so), 1 intact but the signer
not trusted, 2 invalid.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from submission.certificates import TrustSet, make_trust_set
from submission.conftest import final_context
from submission.test_cli_package import cli

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.trust_policy import TrustPolicy, fingerprint, load_pem_bundle
from cchc_desktop.reportfiles import read_for_consolidation
from cchc_desktop.submission.embedded import read_embedded
from cchc_desktop.submission.package import SubmissionPackage, build_package
from cchc_desktop.submission.signing import load_pkcs12
from cchc_desktop.submission.verify import Outcome, PackageCheck, verify_package

FIGURE = "cddh.kh.hoan_thanh"     # 42 in the sample report


@pytest.fixture(scope="module")
def trust_set(tmp_path_factory: pytest.TempPathFactory) -> TrustSet:
    return make_trust_set(tmp_path_factory.mktemp("pki"))


class Packages:
    """The genuine packages, built once; `get` builds on first use."""

    def __init__(self, trust_set: TrustSet, folder: Path) -> None:
        self.trust_set, self.folder, self.built = trust_set, folder, {}

    def get(self, name: str) -> SubmissionPackage:
        if name not in self.built:
            self.built[name] = self._build(name)
        return self.built[name]

    def _build(self, name: str) -> SubmissionPackage:
        ts = self.trust_set
        p12 = {"good": ts.pki.p12, "forged-figure": ts.pki.p12, "revision-1": ts.pki.p12,
               "impostor": ts.impostor, "expired": ts.expired,
               "revoked": ts.revoked}.get(name)
        context = final_context(1 if name == "revision-1" else 0)
        if name == "forged-figure":
            report = context.report
            values = {**report.values, FIGURE: Decimal(66)}
            context = build_context(dataclasses.replace(report, values=values), context.template)
        # The expired certificate gets past the app's own refusal to sign with it (its `now`)
        inside = dt.datetime.now(dt.UTC) - dt.timedelta(days=40) if name == "expired" else None
        key = load_pkcs12(p12, ts.password, now=inside) if p12 is not None else None
        out = self.folder / name
        out.mkdir()
        return build_package(context, out, key=key)


@pytest.fixture(scope="module")
def packages(trust_set: TrustSet, tmp_path_factory: pytest.TempPathFactory) -> Packages:
    return Packages(trust_set, tmp_path_factory.mktemp("packages"))


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def tampered(package: SubmissionPackage, target: Path, *, replace: dict[str, bytes] | None = None,
             edit: Callable[[dict[str, Any]], None] | None = None, rehash: bool = True) -> Path:
    """The package's zip rewritten: files replaced, the manifest edited, its hashes recomputed."""
    files = unzip(package.zip_path)
    files.update(replace or {})
    manifest = json.loads(files["manifest.json"])
    if rehash:
        for entry in manifest["files"]:
            entry["size"] = len(files[entry["name"]])
            entry["sha256"] = hashlib.sha256(files[entry["name"]]).hexdigest()
    if edit is not None:
        edit(manifest)
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    target.write_bytes(buffer.getvalue())
    return target


def policy_of(trust_set: TrustSet, *, crl: bool = False, pinned: dict[str, str] | None = None,
              anchor: x509.Certificate | None = None) -> TrustPolicy:
    return TrustPolicy((anchor or trust_set.ca,), (trust_set.crl,) if crl else (), pinned or {})


def cli_args(trust_set: TrustSet, *, crl: bool = False, pinned: dict[str, str] | None = None,
             anchor: x509.Certificate | None = None) -> list[str | Path]:
    args: list[str | Path] = ["--trust", trust_set.write_pem("ca.pem", anchor or trust_set.ca)]
    if crl:
        args += ["--crl", trust_set.write_pem("crl.pem", trust_set.crl)]
    for unit, value in (pinned or {}).items():
        args += ["--pin", f"{unit}={value}"]
    return args


def both(path: Path, trust_set: TrustSet, expected: Outcome, *, crl: bool = False,
         pinned: dict[str, str] | None = None, anchor: x509.Certificate | None = None,
         ) -> tuple[PackageCheck, dict[str, Any], str]:
    """verify_package and `cchc-desktop verify` agree on `expected`; both results, and the text output."""
    check = verify_package(path, trust=policy_of(trust_set, crl=crl, pinned=pinned, anchor=anchor))
    assert check.outcome is expected, (check.problems, check.warnings)
    args = cli_args(trust_set, crl=crl, pinned=pinned, anchor=anchor)
    result = cli("verify", path, *args, "--format", "json")
    assert result.returncode == expected.exit_code, result.stderr
    report = json.loads(result.stdout)
    assert report["outcome"] == expected.value
    text = cli("verify", path, *args)
    assert text.returncode == expected.exit_code, text.stderr
    assert text.stdout.strip().splitlines()[-1] == expected.statement
    return check, report, text.stdout


def refused_by_import(path: Path) -> None:
    with pytest.raises(ReportError):
        read_for_consolidation(None, path)


# --- the genuine packages ------------------------------------------------------------------

def test_a_genuine_signed_package_is_valid_and_carries_its_data(
        packages: Packages, trust_set: TrustSet) -> None:
    package = packages.get("good")
    embedded = read_embedded(package.pdf.read_bytes())
    assert embedded.json_bytes is not None and embedded.workbook_bytes == package.workbook.read_bytes()
    assert json.loads(embedded.json_bytes)["values"][FIGURE] == 42
    check, report, text = both(package.zip_path, trust_set, Outcome.VALID)
    assert check.signed_report is not None and check.signed_report.values[FIGURE] == 42
    assert report["signer"]["sha256"] == fingerprint(trust_set.pki.signer)
    assert report["signer"]["signed_at_source"] == "signer-clock"
    assert "(theo đồng hồ máy ký)" in text
    assert "chưa kiểm tra thu hồi: không có danh sách thu hồi (CRL) ngoại tuyến" in text
    assert read_for_consolidation(None, package.zip_path).report.values[FIGURE] == 42


def test_with_the_ca_s_crl_a_good_certificate_is_valid_and_revocation_was_checked(
        packages: Packages, trust_set: TrustSet) -> None:
    check, report, text = both(packages.get("good").zip_path, trust_set, Outcome.VALID, crl=True)
    assert check.signature.revocation_checked and report["signer"]["revocation_checked"] is True
    assert "chưa kiểm tra thu hồi" not in text


def test_without_any_anchor_a_genuine_package_is_intact_but_not_trusted(
        packages: Packages) -> None:
    path = packages.get("good").zip_path
    check = verify_package(path)
    assert check.outcome is Outcome.UNTRUSTED and check.ok
    result = cli("verify", path)
    assert result.returncode == 1
    assert "Dấu vân tay SHA-256: " in result.stdout


def test_an_unsigned_package_is_allowed_and_says_it_is_unsigned(
        packages: Packages, trust_set: TrustSet) -> None:
    _check, report, text = both(packages.get("unsigned").zip_path, trust_set, Outcome.UNSIGNED)
    assert report["exit_code"] == 0 and report["signer"] == {}
    assert "Gói không ký số" in text


# --- the tampering of issue 13 -------------------------------------------------------------

def test_the_workbook_replaced_and_the_hashes_recomputed_is_invalid(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    good, forged = packages.get("good"), packages.get("forged-figure")
    path = tampered(good, tmp_path / "goi.zip", replace={good.workbook.name: forged.workbook.read_bytes()},
                    edit=lambda m: m.update(data_sha256=forged.manifest.data_sha256))
    check, report, _text = both(path, trust_set, Outcome.INVALID)
    assert check.report is not None and check.report.values[FIGURE] == 66
    assert "số liệu trong biểu Excel khác số liệu trong tệp PDF (biểu Excel đã bị thay?)." in check.problems
    assert any("data_sha256" in p for p in report["problems"])
    refused_by_import(path)


def test_a_pdf_re_signed_with_a_self_signed_certificate_of_the_same_name_is_not_trusted(
        packages: Packages, trust_set: TrustSet) -> None:
    check, report, text = both(packages.get("impostor").zip_path, trust_set, Outcome.UNTRUSTED)
    assert report["signer"]["self_signed"] is True
    assert "Nguyễn Văn Bình" in report["signer"]["subject"]
    assert report["signer"]["subject"] == report["signer"]["issuer"]
    assert "hợp lệ:" not in text and "CHƯA được tin cậy" in text
    assert "người ký chưa được tin cậy: chứng thư tự ký" in " ".join(check.warnings)
    for label in ("Chủ thể chứng thư:", "Tổ chức cấp:", "Hiệu lực: từ", "Dấu vân tay SHA-256:"):
        assert label in text


def test_a_pinned_unit_signing_with_another_certificate_is_warned_with_both_fingerprints(
        packages: Packages, trust_set: TrustSet) -> None:
    genuine = fingerprint(trust_set.pki.signer)
    check, _report, _text = both(packages.get("impostor").zip_path, trust_set, Outcome.UNTRUSTED,
                                 pinned={"xa-my-an": genuine})
    warning = next(w for w in check.warnings if "đã ghim" in w)
    assert genuine in warning and check.signature.info is not None
    assert check.signature.info.fingerprint in warning
    # The genuine certificate, pinned, stays valid.
    both(packages.get("good").zip_path, trust_set, Outcome.VALID, pinned={"xa-my-an": genuine})


def test_the_manifest_s_unit_name_changed_is_invalid_and_the_preview_shows_the_signed_name(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    def rename(manifest: dict[str, Any]) -> None:
        manifest["unit"]["name"] = "Ủy ban nhân dân xã Giả Mạo"

    path = tampered(packages.get("good"), tmp_path / "goi.zip", edit=rename)
    check, _report, text = both(path, trust_set, Outcome.INVALID)
    assert check.lines[0] == "Đơn vị: Ủy ban nhân dân xã Mỹ An (xa-my-an)"
    assert "Giả Mạo" not in text.splitlines()[0]
    assert any("manifest ghi Ủy ban nhân dân xã Giả Mạo" in p for p in check.problems)
    refused_by_import(path)


def test_the_signature_removed_is_invalid_while_the_manifest_says_signed(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    good = packages.get("good")
    pdf = good.pdf.read_bytes()
    # The PDF as it was before the signature's incremental update: the data still inside.
    unsigned = pdf[:pdf.rindex(b"%%EOF", 0, pdf.index(b"/ByteRange")) + 6]
    assert read_embedded(unsigned).json_bytes is not None
    path = tampered(good, tmp_path / "goi.zip", replace={good.pdf.name: unsigned})
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert any("không có chữ ký" in p for p in check.problems)
    refused_by_import(path)


def test_the_signature_removed_and_the_manifest_set_unsigned_is_not_passed_for_a_pinned_unit(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    good = packages.get("good")
    pdf = good.pdf.read_bytes()
    unsigned = pdf[:pdf.rindex(b"%%EOF", 0, pdf.index(b"/ByteRange")) + 6]
    path = tampered(good, tmp_path / "goi.zip", replace={good.pdf.name: unsigned},
                    edit=lambda m: m.update(signed=False))
    # Nobody can tell a stripped package from an unsigned one, except by knowing the unit signs.
    both(path, trust_set, Outcome.UNSIGNED)
    check, _report, _text = both(path, trust_set, Outcome.UNTRUSTED,
                                 pinned={"xa-my-an": fingerprint(trust_set.pki.signer)})
    assert any("không ký số" in w for w in check.warnings)


def test_a_signed_pdf_with_a_manifest_that_says_unsigned_is_invalid(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    path = tampered(packages.get("good"), tmp_path / "goi.zip", edit=lambda m: m.update(signed=False))
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert "tệp PDF có chữ ký số nhưng manifest ghi báo cáo không ký số." in check.problems


def test_the_signed_pdf_of_another_report_swapped_in_is_invalid(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    good, other = packages.get("good"), packages.get("forged-figure")
    # A genuine signature by the genuine signer, over other figures.
    path = tampered(good, tmp_path / "goi.zip", replace={good.pdf.name: other.pdf.read_bytes()})
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert check.signature.valid and check.signature.trusted
    assert "mã số liệu (data_sha256) trong manifest khác số liệu trong tệp PDF." in check.problems
    refused_by_import(path)


def test_the_manifest_s_revision_lowered_is_invalid(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    path = tampered(packages.get("revision-1"), tmp_path / "goi.zip",
                    edit=lambda m: m.update(revision=0, replaces_revision=None))
    check, _report, _text = both(path, trust_set, Outcome.INVALID)
    assert "tệp PDF là lần gửi 1, manifest ghi lần gửi 0." in check.problems


def test_a_certificate_outside_its_validity_is_invalid(packages: Packages, trust_set: TrustSet) -> None:
    check, _report, _text = both(packages.get("expired").zip_path, trust_set, Outcome.INVALID)
    assert any("không còn hoặc chưa có hiệu lực vào lúc ký" in p for p in check.problems)


def test_a_revoked_certificate_is_invalid_with_the_crl_and_unchecked_without(
        packages: Packages, trust_set: TrustSet) -> None:
    path = packages.get("revoked").zip_path
    check, _report, _text = both(path, trust_set, Outcome.INVALID, crl=True)
    assert any("đã bị thu hồi" in p for p in check.problems)
    check, _report, text = both(path, trust_set, Outcome.VALID)
    assert not check.signature.revocation_checked
    assert "chưa kiểm tra thu hồi: không có danh sách thu hồi (CRL) ngoại tuyến" in text


def test_a_crl_not_signed_by_an_anchor_proves_nothing(packages: Packages, trust_set: TrustSet,
                                                     tmp_path: Path) -> None:
    other = make_trust_set(tmp_path)    # another CA of the very same name: its list is a forgery
    assert other.empty_crl.issuer == trust_set.ca.subject
    policy = TrustPolicy((trust_set.ca,), (other.empty_crl,), {})
    check = verify_package(packages.get("revoked").zip_path, trust=policy)
    assert check.outcome is Outcome.VALID and not check.signature.revocation_checked


@pytest.mark.parametrize(("manifest", "reason"), [
    (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, "lồng quá sâu"),
    (b'{"format": "cchc-submission", "revision": ' + b"9" * 5000 + b"}", "quá lớn"),
])
def test_a_hostile_manifest_is_refused_not_a_crash(
        packages: Packages, trust_set: TrustSet, tmp_path: Path, manifest: bytes, reason: str) -> None:
    files = unzip(packages.get("good").zip_path)
    files["manifest.json"] = manifest
    path = tmp_path / "goi.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    result = cli("verify", path, "--format", "json")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    shown = json.loads(result.stdout)
    assert shown["outcome"] == "invalid" and reason in shown["problems"][0]


def test_load_pem_bundle_reads_certificates_and_crls(trust_set: TrustSet) -> None:
    path = trust_set.write_pem("bundle.pem", trust_set.ca, trust_set.crl)
    certificates, crls = load_pem_bundle(path)
    assert certificates == (trust_set.ca,) and crls == (trust_set.crl,)


def test_a_token_signed_package_is_valid_and_its_tampering_is_caught(
        trust_set: TrustSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Skipped, as that module is, where SoftHSM2 or python-pkcs11 is missing.
    from submission.test_pkcs11_softhsm import LIBRARY, PIN, token

    from cchc_desktop.submission.signing import load_pkcs11

    fixture = getattr(token, "__wrapped__", None)
    assert fixture is not None

    class Request:
        param = "ec"

    tokens = fixture(Request(), tmp_path, monkeypatch)
    the_token = next(tokens)
    try:
        key = load_pkcs11(LIBRARY, PIN)
        (tmp_path / "out").mkdir()
        try:
            package = build_package(final_context(), tmp_path / "out", key=key)
        finally:
            key.close()
    finally:
        next(tokens, None)
    monkeypatch.delenv("SOFTHSM2_CONF")
    ca = the_token.pki.ca
    both(package.zip_path, trust_set, Outcome.VALID, anchor=ca)
    both(package.zip_path, trust_set, Outcome.UNTRUSTED)     # our CA is not the token's
    forged = packages_forged_workbook(package, tmp_path)
    check, _report, _text = both(forged, trust_set, Outcome.INVALID, anchor=ca)
    assert check.signature.valid and check.signature.trusted    # the PDF itself is untouched
    assert any("tệp Excel của gói khác tệp Excel đính kèm trong tệp PDF." in p for p in check.problems)


def packages_forged_workbook(package: SubmissionPackage, tmp_path: Path) -> Path:
    """`package` with its figure changed in the workbook's hidden data and the hashes recomputed."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(package.workbook.read_bytes()))
    changed = False
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == 42 and not changed:
                    cell.value = 66
                    changed = True
    assert changed
    out = io.BytesIO()
    book.save(out)
    return tampered(package, tmp_path / "goi-sua.zip", replace={package.workbook.name: out.getvalue()})


def test_an_rfc3161_timestamp_shows_the_tsa_s_time_not_the_pc_s(
        packages: Packages, trust_set: TrustSet) -> None:
    """A PDF signed with a timestamp token (pyhanko's test TSA): the time shown is the TSA's."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    from cchc_desktop.submission.signature_check import check_pdf_signature

    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)   # the test TSA is RSA-only
    now = dt.datetime.now(dt.UTC)
    tsa_name = x509.Name([x509.NameAttribute(x509.oid.NameOID.COMMON_NAME, "TSA thử")])
    tsa = (x509.CertificateBuilder().subject_name(tsa_name).issuer_name(tsa_name)
           .public_key(tsa_key.public_key()).serial_number(x509.random_serial_number())
           .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
           .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.TIME_STAMPING]),
                          critical=True)
           .sign(tsa_key, hashes.SHA256()))
    fixed = now.replace(microsecond=0) - dt.timedelta(minutes=7)
    stamper = DummyTimeStamper(
        asn1_x509.Certificate.load(tsa.public_bytes(Encoding.DER)),
        asn1_keys.PrivateKeyInfo.load(tsa_key.private_bytes(Encoding.DER, PrivateFormat.PKCS8,
                                                            NoEncryption())), fixed_dt=fixed)
    key = load_pkcs12(trust_set.pki.p12, trust_set.password)
    unsigned = packages.get("unsigned").pdf.read_bytes()
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Sig"), key.signer,
                      timestamper=stamper).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(unsigned)),
                                                    output=out)
    check = check_pdf_signature(out.getvalue(), policy=policy_of(trust_set))
    assert check.valid and check.timestamped and check.signed_at == fixed
    assert "theo dấu thời gian của tổ chức cấp dấu thời gian" in check.summary
    assert "theo đồng hồ máy ký" not in check.summary


# --- the province's consolidation, with its own trust store -------------------------------

def test_the_consolidation_checks_packages_against_the_provinces_trust_store(
        packages: Packages, trust_set: TrustSet, tmp_path: Path) -> None:
    """Valid and untrusted packages come in with their statement; an invalid one is refused."""
    from cchc_desktop.domain.units import Unit
    from cchc_desktop.imports.subordinates import prepare_consolidation
    from cchc_desktop.storage.datafile import open_for_writing
    from cchc_desktop.storage.repository import OwnUnit, ReportStore
    from cchc_desktop.storage.trust_store import TrustStore

    unit = packages.get("good").manifest
    good = tmp_path / "tot" / "goi.zip"
    good.parent.mkdir()
    good.write_bytes(packages.get("good").zip_path.read_bytes())
    impostor = tmp_path / "gia" / "goi.zip"
    impostor.parent.mkdir()
    impostor.write_bytes(packages.get("impostor").zip_path.read_bytes())
    forged = packages_forged_workbook(packages.get("good"), tmp_path)
    with open_for_writing(tmp_path / "so.sqlite3") as opened:
        store = ReportStore(opened.database)
        store.save_own_unit(OwnUnit("87-so-noi-vu", "Sở Nội vụ tỉnh Đồng Tháp", "tinh"))
        store.set_subordinate_units([Unit(unit.unit_code, unit.unit_name, "xa")])
        report_id = store.create_report(2026, "Q1")
        TrustStore(opened.database).import_certificates(trust_set.write_pem("goc.pem", trust_set.ca))

        preview = prepare_consolidation(store, report_id, [good], budget=30)
        [accepted] = preview.accepted
        assert accepted.signature[0] == Outcome.VALID.statement

        preview = prepare_consolidation(store, report_id, [impostor], budget=30)
        [accepted] = preview.accepted
        assert accepted.signature[0] == Outcome.UNTRUSTED.statement

        preview = prepare_consolidation(store, report_id, [forged], budget=30)
        assert preview.accepted == [] and [r.path for r in preview.refused] == [forged]


def test_the_signers_own_certificate_given_as_a_trust_anchor_is_refused(
        packages: Packages, trust_set: TrustSet) -> None:
    """`verify --trust` takes CA certificates only, as the trust store does: the impostor's
    self-signed certificate, sent along by whoever signed, proves nothing about them."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, impostor, _chain = pkcs12.load_key_and_certificates(
        trust_set.impostor.read_bytes(), trust_set.password.encode("utf-8"))
    assert impostor is not None
    path = packages.get("impostor").zip_path
    result = cli("verify", path, "--trust", trust_set.write_pem("nguoi-ky.pem", impostor))
    assert result.returncode == 2, result.stdout
    assert "không phải chứng thư của tổ chức chứng thực (CA)" in result.stderr
    assert Outcome.VALID.statement not in result.stdout
    # The CA itself still is an anchor (and the impostor is still only intact, not trusted).
    both(path, trust_set, Outcome.UNTRUSTED)


def test_a_crl_past_its_next_update_is_used_but_said_to_be_stale(
        packages: Packages, trust_set: TrustSet) -> None:
    """A certificate revoked after the list was made is not in it: the clerk is told so."""
    assert trust_set.stale_crl is not None
    policy = TrustPolicy((trust_set.ca,), (trust_set.stale_crl,), {})
    check = verify_package(packages.get("good").zip_path, trust=policy)
    assert check.outcome is Outcome.VALID and check.signature.revocation_checked
    made = trust_set.stale_crl.last_update_utc.strftime("%d/%m/%Y")
    assert any("đã quá hạn cập nhật" in note and made in note for note in check.signature.notes)
    fresh = verify_package(packages.get("good").zip_path, trust=policy_of(trust_set, crl=True))
    assert not any("quá hạn" in note for note in fresh.signature.notes)
