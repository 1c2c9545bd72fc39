"""gui/session_parts.py: the open report's work beyond editing, each part reached through the
report's session. The evidence part writes each change at once and reads the report's
evidence again (the fields' buttons count it, the PDF cites it); a document detached from one
item stays in the data file for the others; a locked report takes no document. The imports
part reads a Word report without changing anything and applies the clerk's choices; the PAR
part keeps the unit's answers and paragraphs per criteria set and year.

Beside tests/gui/test_evidence_dialog.py (the evidence dialog in the window),
tests/gui/test_word_import.py (the Word import in the window) and
tests/gui/test_par_assessment_dialog.py (the PAR dialog); here the parts alone, on the sample
commune report in a real data file.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from evidence_helpers import PHOTO, PLAN, write_pdf_file, write_png_file
from par_index_sets import criteria_data, write_set

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.par_index_loading import load_criteria_file
from cchc_desktop.domain.par_report import ParReportTexts
from cchc_desktop.domain.report import ReportStatus
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.imports.word_apply import WordChoices
from cchc_desktop.storage.repository import ReportStore

PLANNED = "cddh.kh.tong"
DONE = "cddh.kh.hoan_thanh"
INDICATOR = TargetKind.INDICATOR


@pytest.fixture
def session(qtbot, store: ReportStore, sample_report_id: int):  # type: ignore[no-untyped-def]
    opened = ReportSession(store, sample_report_id)
    yield opened
    opened.close()


def test_a_document_attached_to_a_figure_is_counted_and_cited_at_once(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    said: list[bool] = []
    session.evidence_changed.connect(lambda: said.append(True))
    photo = write_png_file(tmp_path / "bảng niêm yết.png")
    assert session.evidence_context == "report:2026-Q1"
    document = session.add_evidence(PHOTO, photo, INDICATOR, DONE)
    assert said == [True]
    assert [item.document.id for item in session.evidence_for(INDICATOR, DONE)] == [document.id]
    assert session.evidence_citations(INDICATOR, DONE) == (
        "ngày 02/03/2026 (Bộ phận Một cửa xã Mỹ An): Ảnh bảng niêm yết thủ tục hành chính",)
    assert session.evidence_for(INDICATOR, PLANNED) == ()
    assert len(session.context.evidence) == 1, "the next PDF's annex lists it"
    assert session.evidence_content(document.id) == photo.read_bytes()
    assert [a.document.file_name for a in session.attached_evidence(INDICATOR, DONE)] == [
        "bảng niêm yết.png"]


def test_one_document_proves_two_items_and_stays_when_detached_from_one(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = session.add_evidence(PLAN, write_pdf_file(tmp_path / "Kế hoạch 20.pdf"), INDICATOR,
                                PLANNED)
    session.attach_evidence(plan.id, TargetKind.TASK, "0")
    assert session.evidence_citations(TargetKind.TASK, "0") == (
        "20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch cải cách hành chính năm 2026",)
    session.detach_evidence(plan.id, INDICATOR, PLANNED)
    assert session.evidence_for(INDICATOR, PLANNED) == ()
    assert len(session.evidence_for(TargetKind.TASK, "0")) == 1
    assert [d.id for d in session.unit_evidence_documents()] == [plan.id]


def test_a_file_that_is_no_document_is_refused_in_vietnamese(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "ghi chú.txt"
    notes.write_text("Danh sách hồ sơ", encoding="utf-8")
    with pytest.raises(KnownError) as refused:
        session.check_evidence_file(notes)
    assert refused.value.message == ("Tệp ghi chú.txt không phải là PDF, Word (.docx, .doc) hay ảnh "
                                     "(PNG, JPEG): không đính kèm.")
    assert session.unit_evidence_documents() == []


def test_a_final_report_takes_no_document_and_stores_nothing(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session.set_status(ReportStatus.FINAL)
    with pytest.raises(KnownError):
        session.add_evidence(PHOTO, write_png_file(tmp_path / "anh.png"), INDICATOR, DONE)
    assert session.unit_evidence_documents() == []
    assert session.evidence == ()


def test_a_word_report_is_read_without_change_then_the_choices_applied(  # type: ignore[no-untyped-def]
        session, store, tmp_path: Path) -> None:
    document = docx.Document()
    for line in ("UBND XÃ MỸ AN", "Số: 15/BC-UBND", "Mỹ An, ngày 20 tháng 3 năm 2026"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH").bold = True
    document.add_paragraph("Tổng số nhiệm vụ kế hoạch 70 nhiệm vụ.")
    path = tmp_path / "bao-cao.docx"
    document.save(str(path))
    proposal = session.read_word_report(path)
    assert proposal.header.number_symbol == "15/BC-UBND"
    assert [(f.code, f.value) for f in proposal.figures] == [(PLANNED, "70")]
    assert store.load_report(session.report_id).values[PLANNED] == 66, "reading changes nothing"
    session.apply_word_import(WordChoices(header=proposal.header, values={PLANNED: "70"},
                                          source_name=path.name))
    assert store.load_report(session.report_id).values[PLANNED] == Decimal(70)


def test_the_par_answers_and_paragraphs_are_kept_per_year(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    criteria = load_criteria_file(write_set(tmp_path, criteria_data()))
    code = next(iter(criteria.criteria())).code
    session.set_par_answer(criteria, 2026, code, True, "Đã ban hành kế hoạch đúng hạn.")
    session.set_par_report_texts(criteria, 2026, ParReportTexts("Thiếu máy quét.", "Cấp thêm máy."))
    answers = session.par_answers(criteria, 2026)
    assert (answers[code].choice, answers[code].explanation) == (True, "Đã ban hành kế hoạch đúng hạn.")
    assert session.par_report_texts(criteria, 2026) == ParReportTexts("Thiếu máy quét.", "Cấp thêm máy.")
    assert session.par_answers(criteria, 2027).get(code) is None
    assert session.par_report_texts(criteria, 2027) == ParReportTexts()
    report = session.par_report(criteria, 2026, None, dt.date(2026, 12, 1))
    assert report.texts == ParReportTexts("Thiếu máy quét.", "Cấp thêm máy.")
