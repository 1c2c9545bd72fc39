"""The board of the units' main rates on paper and in a workbook, read back (pdftotext,
openpyxl), in Vietnamese, and the `cchc-desktop board` command writing both from a data file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from documents.doc_helpers import pdf_pages, pdf_text, run
from in_process_cli import cli
from rate_board_data import COMMUNES, province_store
from reportlab.graphics.shapes import Group, Line, Rect, String
from reportlab.lib import colors

from cchc_desktop.documents.trend_charts import BARS_PER_DRAWING, bar_chart_drawings
from cchc_desktop.documents.unit_board_pdf import write_board_pdf
from cchc_desktop.documents.unit_board_workbook import write_board_workbook
from cchc_desktop.domain.unit_board import UnitBoard, rate_chart
from cchc_desktop.imports.subordinates import rate_board
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import ReportStore


@pytest.fixture
def province(tmp_path: Path) -> tuple[ReportStore, int]:
    store = ReportStore(Database.open(tmp_path / "cchc.sqlite3"))
    return store, province_store(store, tmp_path / "nhan")


def test_the_pdf_has_the_header_title_table_and_charts(province: tuple[ReportStore, int],
                                                       tmp_path: Path) -> None:
    store, report_id = province
    path = tmp_path / "bang.pdf"
    pages = write_board_pdf(rate_board(store, report_id), store.load_report(report_id), path)
    text = pdf_text(path, layout=False)
    assert pages >= 2
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ NỘI VỤ TỈNH THỬ",
                  "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ", "quý III năm 2026",
                  "Sở Nội vụ tỉnh Thử (tổng các", "(chỉ tiêu 90,00%)", "Mục tiêu 90,00%"):
        assert words in text, words
    for unit in COMMUNES:
        assert unit.name in text
    # the sum row with its fractions, the marks, the missing commune
    for figure in ("95,97%", "595/620", "64,84%", "402/620", "13/20", "75,00% ▼", "—",
                   "Chưa gửi báo", "▼ dưới chỉ"):
        assert figure in text, figure
    # Mỹ Hòa's row, left to right: each rate over its fraction, the note last
    words = pdf_pages(path)[0].words
    name = next(w for w in words if w.text == "Hòa")
    row = sorted((w for w in words if abs((w.y_min + w.y_max) / 2 - (name.y_min + name.y_max) / 2) < 12),
                 key=lambda w: (round(w.x_min / 40), w.y_min))
    assert [w.text for w in row] == ["3", "UBND", "xã", "Mỹ", "Hòa", "75,00%", "▼", "15/20", "10,00%",
                                     "▼", "2/20", "—", "—", "▼", "dưới", "chỉ", "tiêu"]
    run("pdftoppm", "-r", "40", "-f", "2", "-l", "2", "-png", str(path), str(tmp_path / "p"))
    assert next(tmp_path.glob("p*.png")).stat().st_size > 5_000


def test_the_workbook_holds_numbers_with_their_fractions(province: tuple[ReportStore, int],
                                                         tmp_path: Path) -> None:
    store, report_id = province
    board = rate_board(store, report_id)
    path = tmp_path / "bang.xlsx"
    write_board_workbook(board, path)
    ws = openpyxl.load_workbook(path).active
    assert ws is not None
    rows = {row[1]: row for row in ws.iter_rows(min_row=7, values_only=True)}
    total = rows["Sở Nội vụ tỉnh Thử (tổng các đơn vị)"]
    assert total[2:5] == (pytest.approx(95.97), 595, 620)
    assert total[2] == pytest.approx(total[3] / total[4] * 100, abs=0.005)   # the sums, checkable
    a = rows["UBND xã An Bình"]
    assert a[2:8] == (90, 180, 200, 50, 100, 200)
    assert "Tỷ lệ tiếp nhận trực tuyến" in a[-1] and a[-1].startswith("▼ dưới chỉ tiêu")
    assert rows["UBND xã Tân Thạnh"][2] == "—" and rows["UBND xã Tân Thạnh"][-1] == "Chưa gửi báo cáo"
    cell = next(c for c in ws[7] if c.column == 3)
    assert cell.number_format == '#,##0.00"%"'
    assert ws["A2"].value == "BẢNG TỔNG HỢP TỶ LỆ CÁC ĐƠN VỊ"


def test_a_long_list_of_units_takes_several_drawings(province: tuple[ReportStore, int]) -> None:
    store, report_id = province
    board = rate_board(store, report_id)
    many = UnitBoard(board.unit, board.period, board.columns, board.lines * 20, board.total)
    chart = rate_chart(many, board.columns[0].code, total=True)
    drawings = bar_chart_drawings(chart, 700)
    assert len(drawings) == -(-(len(many.lines) + 1) // BARS_PER_DRAWING) > 1
    assert [p.below for p in chart.series[0].points[:4]] == [False, False, True, False]
    assert chart.series[0].points[-1].value == Decimal("95.97")


def test_the_command_prints_and_writes_the_board(province: tuple[ReportStore, int],
                                                 tmp_path: Path) -> None:
    store, _report_id = province
    store.database.close()
    pdf, xlsx = tmp_path / "bang.pdf", tmp_path / "bang.xlsx"
    command = ["board", "--db", str(tmp_path / "cchc.sqlite3"), "--year", "2026"]
    result = cli(*command, "--period", "Q3", "--pdf", pdf, "--xlsx", xlsx)
    assert result.returncode == 0, result.stderr
    assert "3/4 đơn vị đã gửi báo cáo" in result.stdout
    assert "UBND xã Mỹ Hòa: Tỷ lệ giải quyết đúng và trước hạn 75,00% ▼" in result.stdout
    assert "595/620" in result.stdout
    assert "95,97%" in pdf_text(pdf, layout=False)
    assert openpyxl.load_workbook(xlsx).active is not None
    missing = cli(*command, "--period", "Q1")
    assert missing.returncode == 2 and "Quý I năm 2026" in missing.stderr


def test_bars_below_target_are_hatched_not_only_coloured(province: tuple[ReportStore, int]) -> None:
    """In black and white: a bar below its unit's target is white with upright strokes, the
    others solid grey; the target is the dotted line; the value carries '▼'."""
    store, report_id = province
    board = rate_board(store, report_id)
    chart = rate_chart(board, board.columns[0].code, total=True)
    [drawing] = bar_chart_drawings(chart, 700, grey=True)
    solid = [s for s in drawing.contents if isinstance(s, Rect) and s.fillColor not in (None, colors.white)]
    hatched = [g for g in drawing.contents if isinstance(g, Group)
               and sum(isinstance(s, Line) for s in g.contents) >= 3]
    below = sum(p.below for p in chart.series[0].points)
    assert below == 1 and len(hatched) == below + 1          # Mỹ Hòa's bar, and the legend's
    assert len(solid) == sum(p.value is not None and not p.below for p in chart.series[0].points)
    texts = [s.text for s in drawing.contents if isinstance(s, String)]
    assert "75,00% ▼" in texts and "90,00%" in texts and "—" in texts and "Mục tiêu 90,00%" in texts
    assert any(isinstance(s, Line) and s.strokeDashArray for s in drawing.contents)
