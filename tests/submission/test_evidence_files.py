"""evidence_files.py on its own: each evidence file's safe ASCII name in the package, its hash
taken again from its bytes, the list written as the PDF embeds it and read back, and every
field of a list from elsewhere refused unless it has the type and bounds this app writes."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.domain.evidence import MAX_FILE_BYTES, EvidenceDocument, EvidenceMeta, FileKind, TargetKind
from cchc_desktop.domain.evidence_items import EvidenceItem, EvidenceTarget
from cchc_desktop.domain.units import Text
from cchc_desktop.submission.evidence_files import (
    MAX_PACKAGE_EVIDENCE,
    PREFIX,
    EvidenceListError,
    entries_json,
    evidence_entries,
    package_name,
    parse_entries,
    parse_entry,
)
from tests.evidence_helpers import PLAN, write_pdf_file, write_png_file


def _item(file_name: str, content: bytes, kind: FileKind = FileKind.PDF,
          meta: EvidenceMeta = PLAN) -> EvidenceItem:
    document = EvidenceDocument(1, meta, file_name, kind, len(content),
                                hashlib.sha256(content).hexdigest())
    targets = (EvidenceTarget(TargetKind.INDICATOR, "cddh.kh.tong", Text("Số kế hoạch", "")),
               EvidenceTarget(TargetKind.TASK, "2", Text("Rà soát", "")))
    return EvidenceItem(document, targets, content)


@pytest.fixture
def items(tmp_path: Path) -> tuple[EvidenceItem, ...]:
    pdf = write_pdf_file(tmp_path / "a.pdf").read_bytes()
    png = write_png_file(tmp_path / "b.png").read_bytes()
    return (_item("Kế hoạch 20/KH-UBND.pdf", pdf),
            _item("bảng niêm yết.PNG", png, FileKind.PNG),
            _item("..\\..\\Quyết định (bản 2).docx", b"PK\x03\x04 docx", FileKind.DOCX))


def test_package_names_are_ascii_numbered_in_order_and_flat(items: tuple[EvidenceItem, ...]) -> None:
    names = [package_name(i, item) for i, item in enumerate(items, start=1)]
    assert names == ["kiem-chung-01-ke-hoach-20-kh-ubnd.pdf", "kiem-chung-02-bang-niem-yet.png",
                     "kiem-chung-03-quyet-dinh-ban-2.docx"]
    for name in names:
        assert name.isascii() and "/" not in name and "\\" not in name and ".." not in name


def test_a_file_name_with_nothing_ascii_falls_back_to_the_title_then_to_a_word() -> None:
    assert package_name(7, _item("文件.pdf", b"x")) == \
        "kiem-chung-07-ke-hoach-cai-cach-hanh-chinh-nam-2026.pdf"
    assert package_name(8, _item("文件.jpg", b"x", FileKind.JPEG, EvidenceMeta("文件"))) == \
        "kiem-chung-08-tai-lieu.jpg"
    long = package_name(9, _item("a" * 300 + ".pdf", b"x"))
    assert long == f"{PREFIX}09-{'a' * 60}.pdf"


def test_entries_hash_the_bytes_themselves_not_what_the_store_recorded(
        items: tuple[EvidenceItem, ...]) -> None:
    changed = EvidenceItem(items[0].document, items[0].targets, items[0].content + b"%tampered")
    entry = evidence_entries((changed,))[0]
    assert entry.sha256 == hashlib.sha256(changed.content).hexdigest() != changed.document.sha256
    assert entry.size == len(changed.content)
    assert entry.targets == ((TargetKind.INDICATOR, "cddh.kh.tong"), (TargetKind.TASK, "2"))


def test_the_list_as_the_pdf_embeds_it_reads_back_the_same(items: tuple[EvidenceItem, ...]) -> None:
    entries = evidence_entries(items)
    data = entries_json(entries)
    assert "Kế hoạch" in data.decode("utf-8")            # Vietnamese kept, not \\u-escaped
    assert parse_entries(json.loads(data)) == entries
    raw = json.loads(data)[0]
    assert raw["issued_on"] == "2026-01-06" and raw["number"] == "20/KH-UBND"


# ------------------------------------------------------------------ a hostile list

def _good(items: tuple[EvidenceItem, ...]) -> dict[str, Any]:
    return dict(json.loads(entries_json(evidence_entries(items[:1])))[0])


@pytest.mark.parametrize(("field", "value"), [
    ("name", "../kiem-chung-01-x.pdf"),
    ("name", "kiem-chung-01/../../x.pdf"),
    ("name", "kiem-chung-01\\x.pdf"),
    ("name", "manifest.json"),
    ("name", PREFIX + "x" * 150),
    ("name", 12),
    ("size", 0),
    ("size", -1),
    ("size", MAX_FILE_BYTES + 1),
    ("size", True),
    ("size", "100"),
    ("size", 1.5),
    ("sha256", "A" * 64),
    ("sha256", "0" * 63),
    ("sha256", "g" * 64),
    ("sha256", None),
    ("kind", "exe"),
    ("kind", None),
    ("issued_on", "06/01/2026"),
    ("issued_on", 20260106),
    ("title", "x" * 1001),
    ("title", ["x"]),
    ("number", "x" * 61),
    ("issuer", {"a": 1}),
    ("file_name", "x" * 256),
    ("targets", "cddh"),
    ("targets", [{"kind": "indicator"}]),
    ("targets", [{"kind": "virus", "key": "a"}]),
    ("targets", [{"kind": "indicator", "key": "../etc"}]),
    ("targets", [{"kind": "indicator", "key": 5}]),
    ("targets", ["indicator"]),
    ("targets", [{"kind": "task", "key": "1"}] * 1001),
])
def test_a_field_out_of_type_or_bounds_is_refused(items: tuple[EvidenceItem, ...], field: str,
                                                   value: object) -> None:
    raw = _good(items)
    raw[field] = value
    with pytest.raises(EvidenceListError):
        parse_entry(raw)


def test_the_fields_this_app_may_leave_out_are_optional(items: tuple[EvidenceItem, ...]) -> None:
    raw = _good(items)
    for optional in ("title", "number", "issuer", "issued_on", "file_name", "targets"):
        del raw[optional]
    entry = parse_entry(raw)
    assert entry.meta == EvidenceMeta("", "", None, "") and entry.targets == ()


def test_a_list_that_is_not_one_too_long_or_naming_a_file_twice_is_refused(
        items: tuple[EvidenceItem, ...]) -> None:
    good = _good(items)
    for hostile in ({"name": good}, "[]", None, [good] * (MAX_PACKAGE_EVIDENCE + 1), [good, good],
                    [good, 5]):
        with pytest.raises(EvidenceListError):
            parse_entries(hostile)
    other = copy.deepcopy(good)
    other["name"] = "kiem-chung-02-khac.pdf"
    assert len(parse_entries([good, other])) == 2
    assert parse_entries([]) == ()


def test_a_date_in_the_list_is_a_real_calendar_date(items: tuple[EvidenceItem, ...]) -> None:
    raw = _good(items)
    raw["issued_on"] = "2026-02-30"
    with pytest.raises(EvidenceListError):
        parse_entry(raw)
    raw["issued_on"] = "2024-02-29"
    assert parse_entry(raw).meta.issued_on == dt.date(2024, 2, 29)
