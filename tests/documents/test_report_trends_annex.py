"""The report PDF with "Kèm phụ lục xu hướng": the trends annex after the report's annexes,
numbered after them, drawn with the exported report's own figures; refused with its reason for a
unit of one period; the command line's `export --pdf --trends` reads the data file's periods."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from documents.doc_helpers import pdf_text, run
from factories import records, trend_reports
from in_process_cli import cli

from cchc_desktop import i18n
from cchc_desktop.documents.pdf_report import write_pdf
from cchc_desktop.documents.text import roman
from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.template import shipped_templates
from cchc_desktop.exchange.json_format import write_report
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore
from tests.gui.helpers import require_english_catalogue

TITLE = "XU HƯỚNG CÁC CHỈ TIÊU CHÍNH"
SHOTS = Path("/work/shots")


def _year_end():  # type: ignore[no-untyped-def]
    reports = trend_reports()
    [year] = [r for r in reports if r.period.kind.value == "Y"]
    return reports, year


def _context(report):  # type: ignore[no-untyped-def]
    return build_context(report, shipped_templates().get(report.template_ref))


def _annex_numbers(text: str) -> list[str]:
    return re.findall(r"^\s*(Phụ lục [IVX]+)\s*$", text, re.M)


def test_the_annex_follows_the_reports_own_annexes(tmp_path: Path) -> None:
    reports, year = _year_end()
    plain, annexed = tmp_path / "bao-cao.pdf", tmp_path / "kem-xu-huong.pdf"
    plain_pages = write_pdf(_context(year), plain)
    pages = write_pdf(_context(year), annexed,
                      trends=TrendSource(reports, shipped_templates().get))
    without, text = pdf_text(plain), pdf_text(annexed)
    assert TITLE not in without
    assert pages > plain_pages
    own = _annex_numbers(without)
    assert own, "the year's report has annexes of its own"
    assert _annex_numbers(text) == [*own, f"Phụ lục {roman(len(own) + 1)}"]
    annex = pdf_text(annexed, first=plain_pages + 1, layout=False)
    assert TITLE in annex and "từ Quý I/2026 đến Năm/2026" in annex
    # the on-time rate of the four periods, every point labelled the Vietnamese way
    for figure in ("50,00%", "75,00%", "90,00%", "95,00%", "Mục tiêu 90,00%"):
        assert figure in annex, figure
    if SHOTS.is_dir():
        run("pdftoppm", "-r", "50", "-f", str(plain_pages + 1), "-l", str(plain_pages + 1),
            "-png", "-singlefile", str(annexed), str(SHOTS / "report_trends_annex"))


def test_the_annex_shows_the_exported_reports_figures_not_its_stored_copy(tmp_path: Path) -> None:
    reports, year = _year_end()
    # the report as exported: 80 of 100 on time, where the data file still holds 95
    edited = dataclasses.replace(year, values={**year.values, **{
        k: Decimal(v) for k, v in records(online=60, in_person=40, early=30, on_time=50,
                                          late=20).items()}})
    path = tmp_path / "x.pdf"
    write_pdf(_context(edited), path, trends=TrendSource(reports, shipped_templates().get))
    text = pdf_text(path, layout=False)
    annex = text[text.index(TITLE):]
    assert "80,00%" in annex and "95,00%" not in annex


def test_one_period_is_refused_with_its_reason(tmp_path: Path) -> None:
    _reports, year = _year_end()
    with pytest.raises(KnownError, match=r"cần ít nhất 2 kỳ báo cáo định kỳ.*mới có 1"):
        write_pdf(_context(year), tmp_path / "x.pdf",
                  trends=TrendSource([year], shipped_templates().get))
    assert not (tmp_path / "x.pdf").exists()


def test_the_export_command_appends_the_annex_with_trends(tmp_path: Path) -> None:
    reports, year = _year_end()
    db = tmp_path / "cchc.sqlite3"
    store = ReportStore(Database.open(db))
    store.save_own_unit(OwnUnit(code="xa-thu", name="Ủy ban nhân dân xã Thử", level="xa",
                                kind="Xã", parent="Ủy ban nhân dân tỉnh Thử"))
    store.save_report(year)
    store.database.close()
    report_file = tmp_path / "nam.json"
    write_report(year, shipped_templates().get(year.template_ref), report_file)

    lone = cli("export", str(report_file), "--pdf", str(tmp_path / "a.pdf"), "--trends",
                "--db", str(db))
    assert lone.returncode == 2
    assert "mới có 1" in lone.stderr
    assert not (tmp_path / "a.pdf").exists()

    store = ReportStore(Database.open(db))
    for report in reports:
        if report.period != year.period:
            store.save_report(report)
    store.database.close()
    out, plain = tmp_path / "b.pdf", tmp_path / "c.pdf"
    done = cli("export", str(report_file), "--pdf", str(out), "--trends", "--db", str(db))
    assert done.returncode == 0, done.stderr
    text = pdf_text(out, layout=False)
    assert TITLE in text and "50,00%" in text and "Quý III/2026" in text
    assert cli("export", str(report_file), "--pdf", str(plain)).returncode == 0
    assert TITLE not in pdf_text(plain, layout=False)


def test_an_english_ui_still_prints_the_annex_in_vietnamese(tmp_path: Path) -> None:
    require_english_catalogue()
    i18n.set_language("en")
    assert i18n._("Mục tiêu: {label}") != "Mục tiêu: {label}"
    reports, year = _year_end()
    path = tmp_path / "x.pdf"
    try:
        write_pdf(_context(year), path, trends=TrendSource(reports, shipped_templates().get))
    finally:
        i18n.set_language("vi")
    annex = " ".join(pdf_text(path, layout=False).split())
    annex = annex[annex.index(TITLE):]
    assert "Mục tiêu: Tỷ lệ giải quyết đúng và trước hạn (tổng cộng): 90,00%" in annex
    assert "Target" not in annex and "Quarter" not in annex


def test_the_package_command_puts_the_annex_in_the_packaged_pdf(tmp_path: Path) -> None:
    """`package --db ... --trends`: the PDF of the package (what would be signed and sent) ends
    with the trends annex; without the option it does not."""
    reports, _year = _year_end()
    db = tmp_path / "cchc.sqlite3"
    store = ReportStore(Database.open(db))
    store.save_own_unit(OwnUnit(code="xa-thu", name="Ủy ban nhân dân xã Thử", level="xa",
                                kind="Xã", parent="Ủy ban nhân dân tỉnh Thử"))
    for report in reports:
        store.save_report(report)
    store.database.close()
    for folder, option in ((tmp_path / "voi", ["--trends"]), (tmp_path / "khong", [])):
        done = cli("package", "--db", str(db), "--period", "2026-Y", "--out", str(folder), *option)
        assert done.returncode == 0, done.stderr
        [pdf] = list(folder.glob("*/*.pdf"))
        assert (TITLE in pdf_text(pdf, layout=False)) == bool(option)
