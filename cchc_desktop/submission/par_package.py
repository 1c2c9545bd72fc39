"""The self-assessment package ("Đóng gói"): the report's PDF, its workbook, the evidence files
and a manifest with the SHA-256 of each, as a folder and as a zip.

Made with the submission package's own pieces (package.py): the evidence files named and
hashed as there (evidence_files.py), refused when one changed behind the app or they are too
many or too large, built in a hidden folder and renamed into place, and zipped flat through
a temporary file. The manifest lists the files as a report package's does (manifest.py
FileEntry), under a format of its own, "cchc-par-assessment": it is not a report, and a
superior unit's reader must not take it for one.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_desktop import __version__
from cchc_desktop.documents.par_report_pdf import par_report_file_name, write_par_report_pdf
from cchc_desktop.documents.par_report_workbook import write_par_report_workbook
from cchc_desktop.domain.evidence_items import EvidenceItem
from cchc_desktop.domain.par_report import ParReport
from cchc_desktop.fileio import atomic_write_bytes
from cchc_desktop.submission.evidence_files import ROLE_EVIDENCE, evidence_entries
from cchc_desktop.submission.manifest import MANIFEST_NAME, FileEntry, file_entry
from cchc_desktop.submission.package import (
    ROLE_PDF,
    ROLE_WORKBOOK,
    check_evidence,
    staged,
    write_zip,
)

FORMAT = "cchc-par-assessment"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ParPackage:
    folder: Path
    zip_path: Path
    files: tuple[FileEntry, ...]
    pages: int


def par_package_name(document: ParReport) -> str:
    """'BC-TDG-CCHC_xa-my-an_2026': the folder, the zip and the files inside share it."""
    return par_report_file_name(document, "")


def _manifest(document: ParReport, files: tuple[FileEntry, ...], evidence: list[dict[str, Any]],
              created: dt.datetime) -> bytes:
    criteria = document.criteria_set
    data = {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "unit": {"code": document.letterhead.unit.code, "name": document.letterhead.unit.name},
        "criteria_set": {"id": criteria.id, "province": criteria.province,
                         "decision": criteria.decision.number},
        "year": document.year,
        "total": str(document.total), "maximum": str(document.maximum),
        "share": None if document.share is None else str(document.share),
        "app_version": __version__, "created_at": created.isoformat(timespec="seconds"),
        "files": [entry.as_json() for entry in files],
        "evidence": evidence,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def build_par_package(document: ParReport, evidence: tuple[EvidenceItem, ...], out_dir: Path, *,
                      now: dt.datetime | None = None) -> ParPackage:
    """Write `out_dir/<name>/` (PDF, workbook, evidence files, manifest.json) and
    `out_dir/<name>.zip`; an existing package of the same name is replaced."""
    created = (now or dt.datetime.now()).astimezone()
    out_dir = Path(out_dir)
    name = par_package_name(document)
    folder = out_dir / name
    with staged(out_dir, name) as staging:
        entries = evidence_entries(evidence)
        check_evidence(evidence, entries)
        for entry, item in zip(entries, evidence, strict=True):
            atomic_write_bytes(staging / entry.name, item.content)
        pdf, workbook = staging / f"{name}.pdf", staging / f"{name}.xlsx"
        pages = write_par_report_pdf(document, pdf, created=created)
        write_par_report_workbook(document, workbook)
        files = (file_entry(pdf, ROLE_PDF), file_entry(workbook, ROLE_WORKBOOK),
                 *(FileEntry(e.name, e.size, e.sha256, ROLE_EVIDENCE) for e in entries))
        atomic_write_bytes(staging / MANIFEST_NAME,
                           _manifest(document, files, [e.as_json() for e in entries], created))
    zip_path = out_dir / f"{name}.zip"
    write_zip(folder, [entry.name for entry in files] + [MANIFEST_NAME], zip_path, created)
    return ParPackage(folder, zip_path, files, pages)
