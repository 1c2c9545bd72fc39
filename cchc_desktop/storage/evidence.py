"""Evidence documents in the data file: attached once, used for several items, checked on read.

The rules live here, below any window: the file is read within bounds and recognised by its
content (domain/evidence.py); the same file is one document (UNIQUE on unit and SHA-256, not a
look-up a second process could race); the whole data file's evidence is capped; a file whose
bytes no longer match their hash is refused when read, never exported or packaged.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.evidence import (
    MAX_FILE_BYTES,
    MAX_TEXT,
    MAX_TOTAL_BYTES,
    EvidenceDocument,
    EvidenceLink,
    EvidenceMeta,
    FileKind,
    TargetKind,
    file_kind,
    link_problem,
    meta_problem,
)
from cchc_desktop.i18n import _
from cchc_desktop.reading import WORKBOOK_ZIP, InputFileError, check_zip_directory, read_input_bytes
from cchc_desktop.storage.changes import history_user
from cchc_desktop.storage.models import EvidenceDocumentRow, EvidenceLinkRow
from cchc_desktop.storage.units import StorePart


class EvidenceError(KnownError):
    """An evidence file refused or found changed; the message says which and why."""


@dataclass(frozen=True)
class AttachedEvidence:
    document: EvidenceDocument
    link: EvidenceLink


def _document(row: EvidenceDocumentRow) -> EvidenceDocument:
    meta = EvidenceMeta(row.title, row.number, row.issued_on, row.issuer)
    return EvidenceDocument(row.id, meta, row.file_name, FileKind(row.kind), row.size, row.sha256)


def _checked_kind(name: str, content: bytes) -> FileKind:
    kind = file_kind(content[:16])
    if kind is None:
        raise EvidenceError(_("Tệp {name} không phải là PDF, Word (.docx, .doc) hay ảnh (PNG, JPEG): "
                              "không đính kèm.").format(name=name))
    if kind is FileKind.DOCX:
        # A zip is a Word file only if it holds a document; its directory is checked within
        # the bounds every zip from outside gets before anything looks inside.
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                check_zip_directory(archive, name, WORKBOOK_ZIP)
                if "word/document.xml" not in archive.namelist():
                    raise EvidenceError(_("Tệp {name} là tệp nén, không phải văn bản Word: không "
                                          "đính kèm.").format(name=name))
        except zipfile.BadZipFile as exc:
            raise EvidenceError(_("Tệp {name} bị hỏng: không đính kèm.").format(name=name)) from exc
    return kind


def _read_evidence_file(path: Path) -> tuple[str, bytes, FileKind]:
    """The file's name as kept, its bytes (read within the size bound) and its kind, or the
    EvidenceError saying why it is refused."""
    name = path.name[:MAX_TEXT["file_name"]]
    try:
        content = read_input_bytes(path, MAX_FILE_BYTES)
    except InputFileError as exc:
        raise EvidenceError(exc.message) from exc
    return name, content, _checked_kind(name, content)


class EvidencePart(StorePart):
    def check_evidence_file(self, path: Path) -> None:
        """Refuse (EvidenceError) a file add_evidence would refuse, before the clerk describes
        it; nothing is stored."""
        _read_evidence_file(Path(path))

    def add_evidence_for(self, unit_code: str, meta: EvidenceMeta, path: Path,
                         context: str, kind: TargetKind, key: str) -> EvidenceDocument:
        """The file at `path` as evidence of one item: the document and its link are written
        in one transaction, so a refused link leaves no document behind."""
        if problem := link_problem(EvidenceLink(0, context, kind, key)):
            raise ReportError(problem)
        with self.database.together():
            document = self.add_evidence(unit_code, meta, path)
            self.attach_evidence(unit_code, EvidenceLink(document.id, context, kind, key))
        return document

    def add_evidence(self, unit_code: str, meta: EvidenceMeta, path: Path) -> EvidenceDocument:
        """The file at `path` as an evidence document of the unit; the document already
        there when the same file was attached before (its description is kept)."""
        if problem := meta_problem(meta):
            raise ReportError(problem)
        name, content, kind = _read_evidence_file(Path(path))
        sha = hashlib.sha256(content).hexdigest()
        with self.database.session() as session:
            found = session.scalars(select(EvidenceDocumentRow).where(
                EvidenceDocumentRow.unit_code == unit_code,
                EvidenceDocumentRow.sha256 == sha)).first()
            if found is not None:
                return _document(found)
            used = session.scalar(select(func.coalesce(func.sum(EvidenceDocumentRow.size), 0)))
            if int(used or 0) + len(content) > MAX_TOTAL_BYTES:
                raise EvidenceError(_("Tệp dữ liệu đã giữ 1 GB tài liệu kiểm chứng: không đính kèm "
                                      "thêm. Hãy bỏ các tài liệu không còn dùng."))
            row = EvidenceDocumentRow(
                unit_code=unit_code, title=meta.title.strip(), number=meta.number.strip(),
                issued_on=meta.issued_on, issuer=meta.issuer.strip(), file_name=name,
                kind=kind.value, size=len(content), sha256=sha, content=content,
                user=history_user(session))
            session.add(row)
            try:
                session.flush()
            except IntegrityError:
                # Another process attached the same file a moment ago: that one is the document.
                session.rollback()
                return self._by_hash(unit_code, sha)
            return _document(row)

    def _by_hash(self, unit_code: str, sha: str) -> EvidenceDocument:
        with self.database.session() as session:
            row = session.scalars(select(EvidenceDocumentRow).where(
                EvidenceDocumentRow.unit_code == unit_code,
                EvidenceDocumentRow.sha256 == sha)).one()
            return _document(row)

    def attach_evidence(self, unit_code: str, link: EvidenceLink) -> None:
        """Attach a document of the unit to an item; attaching it twice changes nothing."""
        if problem := link_problem(link):
            raise ReportError(problem)
        with self.database.session() as session:
            document = session.get(EvidenceDocumentRow, link.document_id)
            if document is None or document.unit_code != unit_code:
                raise ReportError(_("Không có tài liệu kiểm chứng này trong tệp dữ liệu."))
            exists = session.scalars(select(EvidenceLinkRow.id).where(
                EvidenceLinkRow.document_id == link.document_id,
                EvidenceLinkRow.context == link.context, EvidenceLinkRow.kind == link.kind.value,
                EvidenceLinkRow.key == link.key)).first()
            if exists is None:
                session.add(EvidenceLinkRow(document_id=link.document_id, unit_code=unit_code,
                                            context=link.context, kind=link.kind.value,
                                            key=link.key, user=history_user(session)))

    def detach_evidence(self, link: EvidenceLink) -> None:
        with self.database.session() as session:
            session.execute(delete(EvidenceLinkRow).where(
                EvidenceLinkRow.document_id == link.document_id,
                EvidenceLinkRow.context == link.context, EvidenceLinkRow.kind == link.kind.value,
                EvidenceLinkRow.key == link.key))

    def remove_evidence(self, document_id: int) -> None:
        """Remove a document no item uses any more; refused while one still does."""
        with self.database.session() as session:
            used = session.scalar(select(func.count()).select_from(EvidenceLinkRow).where(
                EvidenceLinkRow.document_id == document_id))
            if used:
                raise ReportError(_("Tài liệu còn gắn với {count} mục: hãy gỡ ở các mục đó "
                                    "trước.").format(count=used))
            session.execute(delete(EvidenceDocumentRow).where(EvidenceDocumentRow.id == document_id))

    def evidence_documents(self, unit_code: str) -> list[EvidenceDocument]:
        with self.database.session() as session:
            rows = session.scalars(select(EvidenceDocumentRow).where(
                EvidenceDocumentRow.unit_code == unit_code).order_by(
                EvidenceDocumentRow.issued_on, EvidenceDocumentRow.id))
            return [_document(row) for row in rows]

    def evidence_of(self, unit_code: str, context: str, kind: TargetKind | None = None,
                    key: str | None = None) -> list[AttachedEvidence]:
        """What is attached in a context (to one item when `kind` and `key` are given), in the
        order it was attached."""
        query = select(EvidenceLinkRow, EvidenceDocumentRow).join(
            EvidenceDocumentRow, EvidenceDocumentRow.id == EvidenceLinkRow.document_id).where(
            EvidenceLinkRow.unit_code == unit_code, EvidenceLinkRow.context == context)
        if kind is not None:
            query = query.where(EvidenceLinkRow.kind == kind.value)
        if key is not None:
            query = query.where(EvidenceLinkRow.key == key)
        with self.database.session() as session:
            return [AttachedEvidence(_document(document),
                                     EvidenceLink(link.document_id, link.context,
                                                  TargetKind(link.kind), link.key))
                    for link, document in session.execute(query.order_by(EvidenceLinkRow.id))]

    def evidence_content(self, document_id: int) -> bytes:
        """The document's file, refused if its bytes no longer match the hash taken on attach."""
        with self.database.session() as session:
            row = session.get(EvidenceDocumentRow, document_id)
            if row is None:
                raise ReportError(_("Không có tài liệu kiểm chứng này trong tệp dữ liệu."))
            content = bytes(row.content)
            if hashlib.sha256(content).hexdigest() != row.sha256 or len(content) != row.size:
                raise EvidenceError(_("Tệp {name} trong tệp dữ liệu đã bị thay đổi ngoài ứng dụng "
                                      "(mã băm không khớp): không dùng được. Hãy đính kèm lại "
                                      "tệp gốc.").format(name=row.file_name))
            return content
