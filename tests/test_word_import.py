"""A real .docx built from a report's text, read back into a proposal."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.imports.word import read_word_report
from cchc_desktop.reading import InputFileError

DATA = Path(__file__).parent / "data" / "word_report.txt"
EXPECTED = {"cddh.kh.hoan_thanh": "42", "cddh.kh.tong": "66", "tthc.cong_bo.moi": "101",
            "tthc.cong_bo.bai_bo": "91"}


def build_docx(path: Path) -> Path:
    document = docx.Document()
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


def test_header_sections_and_figures(tmp_path: Path) -> None:
    template = shipped_templates().default()
    proposal = read_word_report(build_docx(tmp_path / "r.docx"), template)
    assert proposal.header.number_symbol == "05/BC-UBND"
    assert (proposal.header.place, proposal.header.date) == ("Mỹ An", "2023-09-14")
    assert proposal.header.issuer == "UBND XÃ MỸ AN"
    assert proposal.header.recipients == ("UBND huyện", "Lưu: VT")
    assert proposal.header.signer_title == "CHỦ TỊCH"
    assert proposal.header.signer_name == "Nguyễn Văn A"
    assert [s.heading[:4] for s in proposal.sections] == ["I. K", "1. C", "3. C"]
    assert all(s.section_id for s in proposal.sections[1:])
    found = {f.code: f.value for f in proposal.figures}
    right = sum(found.get(code) == value for code, value in EXPECTED.items())
    wrong = sum(EXPECTED.get(code) != value for code, value in found.items())
    assert right >= 3 and wrong <= 1, found


def test_corrupt_file_is_refused_in_vietnamese(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(InputFileError, match="không phải tệp Word"):
        read_word_report(bad, shipped_templates().default())
