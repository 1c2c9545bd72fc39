"""The signer's handwritten-signature image: the PNG with transparency of the signature the
competent person signs on paper, which the unit scanned.

Decree 30/2020, Appendix I (our reading, not checked against the official text: see
docs/digital-signature.md section 1): the competent person's digital-signature image is the
image of that person's signature on paper, blue, PNG with a transparent background, centred
between the signer's title and name. The app never draws one; it only checks the file (the
seal's checks: a transparent PNG, at most 2 MB, not damaged) and draws it as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.i18n import _
from cchc_desktop.submission.seal_image import PngWording, read_transparent_png


@dataclass(frozen=True)
class SignatureImage:
    """The signer's signature as scanned: a transparent PNG, drawn as is, never by the app."""

    png: bytes
    name: str                   # the file's name, for messages
    width: int                  # pixels
    height: int


def load_signature_png(path: Path) -> SignatureImage:
    """The signer's signature image, or a KnownError saying why the file is refused."""
    path = Path(path)
    png = read_transparent_png(path, PngWording(
        unreadable=_("Không đọc được ảnh chữ ký {name}: {reason}"),
        not_png=_("Ảnh chữ ký {name} không phải tệp PNG; hãy dùng ảnh chữ ký của người ký định "
                  "dạng .png nền trong suốt."),
        too_large=_("Ảnh chữ ký {name} quá lớn ({width} x {height} điểm ảnh; tối đa {limit} mỗi "
                    "chiều): hãy dùng ảnh quét ở 300-600 dpi."),
        damaged=_("Ảnh chữ ký {name} bị hỏng, không đọc được."),
        opaque=_("Ảnh chữ ký {name} không có nền trong suốt; hãy dùng ảnh PNG nền trong suốt "
                 "để nền ảnh không che chữ và con dấu.")))
    return SignatureImage(png.data, path.name, png.width, png.height)
