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


def test_a_table_keeps_its_merged_header_and_a_vntime_run_arrives_as_unicode(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("I. KẾT QUẢ THỰC HIỆN").bold = True
    run = document.add_paragraph().add_run("C\xb8c c\xac quan \xae\xb7 tri\xd3n khai")
    run.font.name = ".VnTime"
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    table.cell(0, 0).text, merged.text = "STT", "Hồ sơ"
    for column, text in enumerate(("1", "Tiếp nhận", "1.237")):
        table.cell(1, column).text = text
    path = tmp_path / "bang.docx"
    document.save(str(path))
    [section] = read_word_report(path, shipped_templates().default()).sections
    _paragraph, word_table = section.narrative.blocks
    assert section.narrative.plain_text().startswith("Các cơ quan đã triển khai")
    assert word_table.columns == 3  # type: ignore[union-attr]
    assert [c.colspan for c in word_table.rows[0]] == [1, 2]  # type: ignore[union-attr]
    assert "1 | Tiếp nhận | 1.237" in section.narrative.plain_text()
