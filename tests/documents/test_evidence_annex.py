"""The PDF lists the report's evidence documents in an annex of their own, after the template's,
read back with pdftotext; a report without evidence has no such annex."""

from __future__ import annotations

import re
from pathlib import Path

from documents.doc_helpers import pdf_text, sample_context
from evidence_helpers import context_with_evidence

from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.documents.text import roman

TITLE = "DANH MỤC TÀI LIỆU KIỂM CHỨNG"


def test_the_evidence_annex_lists_each_document_with_what_it_proves(tmp_path: Path) -> None:
    context = context_with_evidence(tmp_path)
    assert [item.document.file_name for item in context.evidence] == ["Kế hoạch 20.pdf",
                                                                      "bang niem yet.png"]
    pdf = tmp_path / "bao-cao.pdf"
    write_pdf(context, pdf)
    text = pdf_text(pdf, layout=False)
    assert text.upper().count(TITLE) == 1
    annex = text[text.upper().index(TITLE):]
    words = set(annex.split())
    # The cells wrap and pdftotext interleaves a row's columns: each phrase's words are there,
    # the one-line cells as they are.
    for phrase in ("STT", "Số, ký hiệu; ngày ban hành", "Trích yếu nội dung", "Cơ quan ban hành",
                   "Kiểm chứng cho", "Tệp", "Kế hoạch cải cách hành chính năm 2026", "UBND xã Mỹ An",
                   "Ảnh bảng niêm yết thủ tục hành chính", "Bộ phận Một cửa xã Mỹ An",
                   "Kiểm tra công tác cải cách hành chính", "Kế hoạch 20.pdf", "bang niem yet.png",
                   "Tổng số nhiệm vụ trong kế hoạch", "Số nhiệm vụ đã hoàn thành"):
        assert set(phrase.split()) <= words, phrase
    for cell in ("20/KH-UBND", "06/01/2026", "02/03/2026", "Nhiệm vụ 2:"):
        assert cell in annex, cell
    # The plan proves a figure and a task, the photo a figure: indicators by label, not code.
    assert annex.count("Chỉ tiêu:") == 2 and "cddh.kh" not in annex
    # Numbered after the template's annexes, tied to the report like them.
    numerals = re.findall(r"^\s*Phụ lục ([IVX]+)\s*$", text, re.MULTILINE)   # the annexes' heads
    assert re.search(r"Phụ lục ([IVX]+)\s+" + re.escape("Danh mục tài liệu kiểm chứng"), text)
    assert numerals[-1] == roman(len(numerals)) and "Kèm theo Báo cáo số" in annex


def test_a_report_without_evidence_has_no_evidence_annex(tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    write_pdf(sample_context(), pdf)
    assert TITLE not in pdf_text(pdf, layout=False).upper()
