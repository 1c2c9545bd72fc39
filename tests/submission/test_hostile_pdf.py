"""A package's PDF built to hurt the verifier: its embedded-file tree and its signatures.

The zip's caps keep the PDF within 50 MB, but inside that a PDF can still ask for hours of
work or gigabytes of memory: a name tree whose kids all point at one node, a few kB that
inflate to hundreds of MB, thousands of signatures each checked against every later one.
Each must come out as a refusal ("invalid", exit 2) quickly, never a hang or a crash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from submission.certificates import Pki
from submission.test_cli_package import cli

from cchc_desktop.submission import signature_check
from cchc_desktop.submission.embedded import JSON_NAME, MAX_EMBEDDED, read_embedded
from cchc_desktop.submission.package import SubmissionPackage
from cchc_desktop.submission.signature_check import SignatureState, check_pdf_signature
from cchc_desktop.submission.signing import load_pkcs12
from cchc_desktop.submission.verify import Outcome, verify_package


def with_names_tree(pdf: bytes, build: Any) -> bytes:
    """`pdf` with a revision whose /Names /EmbeddedFiles is what `build(writer)` returns."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    tree = build(writer)
    writer.root[generic.NameObject("/Names")] = generic.DictionaryObject(
        {generic.NameObject("/EmbeddedFiles"): tree})
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def fan_out(writer: IncrementalPdfFileWriter) -> Any:
    """8 levels of 30 kids, every kid the same node: 30**8 visits for a naive walk."""
    node = writer.add_object(generic.DictionaryObject({generic.NameObject("/Names"): generic.ArrayObject()}))
    for _level in range(8):
        node = writer.add_object(generic.DictionaryObject(
            {generic.NameObject("/Kids"): generic.ArrayObject([node] * 30)}))
    return node


def one_file(encoded: bytes, filters: str | None = "/FlateDecode") -> Any:
    """A tree holding bao-cao.json as the stream `encoded` (already compressed)."""
    def build(writer: IncrementalPdfFileWriter) -> Any:
        entries = {} if filters is None else {generic.NameObject("/Filter"): generic.NameObject(filters)}
        stream = generic.StreamObject(entries, encoded_data=encoded)
        files = generic.DictionaryObject({generic.NameObject("/F"): writer.add_object(stream)})
        spec = generic.DictionaryObject({
            generic.NameObject("/Type"): generic.NameObject("/Filespec"),
            generic.NameObject("/F"): generic.pdf_string(JSON_NAME),
            generic.NameObject("/EF"): files,
        })
        return writer.add_object(generic.DictionaryObject({generic.NameObject("/Names"): generic.ArrayObject(
            [generic.pdf_string(JSON_NAME), writer.add_object(spec)])}))
    return build


def deflated_zeros(megabytes: int) -> bytes:
    deflater = zlib.compressobj(9)
    block = bytes(1024 * 1024)
    return b"".join([*(deflater.compress(block) for _ in range(megabytes)), deflater.flush()])


def package_with_pdf(package: SubmissionPackage, pdf: bytes, target: Path) -> Path:
    """`package`'s zip with its PDF replaced and the manifest's hashes recomputed, as an attacker would."""
    with zipfile.ZipFile(package.zip_path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files[package.pdf.name] = pdf
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        entry["size"] = len(files[entry["name"]])
        entry["sha256"] = hashlib.sha256(files[entry["name"]]).hexdigest()
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return target


@pytest.mark.timeout(60)
def test_a_name_tree_whose_kids_all_point_at_one_node_is_refused_quickly(
        unsigned_package: SubmissionPackage, tmp_path: Path) -> None:
    pdf = with_names_tree(unsigned_package.pdf.read_bytes(), fan_out)
    started = time.monotonic()
    with pytest.raises(ValueError, match="quá nhiều nút"):
        read_embedded(pdf)
    assert time.monotonic() - started < 5
    path = package_with_pdf(unsigned_package, pdf, tmp_path / "goi.zip")
    check = verify_package(path)
    assert check.outcome is Outcome.INVALID
    assert any("quá nhiều nút" in p for p in check.problems)
    result = cli("verify", path, "--format", "json")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_a_deflate_bomb_is_refused_without_being_inflated(unsigned_package: SubmissionPackage) -> None:
    """200 MB of zeros in 200 kB: refused after at most MAX_EMBEDDED of output, not 200 MB."""
    pdf = with_names_tree(unsigned_package.pdf.read_bytes(), one_file(deflated_zeros(200)))
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="quá lớn"):
            read_embedded(pdf)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * MAX_EMBEDDED + 16 * 1024 * 1024, peak


