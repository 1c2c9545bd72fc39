"""A formatted narrative in the PDF: bold and italic kept, explanatory footnotes numbered with
the citations at the foot of the page, a table within the margins whose header row is repeated
on the next page when the table runs over a page break."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.rich_text import Cell, Footnote, ListBlock, Paragraph, RichText, Run, Table
from tests.documents.doc_helpers import load_sample, pdf_pages, pdf_text, run


def _rich(rows: int) -> RichText:
    header = (Cell((Run("STT"),), rowspan=2), Cell((Run("Lĩnh vực tiếp nhận"),), colspan=2))
    second = (Cell((Run("Tên lĩnh vực"),)), Cell((Run("Số hồ sơ"),)))
    body = tuple((Cell((Run(str(n)),)), Cell((Run(f"Lĩnh vực số {n}"),)), Cell((Run(f"{n * 7}"),)))
                 for n in range(1, rows + 1))
    return RichText((
        Paragraph((Run("Trong kỳ, xã đã "), Run("hoàn thành 100%", bold=True),
                   Run(" kế hoạch", italic=True), Footnote("Gồm các ấp Mỹ Thuận, Mỹ Hòa và Mỹ Phú."),
                   Run(" đề ra."))),
        ListBlock(False, ((Run("Rà soát thủ tục hành chính"),), (Run("Số hóa hồ sơ"),))),
        Table((1, 5, 2), 2, (header, second, *body)),
    ))


def _write(tmp_path: Path, rows: int) -> Path:
    report, template = load_sample()
    report = dataclasses.replace(report, texts=dict(report.texts), rich={})
    section = next(s.id for s, _depth in template.walk() if s.id in report.texts)
    report.set_narrative(section, _rich(rows))
    path = tmp_path / "rich.pdf"
    write_pdf(build_context(report, template), path)
    return path


def test_runs_lists_table_and_an_explanatory_footnote_print(tmp_path: Path) -> None:
    path = _write(tmp_path, 3)
    text = pdf_text(path, layout=False)
    squeezed = re.sub(r"\s+", " ", text)
    assert "hoàn thành 100% kế hoạch" in squeezed
    assert "- Rà soát thủ tục hành chính" in squeezed
    assert "Lĩnh vực số 3" in squeezed and "Số hồ sơ" in squeezed
    assert "Gồm các ấp Mỹ Thuận, Mỹ Hòa và Mỹ Phú." in squeezed
    fonts = run("pdffonts", str(path))
    assert "Bold" in fonts and "Italic" in fonts


def test_a_long_table_repeats_its_header_rows_on_the_next_page(tmp_path: Path) -> None:
    path = _write(tmp_path, 80)
    pages = [page for page in pdf_pages(path) if "Lĩnh vực số" in page.text()]
    assert len(pages) >= 2
    assert all("Tên lĩnh vực" in page.text() for page in pages)
    assert "Lĩnh vực số 80" in pages[-1].text()
