"""A PAR-index self-assessment kept in a real data file: answers checked by the scoring, the
evidence counted in, scored from the file, and next year's begun from last year's."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from factories import DATA
from par_index_sets import criteria_data, write_set
from reportlab.pdfgen import canvas

from cchc_desktop.domain.errors import CriteriaError, ReportError
from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, TargetKind
from cchc_desktop.domain.par_index import CriteriaSet
from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_index_scoring import score_assessment
from cchc_desktop.domain.par_report import ParReportTexts
from cchc_desktop.storage.database import Database, head_revision
from cchc_desktop.storage.par_answers import MAX_REPORT_TEXT, par_context
from cchc_desktop.storage.repository import ReportStore

UNIT = "xa-my-an"


def _pdf(path: Path, text: str) -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


@pytest.fixture
def sets(tmp_path: Path) -> tuple[CriteriaSet, CriteriaSet]:
    """This project's test set for 2026, and its 2027 edition: 1.2.2 gone, 1.2.1's scale
    changed (level 'phan' dropped), a new 1.3."""
    first = load_criteria_file(write_set(tmp_path, criteria_data()))
    data = criteria_data()
    data["id"], data["year"] = "thu-2027", 2027
    plan = data["fields"][0]["criteria"][1]
    plan["max_points"] = 2.5
    plan["sub_criteria"] = [plan["sub_criteria"][0]]
    plan["sub_criteria"][0]["scoring"]["levels"] = [
        level for level in plan["sub_criteria"][0]["scoring"]["levels"] if level["code"] != "phan"]
    data["fields"][0]["criteria"].append({"code": "1.3", "title": "Tuyên truyền CCHC",
                                          "max_points": 1.5, "scoring": {"kind": "yes_no"}})
    second = load_criteria_file(write_set(tmp_path, data, "thu-2027.yaml"))
    return first, second


@pytest.fixture
def store(tmp_path: Path) -> ReportStore:
    return ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))


def test_answers_are_kept_scored_and_their_evidence_counted(store: ReportStore, sets, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    criteria = sets[0]
    store.set_par_answer(UNIT, criteria, 2026, "1.1", True, "Kế hoạch ban hành ngày 06/01")
    store.set_par_answer(UNIT, criteria, 2026, "1.2.1", "phan")
    store.set_par_answer(UNIT, criteria, 2026, "1.2.2", False, "Báo cáo quý III gửi chậm 2 ngày")
    store.set_par_answer(UNIT, criteria, 2026, "1.2.2", True)             # changed: one row
    document = store.add_evidence(UNIT, EvidenceMeta("Kế hoạch CCHC năm 2026", "20/KH-UBND",
                                                     dt.date(2026, 1, 6)),
                                  _pdf(tmp_path / "kh.pdf", "20/KH-UBND"))
    store.attach_evidence(UNIT, EvidenceLink(document.id, par_context(criteria.id, 2026),
                                             TargetKind.CRITERION, "1.1"))
    # A second process sees the same self-assessment.
    other = ReportStore(Database.open(store.database.path))
    answers = other.par_answers(UNIT, criteria, 2026)
    assert answers["1.1"].choice is True and answers["1.1"].evidence == 1
    assert answers["1.1"].explanation == "Kế hoạch ban hành ngày 06/01"
    assert answers["1.2.2"].choice is True and answers["1.2.2"].explanation == ""
    assessment = score_assessment(criteria, other.par_scoring_answers(UNIT, criteria, 2026))
    assert assessment.score("1.1").points == 2 and assessment.score("1.2").points == Decimal("2.75")
    assert assessment.lacking_evidence == ("1.2.1",)        # scored, required, none attached
    assert other.par_answers(UNIT, criteria, 2025) == {}    # another year is another assessment
    other.database.close()


@pytest.mark.parametrize(("code", "choice", "words"), [
    ("1.2.1", True, "không có mức"),
    ("1.1", "du", "chỉ nhận có hoặc không"),
    ("1.2", True, "qua các tiêu chí thành phần"),
    ("2.1", True, "tính từ số liệu của báo cáo"),
    ("9.9", True, "không có tiêu chí 9.9"),
])
def test_an_answer_the_set_cannot_take_is_not_written(store: ReportStore, sets, code: str,  # type: ignore[no-untyped-def]
                                                      choice: object, words: str) -> None:
    with pytest.raises(CriteriaError, match=words):
        store.set_par_answer(UNIT, sets[0], 2026, code, choice)  # type: ignore[arg-type]
    assert store.par_answers(UNIT, sets[0], 2026) == {}
    with pytest.raises(ReportError, match="ký tự điều khiển"):
        store.set_par_answer(UNIT, sets[0], 2026, "1.1", True, "giải\x00trình")


def test_next_year_begins_from_last_years(store: ReportStore, sets, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    last, this = sets
    store.set_par_answer(UNIT, last, 2026, "1.1", True, "Có kế hoạch")
    store.set_par_answer(UNIT, last, 2026, "1.2.1", "phan", "Đạt 85%")
    store.set_par_answer(UNIT, last, 2026, "1.2.2", True)
    regulation = store.add_evidence(UNIT, EvidenceMeta("Quy chế làm việc", "5/QC-UBND",
                                                       dt.date(2025, 3, 2)),
                                    _pdf(tmp_path / "qc.pdf", "5/QC-UBND"))
    store.attach_evidence(UNIT, EvidenceLink(regulation.id, par_context(last.id, 2026),
                                             TargetKind.CRITERION, "1.1"))
    store.attach_evidence(UNIT, EvidenceLink(regulation.id, par_context(last.id, 2026),
                                             TargetKind.CRITERION, "1.2.2"))
    carried = store.start_from_last_year(UNIT, this, 2027)
    assert (carried.previous_set, carried.answers, carried.evidence) == ("thu-2026", 2, 1)
    assert carried.left == ("1.2.2",)                               # this year's set lacks it
    assert [d.id for d in carried.to_confirm] == [regulation.id]   # issued before 2027
    answers = store.par_answers(UNIT, this, 2027)
    assert answers["1.1"].choice is True and answers["1.1"].evidence == 1
    assert answers["1.1"].explanation == "Có kế hoạch"
    # 'phan' is no longer a level of 1.2.1: asked again, the explanation kept.
    assert answers["1.2.1"].choice is None and answers["1.2.1"].explanation == "Đạt 85%"
    assert "1.3" not in answers
    # Last year's stays as it was.
    assert store.par_answers(UNIT, last, 2026)["1.2.1"].choice == "phan"
    with pytest.raises(ReportError, match="đã có câu trả lời"):
        store.start_from_last_year(UNIT, this, 2027)
    with pytest.raises(ReportError, match="Chưa có bản tự đánh giá năm 2025"):
        store.start_from_last_year("xa-my-hoa", last, 2026)


def test_the_reports_texts_are_kept_per_unit_set_and_year(store: ReportStore, sets) -> None:  # type: ignore[no-untyped-def]
    first, second = sets
    texts = ParReportTexts("Phần mềm một cửa gián đoạn\r\nThiếu công chức", "Đề nghị tập huấn")
    store.set_par_report_texts(UNIT, first.id, 2026, texts)
    store.set_par_report_texts(UNIT, first.id, 2026, ParReportTexts(texts.difficulties,
                                                                   "Đề nghị tập huấn thêm "))
    other = ReportStore(Database.open(store.database.path))
    assert other.par_report_texts(UNIT, first.id, 2026) == ParReportTexts(
        "Phần mềm một cửa gián đoạn\nThiếu công chức", "Đề nghị tập huấn thêm")
    assert other.par_report_texts(UNIT, first.id, 2027) == ParReportTexts()
    assert other.par_report_texts(UNIT, second.id, 2026) == ParReportTexts()
    assert other.par_report_texts("xa-khac", first.id, 2026) == ParReportTexts()
    other.database.close()


@pytest.mark.parametrize(("texts", "words"), [
    (ParReportTexts("x" * (MAX_REPORT_TEXT + 1), ""), "quá dài"),
    (ParReportTexts("", "Đề nghị\x07"), "ký tự điều khiển"),
])
def test_a_text_the_file_should_not_keep_is_refused_and_nothing_written(
        store: ReportStore, sets, texts: ParReportTexts, words: str) -> None:  # type: ignore[no-untyped-def]
    store.set_par_report_texts(UNIT, sets[0].id, 2026, ParReportTexts("Cũ", "Cũ"))
    with pytest.raises(ReportError, match=words):
        store.set_par_report_texts(UNIT, sets[0].id, 2026, texts)
    assert store.par_report_texts(UNIT, sets[0].id, 2026) == ParReportTexts("Cũ", "Cũ")


def test_a_file_of_schema_0013_keeps_its_answers_and_takes_the_texts(sets, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "cu.sqlite3"
    shutil.copy(DATA / "datafiles" / "schema-0013.sqlite3", path)
    with sqlite3.connect(path) as connection:       # an answer the 0013 version wrote
        connection.execute(
            "INSERT INTO par_answers (unit_code, set_id, year, criterion, choice, explanation, "
            "updated_at, user) VALUES ('xa-my-an', 'thu-2026', 2026, '1.1', 'yes', 'Đã ban hành',"
            " '2026-11-01 08:00:00', 'can-bo')")
    connection.close()
    old = ReportStore(Database.open(path))
    assert old.database.current_revision() == head_revision()
    answers = old.par_answers(UNIT, sets[0], 2026)
    assert answers["1.1"].choice is True and answers["1.1"].explanation == "Đã ban hành"
    assert old.par_report_texts(UNIT, sets[0].id, 2026) == ParReportTexts()
    old.set_par_report_texts(UNIT, sets[0].id, 2026, ParReportTexts("Khó khăn", "Đề xuất"))
    assert old.par_report_texts(UNIT, sets[0].id, 2026).proposals == "Đề xuất"
    old.database.close()
