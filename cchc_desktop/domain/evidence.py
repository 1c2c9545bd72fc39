"""Evidence documents (tài liệu kiểm chứng): what a figure, a task or a PAR-index criterion
rests on.

Each year a unit scores itself on the PAR index and must attach, for each criterion, the
documents that prove it (a plan, a decision, a report, a photograph of a notice board), or
say why there is none; the province's appraisal team then checks them. A document is
described as official documents are cited (number and symbol, date, issuing body, title)
and carries its file, identified by its SHA-256: the same file attached twice is one
document, usable for several items.

Only the kinds of file an appraisal team opens are taken (PDF, Word, images), recognised by
their first bytes, not their name: a file from outside names itself what it likes.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from cchc_desktop.i18n import _

MAX_FILE_BYTES = 20 * 1024 * 1024          # one scanned decision of many pages fits
MAX_TOTAL_BYTES = 1024 * 1024 * 1024       # the whole data file's evidence
MAX_TEXT = {"number": 60, "issuer": 300, "title": 1000, "file_name": 255}
KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,119}$")


class TargetKind(enum.StrEnum):
    """What a document is evidence for."""

    INDICATOR = "indicator"     # a report's figure, by indicator code
    TASK = "task"               # a task of the report's checklist, by its position key
    CRITERION = "criterion"     # a PAR-index criterion, by its code


class FileKind(enum.StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"
    PNG = "png"
    JPEG = "jpeg"


MEDIA_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.DOC: "application/msword",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
}


def file_kind(head: bytes) -> FileKind | None:
    """The kind of a file from its first bytes; None for any other kind."""
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):      # OLE2: Word 97-2003
        return FileKind.DOC
    if head.startswith(b"PK\x03\x04"):
        return FileKind.DOCX      # a zip; storage checks it holds word/document.xml
    return None


@dataclass(frozen=True)
class EvidenceMeta:
    """How the document is cited: "Kế hoạch số 20/KH-UBND ngày 06/01/2026 của UBND xã"."""

    title: str
    number: str = ""
    issued_on: dt.date | None = None
    issuer: str = ""


@dataclass(frozen=True)
class EvidenceDocument:
    id: int
    meta: EvidenceMeta
    file_name: str
    kind: FileKind
    size: int
    sha256: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


@dataclass(frozen=True)
class EvidenceLink:
    """A document attached to one item of one context: a report ("report:2026-Q1") or a
    self-assessment ("par:<criteria set>:<year>")."""

    document_id: int
    context: str
    kind: TargetKind
    key: str


def meta_problem(meta: EvidenceMeta, today: dt.date | None = None) -> str | None:
    """Why the description cannot be stored, or None."""
    if not meta.title.strip():
        return _("Chưa có trích yếu (tên) của tài liệu.")
    for name, value in (("title", meta.title), ("number", meta.number), ("issuer", meta.issuer)):
        if len(value) > MAX_TEXT[name]:
            return _("Nội dung quá dài: tối đa {count} ký tự.").format(count=MAX_TEXT[name])
        if any(ord(c) < 32 and c not in "\t\n" for c in value):
            return _("Có ký tự điều khiển không in được.")
    if meta.issued_on is not None and meta.issued_on > (today or dt.date.today()):
        return _("Ngày ban hành sau ngày hôm nay.")
    return None


def link_problem(link: EvidenceLink) -> str | None:
    if not KEY.match(link.key) or not KEY.match(link.context):
        return _("Mã của mục gắn tài liệu không hợp lệ.")
    return None


def citation(meta: EvidenceMeta) -> str:
    """The document in one line: "20/KH-UBND ngày 06/01/2026 (UBND xã Mỹ An): Kế hoạch..."."""
    head = meta.number.strip()
    if meta.issued_on is not None:
        head = (head + " " if head else "") + _("ngày {date}").format(
            date=meta.issued_on.strftime("%d/%m/%Y"))
    if meta.issuer.strip():
        head = (head + " " if head else "") + f"({meta.issuer.strip()})"
    return f"{head}: {meta.title.strip()}" if head else meta.title.strip()