def test_a_data_file_just_within_the_cap_is_read_and_a_foreign_filter_is_refused(
        unsigned_package: SubmissionPackage) -> None:
    base = unsigned_package.pdf.read_bytes()
    inside = with_names_tree(base, one_file(zlib.compress(b"{}" * 1000)))
    assert read_embedded(inside).json_bytes == b"{}" * 1000
    stored = with_names_tree(base, one_file(b"{}", filters=None))
    assert read_embedded(stored).json_bytes == b"{}"
    foreign = with_names_tree(base, one_file(b"7b7d>", filters="/ASCIIHexDecode"))
    with pytest.raises(ValueError, match="nén theo cách"):
        read_embedded(foreign)


def signed_again(pdf: bytes, pki: Pki, times: int) -> bytes:
    key = load_pkcs12(pki.p12, pki.password)
    for index in range(times):
        out = io.BytesIO()
        signers.PdfSigner(signers.PdfSignatureMetadata(field_name=f"Them{index}"), key.signer).sign_pdf(
            IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), output=out)
        pdf = out.getvalue()
    return pdf


def test_more_signatures_than_a_report_ever_has_are_refused_before_any_is_checked(
        signed_package: SubmissionPackage, pki: Pki) -> None:
    """Each signature is checked against every later revision: thousands would take days."""
    extra = 9      # ten in all: a report has one, or two with the organisation's
    pdf = signed_again(signed_package.pdf.read_bytes(), pki, extra)
    started = time.monotonic()
    check = check_pdf_signature(pdf, (pki.ca,))
    assert time.monotonic() - started < 2
    assert check.state is SignatureState.INVALID and "chữ ký" in check.detail
    assert check.signatures == extra + 1 > signature_check.MAX_SIGNATURES
    # Up to the cap, signatures followed by signatures are still checked one by one.
    assert check_pdf_signature(signed_again(signed_package.pdf.read_bytes(), pki, 1), (pki.ca,)).valid


