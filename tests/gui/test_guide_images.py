"""The guide is illustrated with shots of the real window (scripts/update_guide_images.sh
makes them with scripts/screenshots.py), each chapter of the quarter's path with its own, and the
guide's viewer shows them offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from cchc_desktop import i18n
from cchc_desktop.gui.guide_dialog import GuideDialog, guide_path

ROOT = Path(__file__).resolve().parents[2]
# The chapters a clerk follows (their anchors in both languages): the quarter's workflow (start,
# figures, final, export), the package, carry-over from last period, consolidation, restore.
ILLUSTRATED = ("bat-dau", "nhap-so-lieu", "hoan-thanh", "xuat", "gui", "ky-truoc", "tong-hop",
               "an-toan")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_picture_of_the_guide_is_there_and_made_by_the_screenshot_script(language: str) -> None:
    html = guide_path(language).read_text(encoding="utf-8")
    pictures = re.findall(r'<img src="([^"]+)"', html)
    assert len(pictures) >= 4
    script = (ROOT / "scripts" / "update_guide_images.sh").read_text(encoding="utf-8")
    shots = (ROOT / "scripts" / "screenshots.py").read_text(encoding="utf-8")
    for picture in pictures:
        path = guide_path(language).parent / picture
        assert path.is_file() and path.stat().st_size > 10_000, picture
        name = Path(picture).name.split(".")[0]
        assert name in script, f"{name} is not refreshed by update_guide_images.sh"
        assert name.split("-", 1)[1] in shots or name in shots, f"{name} is not a shot of screenshots.py"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_each_chapter_of_the_path_has_its_own_picture(language: str) -> None:
    html = guide_path(language).read_text(encoding="utf-8")
    chapters = dict(re.findall(r'<h2><a name="([^"]+)"></a>(.*?)(?=<h2>|</body>)', html, re.S))
    assert set(ILLUSTRATED) <= chapters.keys()
    pictures = {name: re.findall(r'<img src="([^"]+)"', chapters[name]) for name in ILLUSTRATED}
    assert [name for name, found in pictures.items() if not found] == []
    every = [picture for found in pictures.values() for picture in found]
    assert len(every) == len(set(every)), "a picture shown twice"
    assert all(picture.endswith(f".{language}.png") for picture in every), "in the guide's language"


def test_the_guide_viewer_loads_its_pictures(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    document = dialog.browser.document()
    html = guide_path(i18n.current_language()).read_text(encoding="utf-8")
    for picture in re.findall(r'<img src="([^"]+)"', html):
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))
        assert image is not None and not image.isNull(), picture
