"""Make packaging/windows/cchc-desktop.ico (executables, installer) from resources/icons/cchc-desktop.svg.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/windows/make_icon.py

Sizes 16-48 are stored as 32-bit bitmaps, 64-256 as PNG: every Windows since Vista and NSIS
read that layout. The .ico is committed, so a build needs neither Qt nor this script.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "resources" / "icons" / "cchc-desktop.svg"
TARGET = Path(__file__).resolve().parent / "cchc-desktop.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_FROM = 64


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def as_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def as_bitmap(image: QImage) -> bytes:
    """BITMAPINFOHEADER + bottom-up BGRA rows + an all-zero AND mask (alpha does the work)."""
    size = image.width()
    rows = [bytes(image.constScanLine(y))[: size * 4] for y in range(size)]  # ARGB32 = B,G,R,A
    mask_row = ((size + 31) // 32) * 4
    pixels = b"".join(reversed(rows))
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0,
                         len(pixels) + mask_row * size, 0, 0, 0, 0)
    return header + pixels + bytes(mask_row * size)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs the application)
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    images = [(size, as_png(img) if size >= PNG_FROM else as_bitmap(img))
              for size in SIZES for img in [render(renderer, size)]]
    directory = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, payload = b"", b""
    for size, data in images:
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data),
                               offset + len(payload))
        payload += data
    TARGET.write_bytes(directory + entries + payload)
    print(f"{TARGET} ({len(images)} sizes, {TARGET.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
