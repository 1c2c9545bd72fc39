"""submission/manifest.py: the package's manifest.json written, and read back only if exact.

The module promises that what it writes it reads back field for field (version 1 without
evidence, so that an older app reads it), that a file's entry is its size and SHA-256
however large, and that anything else is refused with one Vietnamese sentence
"Tệp manifest.json của gói không hợp lệ: …" naming what is wrong — never a crash.

Beside tests/submission/test_tampering.py (a hostile manifest inside a package, through
`verify`) and test_evidence_package.py (version 2 with evidence files).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.submission.manifest import (
    FORMAT_VERSION,
    FileEntry,
    Manifest,
    bytes_entry,
    file_entry,
    parse_manifest,
)

SHA = "ab" * 32
CREATED = dt.datetime(2026, 9, 14, 8, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _manifest(**changes: Any) -> Manifest:
    fields: dict[str, Any] = dict(
        unit_code="28066", unit_name="Ủy ban nhân dân xã Mỹ An", period_key="2026-Q3",
        period_label="Quý III năm 2026", revision=0, template="cchc-2021@1",
        app_version="1.4.0", created_at=CREATED, signed=True,
        files=(FileEntry("bao-cao.pdf", 1234, SHA, "report-pdf"),
               FileEntry("so-lieu.xlsx", 99, "cd" * 32, "workbook")),
        data_sha256="ef" * 32)
    return Manifest(**(fields | changes))


def _raw(**changes: Any) -> dict[str, Any]:
    data = _manifest().as_json()
    data.update(changes)
    return data


def _refusal(data: bytes) -> str:
    with pytest.raises(KnownError) as refused:
        parse_manifest(data)
    return refused.value.message


def test_what_is_written_is_read_back_field_for_field() -> None:
    written = _manifest(revision=3, created_at=CREATED.replace(microsecond=123456))
    data = written.to_bytes()
    assert data.endswith(b"}\n") and "Ủy ban nhân dân xã Mỹ An".encode() in data   # not \u-escaped
    shown = json.loads(data)
    assert (shown["format"], shown["format_version"]) == ("cchc-submission", FORMAT_VERSION)
    assert (shown["replaces_revision"], shown["created_at"]) == (2, "2026-09-14T08:30:05+07:00")
    assert "evidence" not in shown
    assert parse_manifest(data) == _manifest(revision=3)       # to the second, as written


def test_the_first_sending_replaces_nothing() -> None:
    first = _manifest(revision=0)
    assert first.replaces_revision is None and first.as_json()["replaces_revision"] is None
    assert _manifest(revision=1).replaces_revision == 0


def test_upper_case_hashes_are_read_as_lower_case() -> None:
    data = _raw(data_sha256="EF" * 32, files=[{"name": "a.pdf", "size": 1, "sha256": "AB" * 32}])
    read = parse_manifest(json.dumps(data).encode())
    assert read.data_sha256 == "ef" * 32
    assert read.files == (FileEntry("a.pdf", 1, SHA, ""),)


def test_a_files_entry_is_its_size_and_sha256_read_in_chunks(tmp_path: Path) -> None:
    content = bytes(range(256)) * 4097 + b"cuoi"               # past one 1 MiB chunk
    path = tmp_path / "Báo cáo quý III.pdf"
    path.write_bytes(content)
    expected = FileEntry("Báo cáo quý III.pdf", len(content), hashlib.sha256(content).hexdigest(),
                         "report-pdf")
    assert file_entry(path, "report-pdf") == expected
    assert bytes_entry("Báo cáo quý III.pdf", content, "report-pdf") == expected
    assert file_entry(path).as_json() == {"name": "Báo cáo quý III.pdf", "role": "",
                                          "size": 1_048_836, "sha256": expected.sha256}


PREFIX = "Tệp manifest.json của gói không hợp lệ: "


@pytest.mark.parametrize(("data", "reason"), [
    (b"\xff\xfe{}", "không phải JSON UTF-8."),
    (b'{"format": "cchc-submission",', "không phải JSON UTF-8."),
    (b"[1, 2]", "không phải manifest của gói báo cáo CCHC."),
    (json.dumps(_raw(format="cchc-report")).encode(), "không phải manifest của gói báo cáo CCHC."),
    (json.dumps(_raw(format_version=3)).encode(), "phiên bản định dạng 3 chưa được hỗ trợ."),
    (json.dumps(_raw(format_version="1")).encode(), "phiên bản định dạng 1 chưa được hỗ trợ."),
    (json.dumps(_raw(revision=-1)).encode(), "lần gửi phải là số nguyên không âm."),
    (json.dumps(_raw(revision=True)).encode(), "lần gửi phải là số nguyên không âm."),
    (json.dumps(_raw(revision="2")).encode(), "lần gửi phải là số nguyên không âm."),
    (json.dumps(_raw(files=[{"name": "a.pdf", "size": 1, "sha256": "ab" * 31}])).encode(),
     "mục tệp a.pdf sai kiểu."),
    (json.dumps(_raw(files=[{"name": "a.pdf", "size": "1", "sha256": SHA}])).encode(),
     "mục tệp a.pdf sai kiểu."),
    (json.dumps(_raw(data_sha256="ef" * 10)).encode(), "mã băm dữ liệu sai kiểu."),
    (json.dumps(_raw(created_at="hôm qua")).encode(), "thiếu hoặc sai trường "),
    (json.dumps({k: v for k, v in _raw().items() if k != "unit"}).encode(),
     "thiếu hoặc sai trường 'unit'."),
    (json.dumps(_raw(files="bao-cao.pdf")).encode(), "thiếu hoặc sai trường "),
    (json.dumps(_raw(unit=["28066"])).encode(), "thiếu hoặc sai trường "),
    (json.dumps(_raw(format_version=2, evidence={"a": 1})).encode(),
     "danh mục tài liệu kiểm chứng sai ở trường evidence."),
], ids=["not-utf8", "cut-short", "a-list", "another-format", "version-3", "version-as-text",
        "negative-revision", "revision-true", "revision-as-text", "short-hash", "size-as-text",
        "short-data-hash", "date-as-words", "no-unit", "files-a-string", "unit-a-list",
        "evidence-not-a-list"])
def test_a_manifest_not_exactly_as_written_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    message = _refusal(data)
    assert message.startswith(PREFIX + reason), message


def test_hostile_json_is_refused_not_a_crash() -> None:
    assert _refusal(b"[" * 100_000 + b"]" * 100_000) == PREFIX + "lồng quá sâu."
    duplicated = b'{"format": "cchc-submission", "format": "cchc-submission"}'
    assert _refusal(duplicated) == PREFIX + (
        "khóa 'format' xuất hiện nhiều lần trong cùng một đối tượng; tệp không rõ nghĩa nên không "
        "đọc.")
    assert _refusal(b'{"format": "cchc-submission", "revision": NaN}') == PREFIX + (
        "revision: số 'NaN' không phải là số hữu hạn.")
