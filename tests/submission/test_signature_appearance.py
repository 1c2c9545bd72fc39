"""The visible signature (signer's text, the unit's seal, the organisation's line) and timestamps.

The "configured server" path uses pyhanko's DummyTimeStamper: an RFC 3161 TSA run in-process
with a TSA certificate made here, so the token in the CMS is real; the "unreachable" path
uses a closed local port (127.0.0.1:9), so no test needs the network.
"""

from __future__ import annotations

import datetime as dt
import io
import socket
import subprocess
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from submission.certificates import Pki, make_pki
from submission.conftest import final_context

from cchc_desktop.documents.pdf_report import SignaturePlace, render_pdf
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.signing import (
    MAX_SEAL_BYTES,
    load_pkcs12,
    load_seal_png,
    sign_pdf,
    sign_pdf_bytes,
    signature_box,
)
from cchc_desktop.submission.timestamps import choose_timestamper

CLOSED_PORT_URL = "http://127.0.0.1:9/tsa"


# ------------------------------------------------------------------------------ fixtures

def _seal_png(path: Path, mode: str = "RGBA", *, pixels: int = 240, dpi: int | None = None) -> Path:
    """A stand-in for a unit's scanned seal: a red ring on a transparent background."""
    image = Image.new(mode, (pixels, pixels), (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(image).ellipse((10, 10, pixels - 10, pixels - 10), outline=(220, 0, 0), width=18)
    image.save(path, format="PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return path


@pytest.fixture(scope="module")
def unsigned_pdf() -> tuple[bytes, SignaturePlace]:
    place = SignaturePlace()
    data, _pages = render_pdf(final_context(), signature_place=place)
    return data, place


@pytest.fixture(scope="module")
def tsa(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """(DummyTimeStamper, the TSA's root in asn1crypto form): a test TSA in-process."""
    from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    from pyhanko.sign.timestamps import DummyTimeStamper

    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)   # the dummy TSA is RSA-only
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA Thử nghiệm CCHC")])
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(days=1))
                   .not_valid_after(now + dt.timedelta(days=365))
                   .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                                  critical=True)
                   .sign(key, hashes.SHA256()))
    asn1_cert = asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))
    asn1_key = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption()))
    return DummyTimeStamper(tsa_cert=asn1_cert, tsa_key=asn1_key), asn1_cert


def _signature(data: bytes):  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.reader import PdfFileReader

    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return signature


def _timestamp_tokens(data: bytes) -> list[object]:
    """The RFC 3161 tokens among the CMS signer info's unsigned attributes."""
    attributes = _signature(data).signer_info["unsigned_attrs"].native or []
    return [value for attribute in attributes if attribute["type"] == "signature_time_stamp_token"
            for value in attribute["values"]]


def _page_text(pdf: Path, page: int) -> str:
    """The text of one page as drawn (appearance streams included): rendered, then read back."""
    png = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "150", "-f", str(page + 1), "-l", str(page + 1), "-png",
                    "-singlefile", str(pdf), str(png)], check=True)
    assert png.with_suffix(".png").stat().st_size > 10_000
    # pdftotext reads text drawn by annotation appearances only once they are part of the page:
    # pdftocairo -pdf flattens the widget's appearance into page content.
    flat = pdf.with_name(pdf.stem + "-flat.pdf")
    subprocess.run(["pdftocairo", "-pdf", "-f", str(page + 1), "-l", str(page + 1), str(pdf),
                    str(flat)], check=True)
    return subprocess.run(["pdftotext", "-layout", str(flat), "-"], check=True,
                          capture_output=True, text=True).stdout


# ------------------------------------------------------------------------------ timestamps

def test_an_unreachable_server_gives_no_timestamper_and_says_so_quickly() -> None:
    started = time.monotonic()
    choice = choose_timestamper(CLOSED_PORT_URL)
    assert time.monotonic() - started < 3.5
    assert choice.timestamper is None
    assert choice.reason == ("Không kết nối được máy chủ dấu thời gian http://127.0.0.1:9/tsa; ký "
                             "không có dấu thời gian (thời gian ký là giờ của máy tính).")


