"""Evidence documents in a real data file: recognised by content, one document for the same
file, attached to several items, capped, and refused when their bytes were changed behind the
app; a second process sees what the first attached."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.evidence import EvidenceLink, EvidenceMeta, FileKind, TargetKind, citation
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.evidence import EvidenceError
from cchc_desktop.storage.repository import ReportStore

UNIT = "xa-my-an"
PLAN = EvidenceMeta("Kế hoạch cải cách hành chính năm 2026", "20/KH-UBND", dt.date(2026, 1, 6),
                    "UBND xã Mỹ An")


def _pdf(path: Path, text: str = "Kế hoạch 20/KH-UBND") -> Path:
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, text)
    pdf.save()
    return path


def _docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Quyết định kiện toàn tổ công tác CCHC")
    document.save(str(path))
    return path


@pytest.fixture
def store(tmp_path: Path) -> ReportStore:
    return ReportStore(Database.open(tmp_path / "du-lieu.sqlite3"))


def test_a_file_attached_to_two_items_is_one_document(store: ReportStore, tmp_path: Path) -> None:
    plan = _pdf(tmp_path / "ke-hoach.pdf")
    document = store.add_evidence(UNIT, PLAN, plan)
    again = store.add_evidence(UNIT, EvidenceMeta("Tên khác"), plan)
    assert again.id == document.id and again.meta == PLAN      # the first description stays
    assert document.kind is FileKind.PDF and document.size == plan.stat().st_size
    for kind, key in ((TargetKind.INDICATOR, "cddh.kh.tong"), (TargetKind.CRITERION, "1.1"),
                      (TargetKind.INDICATOR, "cddh.kh.tong")):
        context = "report:2026-Q1" if kind is TargetKind.INDICATOR else "par:dong-thap-xa:2026"
        store.attach_evidence(UNIT, EvidenceLink(document.id, context, kind, key))
    attached = store.evidence_of(UNIT, "report:2026-Q1", TargetKind.INDICATOR, "cddh.kh.tong")
    assert [a.document.id for a in attached] == [document.id]        # attached twice: once
    assert len(store.evidence_of(UNIT, "par:dong-thap-xa:2026")) == 1
    assert store.evidence_content(document.id) == plan.read_bytes()
    assert citation(document.meta) == ("20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch cải "
                                       "cách hành chính năm 2026")
    with pytest.raises(ReportError, match="còn gắn với 2 mục"):
        store.remove_evidence(document.id)
    for attachment in store.evidence_of(UNIT, "report:2026-Q1") + store.evidence_of(
            UNIT, "par:dong-thap-xa:2026"):
        store.detach_evidence(attachment.link)
    store.remove_evidence(document.id)
    assert store.evidence_documents(UNIT) == []


def test_word_and_images_are_taken_by_content_not_by_name(store: ReportStore, tmp_path: Path) -> None:
    word = store.add_evidence(UNIT, EvidenceMeta("Quyết định kiện toàn"), _docx(tmp_path / "qd.docx"))
    assert word.kind is FileKind.DOCX
    png = tmp_path / "bang-niem-yet.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert store.add_evidence(UNIT, EvidenceMeta("Ảnh bảng niêm yết"), png).kind is FileKind.PNG
    disguised = tmp_path / "ke-hoach.pdf"            # a script named as a PDF
    disguised.write_bytes(b"#!/bin/sh\nrm -rf /\n")
    with pytest.raises(EvidenceError, match="không phải là PDF, Word"):
        store.add_evidence(UNIT, EvidenceMeta("Giả"), disguised)
    archive = tmp_path / "tai-lieu.docx"             # a zip that is no Word document
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("payload.exe", b"MZ")
    with pytest.raises(EvidenceError, match="không phải văn bản Word"):
        store.add_evidence(UNIT, EvidenceMeta("Giả"), archive)
    assert [d.kind for d in store.evidence_documents(UNIT)] == [FileKind.DOCX, FileKind.PNG]


def test_descriptions_and_keys_are_checked_below_the_window(store: ReportStore, tmp_path: Path) -> None:
    plan = _pdf(tmp_path / "kh.pdf")
    with pytest.raises(ReportError, match="trích yếu"):
        store.add_evidence(UNIT, EvidenceMeta("  "), plan)
    with pytest.raises(ReportError, match="sau ngày hôm nay"):
        store.add_evidence(UNIT, EvidenceMeta("Kế hoạch", issued_on=dt.date.today() + dt.timedelta(1)),
                           plan)
    document = store.add_evidence(UNIT, PLAN, plan)
    with pytest.raises(ReportError, match="không hợp lệ"):
        store.attach_evidence(UNIT, EvidenceLink(document.id, "report:2026-Q1", TargetKind.TASK,
                                                 "../../etc"))
    with pytest.raises(ReportError, match="Không có tài liệu"):
        store.attach_evidence("phuong-khac", EvidenceLink(document.id, "report:2026-Q1",
                                                          TargetKind.TASK, "1"))


def test_too_large_or_missing_is_refused_with_nothing_stored(store: ReportStore, tmp_path: Path) -> None:
    big = tmp_path / "scan.pdf"
    with big.open("wb") as out:
        out.write(b"%PDF-1.7\n")
        out.truncate(20 * 1024 * 1024 + 1)
    with pytest.raises(EvidenceError):
        store.add_evidence(UNIT, EvidenceMeta("Bản quét"), big)
    with pytest.raises(EvidenceError):
        store.add_evidence(UNIT, EvidenceMeta("Không có"), tmp_path / "khong-co.pdf")
    assert store.evidence_documents(UNIT) == []


def test_bytes_changed_behind_the_app_are_refused_when_read(tmp_path: Path) -> None:
    path = tmp_path / "du-lieu.sqlite3"
    store = ReportStore(Database.open(path))
    document = store.add_evidence(UNIT, PLAN, _pdf(tmp_path / "kh.pdf"))
    with sqlite3.connect(path) as connection:      # a row edited with an SQLite tool
        connection.execute("UPDATE evidence_documents SET content = ? WHERE id = ?",
                           (_pdf(tmp_path / "gia.pdf", "Kế hoạch giả").read_bytes(), document.id))
    with pytest.raises(EvidenceError, match="mã băm không khớp"):
        store.evidence_content(document.id)
    # Another process on the same file sees the document and finds the same fault.
    other = ReportStore(Database.open(path))
    assert [d.id for d in other.evidence_documents(UNIT)] == [document.id]
    with pytest.raises(EvidenceError):
        other.evidence_content(document.id)


def test_a_file_attached_to_an_item_is_written_with_its_link_or_not_at_all(
        store: ReportStore, tmp_path: Path) -> None:
    plan = _pdf(tmp_path / "ke-hoach.pdf")
    with pytest.raises(ReportError, match="Mã của mục"):
        store.add_evidence_for(UNIT, PLAN, plan, "report:2026-Q1", TargetKind.INDICATOR, "mã lạ/")
    assert store.evidence_documents(UNIT) == [], "a refused link leaves no document"
    document = store.add_evidence_for(UNIT, PLAN, plan, "report:2026-Q1", TargetKind.TASK, "2")
    assert [(a.document.id, a.link.key) for a in store.evidence_of(UNIT, "report:2026-Q1")] == [
        (document.id, "2")]


def test_a_file_is_checked_before_it_is_described(store: ReportStore, tmp_path: Path) -> None:
    store.check_evidence_file(_pdf(tmp_path / "ke-hoach.pdf"))
    renamed = tmp_path / "chuong-trinh.pdf"
    renamed.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    with pytest.raises(EvidenceError, match=re.escape("chuong-trinh.pdf")):
        store.check_evidence_file(renamed)
    assert store.evidence_documents(UNIT) == []
