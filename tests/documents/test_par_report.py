"""The PAR-index self-assessment report from a real data file: the PDF read back with poppler,
the workbook read back with openpyxl, both against the scoring."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from documents.doc_helpers import MM, load_sample, need, pdf_pages, pdf_text
from openpyxl import load_workbook
from par_index_sets import criteria_data, write_set
from reportlab.pdfgen import canvas

from cchc_desktop import i18n
from cchc_desktop.documents.par_report_pdf import write_par_report_pdf
from cchc_desktop.documents.par_report_workbook import write_par_report_workbook
from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, TargetKind
from cchc_desktop.domain.formatting import format_number
from cchc_desktop.domain.par_index import CriteriaSet
from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_index_scoring import Answer, ReportFigures, score_assessment
from cchc_desktop.domain.par_report import Letterhead, ParReport, ParReportTexts
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.par_answers import par_context
from cchc_desktop.storage.repository import ReportStore

UNIT = "xa-my-an"
WHY = "Kế hoạch đang chờ Chủ tịch ký, sẽ bổ sung trong quý IV"
DIFFICULTY = "Phần mềm một cửa điện tử thường xuyên gián đoạn"
PROPOSAL = "Đề nghị Sở Nội vụ tổ chức tập huấn chấm điểm"
SHOTS = Path("/work/shots")


def _pdf(path: Path, text: str) -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


def fill_assessment(store: ReportStore, criteria: CriteriaSet, folder: Path) -> None:
    """1.1 yes with its plan attached, 1.2.1 partly done without evidence (explained), 1.2.2 yes."""
    store.set_par_answer(UNIT, criteria, 2026, "1.1", True, "Kế hoạch số 20/KH-UBND")
    store.set_par_answer(UNIT, criteria, 2026, "1.2.1", "phan", WHY)
    store.set_par_answer(UNIT, criteria, 2026, "1.2.2", True)
    document = store.add_evidence(UNIT, EvidenceMeta("Kế hoạch CCHC năm 2026", "20/KH-UBND",
                                                     dt.date(2026, 1, 6)),
                                  _pdf(folder / "kh.pdf", "20/KH-UBND"))
    store.attach_evidence(UNIT, EvidenceLink(document.id, par_context(criteria.id, 2026),
                                             TargetKind.CRITERION, "1.1"))
    store.set_par_report_texts(UNIT, criteria.id, 2026, ParReportTexts(DIFFICULTY, PROPOSAL))


@pytest.fixture
def document(tmp_path: Path) -> ParReport:
    criteria = load_criteria_file(write_set(tmp_path, criteria_data()))
    store = ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))
    fill_assessment(store, criteria, tmp_path)
    report, template = load_sample()
    head = Letterhead.of(report, dt.date(2026, 9, 14))
    made = store.par_report(UNIT, criteria, 2026, head, ReportFigures.of(report, template))
    store.database.close()
    return made


def test_the_pdf_has_the_decree_layout_the_totals_and_the_missing_evidence(
        document: ParReport, tmp_path: Path) -> None:
    path = tmp_path / "tu-danh-gia.pdf"
    i18n.set_language("en")          # the window speaks English; the report stays Vietnamese
    pages = write_par_report_pdf(document, path)
    assert pages >= 1
    text = " ".join(pdf_text(path, layout=False).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ MỸ AN" in text
    assert "Số:" in text and "/BC-UBND" in text
    assert "Mỹ An, ngày 14 tháng 9 năm 2026" in text
    assert "BÁO CÁO Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2026" in text
    assert ("Thực hiện Quyết định số 1/QĐ-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh Thử phê "
            "duyệt Bộ chỉ số CCHC cấp xã (tệp thử), Ủy ban nhân dân xã Mỹ An báo cáo") in text
    total = "{}/{} điểm".format(format_number(document.total, 2, locale="vi"),
                                format_number(document.maximum, 2, locale="vi"))
    share = document.share_text("vi")
    assert f"Tổng điểm tự đánh giá: {total}, đạt {share}" in text
    assert share.endswith("%") and "," in share
    # 1.2.1 scored without evidence, listed with the clerk's explanation; 2.1 (from the report)
    # without evidence and without explanation says so.
    assert f"Tiêu chí 1.2.1 Hoàn thành kế hoạch (1,25 điểm): {WHY}" in text
    assert "Tiêu chí 2.1 Tỷ lệ hồ sơ giải quyết đúng hạn (3 điểm): chưa có giải trình" in text
    assert f"III. KHÓ KHĂN, VƯỚNG MẮC {DIFFICULTY}" in text
    assert f"IV. ĐỀ XUẤT, KIẾN NGHỊ {PROPOSAL}" in text
    assert "Nơi nhận:" in text and "Sở Nội vụ tỉnh Đồng Tháp (b/c)" in text
    assert "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and text.rstrip().endswith("Trần Thị Bích Ngọc")
    for english in ("Total", "Recipients", "points"):
        assert english not in text
    need("pdftoppm")
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(SHOTS / "par_report_p1")], check=True)
    assert (SHOTS / "par_report_p1.png").stat().st_size > 0


def test_a_long_table_stays_in_the_margins_with_its_header_on_every_page(tmp_path: Path) -> None:
    data = criteria_data()
    many = [{"code": f"3.{n}", "title": f"Tiêu chí thử số {n} về công tác cải cách hành chính "
             "của xã trong năm đánh giá", "max_points": 1, "evidence_required": True,
             "scoring": {"kind": "yes_no"}} for n in range(1, 41)]
    data["fields"].append({"code": "3", "title": "Lĩnh vực dài", "max_points": 40,
                           "criteria": many})
    criteria = load_criteria_file(write_set(tmp_path, data))
    store = ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))
    for n in range(1, 41):
        store.set_par_answer(UNIT, criteria, 2026, f"3.{n}", n % 2 == 0, "Giải trình " * 6)
    report, _template = load_sample()
    made = store.par_report(UNIT, criteria, 2026, Letterhead.of(report, dt.date(2026, 9, 14)))
    store.database.close()
    path = tmp_path / "dai.pdf"
    pages = write_par_report_pdf(made, path)
    assert pages >= 3
    # a page of the table: a criterion's code in the first column
    table_pages = [p for p in pdf_pages(path)
                   if any(w.text.startswith("3.") and w.x_min < 35 * MM for w in p.words)]
    assert len(table_pages) >= 2
    for page in pdf_pages(path):
        for word in page.words:
            assert word.x_min >= 30 * MM - 1 and word.x_max <= page.width - 15 * MM + 1, word
    for page in table_pages:
        assert "Điểm tự chấm" in page.text(), page.number


def test_the_workbook_holds_the_table_and_totals_equal_to_the_scoring(
        document: ParReport, tmp_path: Path) -> None:
    path = tmp_path / "tu-danh-gia.xlsx"
    i18n.set_language("en")          # the window speaks English; the workbook stays Vietnamese
    write_par_report_workbook(document, path)
    sheet = load_workbook(path).worksheets[0]
    assert sheet.title == "Tự đánh giá"
    rows = list(sheet.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "Mã")
    assert rows[header][:4] == ("Mã", "Lĩnh vực, tiêu chí", "Điểm tối đa", "Điểm tự chấm")
    by_code = {row[0]: row for row in rows[header + 1:] if row[0]}
    for row in document.rows:
        stored = by_code[row.code]
        assert stored[1] == row.title
        assert stored[3] == (None if row.points is None else pytest.approx(float(row.points)))
    assert by_code["1.2.1"][5] == WHY and by_code["1.1"][4] == 1
    total_row = next(row for row in rows if row[1] == "Tổng cộng")
    field_rows = [i + 1 for i, row in enumerate(rows) if row[0] in ("1", "2")]
    assert total_row[3] == "=" + "+".join(f"D{r}" for r in field_rows)
    # the formula's terms are the field rows, whose points add up to the scored total
    assert sum(Decimal(str(rows[r - 1][3])) for r in field_rows) == document.total
    valued = next(row for row in rows if row[1] == "Tổng điểm tự chấm (giá trị)")
    assert Decimal(str(valued[3])) == document.total
    assert total_row[4] == document.share_text("vi") and "," in total_row[4]
    assert rows[1][0].startswith("BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ")
    missing = load_workbook(path).worksheets[1]
    listed = [row[0] for row in missing.iter_rows(min_row=2, values_only=True)]
    assert listed == [m.code for m in document.missing] == ["1.2.1", "2.1"]


def test_the_report_agrees_with_the_scoring(document: ParReport) -> None:
    answers = {"1.1": True, "1.2.1": "phan", "1.2.2": True}
    report, template = load_sample()
    scored = score_assessment(document.criteria_set, {c: Answer(v, 1 if c == "1.1" else 0)
                                                      for c, v in answers.items()},
                              ReportFigures.of(report, template))
    assert document.total == scored.total and document.share == scored.share.value
    assert tuple(m.code for m in document.missing) == scored.lacking_evidence
