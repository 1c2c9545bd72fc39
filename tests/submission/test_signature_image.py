"""The signer's handwritten-signature image (Decree 30/2020, Appendix I, as we read it): the
unit's own transparent PNG, centred in the signature block's blank between the title and the
name, at the blank's height, inside the signer's own signature; the seal over its left third.

Each PDF is really signed with the test PKI and rendered with pdftoppm; the pixels of the
page are read back, told apart by colour: the ink's blue (signature_pngs.INK), the text's
pure blue, the seal's red.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from submission.certificates import Pki, make_pki
from submission.signature_pngs import INK, is_ink, is_seal_red, signature_png
from submission.test_signature_appearance import _page_text, _seal_png

from cchc_desktop.documents.pdf_report import SignaturePlace, render_pdf
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.trust_policy import TrustPolicy
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore
from cchc_desktop.submission.appearance_settings import SigningSetup, save_setup, stored_setup
from cchc_desktop.submission.seal_image import MAX_SEAL_BYTES
from cchc_desktop.submission.signature_check import check_pdf_signature
from cchc_desktop.submission.signature_image import load_signature_png
from cchc_desktop.submission.signing import SEAL_BOX_HEIGHT, load_pkcs12, load_seal_png, sign_pdf
from cchc_desktop.submission.timestamps import SETTING_SEAL_PNG, SETTING_SIGNATURE_PNG

DPI = 150
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def unsigned_pdf() -> tuple[bytes, SignaturePlace]:
    from submission.conftest import final_context

    place = SignaturePlace()
    data, _pages = render_pdf(final_context(), signature_place=place)
    return data, place


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReportStore]:
    """A real data file, where the signing set-up is kept."""
    database = Database.open(tmp_path / "cchc.sqlite3")
    yield ReportStore(database)
    database.close()


def _widget_boxes(data: bytes) -> list[Box]:
    from pyhanko.pdf_utils.reader import PdfFileReader

    boxes = []
    for signature in PdfFileReader(io.BytesIO(data)).embedded_signatures:
        x1, y1, x2, y2 = (float(v) for v in signature.sig_field["/Rect"])
        boxes.append((x1, y1, x2, y2))
    return boxes


def _rendered(data: bytes, page: int, tmp_path: Path) -> Image.Image:
    pdf = tmp_path / "signed.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page + 1), "-l", str(page + 1), "-png",
                    "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    return Image.open(tmp_path / "page.png").convert("RGB")


def _pixels(image: Image.Image, wanted, box: Box | None = None) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """The points (PDF points, from the bottom left) of the page's pixels that `wanted` accepts,
    within `box` (PDF points) or on the whole page."""
    scale = DPI / 72
    width, height = image.size
    if box is None:
        left, top, right, bottom = 0, 0, width, height
    else:
        x1, y1, x2, y2 = box
        left, right = int(x1 * scale), int(x2 * scale) + 1
        top, bottom = int(height - y2 * scale), int(height - y1 * scale) + 1
    data = image.load()
    return [(x / scale, (height - y) / scale) for y in range(top, bottom) for x in range(left, right)
            if wanted(data[x, y])]


def _span(points: list[tuple[float, float]]) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _sign(pki: Pki, data: bytes, place: SignaturePlace, **images) -> bytes:  # type: ignore[no-untyped-def]
    key = load_pkcs12(pki.p12, pki.password)
    key.seal = images.get("seal")
    key.signature_image = images.get("signature")
    return sign_pdf(data, key, place)[0]


# ------------------------------------------------------------------------------ drawn

def test_the_signature_image_is_drawn_in_blue_centred_in_the_blank_at_its_height_and_signed(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    signature = load_signature_png(signature_png(tmp_path / "chu-ky.png"))
    assert (signature.width, signature.height) == (600, 240)
    signed = _sign(pki, data, place, signature=signature)

    [box] = _widget_boxes(signed)
    x1, y1, x2, y2 = box
    # the box: the blank's height, centred in the blank (between the title and the name)
    assert abs((y2 - y1) - min(SEAL_BOX_HEIGHT, place.height)) <= 1
    assert abs((x1 + x2) / 2 - (place.x + place.width / 2)) <= 1
    assert place.y - 1 <= y1 and y2 <= place.y + place.height + 1
    page = _rendered(signed, place.page, tmp_path)
    ink = _pixels(page, is_ink, box)
    assert len(ink) > 1500, "the image's blue strokes are on the rendered page, in the box"
    assert len(_pixels(page, is_ink)) == len(ink), "and nowhere else on the page"
    left, bottom, width, height = _drawn_image(page, box, tmp_path / "chu-ky.png")
    # centred on the blank, as tall as the blank allows (within the frame's line), 600 x 240 kept
    assert abs(left + width / 2 - (place.x + place.width / 2)) <= 2
    assert abs(bottom + height / 2 - (y1 + y2) / 2) <= 2
    assert abs(height - (y2 - y1)) <= 4
    assert abs(width / height - 600 / 240) < 0.06

    # the text lines are still there and readable, over the image's lower part
    pdf = tmp_path / "signed.pdf"
    text = " ".join(_page_text(pdf, place.page).split())
    assert "Ký bởi: Nguyễn Văn Bình" in text
    assert "Cơ quan: Ủy ban nhân dân xã Mỹ An" in text
    assert "Thời gian ký (theo đồng hồ máy tính):" in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    assert sorted(line.split()[2] for line in images) == ["image", "smask"]   # as it is, with its mask
    # the signature covers it: one signature, over the whole file, valid and trusted by its CA
    check = check_pdf_signature(signed, policy=TrustPolicy((pki.ca,)))
    assert check.valid and check.trusted and check.signatures == 1 and check.covered_bytes == len(signed)


def _ink_in_png(path: Path) -> Box:
    """Where the ink lies in the PNG itself, as fractions of its width and height (left,
    bottom, right, top, from the bottom left like PDF points), seen over white paper."""
    with Image.open(path) as image:
        rgba = image.convert("RGBA")
    paper = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    inked = [(x, y) for y in range(paper.height) for x in range(paper.width)
             if is_ink(paper.getpixel((x, y)))]
    xs, ys = [p[0] for p in inked], [p[1] for p in inked]
    return (min(xs) / paper.width, 1 - (max(ys) + 1) / paper.height,
            (max(xs) + 1) / paper.width, 1 - min(ys) / paper.height)


def _drawn_image(page: Image.Image, box: Box, png: Path) -> Box:
    """(left, bottom, width, height) in PDF points of the whole signature image as drawn, from
    its ink on the rendered page and where the ink lies in the PNG."""
    left, bottom, right, top = _span(_pixels(page, is_ink, box))
    f_left, f_bottom, f_right, f_top = _ink_in_png(png)
    width = (right - left) / (f_right - f_left)
    height = (top - bottom) / (f_top - f_bottom)
    return left - f_left * width, bottom - f_bottom * height, width, height


def test_without_a_signature_image_no_ink_is_drawn(pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    signed = _sign(pki, data, place)
    page = _rendered(signed, place.page, tmp_path)
    [box] = _widget_boxes(signed)
    assert _pixels(page, is_ink) == []
    blue_text = _pixels(page, lambda p: p[2] > 200 and p[0] < 60 and p[1] < 60, box)
    assert blue_text, "the signer's text is drawn in its blue"


@pytest.mark.parametrize(("pixels", "dpi"), [(240, None), (413, 300)])   # the blank's height; 35 mm
def test_with_the_seal_the_seal_overlaps_the_left_third_of_the_signature_image(
        pixels: int, dpi: int | None, pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    signature = load_signature_png(signature_png(tmp_path / "chu-ky.png"))
    seal = load_seal_png(_seal_png(tmp_path / "dau.png", pixels=pixels, dpi=dpi))
    signed = _sign(pki, data, place, signature=signature, seal=seal)
    [box] = _widget_boxes(signed)
    page = _rendered(signed, place.page, tmp_path)
    left, _bottom, width, _height = _drawn_image(page, box, tmp_path / "chu-ky.png")
    seal_left, _b, seal_right, _t = _span(_pixels(page, is_seal_red, box))
    # the ring is drawn 10 px inside its PNG: the PNG's edge is that much further right
    seal_png_right = seal_right + (seal_right - seal_left) * 10 / (pixels - 20)
    assert abs(seal_png_right - (left + width / 3)) <= 2     # its right edge at the image's third
    assert seal_left < left                                  # from outside the image's left side
    assert abs(left + width / 2 - (place.x + place.width / 2)) <= 2, "the image still centred"
    assert check_pdf_signature(signed, policy=TrustPolicy((pki.ca,))).valid


def test_the_organisations_seal_overlaps_the_left_third_of_the_signature_image_and_both_verify(
        unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cryptography.hazmat.primitives.asymmetric import ec

    data, place = unsigned_pdf
    ca_key = ec.generate_private_key(ec.SECP256R1())
    person = make_pki(tmp_path, ca_key=ca_key)
    body = make_pki(tmp_path, ca_key=ca_key, holder=("Ủy ban nhân dân xã Mỹ An", "Ủy ban nhân dân xã Mỹ An"),
                    file_name="co-quan.p12")
    key = load_pkcs12(person.p12, person.password)
    key.organization = load_pkcs12(body.p12, body.password)
    key.seal = load_seal_png(_seal_png(tmp_path / "dau.png", pixels=413, dpi=300))
    key.signature_image = load_signature_png(signature_png(tmp_path / "chu-ky.png"))
    signed = sign_pdf(data, key, place)[0]
    person_box, seal_box = _widget_boxes(signed)
    page = _rendered(signed, place.page, tmp_path)
    assert len(_pixels(page, is_ink, person_box)) > 1500, "the image is in the person's signature"
    left, _bottom, width, _height = _drawn_image(page, person_box, tmp_path / "chu-ky.png")
    assert abs(seal_box[2] - (left + width / 3)) <= 2 and seal_box[0] < left
    check = check_pdf_signature(signed, policy=TrustPolicy((person.ca,)))
    assert check.valid and check.trusted and check.signatures == 2


def test_a_wide_signature_widens_the_box_within_the_blank_and_keeps_its_proportions(
        pki: Pki, unsigned_pdf, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, place = unsigned_pdf
    wide = load_signature_png(signature_png(tmp_path / "dai.png", size=(1200, 160)))
    signed = _sign(pki, data, place, signature=wide)
    [(x1, y1, x2, y2)] = _widget_boxes(signed)
    assert place.x - 1 <= x1 and x2 <= place.x + place.width + 1, "never past the blank's width"
    page = _rendered(signed, place.page, tmp_path)
    _left, _bottom, width, height = _drawn_image(page, (x1, y1, x2, y2), tmp_path / "dai.png")
    assert abs(width - (x2 - x1)) <= 4, "as wide as the box lets it be"
    assert height < (y2 - y1) - 20, "so less tall than the blank"
    assert abs(width / height - 1200 / 160) < 0.3


# ------------------------------------------------------------------------------ refused

@pytest.mark.parametrize(("make", "message"), [
    ("opaque", r"Ảnh chữ ký trang\.png không có nền trong suốt"),
    ("jpeg", r"Ảnh chữ ký chu-ky\.jpg không phải tệp PNG"),
    ("big", r"Không đọc được ảnh chữ ký lon\.png"),
    ("broken", r"Ảnh chữ ký hong\.png bị hỏng"),
    ("huge", r"Ảnh chữ ký to\.png quá lớn \(4500 x 4500 điểm ảnh"),
])
def test_a_refused_signature_image_says_why_and_nothing_is_stored(
        make: str, message: str, store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _refused_file(make, tmp_path)
    with pytest.raises(KnownError, match=message):
        load_signature_png(path)
    seal = _seal_png(tmp_path / "dau.png")
    with pytest.raises(KnownError, match=message):
        save_setup(store, SigningSetup(str(seal), "", str(path)))
    assert store.setting(SETTING_SIGNATURE_PNG, "") == ""
    assert store.setting(SETTING_SEAL_PNG, "") == "", "not the seal either: all or nothing"
    assert stored_setup(store) == SigningSetup()


def _refused_file(make: str, folder: Path) -> Path:
    if make == "opaque":
        return signature_png(folder / "trang.png", mode="RGB")
    if make == "jpeg":
        path = folder / "chu-ky.jpg"
        Image.new("RGB", (120, 50), INK).save(path, format="JPEG")
        return path
    if make == "big":
        path = folder / "lon.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_SEAL_BYTES)
        return path
    if make == "broken":
        path = folder / "hong.png"
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"rac")
        return path
    path = folder / "to.png"
    Image.new("LA", (4500, 4500), (0, 0)).save(path, format="PNG")
    return path


def test_a_good_signature_image_is_kept_with_its_full_path_and_put_on_the_key(
        store, pki: Pki, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.submission.appearance_settings import apply_setup

    monkeypatch.chdir(tmp_path)
    signature_png(tmp_path / "chu-ky.png")
    saved = save_setup(store, SigningSetup(signature_path="chu-ky.png"))
    assert store.setting(SETTING_SIGNATURE_PNG, "") == str((tmp_path / "chu-ky.png").resolve())
    key = load_pkcs12(pki.p12, pki.password)
    apply_setup(key, stored_setup(store))
    assert key.signature_image is not None and key.signature_image.name == "chu-ky.png"
    assert key.seal is None and saved.seal_path == ""
    (tmp_path / "chu-ky.png").unlink()       # moved away since: said at signing, not drawn blank
    with pytest.raises(KnownError, match=r"Không đọc được ảnh chữ ký chu-ky\.png"):
        apply_setup(key, stored_setup(store))
