"""An old .doc read through LibreOffice: a stand-in soffice that writes a real .docx, a missing
LibreOffice, one that fails or hangs; and the real LibreOffice when this machine has one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from fake_soffice import install_fake_soffice, old_word_file, path_with, path_without_libreoffice

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.imports import word_doc
from cchc_desktop.imports.word_doc import as_docx, read_word_file
from cchc_desktop.reading import InputFileError

LINES = ("UBND XÃ AN BÌNH", "Số: 07/BC-UBND", "An Bình, ngày 16 tháng 3 năm 2026",
         "# 1. Công tác chỉ đạo, điều hành cải cách hành chính",
         "Tổng số nhiệm vụ kế hoạch 48 nhiệm vụ, đã hoàn thành 30 nhiệm vụ.")


def test_a_docx_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    docx.Document().save(str(path))
    with as_docx(path) as readable:
        assert readable == path


def test_a_doc_goes_through_libreoffice_and_its_folder_is_removed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_soffice(tmp_path / "bin", LINES)
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    source = old_word_file(tmp_path / "bao cao quy 1.doc")
    with as_docx(source) as readable:
        assert readable.name == "bao cao quy 1.docx" and readable.is_file()
        folder = readable.parent.parent
    assert not folder.exists()
    proposal = read_word_file(source, shipped_templates().default())
    assert proposal.header.number_symbol == "07/BC-UBND"
    assert {f.code: f.value for f in proposal.figures}["cddh.kh.tong"] == "48"
    assert source.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"      # the clerk's file untouched


def test_without_libreoffice_the_clerk_is_told_to_save_as_docx(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", path_without_libreoffice(tmp_path / "empty"))
    with pytest.raises(InputFileError) as refused, as_docx(old_word_file(tmp_path / "cu.doc")):
        pass
    assert "cu.doc" in refused.value.message and "LibreOffice" in refused.value.message
    assert "Lưu thành (Save As) dạng .docx" in refused.value.message


def test_a_failing_libreoffice_is_quoted_briefly(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_soffice(tmp_path / "bin", LINES, exit_code=1)
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    with pytest.raises(InputFileError) as refused, as_docx(old_word_file(tmp_path / "x.doc")):
        pass
    message = refused.value.message
    assert "không chuyển được tệp x.doc sang .docx (mã 1)" in message
    assert "could not be loaded" in message and len(message) < 600


def test_a_hanging_libreoffice_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_fake_soffice(tmp_path / "bin", LINES, sleep=30)
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    with pytest.raises(InputFileError, match="sau 1 giây"), \
            as_docx(old_word_file(tmp_path / "x.doc"), timeout=1):
        pass


@pytest.mark.skipif(word_doc.libreoffice() is None,
                    reason="LibreOffice (soffice) is not installed on this machine")
def test_the_real_libreoffice_converts_a_doc(tmp_path: Path) -> None:   # pragma: no cover
    made = tmp_path / "made"
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line[2:] if line.startswith("# ") else line)
    document.save(str(tmp_path / "src.docx"))
    program = word_doc.libreoffice()
    assert program is not None
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(made), str(tmp_path / "src.docx")],
                   check=True, timeout=120, capture_output=True)
    old = made / "src.doc"
    with as_docx(old) as readable:
        texts = [p.text for p in docx.Document(str(readable)).paragraphs]
    assert "Số: 07/BC-UBND" in texts
    shutil.rmtree(made)
