"""The unit's seal image for its signatures: the PNG with transparency that the unit scanned.

The app never draws a seal; it only checks the file the unit loads (a transparent PNG, at
most 2 MB) and reads the seal's real size from the image's resolution when it gives one.
The same check serves the signer's signature image (signature_image.py).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.i18n import _
from cchc_desktop.reading import read_input_bytes

MAX_SEAL_BYTES = 2 * 1024 * 1024
# A 60 mm seal scanned at 1200 dpi is 2,835 pixels across.
MAX_SEAL_PIXELS = 4000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Official seals are 20-50 mm across (Nghị định 99/2016/NĐ-CP on seals); a resolution that
# gives a size outside that is a scanner's default, not the seal's size.
SEAL_MM_RANGE = (15.0, 60.0)


@dataclass(frozen=True)
class SealImage:
    """The unit's seal as the unit scanned it: a PNG with transparency, never drawn by the app."""

    png: bytes
    name: str                   # the file's name, for messages
    width: int                  # pixels
    height: int
    # The image's physical size from its resolution (PNG pHYs), when it has one that gives
    # a seal's plausible size: Thông tư 01/2019/TT-BNV wants the seal at its real size.
    width_mm: float | None = None

    @property
    def real_height_points(self) -> float | None:
        """The seal's height on paper in points, or None when the file does not say it."""
        if self.width_mm is None:
            return None
        return self.width_mm * self.height / self.width * 72 / 25.4


@dataclass(frozen=True)
class PngWording:
    """What the clerk reads when a transparent PNG is refused, for one kind of image (the seal,
    the signer's signature): each a format string with {name} (and {reason}, {width}, ...)."""

    unreadable: str      # {name}, {reason}
    not_png: str         # {name}
    too_large: str       # {name}, {width}, {height}, {limit}
    damaged: str         # {name}
    opaque: str          # {name}


@dataclass(frozen=True)
class TransparentPng:
    """A checked PNG with transparency: its bytes, pixel size and resolution (PNG pHYs)."""

    data: bytes
    width: int
    height: int
    dpi: Any


def read_transparent_png(path: Path, wording: PngWording) -> TransparentPng:
    """The file at `path` if it is a PNG with transparency (alpha channel or tRNS), at most 2 MB
    and 4000 pixels a side; otherwise a KnownError in `wording`'s words.

    Decree 30/2020 asks for the seal's and the signer's images in .png with a transparent
    background, so that they lie over each other without hiding behind a white square.
    """
    path = Path(path)
    try:
        data = read_input_bytes(path, MAX_SEAL_BYTES)
    except KnownError as exc:
        raise KnownError(wording.unreadable.format(name=path.name, reason=exc.message)) from exc
    if not data.startswith(_PNG_MAGIC):
        raise KnownError(wording.not_png.format(name=path.name))
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb warning: the size is checked just below, with a clear refusal.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
        with image:
            # The header says the size: a small file may unpack to gigabytes (a PNG of one
            # colour compresses 1000 to 1), so the size is checked before the pixels are read.
            if max(image.size) > MAX_SEAL_PIXELS:
                raise KnownError(wording.too_large.format(
                    name=path.name, width=image.size[0], height=image.size[1], limit=MAX_SEAL_PIXELS))
            image.load()
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            size = image.size
            dpi = image.info.get("dpi")
    except KnownError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        raise KnownError(wording.damaged.format(name=path.name)) from exc
    if not transparent:
        raise KnownError(wording.opaque.format(name=path.name))
    return TransparentPng(data, size[0], size[1], dpi)


def load_seal_png(path: Path) -> SealImage:
    """The unit's seal image: a PNG with transparency (alpha channel or tRNS), at most 2 MB."""
    path = Path(path)
    png = read_transparent_png(path, PngWording(
        unreadable=_("Không đọc được ảnh con dấu {name}: {reason}"),
        not_png=_("Ảnh con dấu {name} không phải tệp PNG; hãy dùng ảnh con dấu định dạng "
                  ".png nền trong suốt."),
        too_large=_("Ảnh con dấu {name} quá lớn ({width} x {height} điểm ảnh; tối đa "
                    "{limit} mỗi chiều): hãy dùng ảnh quét ở 300-600 dpi."),
        damaged=_("Ảnh con dấu {name} bị hỏng, không đọc được."),
        opaque=_("Ảnh con dấu {name} không có nền trong suốt; hãy dùng ảnh PNG nền trong "
                 "suốt để hình dấu không che chữ ký.")))
    return SealImage(png.data, path.name, png.width, png.height, _real_width_mm(png.width, png.dpi))


def _real_width_mm(pixels: int, dpi: Any) -> float | None:
    try:
        horizontal = float(dpi[0])
    except (TypeError, ValueError, IndexError):
        return None
    if horizontal <= 1:        # no pHYs, or one that only gives an aspect ratio
        return None
    millimetres = pixels / horizontal * 25.4
    return millimetres if SEAL_MM_RANGE[0] <= millimetres <= SEAL_MM_RANGE[1] else None
