"""Rich narratives and extra figures in the data file (migration 0010): a file the previous
version made opens with its plain texts as they were; a formatted narrative and a unit's own
figures are saved and read back whole; what may not be stored is refused before the file."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA, sample_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.rich_text import Cell, Footnote, Paragraph, RichText, Run, Table
from cchc_desktop.storage.database import HEAD_REVISION, Database
from cchc_desktop.storage.repository import ReportStore

RICH = RichText((
    Paragraph((Run("Đã tiếp nhận "), Run("1.237", bold=True), Run(" hồ sơ"),
               Footnote("Trong đó 12 hồ sơ của doanh nghiệp."))),
    Table((1, 4), 1, ((Cell((Run("STT"),)), Cell((Run("Lĩnh vực", italic=True),))),
                      (Cell((Run("1"),)), Cell((Run("Đất đai"),))))),
))


def _open(path: Path) -> tuple[Database, ReportStore]:
    database = Database.open(path)
    return database, ReportStore(database)


def test_a_file_of_the_previous_version_keeps_its_texts_plain(tmp_path: Path) -> None:
    path = tmp_path / "schema-0009.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0009.sqlite3", path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0009",)
        before = dict(raw.execute("SELECT section_id, text FROM report_texts").fetchall())
    assert before, "the old file has narratives"
    database, store = _open(path)
    try:
        report_id = store.find_report_id("xa-my-an", 2026, "Q1")
        assert report_id is not None
        report = store.load_report(report_id)
        assert report.rich == {} and report.extra_figures == []
        assert {k: v for k, v in report.texts.items() if k in before} == before
    finally:
        database.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD_REVISION,)
        assert raw.execute("SELECT count(*) FROM report_texts WHERE content IS NOT NULL").fetchone() == (0,)


def test_a_formatted_narrative_and_extra_figures_are_saved_and_read_back(tmp_path: Path) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    try:
        report = sample_report()
        section = next(iter(report.texts))
        report.set_narrative(section, RICH)
        report.extra_figures = [
            ExtraFigure(section, "own.thu_ngan_sach", "Thu ngân sách", "triệu đồng", Decimal("1250.5")),
            ExtraFigure(section, "own.du_toan", "Dự toán", "triệu đồng", Decimal(2500)),
            ExtraFigure(section, "own.ty_le", "Tỷ lệ thu so dự toán", "%", None,
                        ("own.thu_ngan_sach", "own.du_toan"))]
        report_id = store.save_report(report)
        again = store.load_report(report_id)
        assert again.rich == {section: RICH}
        assert again.texts[section] == RICH.plain_text()
        assert again.extra_figures == report.extra_figures
        # Back to plain: the structure goes, the plain text stays the only truth.
        again.set_narrative(section, "Chỉ còn chữ.")
        store.save_report(again)
        third = store.load_report(report_id)
        assert third.rich == {} and third.texts[section] == "Chỉ còn chữ."
    finally:
        database.close()


def test_a_stored_structure_of_the_wrong_shape_falls_back_to_its_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "cchc.sqlite3"
    database, store = _open(path)
    try:
        report = sample_report()
        section = next(iter(report.texts))
        report.set_narrative(section, RICH)
        report_id = store.save_report(report)
    finally:
        database.close()
    with sqlite3.connect(path) as raw:   # another tool writes a table wider than its columns
        raw.execute("UPDATE report_texts SET content = ? WHERE section_id = ?",
                    ('{"blocks": [{"type": "table", "widths": [1], "rows": [[{}, {}]]}]}', section))
    database, store = _open(path)
    try:
        again = store.load_report(report_id)
        assert again.rich == {} and again.texts[section] == RICH.plain_text()
    finally:
        database.close()


@pytest.mark.parametrize("figure, message", [
    (ExtraFigure("khong-co", "own.x", "X"), "mục không có trong mẫu"),
    (ExtraFigure("", "Có Dấu", "X"), "mã chỉ được"),
    (ExtraFigure("", "own.x", "X", "", Decimal("1e40")), "own.x"),
    (ExtraFigure("", "own.x", "X", "%", None, ("own.x", "own.y")), "hai số liệu khác"),
])
def test_an_extra_figure_that_may_not_be_stored_is_refused_before_the_file(
        tmp_path: Path, figure: ExtraFigure, message: str) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    try:
        report = sample_report()
        section = next(iter(report.texts))
        if not figure.section_id:
            figure = ExtraFigure(section, figure.key, figure.label, figure.unit, figure.value,
                                 figure.rate_of)
        report.extra_figures = [figure]
        with pytest.raises(ReportError, match=message):
            store.save_report(report)
        assert store.find_report_id(report.unit.code, report.period.year, report.period.kind) is None
    finally:
        database.close()


def test_two_extra_figures_of_one_key_are_refused(tmp_path: Path) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    try:
        report = sample_report()
        section = next(iter(report.texts))
        report.extra_figures = [ExtraFigure(section, "own.x", "X", "", Decimal(1)),
                                ExtraFigure(section, "own.x", "X lần hai", "", Decimal(2))]
        with pytest.raises(ReportError, match="mã bị trùng"):
            store.save_report(report)
    finally:
        database.close()


def test_a_plain_text_typed_over_a_formatted_narrative_replaces_it(tmp_path: Path) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    try:
        report = sample_report()
        section = next(iter(report.texts))
        report.set_narrative(section, RICH)
        report_id = store.save_report(report)
        store.set_text(report_id, section, RICH.plain_text() + " Thêm một câu.")
        again = store.load_report(report_id)
        assert again.rich == {}
        assert again.texts[section] == RICH.plain_text() + " Thêm một câu."
        # Even the same words: the structure the clerk no longer sees is not kept behind them.
        report.set_narrative(section, RICH)
        store.save_report(report)
        store.set_text(report_id, section, RICH.plain_text())
        assert store.load_report(report_id).rich == {}
    finally:
        database.close()


def test_an_edited_narrative_is_stored_with_its_structure_and_history(tmp_path: Path) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    report_id = store.save_report(sample_report())
    store.set_narrative(report_id, "cddh", RICH)
    loaded = store.load_report(report_id)
    assert loaded.rich["cddh"] == RICH
    assert loaded.texts["cddh"] == RICH.plain_text()
    assert [c.new for c in store.history(report_id, "cddh")][-1] == RICH.plain_text()
    # Bold taken away again: the plain text is the same, the structure is gone.
    plain = RichText((Paragraph((Run("Đã tiếp nhận 1.237 hồ sơ"),)),))
    store.set_narrative(report_id, "cddh", plain)
    loaded = store.load_report(report_id)
    assert "cddh" not in loaded.rich and loaded.texts["cddh"] == "Đã tiếp nhận 1.237 hồ sơ"
    database.close()


def test_an_edited_narrative_beyond_the_limits_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    database, store = _open(tmp_path / "cchc.sqlite3")
    report_id = store.save_report(sample_report())
    before = store.load_report(report_id).texts["cddh"]
    wide = Table((1,) * 31, 0, ((tuple(Cell((Run("x"),)) for _ in range(31))),))
    with pytest.raises(ReportError):
        store.set_narrative(report_id, "cddh", RichText((wide,)))
    hidden = RichText((Paragraph((Run("a\u202eb", bold=True),)),))
    store.set_narrative(report_id, "cddh", hidden)        # cleaned, as typed text is
    assert store.load_report(report_id).rich["cddh"].plain_text() == "ab"
    with pytest.raises(ReportError):
        store.set_narrative(report_id, "khong-co", RICH)
    assert store.load_report(report_id).texts["cddh"] == "ab"
    assert before != "ab"
    database.close()
