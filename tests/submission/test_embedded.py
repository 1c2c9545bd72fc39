"""submission/embedded.py: the report's JSON and workbook carried inside its PDF.

The module promises the files attached as an incremental update (the original bytes kept
as they were, so a signature can follow), readable by any PDF tool, read back byte for
byte (the evidence list only when there is one), a PDF without them said to carry none,
and anything unreadable or not ours a ValueError.

Beside tests/submission/test_hostile_pdf.py (name-tree and deflate bombs, foreign filters,
the cap) and test_tampering.py (a swapped workbook caught through the embedded copy).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas

from cchc_desktop.submission.embedded import (
    EVIDENCE_NAME,
    JSON_NAME,
    WORKBOOK_NAME,
    embed_report_data,
    read_embedded,
)

JSON = '{"don_vi": "Ủy ban nhân dân xã Mỹ An", "so_lieu": {"cddh.kh.tong": 66}}'.encode()
WORKBOOK = b"PK\x03\x04" + bytes(range(256)) * 40          # binary, incompressible enough
EVIDENCE = b'[{"name": "tl-1.pdf", "sha256": "' + b"ab" * 32 + b'"}]'


@pytest.fixture(scope="module")
def plain_pdf() -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 720, "Bao cao CCHC")
    page.showPage()
    page.save()
    return out.getvalue()


def test_the_files_are_appended_and_read_back_byte_for_byte(plain_pdf: bytes) -> None:
    carrying = embed_report_data(plain_pdf, JSON, WORKBOOK)
    assert carrying.startswith(plain_pdf)                     # an incremental update
    read = read_embedded(carrying)
    assert read.present
    assert (read.json_bytes, read.workbook_bytes, read.evidence_bytes) == (JSON, WORKBOOK, None)
    with_evidence = read_embedded(embed_report_data(plain_pdf, JSON, WORKBOOK, EVIDENCE))
    assert with_evidence.evidence_bytes == EVIDENCE


def test_another_pdf_tool_sees_the_attachments(plain_pdf: bytes, tmp_path: Path) -> None:
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(embed_report_data(plain_pdf, JSON, WORKBOOK, EVIDENCE))
    listed = subprocess.run(["pdfdetach", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout
    assert listed.splitlines()[0] == "3 embedded files"
    assert [line.split(": ", 1)[1] for line in listed.splitlines()[1:]] == [
        JSON_NAME, WORKBOOK_NAME, EVIDENCE_NAME]
    subprocess.run(["pdfdetach", "-saveall", "-o", str(tmp_path), str(pdf)], check=True)
    assert (tmp_path / WORKBOOK_NAME).read_bytes() == WORKBOOK
    assert (tmp_path / JSON_NAME).read_bytes() == JSON


def test_a_pdf_without_the_files_carries_none(plain_pdf: bytes) -> None:
    read = read_embedded(plain_pdf)
    assert not read.present
    assert (read.json_bytes, read.workbook_bytes, read.evidence_bytes) == (None, None, None)


@pytest.mark.parametrize("data", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj <<"],
                         ids=["empty", "text", "cut-short"])
def test_what_is_not_a_readable_pdf_is_a_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        read_embedded(data)


def test_a_file_named_twice_in_the_tree_is_refused(plain_pdf: bytes) -> None:
    carrying = embed_report_data(plain_pdf, JSON, WORKBOOK)
    writer = IncrementalPdfFileWriter(io.BytesIO(carrying), strict=False)
    tree = writer.root["/Names"]["/EmbeddedFiles"]
    pairs = tree["/Names"]
    doubled = generic.ArrayObject([*pairs, pairs[0], pairs[1]])   # bao-cao.json once more
    leaf = writer.add_object(generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {generic.NameObject("/Names"): doubled}))
    writer.root[generic.NameObject("/Names")] = generic.DictionaryObject(  # type: ignore[no-untyped-call]
        {generic.NameObject("/EmbeddedFiles"): leaf})
    writer.update_root()  # type: ignore[no-untyped-call]
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    with pytest.raises(ValueError, match=f"tệp đính kèm {JSON_NAME} có hai lần"):
        read_embedded(out.getvalue())
