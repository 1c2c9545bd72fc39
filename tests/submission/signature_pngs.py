"""Stand-ins for the files a unit loads: its signer's handwritten signature, scanned in blue
ink on a transparent background (the app never draws one; the tests do, as a scanner would)."""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

INK = (20, 50, 170)     # a blue ballpoint's ink, unlike the appearance's pure blue text (0, 0, 255)


def signature_png(path: Path, mode: str = "RGBA", *, size: tuple[int, int] = (600, 240)) -> Path:
    """A looped cursive stroke and an underline, as a signature scanned at about 300 dpi."""
    width, height = size
    scale = 2      # drawn twice as large, then reduced: soft, partly transparent edges as a scan has
    image = Image.new(mode, (width * scale, height * scale),
                      (0, 0, 0, 0) if mode == "RGBA" else (255, 255, 255))
    draw = ImageDraw.Draw(image)
    points = []
    for step in range(601):
        t = step / 600
        x = 0.06 * width + 0.88 * width * t + 0.05 * width * math.sin(2 * math.pi * 5 * t)
        y = 0.45 * height - 0.32 * height * (1 - 0.4 * t) * math.cos(2 * math.pi * 5 * t)
        points.append((x * scale, y * scale))
    draw.line(points, fill=(*INK, 255)[: len(mode)], width=9 * scale, joint="curve")
    draw.line([(0.1 * width * scale, 0.86 * height * scale), (0.92 * width * scale, 0.74 * height * scale)],
              fill=(*INK, 255)[: len(mode)], width=7 * scale)
    image.resize(size, Image.Resampling.LANCZOS).save(path, format="PNG")
    return path


def is_ink(pixel: tuple[int, ...]) -> bool:
    """A rendered pixel of the signature's ink (not the text's pure blue, nor the seal's red)."""
    return all(abs(value - ink) <= 40 for value, ink in zip(pixel[:3], INK, strict=True))


def is_seal_red(pixel: tuple[int, ...]) -> bool:
    red, green, blue = pixel[:3]
    return red > 170 and green < 80 and blue < 80
