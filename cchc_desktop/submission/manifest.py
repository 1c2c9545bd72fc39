"""The manifest.json of a submission package: what is in it, for whom, and the SHA-256 of each file.

The superior unit checks the files against it before importing, so a truncated download
or a file swapped after packing is caught before it reaches the consolidation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.exchange import strict_json
from cchc_desktop.i18n import _
from cchc_desktop.submission.evidence_files import EvidenceEntry, EvidenceListError, parse_entries

FORMAT = "cchc-submission"
# 2: with the evidence documents (submission/evidence_files.py). A package without evidence is
# still written as version 1, so that an older app at the superior unit reads it; both read.
FORMAT_VERSION = 1
EVIDENCE_VERSION = 2
READ_VERSIONS = (FORMAT_VERSION, EVIDENCE_VERSION)
MANIFEST_NAME = "manifest.json"


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str
    role: str = ""     # "report-pdf" | "workbook" | "evidence"

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Manifest:
    unit_code: str
    unit_name: str
    period_key: str
    period_label: str
    revision: int
    template: str
    app_version: str
    created_at: dt.datetime
    signed: bool = False
    files: tuple[FileEntry, ...] = field(default_factory=tuple)
    data_sha256: str = ""    # exchange/fingerprint.py: the report's data, whatever file carries it
    evidence: tuple[EvidenceEntry, ...] = ()   # the evidence files, also listed in `files`

    @property
    def replaces_revision(self) -> int | None:
        """A correction replaces the revision before it; the first sending replaces nothing."""
        return self.revision - 1 if self.revision > 0 else None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "format_version": EVIDENCE_VERSION if self.evidence else FORMAT_VERSION,
            "unit": {"code": self.unit_code, "name": self.unit_name},
            "period": {"key": self.period_key, "label": self.period_label},
            "revision": self.revision,
            "replaces_revision": self.replaces_revision,
            "data_sha256": self.data_sha256,
            "template": self.template,
            "app_version": self.app_version,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "signed": self.signed,
            "files": [entry.as_json() for entry in self.files],
        }
        if self.evidence:
            data["evidence"] = [entry.as_json() for entry in self.evidence]
        return data

    def to_bytes(self) -> bytes:
        return (json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_entry(path: Path, role: str = "") -> FileEntry:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(path.name, size, digest.hexdigest(), role)


def bytes_entry(name: str, data: bytes, role: str = "") -> FileEntry:
    return FileEntry(name, len(data), hashlib.sha256(data).hexdigest(), role)


def parse_manifest(data: bytes) -> Manifest:
    """Read a manifest, refusing anything that is not exactly what this app writes."""
    def bad(detail: str) -> KnownError:
        return KnownError(_("Tệp manifest.json của gói không hợp lệ: {detail}.").format(detail=detail))

    try:
        # Strict: no NaN, no giant numbers, no repeated or look-alike keys and names.
        raw = strict_json.loads(data.decode("utf-8"))
    except RecursionError as exc:   # valid JSON, maybe, but no manifest is nested like that
        raise bad(_("lồng quá sâu")) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise bad(_("không phải JSON UTF-8")) from exc
    except strict_json.StrictJSONError as exc:
        raise bad("; ".join(exc.problems)) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise bad(_("không phải manifest của gói báo cáo CCHC"))
    if raw.get("format_version") not in READ_VERSIONS:
        raise bad(_("phiên bản định dạng {version} chưa được hỗ trợ").format(
            version=raw.get("format_version")))
    try:
        unit, period = raw["unit"], raw["period"]
        revision = raw["revision"]
        if not isinstance(revision, int) or isinstance(revision, bool) or revision < 0:
            raise bad(_("lần gửi phải là số nguyên không âm"))
        files = []
        for item in raw["files"]:
            name, size, sha = item["name"], item["size"], item["sha256"]
            if not (isinstance(name, str) and isinstance(size, int) and isinstance(sha, str)
                    and len(sha) == 64):
                raise bad(_("mục tệp {item} sai kiểu").format(item=name))
            files.append(FileEntry(name, size, sha.lower(), str(item.get("role", ""))))
        created = dt.datetime.fromisoformat(raw["created_at"])
        data_hash = raw.get("data_sha256", "")
        if not isinstance(data_hash, str) or (data_hash and len(data_hash) != 64):
            raise bad(_("mã băm dữ liệu sai kiểu"))
        try:
            evidence = (parse_entries(raw.get("evidence", []))
                        if raw["format_version"] == EVIDENCE_VERSION else ())
        except EvidenceListError as exc:
            raise bad(_("danh mục tài liệu kiểm chứng sai ở trường {field}").format(
                field=exc)) from exc
        return Manifest(str(unit["code"]), str(unit["name"]), str(period["key"]),
                        str(period.get("label", "")), revision, str(raw.get("template", "")),
                        str(raw.get("app_version", "")), created, bool(raw.get("signed", False)),
                        tuple(files), data_hash.lower(), evidence)
    except (KeyError, TypeError, ValueError) as exc:
        raise bad(_("thiếu hoặc sai trường {field}").format(field=exc)) from exc
