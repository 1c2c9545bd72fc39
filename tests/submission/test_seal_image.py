"""submission/seal_image.py: the unit's scanned seal checked, never drawn, at its real size.

The module promises a PNG with transparency of any kind (alpha, grey with alpha, a palette
with a transparent colour) taken; the seal's width on paper read from the file's
resolution only when it gives an official seal's size (15-60 mm); and every refusal in
Vietnamese naming the file, in the words of the image at hand (PngWording).

Beside tests/submission/test_signature_appearance.py (opaque, JPEG, too large, damaged,
a decompression bomb, the seal drawn at its size) and test_signature_image.py (the
signer's image, through the same check).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.seal_image import (
    PngWording,
    SealImage,
    load_seal_png,
    read_transparent_png,
)


def _png(path: Path, mode: str, size: tuple[int, int] = (236, 118), **save: object) -> Path:
    colour: object = {"RGBA": (220, 0, 0, 0), "LA": (90, 0), "P": 0, "RGB": (255, 255, 255)}[mode]
    Image.new(mode, size, colour).save(path, format="PNG", **save)  # type: ignore[arg-type]
    return path


@pytest.mark.parametrize(("mode", "save"), [("RGBA", {}), ("LA", {}), ("P", {"transparency": 0})],
                         ids=["alpha", "grey-alpha", "palette-trns"])
def test_any_kind_of_transparency_is_taken(tmp_path: Path, mode: str, save: dict[str, int]) -> None:
    path = _png(tmp_path / "dau.png", mode, (236, 118), **save)
    seal = load_seal_png(path)
    assert (seal.name, seal.width, seal.height, seal.png) == ("dau.png", 236, 118, path.read_bytes())


def test_the_real_size_comes_from_a_resolution_that_gives_a_seals_size(tmp_path: Path) -> None:
    # 236 pixels at 150 dpi are 39,96 mm: a seal; its height on paper is half its width.
    seal = load_seal_png(_png(tmp_path / "dau.png", "RGBA", dpi=(150, 150)))
    assert seal.width_mm == pytest.approx(39.96, abs=0.01)
    assert seal.real_height_points == pytest.approx(39.96 / 2 * 72 / 25.4, abs=0.01)
    # 236 pixels at 96 dpi (62 mm) or at 600 dpi (10 mm): a scanner's default, not the seal's.
    for dpi in (96, 600):
        assert load_seal_png(_png(tmp_path / f"{dpi}.png", "RGBA", dpi=(dpi, dpi))).width_mm is None
    assert SealImage(b"", "x.png", 200, 100).real_height_points is None


def test_a_missing_file_is_named_with_its_reason(tmp_path: Path) -> None:
    with pytest.raises(KnownError) as refused:
        load_seal_png(tmp_path / "khong-co.png")
    assert refused.value.message.startswith("Không đọc được ảnh con dấu khong-co.png: ")


WORDING = PngWording(unreadable="A {name}: {reason}", not_png="B {name}",
                     too_large="C {name} {width}x{height}>{limit}", damaged="D {name}",
                     opaque="E {name}")


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: p.write_bytes(b"GIF89a" + bytes(20)), "B anh.png"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(30)), "D anh.png"),
    (lambda p: _png(p, "RGB"), "E anh.png"),
    (lambda p: _png(p, "LA", (4001, 10)), "C anh.png 4001x10>4000"),
], ids=["not-png", "damaged", "opaque", "too-wide"])
def test_each_refusal_is_said_in_the_callers_words(tmp_path: Path, make: Callable[[Path], object],
                                                  message: str) -> None:
    path = tmp_path / "anh.png"
    make(path)
    with pytest.raises(KnownError) as refused:
        read_transparent_png(path, WORDING)
    assert refused.value.message == message


def test_a_png_at_the_limit_of_4000_pixels_is_taken(tmp_path: Path) -> None:
    png = read_transparent_png(_png(tmp_path / "dai.png", "LA", (4000, 4)), WORDING)
    assert (png.width, png.height, png.dpi) == (4000, 4, None)
