"""domain/evidence.py: evidence documents, recognised by their bytes and cited as documents are.

A file's kind comes from its first bytes, never its name; a description needs a title, no
overlong field, no control character and no date after today; a link needs keys of their
shape; a citation reads "20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch ...".
Beside tests/storage/test_evidence.py, which attaches real files in a data file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cchc_desktop.domain.evidence import (
    MAX_TEXT,
    EvidenceDocument,
    EvidenceLink,
    EvidenceMeta,
    FileKind,
    TargetKind,
    citation,
    file_kind,
    link_problem,
    meta_problem,
)

TODAY = dt.date(2026, 3, 10)
PLAN = EvidenceMeta("Kế hoạch cải cách hành chính năm 2026", "20/KH-UBND", dt.date(2026, 1, 6),
                    "UBND xã Mỹ An")


@pytest.mark.parametrize(("head", "kind"), [
    (b"%PDF-1.7\n", FileKind.PDF), (b"\x89PNG\r\n\x1a\n\x00", FileKind.PNG),
    (b"\xff\xd8\xff\xe0", FileKind.JPEG), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileKind.DOC),
    (b"PK\x03\x04\x14\x00", FileKind.DOCX), (b"%PDF", None), (b"GIF89a", None), (b"", None)])
def test_the_kind_comes_from_the_first_bytes(head: bytes, kind: FileKind | None) -> None:
    assert file_kind(head) is kind


def test_a_document_says_its_media_type() -> None:
    document = EvidenceDocument(1, PLAN, "ke-hoach.docx", FileKind.DOCX, 1024, "ab" * 32)
    assert document.media_type == ("application/vnd.openxmlformats-officedocument."
                                   "wordprocessingml.document")
    assert EvidenceDocument(2, PLAN, "a.jpg", FileKind.JPEG, 1, "").media_type == "image/jpeg"


def test_a_description_is_refused_with_the_reason() -> None:
    assert meta_problem(PLAN, TODAY) is None
    assert meta_problem(EvidenceMeta("  "), TODAY) == "Chưa có trích yếu (tên) của tài liệu."
    assert meta_problem(EvidenceMeta("x" * MAX_TEXT["title"]), TODAY) is None
    assert meta_problem(EvidenceMeta("x" * (MAX_TEXT["title"] + 1)), TODAY) == (
        "Nội dung quá dài: tối đa 1000 ký tự.")
    assert meta_problem(EvidenceMeta("Kế hoạch", "1" * 61), TODAY) == (
        "Nội dung quá dài: tối đa 60 ký tự.")
    assert meta_problem(EvidenceMeta("Kế hoạch\x07"), TODAY) == (
        "Có ký tự điều khiển không in được.")
    assert meta_problem(EvidenceMeta("Kế hoạch\tnăm\n2026"), TODAY) is None
    assert meta_problem(EvidenceMeta("Kế hoạch", issued_on=TODAY), TODAY) is None
    assert meta_problem(EvidenceMeta("Kế hoạch", issued_on=dt.date(2026, 3, 11)), TODAY) == (
        "Ngày ban hành sau ngày hôm nay.")


def test_a_link_needs_keys_of_their_shape() -> None:
    assert link_problem(EvidenceLink(1, "report:2026-Q1", TargetKind.TASK, "2")) is None
    assert link_problem(EvidenceLink(1, "par:dong-thap-2025:2025", TargetKind.CRITERION,
                                     "1.2.1")) is None
    for context, key in (("report:2026-Q1", "mục 1"), ("", "2"), ("report:2026-Q1", "x" * 121),
                         (":report", "2")):
        assert link_problem(EvidenceLink(1, context, TargetKind.TASK, key)) == (
            "Mã của mục gắn tài liệu không hợp lệ.")


def test_a_citation_says_what_the_description_has() -> None:
    assert citation(PLAN) == ("20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch cải cách "
                              "hành chính năm 2026")
    assert citation(EvidenceMeta(" Ảnh bảng niêm yết ", issued_on=dt.date(2026, 3, 2))) == (
        "ngày 02/03/2026: Ảnh bảng niêm yết")
    assert citation(EvidenceMeta("Ảnh", issuer=" Bộ phận Một cửa ")) == "(Bộ phận Một cửa): Ảnh"
    assert citation(EvidenceMeta("Biên bản", "05/BB")) == "05/BB: Biên bản"
    assert citation(EvidenceMeta("Biên bản kiểm tra")) == "Biên bản kiểm tra"
