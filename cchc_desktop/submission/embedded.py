"""The report's data inside its PDF: the exchange JSON and the workbook, embedded before signing.

A signature over the PDF's pages alone proves the words, not the figures the province
imports: the workbook travels beside the PDF and could be swapped. Embedding both files
in the PDF (as associated files, PDF/A-3 style, and in the EmbeddedFiles name tree)
before it is signed makes the signature cover the data; the superior unit compares the
workbook and the manifest against what the signed PDF carries.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from typing import Any

JSON_NAME = "bao-cao.json"
WORKBOOK_NAME = "bao-cao.xlsx"
EVIDENCE_NAME = "kiem-chung.json"   # the evidence list with its hashes (evidence_files.py)
_JSON_MIME = "application/json"
_XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An embedded file larger than a package's member is not ours; do not even decompress it.
MAX_EMBEDDED = 32 * 1024 * 1024
# Our name tree is one node: a tree of more nodes, or whose kids point at one node many
# times (8 levels of 30 kids each is 30**8 visits), is not ours and would never finish.
MAX_TREE_NODES = 64


@dataclass(frozen=True)
class EmbeddedData:
    json_bytes: bytes | None = None
    workbook_bytes: bytes | None = None
    evidence_bytes: bytes | None = None

    @property
    def present(self) -> bool:
        return self.json_bytes is not None


def embed_report_data(pdf_bytes: bytes, json_bytes: bytes, workbook_bytes: bytes,
                      evidence_bytes: bytes | None = None) -> bytes:
    """`pdf_bytes` with the report's JSON and workbook attached (an incremental update), and
    the list of the evidence files with their hashes when the report has evidence."""
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils import embed, generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    files = [(JSON_NAME, json_bytes, _JSON_MIME, "Số liệu báo cáo (định dạng trao đổi JSON)"),
             (WORKBOOK_NAME, workbook_bytes, _XLSX_MIME, "Biểu số liệu báo cáo (Excel)")]
    if evidence_bytes is not None:
        files.append((EVIDENCE_NAME, evidence_bytes, _JSON_MIME,
                      "Danh mục tài liệu kiểm chứng (mã SHA-256 của từng tệp)"))
    for name, data, mime, description in files:
        stream = embed.EmbeddedFileObject.from_file_data(
            writer, data, mime_type=mime,
            params=embed.EmbeddedFileParams(embed_size=True, embed_checksum=True))
        embed.embed_file(writer, embed.FileSpec(
            file_spec_string=name, file_name=name, embedded_data=stream, description=description,
            af_relationship=generic.pdf_name("/Data")))
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


def read_embedded(pdf_bytes: bytes) -> EmbeddedData:
    """The JSON and workbook the PDF carries (None for one it lacks).

    Raises ValueError for a PDF that cannot be read or an embedded file that is too large.
    """
    # pyhanko takes about a second to import: loaded only when a PDF is signed, checked or read back.
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        names = reader.root.get("/Names")
        tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
        found: dict[str, bytes] = {}
        if tree is not None:
            _walk(tree.get_object(), found, depth=0, visits=[0])
    except ValueError:
        raise
    except Exception as exc:  # a hostile PDF may break the reader in ways nobody foresaw
        raise ValueError(str(exc)) from exc
    return EmbeddedData(found.get(JSON_NAME), found.get(WORKBOOK_NAME), found.get(EVIDENCE_NAME))


def _walk(node: Any, found: dict[str, bytes], depth: int, visits: list[int]) -> None:
    visits[0] += 1
    if depth > 8:     # our tree is one level; a deep one is not ours
        raise ValueError("cây tệp đính kèm quá sâu")
    if visits[0] > MAX_TREE_NODES:
        raise ValueError("cây tệp đính kèm có quá nhiều nút")
    pairs = node.get("/Names")
    if pairs is not None:
        pairs = pairs.get_object()
        for index in range(0, len(pairs) - 1, 2):
            name = str(pairs[index])
            if name not in (JSON_NAME, WORKBOOK_NAME, EVIDENCE_NAME):
                continue
            if name in found:
                raise ValueError(f"tệp đính kèm {name} có hai lần")
            spec = pairs[index + 1].get_object()
            stream = spec["/EF"].get_object()["/F"].get_object()
            found[name] = _bounded_data(stream, name)
    kids = node.get("/Kids")
    if kids is not None:
        for kid in kids.get_object():
            _walk(kid.get_object(), found, depth + 1, visits)


def _bounded_data(stream: Any, name: str) -> bytes:
    """The file's bytes, decompressed no further than MAX_EMBEDDED.

    pyhanko would decode up to 256 MB before refusing; a few kB of zeros deflate to that.
    What we embed is deflated (or stored) and nothing else, so any other filter is not ours.
    """
    encoded = stream.encoded_data
    if len(encoded) > MAX_EMBEDDED:
        raise ValueError(f"tệp đính kèm {name} quá lớn")
    filters = stream.get("/Filter")
    if filters is None:
        return bytes(encoded)
    filters = filters.get_object()
    names = [str(f) for f in filters] if isinstance(filters, list) else [str(filters)]
    if names != ["/FlateDecode"] or stream.get("/DecodeParms") is not None:
        raise ValueError(f"tệp đính kèm {name} được nén theo cách chương trình không dùng")
    inflater = zlib.decompressobj()
    data = inflater.decompress(encoded, MAX_EMBEDDED + 1)
    if len(data) > MAX_EMBEDDED or inflater.unconsumed_tail:
        raise ValueError(f"tệp đính kèm {name} quá lớn")
    return data
