"""Tệp > Nhập báo cáo Word without the window: the clerk's choices written all at once, or none."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.domain.units import Unit
from cchc_desktop.imports.word import read_word_report
from cchc_desktop.imports.word_apply import WordChoices, apply_word_import
from cchc_desktop.storage.backups import list_backups
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

UNIT = Unit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", "Ủy ban nhân dân tỉnh Thử")
LINES = (
    "UBND XÃ THỬ",
    "Số: 07/BC-UBND",
    "Thử, ngày 20 tháng 3 năm 2024",
    "# I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH",
    "Trong quý, xã đã hoàn thành 42 nhiệm vụ. Tổng số nhiệm vụ kế hoạch 66 nhiệm vụ.",
    "# 2. Cải cách thủ tục hành chính",
    "Số phản ánh kiến nghị tiếp nhận 1.237 lượt.",
    "Nơi nhận:",
    "- UBND huyện;",
    "- Lưu: VT.",
    "CHỦ TỊCH",
    "Trần Văn Bình",
)


def word_file(path: Path) -> Path:
    document = docx.Document()
    for line in LINES:
        if line.startswith("# "):
            document.add_paragraph().add_run(line[2:]).bold = True
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.fixture
def store(data_file: Path) -> ReportStore:
    store = ReportStore(Database.open(data_file))
    store.save_own_unit(OwnUnit(UNIT.code, UNIT.name, "xa", parent=UNIT.parent, place="Thử"))
    return store


def everything(store: ReportStore, path: Path) -> WordChoices:
    """Every field, section and figure the reader proposes, as the preview first offers them."""
    template = store.registry.get(store.load_report(1).template_ref)
    proposal = read_word_report(path, template)
    return WordChoices(header=proposal.header,
                       header_fields=frozenset({"number_symbol", "place", "date", "signer_title",
                                                "signer_name", "recipients"}),
                       narratives={s.section_id: s.narrative for s in proposal.sections
                                   if s.section_id},
                       values={f.code: f.value for f in proposal.figures},
                       source_name=path.name)


def rows(data_file: Path) -> tuple[list[tuple[object, ...]], ...]:
    """The figures, texts and header as the data file holds them, read with plain SQLite."""
    with sqlite3.connect(data_file) as connection:
        return (connection.execute("SELECT code, value FROM report_values ORDER BY code").fetchall(),
                connection.execute("SELECT section_id, text FROM report_texts ORDER BY 1").fetchall(),
                connection.execute("SELECT * FROM reports").fetchall())


def test_the_choices_arrive_in_the_data_file(store: ReportStore, data_file: Path,
                                             tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    choices = everything(store, word_file(tmp_path / "bao-cao.docx"))
    assert choices.values == {"cddh.kh.hoan_thanh": "42", "cddh.kh.tong": "66",
                              "tthc.pakn.tiep_nhan": "1237"}
    apply_word_import(store, report_id, choices)
    report = store.load_report(report_id)
    assert report.values["tthc.pakn.tiep_nhan"] == 1237
    assert report.values["cddh.kh.tong"] == 66
    assert report.texts["cddh"].startswith("Trong quý, xã đã hoàn thành 42")
    assert "1.237 lượt" in report.texts["tthc"]
    assert (report.document.number, report.document.symbol) == ("07", "BC-UBND")
    assert report.document.date == dt.date(2024, 3, 20)
    assert (report.signer.title, report.signer.name) == ("CHỦ TỊCH", "Trần Văn Bình")
    assert report.recipients == ["UBND huyện", "Lưu: VT"]
    values = dict(rows(data_file)[0])
    assert Decimal(str(values["tthc.pakn.tiep_nhan"])) == 1237
    # Each field is its own line in the history, as if typed, and a restore point came first.
    assert {c.key for c in store.history(report_id)} >= {"tthc.pakn.tiep_nhan", "cddh", "header"}
    assert [b.reason for b in list_backups(data_file)][-1:] == [
        "Trước khi nhập báo cáo Word (bao-cao.docx)"]


def test_only_the_fields_taken_change(store: ReportStore, tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    before = store.load_report(report_id)
    choices = everything(store, word_file(tmp_path / "bao-cao.docx"))
    apply_word_import(store, report_id, WordChoices(
        header=choices.header, header_fields=frozenset({"signer_name"}),
        values={"cddh.kh.tong": "70"}))
    after = store.load_report(report_id)
    assert after.signer.name == "Trần Văn Bình" and after.signer.title == before.signer.title
    assert after.document == before.document and after.recipients == before.recipients
    assert after.values == {"cddh.kh.tong": 70} and after.texts == before.texts


def test_an_invalid_value_refuses_the_whole_import(store: ReportStore, data_file: Path,
                                                   tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    store.set_value(report_id, "cddh.kh.tong", Decimal(10))
    before = rows(data_file)
    choices = everything(store, word_file(tmp_path / "bao-cao.docx"))
    # The last figure written is refused: the header, texts and figures before it go too.
    bad = dict(choices.values) | {"cddh.kh.hoan_thanh": "4.5"}
    with pytest.raises(ReportError, match="Số nhiệm vụ") as refused:
        apply_word_import(store, report_id, WordChoices(
            header=choices.header, header_fields=choices.header_fields,
            narratives=choices.narratives, values=bad))
    assert "nguyên" in refused.value.message
    assert rows(data_file) == before
    with pytest.raises(ReportError, match="không phải là số"):
        apply_word_import(store, report_id, WordChoices(values={"cddh.kh.tong": "mười"}))
    assert rows(data_file) == before


def test_a_locked_report_refuses_the_import_untouched(store: ReportStore, data_file: Path,
                                                      tmp_path: Path) -> None:
    report_id = store.create_report(2024, "Q1")
    choices = everything(store, word_file(tmp_path / "bao-cao.docx"))
    store.set_status(report_id, ReportStatus.FINAL)
    before, backups = rows(data_file), list_backups(data_file)
    with pytest.raises(ReportLockedError):
        apply_word_import(store, report_id, choices)
    assert rows(data_file) == before
    assert list_backups(data_file) == backups      # not even a restore point
