"""The evidence documents in a submission package: their safe names, and the list of them the
manifest carries and the signed PDF embeds.

Each file goes into the package flat, beside the PDF ('kiem-chung-01-ke-hoach-20.pdf'): an
ASCII name the package reader accepts, numbered in the order of the PDF's annex. The list
(name, SHA-256, size, kind, how the document is cited, what it proves) is written twice:
in manifest.json, which the superior unit checks the files against, and inside the PDF
before it is signed (embedded.py), so that the signature covers the hashes and a manifest
rewritten to match a swapped file is caught.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cchc_desktop.domain.evidence import (
    KEY,
    MAX_FILE_BYTES,
    MAX_TEXT,
    EvidenceMeta,
    FileKind,
    TargetKind,
)
from cchc_desktop.domain.evidence_items import EvidenceItem
from cchc_desktop.domain.unit_names import slug

ROLE_EVIDENCE = "evidence"
PREFIX = "kiem-chung-"
# What one package may carry: the PDF, the workbook and the manifest fit beside it within
# the package reader's caps (reading.PACKAGE_ZIP).
MAX_PACKAGE_EVIDENCE = 100
MAX_PACKAGE_EVIDENCE_BYTES = 250 * 1024 * 1024
_EXTENSIONS = {FileKind.PDF: "pdf", FileKind.DOCX: "docx", FileKind.DOC: "doc",
               FileKind.PNG: "png", FileKind.JPEG: "jpg"}


class EvidenceListError(ValueError):
    """The evidence list of a manifest or a PDF is not what this app writes."""


@dataclass(frozen=True)
class EvidenceEntry:
    name: str                     # in the package
    size: int
    sha256: str
    kind: FileKind
    meta: EvidenceMeta
    file_name: str                # as the unit attached it
    targets: tuple[tuple[TargetKind, str], ...]

    def as_json(self) -> dict[str, Any]:
        meta = self.meta
        return {"name": self.name, "size": self.size, "sha256": self.sha256,
                "kind": self.kind.value, "title": meta.title, "number": meta.number,
                "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
                "issuer": meta.issuer, "file_name": self.file_name,
                "targets": [{"kind": kind.value, "key": key} for kind, key in self.targets]}


def package_name(index: int, item: EvidenceItem) -> str:
    stem = item.document.file_name.rsplit(".", 1)[0]
    words = slug(stem, 60) or slug(item.document.meta.title, 60) or "tai-lieu"
    return f"{PREFIX}{index:02d}-{words}.{_EXTENSIONS[item.document.kind]}"


def evidence_entries(items: tuple[EvidenceItem, ...]) -> tuple[EvidenceEntry, ...]:
    """The entries of the report's evidence, from the files themselves (hash taken again)."""
    entries = []
    for index, item in enumerate(items, start=1):
        content = item.content
        entries.append(EvidenceEntry(
            package_name(index, item), len(content), hashlib.sha256(content).hexdigest(),
            item.document.kind, item.document.meta, item.document.file_name,
            tuple((t.kind, t.key) for t in item.targets)))
    return tuple(entries)


def entries_json(entries: tuple[EvidenceEntry, ...]) -> bytes:
    """The list as the PDF embeds it."""
    return json.dumps([e.as_json() for e in entries], ensure_ascii=False, indent=1).encode("utf-8")


def _text(raw: dict[str, Any], name: str, limit: int) -> str:
    value = raw.get(name, "")
    if not isinstance(value, str) or len(value) > limit:
        raise EvidenceListError(f"{name}")
    return value


def parse_entry(raw: Any) -> EvidenceEntry:
    """One entry, refused unless every field has the type and bounds this app writes."""
    if not isinstance(raw, dict):
        raise EvidenceListError("entry")
    name, size, sha = raw.get("name"), raw.get("size"), raw.get("sha256")
    if not (isinstance(name, str) and name.startswith(PREFIX) and "/" not in name
            and "\\" not in name and len(name) <= 150):
        raise EvidenceListError("name")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= MAX_FILE_BYTES:
        raise EvidenceListError("size")
    if not (isinstance(sha, str) and len(sha) == 64 and all(c in "0123456789abcdef" for c in sha)):
        raise EvidenceListError("sha256")
    try:
        kind = FileKind(str(raw.get("kind")))
        issued = raw.get("issued_on")
        issued_on = dt.date.fromisoformat(issued) if issued is not None else None
    except (ValueError, TypeError) as exc:
        raise EvidenceListError("kind/issued_on") from exc
    meta = EvidenceMeta(_text(raw, "title", MAX_TEXT["title"]),
                        _text(raw, "number", MAX_TEXT["number"]), issued_on,
                        _text(raw, "issuer", MAX_TEXT["issuer"]))
    targets = raw.get("targets", [])
    if not isinstance(targets, list) or len(targets) > 1000:
        raise EvidenceListError("targets")
    parsed = []
    for target in targets:
        try:
            key = target["key"]
            target_kind = TargetKind(target["kind"])
        except (KeyError, TypeError, ValueError) as exc:
            raise EvidenceListError("targets") from exc
        if not isinstance(key, str) or not KEY.match(key):
            raise EvidenceListError("targets")
        parsed.append((target_kind, key))
    return EvidenceEntry(name, size, sha, kind, meta,
                         _text(raw, "file_name", MAX_TEXT["file_name"]), tuple(parsed))


def parse_entries(raw: Any) -> tuple[EvidenceEntry, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_PACKAGE_EVIDENCE:
        raise EvidenceListError("evidence")
    entries = tuple(parse_entry(item) for item in raw)
    if len({e.name for e in entries}) != len(entries):
        raise EvidenceListError("name")
    return entries
