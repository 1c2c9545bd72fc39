"""fonts.py on its own: the four shipped Liberation Serif faces registered once (from any thread),
embedded as subsets in the PDF with every Vietnamese letter drawn, and a damaged font file told
as a sentence naming it, in a fresh process (registration happens once per process)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from cchc_desktop.documents import fonts
from cchc_desktop.paths import resources_dir
from tests.documents.doc_helpers import run

VIETNAMESE = "ẮẰẲẴẶăắằẳẵặ Ấấầẩẫậ Đđ Ếếềểễệ Ốốồổỗộ Ơơớờởỡợ Ưưứừửữự Ỳỳỷỹỵ"
ROOT = Path(__file__).parents[2]


def test_the_four_faces_are_registered_and_mapped_as_one_family() -> None:
    fonts.register_fonts()
    fonts.register_fonts()                                    # a second call is a no-op
    for face in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC):
        assert pdfmetrics.getFont(face).face.name
    assert tt2ps(fonts.FAMILY, 1, 0) == fonts.BOLD
    assert tt2ps(fonts.FAMILY, 0, 1) == fonts.ITALIC
    assert tt2ps(fonts.FAMILY, 1, 1) == fonts.BOLD_ITALIC


def test_every_vietnamese_letter_has_a_glyph_and_the_faces_are_embedded_as_subsets(
        tmp_path: Path) -> None:
    fonts.register_fonts()
    for face in (fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC):
        widths = pdfmetrics.getFont(face).face.charWidths
        missing = [c for c in VIETNAMESE.replace(" ", "") if ord(c) not in widths]
        assert missing == [], face
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, initialFontName=fonts.REGULAR)
    for y, face in enumerate((fonts.REGULAR, fonts.BOLD, fonts.ITALIC, fonts.BOLD_ITALIC)):
        pdf.setFont(face, 14)
        pdf.drawString(72, 700 - 30 * y, VIETNAMESE)
    pdf.save()
    path = tmp_path / "phong.pdf"
    path.write_bytes(buffer.getvalue())
    listed = run("pdffonts", str(path)).splitlines()[2:]
    assert len(listed) == 4
    for line in listed:
        name, *_rest = line.split()
        assert "+" in name and "LiberationSerif" in name        # a subset, embedded
        assert " yes yes " in line                               # emb, sub
    text = " ".join(run("pdftotext", str(path), "-").split())
    assert text.count(VIETNAMESE) == 4


def test_registering_from_many_threads_at_once_succeeds_in_a_fresh_process() -> None:
    code = ("import threading\n"
            "from cchc_desktop.documents import fonts\n"
            "errors = []\n"
            "def go():\n"
            "    try:\n"
            "        fonts.register_fonts()\n"
            "    except Exception as exc:\n"
            "        errors.append(exc)\n"
            "threads = [threading.Thread(target=go) for _ in range(8)]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\n"
            "from reportlab.pdfbase import pdfmetrics\n"
            "pdfmetrics.getFont(fonts.BOLD_ITALIC)\n"
            "print(len(errors), fonts._registered)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert result.stdout.split() == ["0", "True"]


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_a_damaged_font_is_a_sentence_naming_it_and_is_tried_again_next_time(
        tmp_path: Path, damage: str) -> None:
    # A bundle (sys._MEIPASS) whose resources hold a broken bold face.
    shipped = tmp_path / "resources" / "fonts"
    shutil.copytree(resources_dir() / "fonts", shipped)
    bold = shipped / "LiberationSerif-Bold.ttf"
    if damage == "missing":
        bold.unlink()
    else:
        bold.write_bytes(bold.read_bytes()[:2000])
    code = ("import sys\n"
            f"sys._MEIPASS = {str(tmp_path)!r}\n"
            "from cchc_desktop.documents import fonts\n"
            "from cchc_desktop.domain.errors import KnownError\n"
            "for attempt in (1, 2):\n"
            "    try:\n"
            "        fonts.register_fonts()\n"
            "        print('registered')\n"
            "    except KnownError as exc:\n"
            "        print(exc.message.splitlines()[0][:80])\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True,
                            encoding="utf-8")
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout + result.stderr
    for line in lines:                                        # never "registered" half-way
        assert line.startswith("Không nạp được phông chữ LiberationSerif-Bold.ttf"), line
