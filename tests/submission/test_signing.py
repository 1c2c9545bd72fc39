"""Signing the PDF with a .p12 file: pyhanko validates it, one changed byte breaks it."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from submission.certificates import Pki, make_pki
from submission.conftest import final_context

from cchc_desktop.documents.pdf_report import SignaturePlace, render_pdf
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.package import SubmissionPackage
from cchc_desktop.submission.signature_check import SignatureState, check_pdf_signature
from cchc_desktop.submission.signing import load_pkcs11, load_pkcs12, signature_box


def _pyhanko_status(data: bytes, pki: Pki):  # type: ignore[no-untyped-def]
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = asn1_x509.Certificate.load(pki.ca.public_bytes(Encoding.DER))
    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))


def test_the_signed_pdf_validates_with_pyhanko_against_the_test_ca(
        signed_package: SubmissionPackage, pki: Pki) -> None:
    status = _pyhanko_status(signed_package.pdf.read_bytes(), pki)
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Nguyễn Văn Bình"
    assert status.coverage.name == "ENTIRE_FILE"


def test_our_check_reports_valid_and_trusted_only_with_the_root(
        signed_package: SubmissionPackage, pki: Pki) -> None:
    data = signed_package.pdf.read_bytes()
    trusted = check_pdf_signature(data, [pki.ca])
    assert trusted.state is SignatureState.VALID and trusted.trusted
    assert trusted.signer == "Nguyễn Văn Bình"
    assert trusted.summary.startswith("Chữ ký số hợp lệ: ký bởi Nguyễn Văn Bình lúc ")
    untrusted = check_pdf_signature(data)
    assert untrusted.state is SignatureState.VALID and not untrusted.trusted
    assert "chưa được xác minh với chứng thư gốc tin cậy" in untrusted.summary


def _signed_range_offset(data: bytes) -> int:
    """A byte inside the first page's content stream: signed, and not needed to parse the file."""
    start, length = map(int, re.search(rb"/ByteRange \[\s*(\d+) (\d+)", data).groups())  # type: ignore[union-attr]
    position = data.index(b"stream", data.index(b"/Contents", data.index(b"/Type /Page\n")))
    position = data.index(b"\n", position) + 30
    assert start <= position < start + length
    return position


def test_one_changed_byte_in_the_signed_range_invalidates_the_signature(
        signed_package: SubmissionPackage, pki: Pki) -> None:
    data = bytearray(signed_package.pdf.read_bytes())
    data[_signed_range_offset(bytes(data))] ^= 0x01
    status = _pyhanko_status(bytes(data), pki)
    assert not status.intact
    check = check_pdf_signature(bytes(data), [pki.ca])
    assert check.state is SignatureState.INVALID
    assert check.summary == "Chữ ký số KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký."


def test_the_unsigned_pdf_is_reported_unsigned(unsigned_package: SubmissionPackage) -> None:
    check = check_pdf_signature(unsigned_package.pdf.read_bytes())
    assert check.state is SignatureState.UNSIGNED
    assert check.summary == "Tệp PDF chưa được ký số."


def test_the_visible_signature_sits_in_the_signature_block(signed_package: SubmissionPackage) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    place = SignaturePlace()
    render_pdf(final_context(), signature_place=place)
    assert place.page == 3 and place.width > 200 and place.height > 60   # page 4 of 12: the blank
    reader = PdfFileReader(io.BytesIO(signed_package.pdf.read_bytes()))
    [signature] = reader.embedded_signatures
    widget = signature.sig_field
    assert widget["/P"].get_object() == reader.root["/Pages"]["/Kids"][place.page].get_object()
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert place.x <= x1 < x2 <= place.x + place.width
    assert place.y <= y1 < y2 <= place.y + place.height
    assert signature_box(place) == (3, (round(x1), round(y1), round(x2), round(y2)))


def test_a_wrong_password_says_so(pki: Pki) -> None:
    with pytest.raises(KnownError, match=r"Sai mật khẩu của tệp chứng thư số chu-ky\.p12"):
        load_pkcs12(pki.p12, "sai-mat-khau")


def test_a_file_that_is_not_a_certificate_says_so(tmp_path: Path) -> None:
    path = tmp_path / "anh.pfx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n not a certificate")
    with pytest.raises(KnownError, match="không phải là tệp chứng thư số PKCS#12"):
        load_pkcs12(path, "x")
    with pytest.raises(KnownError, match="Không đọc được tệp chứng thư số"):
        load_pkcs12(tmp_path / "khong-co.p12", "x")


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    old = make_pki(tmp_path, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=400), days=30)
    with pytest.raises(KnownError, match="đã hết hạn ngày"):
        load_pkcs12(old.p12, old.password)


def test_a_token_without_python_pkcs11_gives_a_message(tmp_path: Path) -> None:
    """Refusals of the token path; signing with a token is in test_pkcs11_softhsm.py (SoftHSM2)."""
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        with pytest.raises(KnownError, match="python-pkcs11"):
            load_pkcs11(tmp_path / "token.so", "1234")
    else:
        with pytest.raises(KnownError, match="thư viện PKCS#11"):
            load_pkcs11(tmp_path / "token.so", "1234")