def with_form_fields(pdf: bytes, levels: int, kids: int = 30) -> bytes:
    """`pdf` with an AcroForm whose field tree has `levels` levels of `kids` kids, all one node."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    node = writer.add_object(generic.DictionaryObject({generic.NameObject("/T"): generic.pdf_string("a")}))
    for _level in range(levels):
        node = writer.add_object(generic.DictionaryObject({
            generic.NameObject("/T"): generic.pdf_string("b"),
            generic.NameObject("/Kids"): generic.ArrayObject([node] * kids)}))
    writer.root[generic.NameObject("/AcroForm")] = writer.add_object(generic.DictionaryObject(
        {generic.NameObject("/Fields"): generic.ArrayObject([node])}))
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


@pytest.mark.timeout(60)
def test_a_form_field_tree_whose_kids_all_point_at_one_node_is_refused_quickly(
        unsigned_package: SubmissionPackage, signed_package: SubmissionPackage, tmp_path: Path) -> None:
    """pyhanko looks for signature fields through every kid: 30**8 visits never end."""
    for package in (unsigned_package, signed_package):
        pdf = with_form_fields(package.pdf.read_bytes(), levels=8)
        started = time.monotonic()
        check = check_pdf_signature(pdf)
        assert time.monotonic() - started < 5
        assert check.state is SignatureState.INVALID and "cây trường biểu mẫu" in check.detail
    path = package_with_pdf(unsigned_package, with_form_fields(unsigned_package.pdf.read_bytes(), 8),
                            tmp_path / "goi.zip")
    result = cli("verify", path, "--format", "json")
    assert result.returncode == 2 and "cây trường biểu mẫu" in result.stdout


def test_a_pdf_of_more_revisions_than_a_report_has_is_refused(unsigned_package: SubmissionPackage) -> None:
    pdf = unsigned_package.pdf.read_bytes()
    for index in range(signature_check.MAX_REVISIONS):
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        writer.root[generic.NameObject("/Lan")] = generic.NumberObject(index)
        writer.update_root()
        out = io.BytesIO()
        writer.write(out)  # type: ignore[no-untyped-call]
        pdf = out.getvalue()
    check = check_pdf_signature(pdf)
    assert check.state is SignatureState.INVALID and "lần cập nhật nối tiếp" in check.detail
    # A report's own few revisions, and a small form, pass.
    assert check_pdf_signature(with_form_fields(unsigned_package.pdf.read_bytes(), 2, kids=3)).state \
        is SignatureState.UNSIGNED


def signed_carrying(pdf: bytes, roots: int, levels: int = 1) -> tuple[bytes, x509.Certificate]:
    """`pdf` signed by a leaf whose CMS carries `roots` CA keys per level, each level's
    certificates issued by every key of the level above, all of a level under one name.

    Returns the signed PDF and a CA certificate of the top level's name (another key)."""
    now = dt.datetime.now(dt.UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    def issue(subject: str, issuer: str, key: Any, by: Any, *, ca: bool = True) -> x509.Certificate:
        return (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
                .sign(by, hashes.SHA256()))

    keys = [[ec.generate_private_key(ec.SECP256R1()) for _ in range(roots)] for _ in range(levels)]
    carried = [issue("CA 0", "CA 0", key, key) for key in keys[0]]
    for level in range(1, levels):
        carried += [issue(f"CA {level}", f"CA {level - 1}", key, parent)
                    for key in keys[level] for parent in keys[level - 1]]
    leaf_key = ec.generate_private_key(ec.SECP256R1())
    leaf = issue("Người ký", f"CA {levels - 1}", leaf_key, keys[-1][0], ca=False)

    def asn1(certificate: x509.Certificate) -> Any:
        return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))

    signer = signers.SimpleSigner(
        signing_cert=asn1(leaf), cert_registry=SimpleCertificateStore.from_certs([asn1(c) for c in carried]),
        signing_key=asn1_keys.PrivateKeyInfo.load(leaf_key.private_bytes(
            Encoding.DER, PrivateFormat.PKCS8, NoEncryption())))
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="ChuKy"), signer).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), output=out)
    other = ec.generate_private_key(ec.SECP256R1())
    return out.getvalue(), issue("CA 0", "CA 0", other, other)


@pytest.mark.timeout(60)
def test_a_signature_carrying_many_certificates_of_one_name_is_refused_before_its_chain_is_searched(
        unsigned_package: SubmissionPackage) -> None:
    """Certificates of one name can each issue the others: 11 of them took pyhanko hours."""
    pdf, anchor = signed_carrying(unsigned_package.pdf.read_bytes(), roots=11)
    started = time.monotonic()
    for check in (check_pdf_signature(pdf), check_pdf_signature(pdf, (anchor,))):
        assert check.state is SignatureState.INVALID and "cùng một tên" in check.detail
    assert time.monotonic() - started < 5
    many, _anchor = signed_carrying(unsigned_package.pdf.read_bytes(), roots=3, levels=2)
    assert "hơn 12 chứng thư" in check_pdf_signature(many).detail
    # A CA and its renewal (two of one name) are a chain's certificates, checked as usual.
    few, _anchor = signed_carrying(unsigned_package.pdf.read_bytes(), roots=2)
    assert check_pdf_signature(few).state is SignatureState.VALID
