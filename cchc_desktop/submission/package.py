"""The submission package: PDF (signed or not), workbook and manifest, as a folder and as a zip.

Named by unit, period and revision ('BC-CCHC_xa-my-an_2026-Q1_r0') so that a corrected
report sent again never overwrites the first sending at the superior unit. The revision
is the report's own (`Report.revision`), chosen by submission/revisions.py from the
packages made before; the manifest records it, which revision it replaces and the hash
of the report's data.

Everything is built in a hidden folder beside the target and renamed into place, and the
zip goes through a temporary file: a full USB stick or a crash never leaves half a package.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.documents import export_file_name
from cchc_desktop.documents.pdf_report import SignaturePlace, write_pdf
from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.documents.workbook import write_workbook
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.evidence_items import EvidenceItem
from cchc_desktop.domain.report import Report, ReportStatus
from cchc_desktop.exchange.fingerprint import data_sha256
from cchc_desktop.exchange.json_format import dumps
from cchc_desktop.fileio import atomic_path, atomic_write_bytes, describe_os_error
from cchc_desktop.i18n import _
from cchc_desktop.submission.embedded import embed_report_data
from cchc_desktop.submission.evidence_files import (
    MAX_PACKAGE_EVIDENCE,
    MAX_PACKAGE_EVIDENCE_BYTES,
    ROLE_EVIDENCE,
    EvidenceEntry,
    entries_json,
    evidence_entries,
)
from cchc_desktop.submission.manifest import MANIFEST_NAME, FileEntry, Manifest, file_entry
from cchc_desktop.submission.signing import SigningKey, sign_pdf_bytes

ROLE_PDF = "report-pdf"
ROLE_WORKBOOK = "workbook"


@dataclass(frozen=True)
class SubmissionPackage:
    folder: Path
    zip_path: Path
    manifest: Manifest
    pdf: Path
    workbook: Path
    pages: int

    @property
    def signed(self) -> bool:
        return self.manifest.signed


def package_name(report: Report) -> str:
    """'BC-CCHC_xa-my-an_2026-Q1_r0': the folder, the zip and the files inside share it."""
    return f"{export_file_name(report, '')}_r{report.revision}"


def build_package(context: ReportContext, out_dir: Path, *, key: SigningKey | None = None,
                  now: dt.datetime | None = None,
                  trends: TrendSource | None = None) -> SubmissionPackage:
    """Write `out_dir/<name>/` (PDF, workbook, manifest.json) and `out_dir/<name>.zip`.

    With `key`, the PDF carries a visible digital signature in its signature block; a draft
    is not signed, since a signed "DỰ THẢO" would be a signed document nobody meant to issue.
    An existing package of the same revision is replaced. `trends` appends the trends annex
    to the PDF (pdf_report.render_pdf) before it is signed, as "Kèm phụ lục xu hướng" exports it.
    """
    report = context.report
    if key is not None and report.status is ReportStatus.DRAFT:
        raise KnownError(_("Báo cáo đang là dự thảo; hãy chuyển sang trạng thái hoàn thành trước "
                           "khi ký số."))
    created = (now or dt.datetime.now()).astimezone()
    out_dir = Path(out_dir)
    name = package_name(report)
    folder = out_dir / name
    with staged(out_dir, name) as staging:
        evidence = evidence_entries(context.evidence)
        check_evidence(context.evidence, evidence)
        for entry, item in zip(evidence, context.evidence, strict=True):
            atomic_write_bytes(staging / entry.name, item.content)
        workbook = staging / f"{name}.xlsx"
        write_workbook(context, workbook)
        pdf = staging / f"{name}.pdf"
        place = SignaturePlace()
        pages = write_pdf(context, pdf, signature_place=place, trends=trends)
        # The data goes inside the PDF before it is signed, so the signature covers the figures.
        carrying = embed_report_data(pdf.read_bytes(),
                                     dumps(report, context.template).encode("utf-8"),
                                     workbook.read_bytes(),
                                     entries_json(evidence) if evidence else None)
        if key is not None:
            carrying = sign_pdf_bytes(carrying, key, place, reason=_("Ký ban hành báo cáo"),
                                      location=report.document.place, now=created)
        atomic_write_bytes(pdf, carrying)
        manifest = Manifest(
            unit_code=report.unit.code, unit_name=report.unit.name, period_key=report.period.key,
            period_label=report.period.label, revision=report.revision,
            template=context.template.ref, app_version=__version__, created_at=created,
            signed=key is not None,
            files=(file_entry(pdf, ROLE_PDF), file_entry(workbook, ROLE_WORKBOOK),
                   *(FileEntry(e.name, e.size, e.sha256, ROLE_EVIDENCE) for e in evidence)),
            data_sha256=data_sha256(report, context.template), evidence=evidence)
        atomic_write_bytes(staging / MANIFEST_NAME, manifest.to_bytes())
    zip_path = out_dir / f"{name}.zip"
    write_zip(folder, [entry.name for entry in manifest.files] + [MANIFEST_NAME], zip_path,
              created)
    return SubmissionPackage(folder, zip_path, manifest, folder / pdf.name,
                             folder / workbook.name, pages)


@contextlib.contextmanager
def staged(out_dir: Path, name: str) -> Iterator[Path]:
    """A new hidden folder beside where the package `name` will be, to build it in: on leaving
    the block it is moved into place whole (move_into_place); on any failure it is removed and
    the package as it was stays. A file system error is the clerk's sentence."""
    folder = out_dir / name
    if folder.exists() and not folder.is_dir():
        raise KnownError(_("Đã có một tệp tên {name} trong thư mục đích; hãy đổi tên hoặc xóa tệp "
                           "đó.").format(name=name))
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir))
        staging.chmod(0o755)   # mkdtemp's folder is private; the package is meant to be shared
    except OSError as exc:
        raise KnownError(describe_os_error(folder, exc)) from exc
    try:
        yield staging
        move_into_place(staging, folder)
    except OSError as exc:
        raise KnownError(describe_os_error(folder, exc)) from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def check_evidence(items: tuple[EvidenceItem, ...], evidence: tuple[EvidenceEntry, ...]) -> None:
    """A package the superior unit's reader would refuse is not made."""
    for item in items:
        if item.problem:
            raise KnownError(item.problem)
    if len(evidence) > MAX_PACKAGE_EVIDENCE:
        raise KnownError(_("Báo cáo có {count} tài liệu kiểm chứng; một gói mang được tối đa {limit} "
                           "tệp.").format(count=len(evidence), limit=MAX_PACKAGE_EVIDENCE))
    if sum(e.size for e in evidence) > MAX_PACKAGE_EVIDENCE_BYTES:
        raise KnownError(_("Tài liệu kiểm chứng của báo cáo vượt quá {size} MB, quá lớn cho một "
                           "gói.").format(size=MAX_PACKAGE_EVIDENCE_BYTES // (1024 * 1024)))


def move_into_place(staging: Path, folder: Path) -> None:
    """Rename the finished folder over the old one; the old one goes only once the new one is in."""
    old = None
    if folder.exists():
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(folder, old)
    try:
        os.replace(staging, folder)
    except OSError:
        if old is not None:
            os.replace(old, folder)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_zip(folder: Path, names: list[str], zip_path: Path, created: dt.datetime) -> None:
    """The package as one file, flat (no folder inside): what the email carries."""
    stamp = created.timetuple()[:6]
    # atomic_path turns an OSError (full disk, stick pulled out) into the clerk's message.
    with atomic_path(zip_path) as temp, zipfile.ZipFile(temp, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(folder / name, "rb") as source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, 1 << 20)
