"""The trends annex: the main rates drawn and tabled, legible in black and white, and the
`cchc-desktop trends` command that writes it from a data file."""

from __future__ import annotations

from pathlib import Path

from documents.doc_helpers import pdf_pages, pdf_text, run
from factories import make_report, trend_reports
from in_process_cli import cli

from cchc_desktop.documents.trend_charts import chart_drawing
from cchc_desktop.documents.trends_pdf import write_trends_pdf
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.domain.trends import trend_chart
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore


def test_annex_has_title_periods_figures_and_targets_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "xu-huong.pdf"
    pages = write_trends_pdf(trend_reports(), shipped_templates().get, path)
    text = pdf_text(path, layout=False)
    assert pages == len(pdf_pages(path)) >= 2
    assert "XU HƯỚNG CÁC CHỈ TIÊU CHÍNH" in text
    assert "từ Quý I/2026 đến Năm/2026" in text
    for label in ("Quý I/2026", "6 tháng/2026", "Quý III/2026", "Năm/2026",
                  "Tỷ lệ giải quyết đúng và trước hạn (tổng cộng)", "Tỷ lệ số hóa hồ sơ",
                  "Tỷ lệ tiếp nhận trực tuyến (tổng cộng)", "Tỷ lệ hoàn thành kế hoạch",
                  "Mục tiêu 90,00%", "Mục tiêu 50,00%"):
        assert label in text, label
    # every value labelled on its point and in the table, the Vietnamese way
    for figure in ("50,00%", "75,00%", "95,00%", "25,00%", "100,00%", "10,00%"):
        assert figure in text, figure
    assert "0%" in text and "100%" in text        # the value axis
    assert "." not in "".join(w for w in text.split() if w.endswith("%"))


def test_annex_renders_and_each_series_differs_by_marker_and_dash() -> None:
    chart = trend_chart(trend_reports(), shipped_templates().get)
    drawing = chart_drawing(chart, 450, 340, grey=True)
    dashes = {tuple(getattr(shape, "strokeDashArray", None) or ())
              for shape in drawing.contents if type(shape).__name__ == "PolyLine"}
    assert len(dashes) == len(chart.series) == 4


def test_page_renders_with_pdftoppm(tmp_path: Path) -> None:
    path = tmp_path / "xu-huong.pdf"
    write_trends_pdf(trend_reports(), shipped_templates().get, path)
    run("pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p"))
    image = next(tmp_path.glob("p*.png"))
    assert image.stat().st_size > 5_000


def test_the_command_writes_the_units_trends_from_the_data_file(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    store = ReportStore(Database.open(db))
    store.save_own_unit(OwnUnit(code="xa-thu", name="Ủy ban nhân dân xã Thử", level="xa",
                                kind="Xã", parent="Ủy ban nhân dân tỉnh Thử"))
    for report in trend_reports():
        store.save_report(report)
    store.save_report(make_report({"cddh.kh.tong": 4, "cddh.kh.hoan_thanh": 1}, year=2027))
    store.database.close()
    out = tmp_path / "xu-huong.pdf"
    result = cli("trends", "--db", db, "--unit", "xa-thu", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Ủy ban nhân dân xã Thử" in result.stdout
    text = pdf_text(out, layout=False)
    assert "Quý I/2027" in text and "25,00%" in text
    missing = cli("trends", "--db", db, "--unit", "xa-khong", "--out", tmp_path / "x.pdf")
    assert missing.returncode == 2
    assert "xa-khong" in missing.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_unit_with_only_an_empty_report_gets_a_sentence_not_a_chart(tmp_path: Path) -> None:
    path = tmp_path / "trong.pdf"
    write_trends_pdf([make_report()], shipped_templates().get, path)
    assert "Chưa có báo cáo định kỳ nào có số liệu" in pdf_text(path, layout=False)
