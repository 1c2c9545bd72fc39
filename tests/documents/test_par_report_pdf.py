"""documents/par_report_pdf.py: the PDF of the PAR-index self-assessment report.

Points are written '1,25' ('' when not scored), the file is named 'BC-TDG-CCHC_<unit>_<year>';
the body opens on the decision the assessment follows (its title read on after the number,
or 'về ...' when it does not start 'Quyết định'), states the total and its share, lists the
criteria not scored yet and says when the set is incomplete, lists the scored criteria
lacking evidence or says none lacks it, and prints the clerk's texts a paragraph a line,
'Không có.' when empty. Beside tests/documents/test_par_report.py, which builds the report
from a data file and checks the decree's layout, the long table and the agreement with the
scoring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from documents.doc_helpers import MM, pdf_pages, pdf_text
from factories import sample_report, template
from par_index_sets import criteria_data

from cchc_desktop.documents.par_report_pdf import (
    par_report_file_name,
    points_text,
    render_par_report_pdf,
    write_par_report_pdf,
)
from cchc_desktop.domain.par_index_loading import parse_criteria
from cchc_desktop.domain.par_index_scoring import Answer, score_assessment
from cchc_desktop.domain.par_report import Letterhead, ParReport, ParReportTexts, par_report
from cchc_desktop.i18n import language_named

CREATED = dt.datetime(2026, 9, 14, 8, 0, tzinfo=dt.UTC)
NO_TEXTS = ParReportTexts()


def _document(answers: dict[str, Answer], *, explanations: dict[str, str] | None = None,
              texts: ParReportTexts = NO_TEXTS, change: dict[str, object] | None = None,
              ) -> ParReport:
    data = criteria_data()
    data.update(change or {})
    criteria = parse_criteria(data, "thu-2026.yaml", template().indicators)
    assessment = score_assessment(criteria, answers)
    head = Letterhead.of(sample_report(), dt.date(2026, 9, 14))
    evidence = {code: answer.evidence for code, answer in answers.items()}
    return par_report(assessment, 2026, head, explanations or {}, evidence, texts)


def _text(document: ParReport, tmp_path: Path) -> str:
    path = tmp_path / "tu-danh-gia.pdf"
    write_par_report_pdf(document, path, created=CREATED)
    return " ".join(pdf_text(path, layout=False).split())


def _table_line(path: Path, word: str, left_of: float = 35 * MM) -> list[str]:
    """The words on the line of the first `word` left of `left_of` on page 1, left to right."""
    words = pdf_pages(path)[0].words
    first = next(w for w in words if w.text == word and w.x_min < left_of)
    return [w.text for w in sorted(words, key=lambda w: w.x_min)
            if abs(w.y_min - first.y_min) < 3]


@pytest.fixture(scope="module")
def partial() -> ParReport:
    """1.1 done with its evidence, 1.2.1 partly done without any (explained), the rest open."""
    return _document({"1.1": Answer(True, 1), "1.2.1": Answer("phan", 0)},
                     explanations={"1.2.1": "Kế hoạch chờ Chủ tịch ký"},
                     texts=ParReportTexts("Phần mềm một cửa gián đoạn.\n\n  Thiếu máy quét.  ", ""))


def test_points_are_written_the_vietnamese_way_and_unscored_is_blank() -> None:
    assert points_text(None) == ""
    assert points_text(Decimal("1.25")) == "1,25" and points_text(Decimal("10")) == "10"
    assert points_text(Decimal("1234.5")) == "1.234,5"
    assert points_text(Decimal("1.25"), language_named("en")) == "1.25"


def test_the_file_is_named_after_the_unit_and_the_year(partial: ParReport) -> None:
    assert par_report_file_name(partial, ".pdf") == "BC-TDG-CCHC_xa-my-an_2026.pdf"
    assert par_report_file_name(partial, "xlsx") == "BC-TDG-CCHC_xa-my-an_2026.xlsx"


def test_a_partial_assessment_says_what_is_open_and_what_lacks_evidence(
        partial: ParReport, tmp_path: Path) -> None:
    text = _text(partial, tmp_path)
    assert ("Thực hiện Quyết định số 1/QĐ-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Thử phê "
            "duyệt Bộ chỉ số CCHC cấp xã (tệp thử), Ủy ban nhân dân xã Mỹ An báo cáo kết quả tự "
            "đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026 như sau:") in text
    assert "Tổng điểm tự đánh giá: 3,25/10 điểm, đạt 32,50% so với điểm tối đa." in text
    assert "Còn 2 tiêu chí chưa chấm điểm: 1.2.2, 2.1." in text
    assert _table_line(tmp_path / "tu-danh-gia.pdf", "1.2.1") == [
        "1.2.1", "Hoàn", "thành", "kế", "hoạch", "2,5", "1,25", "0", "(cần", "có)", "Kế", "hoạch",
        "chờ", "Chủ", "tịch"]
    assert _table_line(tmp_path / "tu-danh-gia.pdf", "cộng", left_of=100 * MM) == [
        "Tổng", "cộng", "10", "3,25", "32,50%"]
    assert "- Tiêu chí 1.2.1 Hoàn thành kế hoạch (1,25 điểm): Kế hoạch chờ Chủ tịch ký" in text
    assert ("III. KHÓ KHĂN, VƯỚNG MẮC Phần mềm một cửa gián đoạn. Thiếu máy quét. "
            "IV. ĐỀ XUẤT, KIẾN NGHỊ Không có.") in text
    assert "Bộ tiêu chí chưa đầy đủ" not in text


def test_a_complete_assessment_with_its_evidence_and_an_incomplete_set(tmp_path: Path) -> None:
    decision = {"number": "9/QĐ-UBND", "title": "Bộ chỉ số CCHC cấp xã năm 2026."}
    document = _document({"1.1": Answer(True, 1), "1.2.1": Answer("du", 2),
                          "1.2.2": Answer(True, 0)},
                         change={"decision": decision, "complete": False,
                                 "note": "Thiếu phụ lục 2 của quyết định."})
    text = _text(document, tmp_path)
    assert ("Thực hiện Quyết định số 9/QĐ-UBND của Ủy ban nhân dân tỉnh Thử về bộ chỉ số CCHC "
            "cấp xã năm 2026, Ủy ban nhân dân xã Mỹ An báo cáo") in text
    assert "Bộ tiêu chí chưa đầy đủ: Thiếu phụ lục 2 của quyết định." in text
    assert "Các tiêu chí cần tài liệu kiểm chứng đều đã có tài liệu kèm theo." in text
    assert "Còn 1 tiêu chí chưa chấm điểm: 2.1." in text


def test_the_pdf_is_the_same_bytes_for_the_same_report_and_moment(partial: ParReport) -> None:
    first, pages = render_par_report_pdf(partial, created=CREATED)
    second, _pages = render_par_report_pdf(partial, created=CREATED)
    assert pages == 2 and first.startswith(b"%PDF-") and first == second
    other = dataclasses.replace(partial, texts=ParReportTexts("Khác.", ""))
    assert render_par_report_pdf(other, created=CREATED)[0] != first

