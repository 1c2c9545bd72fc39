"""A narrative of 500,000 characters prints whole: every piece, every footnote, the last words.

Time is measured by benchmarks/bench_long_text.py, never asserted here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from in_process_cli import cli
from long_texts import LAST_WORDS, long_narrative

from cchc_desktop.documents.narrative import _CITATION, LONG_PARAGRAPH, PIECE, blocks, pieces
from cchc_desktop.reportfiles import read_report_file
from tests.documents.doc_helpers import SAMPLE, pdf_text


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_an_ordinary_paragraph_is_one_piece() -> None:
    text = "Ủy ban nhân dân xã tiếp tục triển khai kế hoạch. " * (LONG_PARAGRAPH // 50)
    assert len(text) <= LONG_PARAGRAPH
    assert pieces(text) == [text]


def test_a_long_paragraph_is_cut_at_sentence_ends_keeping_every_character() -> None:
    text = "".join(f"Câu thứ {n} của đoạn văn rất dài, không xuống dòng lần nào. "
                   for n in range(2000)).strip()
    parts = pieces(text)
    assert len(parts) > 10
    assert all(len(part) <= PIECE for part in parts)
    assert " ".join(parts) == text
    assert all(part.endswith(".") for part in parts)


def test_a_run_without_spaces_is_cut_and_nothing_is_lost() -> None:
    text = "Mở đầu. " + "Đ" * 10_000 + " kết thúc."
    parts = pieces(text)
    assert all(len(part) <= PIECE for part in parts)
    assert _squeezed("".join(parts)) == _squeezed(text)


def test_a_citation_is_never_cut() -> None:
    citation = "Kế hoạch số 20/KH-UBND ngày 06/01/2026"
    # Citations close together and no sentence end: the cuts fall between words.
    text = " ".join(f"thực hiện {citation} về nội dung {n}" for n in range(400))
    parts = pieces(text)
    assert len(parts) > 5
    found = sum(len(_CITATION.findall(part)) for part in parts)
    assert found == len(_CITATION.findall(text)) == 400
    assert all(citation in part for part in parts)


def test_the_long_narrative_has_its_worst_parts() -> None:
    text = long_narrative(500_000)
    assert len(text) == 500_000 and text.endswith(LAST_WORDS)
    longest = max(len(block.text) for block in blocks(text))
    assert longest > 25_000
    assert "Đ" * 10_000 in text
    assert len(_CITATION.findall(text)) > 1000


def test_a_500k_narrative_exports_a_whole_pdf_and_workbook(tmp_path: Path) -> None:
    data = json.loads(SAMPLE.read_text("utf-8"))
    text = long_narrative(500_000)
    data["texts"]["cddh"] = text
    data["status"] = "draft"
    source = tmp_path / "bao-cao-dai.json"
    source.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    pdf, xlsx = tmp_path / "bao-cao.pdf", tmp_path / "bao-cao.xlsx"
    result = cli("export", source, "--pdf", pdf, "--xlsx", xlsx)
    assert result.returncode == 0, result.stderr
    printed = pdf_text(pdf, layout=False)
    assert "Kết thúc phần đánh giá chung của kỳ báo cáo." in " ".join(printed.split())
    pages = int(re.search(r"\((\d+) trang\)", result.stdout).group(1))  # type: ignore[union-attr]
    assert pages > 100
    # Both documents cited over and over: two footnotes, each printed once.
    assert printed.count("20/KH-UBND ngày 06/01/2026") >= 1
    assert "15/UBND-VP ngày 10/02/2026" in printed
    last_decision = max(int(n) for n in re.findall(r"Quyết định số (\d+)/QĐ-UBND", text))
    assert f"Quyết định số {last_decision}/QĐ-UBND ngày 01/03/2026." in printed, "its footnote"
    # Every character is printed: all of the run without spaces, the sentences (a page break
    # in the middle of one puts the page's number inside it, hence a few may not be found).
    squeezed = _squeezed(printed)
    assert squeezed.count("Đ") >= text.count("Đ")
    sentence = "khắc phục đúng thời hạn."
    assert squeezed.count(_squeezed(sentence)) >= 0.95 * text.count(sentence)
    report, _template = read_report_file(xlsx)
    assert report.texts["cddh"] == text