def test_no_url_and_a_wrong_url_give_no_timestamper() -> None:
    assert choose_timestamper("").reason.startswith("Chưa cấu hình máy chủ dấu thời gian")
    assert "không hợp lệ" in choose_timestamper("ftp://tsa.example/").reason
    assert "không hợp lệ" in choose_timestamper("http://127.0.0.1:99999/").reason


def test_a_server_that_accepts_connections_gets_an_http_timestamper() -> None:
    from pyhanko.sign.timestamps import HTTPTimeStamper

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        url = f"http://127.0.0.1:{server.getsockname()[1]}/tsa"
        choice = choose_timestamper(url)
    assert isinstance(choice.timestamper, HTTPTimeStamper) and choice.url == url
    assert choice.reason == ""


def test_with_a_timestamp_server_the_cms_carries_a_valid_token(
        pki: Pki, tsa, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    stamper, tsa_root = tsa
    data, place = unsigned_pdf
    signed, result = sign_pdf(data, load_pkcs12(pki.p12, pki.password), place, timestamper=stamper)
    assert result.timestamped and result.time_source == "tsa"
    assert result.note.startswith("Chữ ký có dấu thời gian của máy chủ")
    assert len(_timestamp_tokens(signed)) == 1
    root = asn1_x509.Certificate.load(pki.ca.public_bytes(Encoding.DER))
    status = validate_pdf_signature(_signature(signed), ValidationContext(trust_roots=[root]),
                                    ts_validation_context=ValidationContext(trust_roots=[tsa_root]))
    assert status.intact and status.valid
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(signed)
    assert "Có dấu thời gian của máy chủ" in _page_text(pdf, place.page)


def test_an_unreachable_server_signs_without_a_timestamp_and_the_result_says_why(
        pki: Pki, unsigned_pdf) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    key = load_pkcs12(pki.p12, pki.password)
    key.tsa_url = CLOSED_PORT_URL
    signed = sign_pdf_bytes(data, key, place)
    assert key.last_result is not None and not key.last_result.timestamped
    assert key.last_result.time_source == "pc-clock"
    assert key.last_result.note.startswith("Không kết nối được máy chủ dấu thời gian")
    assert _timestamp_tokens(signed) == []
    assert _signature(signed).self_reported_timestamp is not None   # the PC's claim, in /M


# ------------------------------------------------------------------------------ appearance

def test_the_signers_appearance_names_the_signer_and_calls_the_time_the_pcs(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    now = dt.datetime(2026, 9, 14, 8, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(sign_pdf(data, load_pkcs12(pki.p12, pki.password), place, now=now)[0])
    text = " ".join(_page_text(pdf, place.page).split())
    assert "Ký bởi: Nguyễn Văn Bình" in text
    assert "Cơ quan: Ủy ban nhân dân xã Mỹ An" in text
    assert "Thời gian ký (theo đồng hồ máy tính): 14/09/2026 08:30:05 +07:00" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout
    assert len(images.splitlines()) == 2            # header lines only: no seal was drawn


def test_with_the_units_seal_the_image_overlaps_the_left_third_and_the_organisation_line_is_top_right(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils.reader import PdfFileReader

    data, place = unsigned_pdf
    key = load_pkcs12(pki.p12, pki.password)
    key.seal = load_seal_png(_seal_png(tmp_path / "dau.png"))
    now = dt.datetime(2026, 9, 14, 8, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(sign_pdf(data, key, place, now=now)[0])
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    kinds = sorted(line.split()[2] for line in images)
    assert kinds == ["image", "smask"]               # the seal, with its transparency
    assert {line.split()[3:5] == ["240", "240"] for line in images} == {True}
    widget = PdfFileReader(io.BytesIO(pdf.read_bytes())).embedded_signatures[0].sig_field
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    assert signature_box(place, seal=True) == (place.page, (round(x1), round(y1), round(x2), round(y2)))
    assert place.x <= x1 and x2 <= place.x + place.width and y2 - y1 > 80
    # the organisation's name and the time in ISO 8601, at the top right of page 1
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout
    assert "2026-09-14T08:30:05+07:00" in first
    line = next(row for row in first.splitlines() if "2026-09-14T08:30:05+07:00" in row)
    x_min, y_min, _x_max, y_max = (float(line.split('"')[i]) for i in (1, 3, 5, 7))
    assert x_min > 595 / 2 and y_min < 842 / 6       # right half, top sixth (y from the top)
    assert 8.5 < y_max - y_min < 12                  # a 10 pt line (9.1 pt box), not shrunk to 7 pt


def test_a_seal_scanned_at_a_known_resolution_is_drawn_at_its_real_size(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """413 px at 300 dpi is a 35 mm commune seal: the box is 35 mm high, past the 30 mm blank."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    data, place = unsigned_pdf
    seal = load_seal_png(_seal_png(tmp_path / "dau.png", pixels=413, dpi=300))
    assert seal.width_mm is not None and abs(seal.width_mm - 35.0) < 0.1
    key = load_pkcs12(pki.p12, pki.password)
    key.seal = seal
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(sign_pdf(data, key, place)[0])
    widget = PdfFileReader(io.BytesIO(pdf.read_bytes())).embedded_signatures[0].sig_field
    _x1, y1, _x2, y2 = (float(v) for v in widget["/Rect"])
    assert abs((y2 - y1) - 35 * 72 / 25.4) <= 1 and y2 - y1 > place.height
    # A resolution giving no seal's size (72 dpi: 146 mm) is ignored: the blank's height again.
    assert load_seal_png(_seal_png(tmp_path / "72.png", pixels=413, dpi=72)).width_mm is None
    assert load_seal_png(_seal_png(tmp_path / "none.png")).width_mm is None


def test_with_the_organisations_key_the_seal_is_a_second_signature_over_the_signers_left_third(
        unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Decree 30/2020 Appendix I: the body's signature is its seal's image, over about the left
    third of the competent person's; both verify, with the CA, as valid and trusted."""
    from cryptography.hazmat.primitives.asymmetric import ec
    from pyhanko.pdf_utils.reader import PdfFileReader

    from cchc_desktop.domain.trust_policy import TrustPolicy
    from cchc_desktop.submission.signature_check import check_pdf_signature
    from cchc_desktop.submission.signing import ORGANIZATION_FIELD, SigningKey

    data, place = unsigned_pdf
    ca_key = ec.generate_private_key(ec.SECP256R1())
    person = make_pki(tmp_path, ca_key=ca_key)
    body = make_pki(tmp_path, ca_key=ca_key, holder=("Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân xã Mỹ An"),
                    file_name="co-quan.p12")
    key = load_pkcs12(person.p12, person.password)
    key.organization = load_pkcs12(body.p12, body.password)
    without_seal = key.organization
    with pytest.raises(KnownError, match="ảnh con dấu"):
        sign_pdf(data, SigningKey(key.signer, key.certificate, organization=without_seal), place)
    key.seal = load_seal_png(_seal_png(tmp_path / "dau.png", pixels=413, dpi=300))
    signed = sign_pdf(data, key, place)[0]

    signatures = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert [s.field_name for s in signatures] == ["ChuKySo", ORGANIZATION_FIELD]
    person_box = [float(v) for v in signatures[0].sig_field["/Rect"]]
    seal_box = [float(v) for v in signatures[1].sig_field["/Rect"]]
    third = person_box[0] + (person_box[2] - person_box[0]) / 3
    assert abs(seal_box[2] - third) <= 1 and seal_box[0] < person_box[0]     # over the left third
    assert abs((seal_box[3] - seal_box[1]) - 35 * 72 / 25.4) <= 1            # the seal's real size
    assert person_box[3] - person_box[1] < 70           # the signer's own box, without the seal
    check = check_pdf_signature(signed, policy=TrustPolicy((person.ca,)))
    assert check.valid and check.trusted and check.warnings == () and check.signatures == 2
    assert any("Nguyễn Văn Bình; Ủy ban nhân dân xã Mỹ An" in n for n in check.notes)
    # The data the person signed is what counts: the first revision's end.
    ranges = [int(v) for v in signatures[0].sig_object["/ByteRange"]]
    first_end = ranges[2] + ranges[3]
    assert check.covered_bytes == first_end < len(signed)
    # The organisation's line is in the revision the person signed: covered by both signatures.
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-", "-"], input=signed,
                          capture_output=True, check=True).stdout.decode("utf-8")
    assert "Ủy ban nhân dân xã Mỹ An" in text


def test_content_added_after_the_persons_signature_is_not_passed_by_a_second_signature(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Only a signature field may follow the person's signature: new page content, even
    signed over by somebody else, makes the person's signature refuse the file."""
    from pyhanko.stamp import TextStampStyle

    from cchc_desktop.submission.signature_check import SignatureState, check_pdf_signature
    from cchc_desktop.submission.signing import _signed_field

    data, place = unsigned_pdf
    key = load_pkcs12(pki.p12, pki.password)
    signed = sign_pdf(data, key, place)[0]
    other = make_pki(tmp_path, holder=("Kẻ giả mạo", "Không rõ"), file_name="gia.p12")
    forger = load_pkcs12(other.p12, other.password)
    added = _signed_field(signed, forger, field_name="Them", page=0, box=(50, 50, 150, 90),
                          style=TextStampStyle(), timestamper=None, reason="", location="",
                          stamp_line=forger.certificate, signed_at=dt.datetime.now().astimezone())
    check = check_pdf_signature(added)
    assert check.state is SignatureState.INVALID and "sau khi ký" in check.detail


def test_a_seal_that_is_not_a_transparent_png_is_refused(tmp_path: Path) -> None:
    opaque = _seal_png(tmp_path / "trang.png", mode="RGB")
    with pytest.raises(KnownError, match="không có nền trong suốt"):
        load_seal_png(opaque)
    jpeg = tmp_path / "dau.jpg"
    Image.new("RGB", (50, 50), (200, 0, 0)).save(jpeg, format="JPEG")
    with pytest.raises(KnownError, match="không phải tệp PNG"):
        load_seal_png(jpeg)
    big = tmp_path / "lon.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_SEAL_BYTES)
    with pytest.raises(KnownError, match=r"Không đọc được ảnh con dấu lon\.png"):
        load_seal_png(big)
    broken = tmp_path / "hong.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"rac")
    with pytest.raises(KnownError, match="bị hỏng"):
        load_seal_png(broken)


def test_a_seal_that_unpacks_to_a_huge_image_is_refused_before_its_pixels_are_read(tmp_path: Path) -> None:
    """A one-colour PNG compresses a thousandfold: the header's size is checked first."""
    huge = tmp_path / "to.png"
    Image.new("LA", (4500, 4500), (0, 0)).save(huge, format="PNG")
    assert huge.stat().st_size < MAX_SEAL_BYTES
    with pytest.raises(KnownError, match=r"quá lớn \(4500 x 4500 điểm ảnh"):
        load_seal_png(huge)


def test_a_timestamp_server_address_with_hidden_characters_or_a_page_of_text_is_refused() -> None:
    from cchc_desktop.submission.appearance_settings import checked_tsa_url

    for address, reason in (("http://tsa\ud800.vn", "nửa cặp thay thế"), ("http://tsa\u202e.vn", r"U\+202E"),
                            ("http://tsa.vn/" + "a" * 2100, "quá dài")):
        with pytest.raises(KnownError, match=reason):
            checked_tsa_url(address)
    assert checked_tsa_url("  http://tsa.ca.gov.vn  ") == "http://tsa.ca.gov.vn"
