"""submission/signature_check.py: a report PDF's signatures judged offline, worst one first.

The module promises VALID only for an intact signature covering the whole file, a result
that says apart whether the signer is trusted (and why not, in Vietnamese), the signer's
certificate shown for the clerk (SignerInfo), a pinned unit compared with the certificate
whatever the pin's spelling, and a hostile or broken file refused as INVALID with a
sentence, never an exception.

Beside tests/submission/test_signing.py (a real package signed and one byte changed),
test_tampering.py (packages tampered with, CRLs, timestamps, impostors) and
test_hostile_pdf.py (bombs: trees, revisions, signatures, certificates), this checks the
result objects and the module's own judgements on a one-page PDF signed on the spot.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from reportlab.pdfgen import canvas
from submission.certificates import Pki, make_pki

from cchc_desktop.domain.trust_policy import TrustPolicy, fingerprint
from cchc_desktop.submission.signature_check import (
    SignatureCheck,
    SignatureState,
    SignerInfo,
    check_pdf_signature,
    signer_info,
)
from cchc_desktop.submission.signing import load_pkcs12, sign_pdf_bytes

UTC = dt.UTC


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


def _one_page() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Bao cao CCHC quy III nam 2026")
    page.showPage()
    page.save()
    return out.getvalue()


@pytest.fixture(scope="module")
def signed(pki: Pki) -> bytes:
    return sign_pdf_bytes(_one_page(), load_pkcs12(pki.p12, pki.password))


def test_the_signers_certificate_is_shown_with_dates_in_vietnamese_order(pki: Pki) -> None:
    info = signer_info(pki.signer)
    assert info.subject == "CN=Nguyễn Văn Bình,O=Ủy ban nhân dân xã Mỹ An,C=VN"
    assert info.issuer == "CN=CA Thử nghiệm CCHC,O=Tổ chức chứng thực thử,C=VN"
    assert not info.self_signed and signer_info(pki.ca).self_signed
    start, end = pki.signer.not_valid_before_utc, pki.signer.not_valid_after_utc
    assert info.lines[2] == f"Hiệu lực: từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"
    assert info.lines[3] == f"Dấu vân tay SHA-256: {fingerprint(pki.signer)}"
    shown = info.as_json()
    assert shown["serial"] == format(pki.signer.serial_number, "x")
    assert shown["not_after"] == end.isoformat() and shown["sha256"] == info.fingerprint


def test_the_summary_says_who_when_and_whether_the_signer_is_trusted() -> None:
    info = SignerInfo("CN=A", "CN=A", dt.datetime(2026, 1, 1, tzinfo=UTC),
                      dt.datetime(2027, 1, 1, tzinfo=UTC), "ab" * 32, 1, True)
    at = dt.datetime(2026, 9, 14, 8, 30, tzinfo=UTC)
    local = at.astimezone().strftime("%H:%M %d/%m/%Y")
    trusted = SignatureCheck(SignatureState.VALID, "", at, trusted=True, info=info, timestamped=True)
    assert trusted.summary == (
        f"Chữ ký số hợp lệ: ký bởi (không rõ tên) lúc {local} (theo dấu thời gian của tổ chức cấp "
        "dấu thời gian), tệp không bị sửa sau khi ký; chứng thư số được xác minh với chứng thư "
        "gốc tin cậy.")
    # Trusted by its chain but warned (a pin not kept): never "hợp lệ".
    warned = SignatureCheck(SignatureState.VALID, "Bình", at, trusted=True, warnings=("x",))
    assert warned.summary.startswith(
        f"Chữ ký số còn nguyên vẹn nhưng CHƯA được tin cậy: ký bởi Bình lúc {local} (theo đồng "
        "hồ máy ký)")
    assert SignatureCheck(SignatureState.VALID, "Bình").when == ""
    assert not SignatureCheck(SignatureState.INVALID, detail="hỏng.").valid


@pytest.mark.parametrize(("data", "start"), [
    (b"", "tệp PDF hỏng hoặc đã bị sửa ("),
    (b"PK\x03\x04 not a pdf at all", "tệp PDF hỏng hoặc đã bị sửa ("),
    (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R", "tệp PDF hỏng hoặc đã bị sửa ("),
], ids=["empty", "zip", "cut-short"])
def test_a_file_that_is_not_a_pdf_is_invalid_with_a_sentence(data: bytes, start: str) -> None:
    check = check_pdf_signature(data)
    assert check.state is SignatureState.INVALID
    assert check.detail.startswith(start) and check.detail.endswith(").")
    assert check.summary.startswith("Chữ ký số KHÔNG hợp lệ: tệp PDF hỏng")


def test_an_unsigned_pdf_is_unsigned_not_invalid() -> None:
    check = check_pdf_signature(_one_page())
    assert (check.state, check.signatures, check.certificate_der) == (SignatureState.UNSIGNED, 0, b"")


def test_an_intact_signature_is_valid_trusted_only_with_its_ca_and_covers_the_file(
        signed: bytes, pki: Pki) -> None:
    trusted = check_pdf_signature(signed, policy=TrustPolicy(anchors=(pki.ca,)))
    assert (trusted.state, trusted.trusted, trusted.signer) == (SignatureState.VALID, True,
                                                                 "Nguyễn Văn Bình")
    assert trusted.warnings == ()
    assert trusted.notes == ("chưa kiểm tra thu hồi: không có danh sách thu hồi (CRL) ngoại tuyến",)
    assert trusted.covered_bytes == len(signed) and trusted.signatures == 1
    assert trusted.certificate_der == pki.signer.public_bytes(Encoding.DER)
    alone = check_pdf_signature(signed)
    assert alone.state is SignatureState.VALID and not alone.trusted
    assert alone.warnings == (
        "người ký chưa được tin cậy: chứng thư do tổ chức cấp không có trong danh sách tin cậy "
        "(CN=CA Thử nghiệm CCHC,O=Tổ chức chứng thực thử,C=VN).",)


def test_a_pin_matches_whatever_its_case_and_colons_and_names_both_when_not(
        signed: bytes, pki: Pki) -> None:
    own = fingerprint(pki.signer)
    spelled = ":".join(own[i:i + 2] for i in range(0, len(own), 2)).upper()
    kept = check_pdf_signature(signed, [pki.ca], policy=TrustPolicy(pinned={"xa-my-an": spelled}),
                               unit_code="xa-my-an")
    assert kept.warnings == () and kept.summary.startswith("Chữ ký số hợp lệ")
    other = "cd" * 32
    broken = check_pdf_signature(signed, [pki.ca], policy=TrustPolicy(pinned={"xa-my-an": other}),
                                 unit_code="xa-my-an")
    assert broken.warnings == (
        f"chứng thư ký khác chứng thư đã ghim cho đơn vị xa-my-an: đã ghim {other}, gói này ký "
        f"bằng {own}.",)
    assert "CHƯA được tin cậy" in broken.summary
    # Another unit's pin says nothing about this file.
    assert check_pdf_signature(signed, [pki.ca], policy=TrustPolicy(pinned={"xa-khac": other}),
                               unit_code="xa-my-an").warnings == ()


def test_content_added_after_signing_is_invalid(signed: bytes, pki: Pki) -> None:
    from pyhanko.pdf_utils import generic  # the incremental update an attacker would write
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)  # type: ignore[no-untyped-call]
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    check = check_pdf_signature(out.getvalue(), [pki.ca])
    assert check.state is SignatureState.INVALID
    assert check.detail == "tệp đã được thêm nội dung sau khi ký."
    assert check.signer == "Nguyễn Văn Bình" and check.info is not None


@pytest.mark.parametrize("blob", [b"30", b"3003020101", b"300d06092a864886f70d010702a000"])
def test_a_signature_whose_cms_is_garbage_is_invalid_not_a_crash(signed: bytes, blob: bytes) -> None:
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    assert match is not None
    start, end = match.span(1)
    # A length running past the file, a structure that is no CMS, a CMS cut short.
    damaged = signed[:start] + blob + b"0" * (end - start - len(blob)) + signed[end:]
    check = check_pdf_signature(damaged)
    assert check.state is SignatureState.INVALID
    assert check.detail.startswith("tệp PDF hỏng hoặc đã bị sửa (") and check.detail.endswith(").")
    assert (check.signer, check.certificate_der) == ("", b"")


def test_a_parser_error_of_hundreds_of_digits_is_cut_short(signed: bytes) -> None:
    """A hostile length makes asn1crypto say "Insufficient data - 7022...[300 digits] bytes
    requested": the clerk reads the start of it, not a screen of digits."""
    match = re.search(rb"/Contents <([0-9a-fA-F]+)>", signed)
    assert match is not None
    start, end = match.span(1)
    blob = b"30" + b"fe" + b"ff" * 126          # a length of 126 bytes: a number of 300 digits
    damaged = signed[:start] + blob + b"0" * (end - start - len(blob)) + signed[end:]
    check = check_pdf_signature(damaged)
    assert check.state is SignatureState.INVALID
    assert check.detail.startswith("tệp PDF hỏng hoặc đã bị sửa (")
    assert len(check.detail) <= len("tệp PDF hỏng hoặc đã bị sửa ().") + 120
