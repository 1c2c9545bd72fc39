"""The superior unit's side: is this package whole, signed, and which report of which unit is it?

A package arrives by email from a commune; before its figures go into a consolidation,
the clerk sees what it is (unit, period, revision) and whether every file matches the
manifest and the PDF's signature holds. A zip is hostile until proven otherwise: member
names that climb out of the folder, absurd sizes and zip bombs are refused before anything
is extracted, and nothing is ever written outside a temporary folder.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.failures import os_reason
from cchc_desktop.i18n import _
from cchc_desktop.reading import (
    MAX_PACKAGE_BYTES,
    PACKAGE_ZIP,
    ZipLimits,
    check_zip_directory,
    open_input,
    read_input_bytes,
)
from cchc_desktop.submission.manifest import MANIFEST_NAME, Manifest, parse_manifest
from cchc_desktop.submission.signature_check import SignatureCheck, SignatureState, check_pdf_signature

# The caps live in cchc_desktop.reading; the names stay for the tests that lower them.
MAX_FILES = PACKAGE_ZIP.max_members
MAX_FILE_SIZE = PACKAGE_ZIP.max_member      # a report PDF with annexes is a few MB
MAX_TOTAL_SIZE = PACKAGE_ZIP.max_total
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")


@dataclass(frozen=True)
class PackageCheck:
    source: Path
    manifest: Manifest
    signature: SignatureCheck
    report: Report | None = None
    template: Template | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whole and consistent; an unsigned PDF is not a problem in itself (see `signature`)."""
        return not self.problems

    @property
    def lines(self) -> list[str]:
        """The preview shown before importing, one fact a line."""
        m = self.manifest
        revision = (_("Lần gửi: {revision} (lần đầu)").format(revision=m.revision)
                    if m.replaces_revision is None else
                    _("Lần gửi: {revision} (thay thế lần gửi {previous})").format(
                        revision=m.revision, previous=m.replaces_revision))
        lines = [_("Đơn vị: {name} ({code})").format(name=m.unit_name, code=m.unit_code),
                 _("Kỳ báo cáo: {period}").format(
                     period=self.report.period.label if self.report else m.period_label or m.period_key),
                 revision,
                 _("Tạo lúc {time} bằng CCHC Desktop {version}, mẫu {template}").format(
                     time=m.created_at.strftime("%H:%M %d/%m/%Y"), version=m.app_version,
                     template=m.template),
                 self.signature.summary]
        if self.problems:
            lines += [_("LỖI: {problem}").format(problem=p) for p in self.problems]
        else:
            lines.append(_("Các tệp khớp với mã SHA-256 trong manifest ({n} tệp).").format(
                n=len(m.files)))
        return lines


def _refuse(source: Path, reason: str) -> KnownError:
    return KnownError(_("Không mở gói {name}: {reason}").format(name=source.name, reason=reason))


def _check_name(source: Path, name: str) -> None:
    if not _SAFE_NAME.fullmatch(name) or name in (".", ".."):
        raise _refuse(source, _("tệp bên trong có tên hoặc đường dẫn không an toàn ({member}).").format(
            member=name))


def _read_limited(handle: Any, source: Path, name: str) -> bytes:
    data: bytes = handle.read(MAX_FILE_SIZE + 1)
    if len(data) > MAX_FILE_SIZE:
        raise _refuse(source, _("tệp {member} quá lớn.").format(member=name))
    return data


def _read_zip(source: Path) -> dict[str, bytes]:
    content = open_input(source, MAX_PACKAGE_BYTES)    # a regular file, read once
    try:
        with zipfile.ZipFile(content) as archive:
            members = archive.infolist()
            if len(members) > MAX_FILES:
                raise _refuse(source, _("có quá nhiều tệp bên trong ({n}).").format(n=len(members)))
            # Names first, all of them: nothing is read from a zip that has one bad name.
            for info in members:
                _check_name(source, info.filename)
            # Then the sizes its directory claims, before anything is decompressed.
            check_zip_directory(archive, source.name, ZipLimits(
                MAX_FILES, MAX_TOTAL_SIZE, MAX_FILE_SIZE, PACKAGE_ZIP.max_ratio))
            files: dict[str, bytes] = {}
            total = 0
            for info in members:
                if info.filename in files:
                    raise _refuse(source, _("tệp {member} có hai lần.").format(member=info.filename))
                if info.flag_bits & 0x1:
                    raise _refuse(source, _("tệp {member} bị đặt mật khẩu.").format(
                        member=info.filename))
                with archive.open(info) as handle:
                    data = _read_limited(handle, source, info.filename)
                total += len(data)
                if total > MAX_TOTAL_SIZE:   # the sizes in the header may lie
                    raise _refuse(source, _("dung lượng giải nén quá lớn."))
                files[info.filename] = data
            return files
    except KnownError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError,
            NotImplementedError, zlib.error) as exc:
        raise _refuse(source, _("không phải tệp .zip hợp lệ (tệp bị hỏng, hoặc chép hay tải về "
                                "chưa xong).")) from exc
    except OSError as exc:
        raise _refuse(source, os_reason(exc) + ".") from exc


def _read_folder(source: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        entries = sorted(source.iterdir())
        if len(entries) > MAX_FILES:
            raise _refuse(source, _("có quá nhiều tệp bên trong ({n}).").format(n=len(entries)))
        for entry in entries:
            _check_name(source, entry.name)
            if entry.is_symlink() or not entry.is_file():
                raise _refuse(source, _("{member} không phải là tệp thường.").format(member=entry.name))
            try:
                files[entry.name] = read_input_bytes(entry, MAX_FILE_SIZE)
            except KnownError as exc:
                raise _refuse(source, exc.message) from exc
    except OSError as exc:
        raise _refuse(source, os_reason(exc) + ".") from exc
    return files


def read_package(source: Path) -> dict[str, bytes]:
    """The files of a package (zip or folder), by name, after the safety checks."""
    source = Path(source)
    if source.is_dir():
        return _read_folder(source)
    return _read_zip(source)    # refuses a pipe, a device, a link to one


def verify_package(source: Path, *, trust_roots: Sequence[Any] = (),
                   registry: TemplateRegistry | None = None) -> PackageCheck:
    """Check a package: sums, file list, signature, workbook, and that they tell the same story.

    Raises KnownError when the package cannot be opened at all (not a zip, unsafe names,
    no manifest); anything wrong inside is listed in `PackageCheck.problems`.
    """
    import hashlib

    source = Path(source)
    files = read_package(source)
    if MANIFEST_NAME not in files:
        raise _refuse(source, _("thiếu tệp {manifest}.").format(manifest=MANIFEST_NAME))
    manifest = parse_manifest(files[MANIFEST_NAME])
    problems: list[str] = []
    listed = {entry.name for entry in manifest.files}
    whole: set[str] = set()
    for entry in manifest.files:
        _check_name(source, entry.name)
        data = files.get(entry.name)
        if data is None:
            problems.append(_("thiếu tệp {name}.").format(name=entry.name))
        elif len(data) != entry.size or hashlib.sha256(data).hexdigest() != entry.sha256:
            problems.append(_("tệp {name} không khớp mã SHA-256 trong manifest (hỏng khi gửi, hoặc "
                              "đã bị sửa).").format(name=entry.name))
        else:
            whole.add(entry.name)
    for name in sorted(set(files) - listed - {MANIFEST_NAME}):
        problems.append(_("tệp {name} không có trong manifest.").format(name=name))

    pdf_name = _file_with(manifest, "report-pdf", ".pdf")
    if pdf_name and pdf_name in files:
        signature = check_pdf_signature(files[pdf_name], trust_roots)
    else:
        signature = SignatureCheck(SignatureState.UNSIGNED)
        if not pdf_name:
            problems.append(_("gói không có báo cáo PDF."))
    if signature.state is SignatureState.INVALID:
        problems.append(signature.summary)
    elif signature.state is SignatureState.UNSIGNED and manifest.signed:
        problems.append(_("manifest ghi báo cáo đã ký số nhưng tệp PDF không có chữ ký."))

    report = template = None
    workbook_name = _file_with(manifest, "workbook", ".xlsx")
    if not workbook_name:
        problems.append(_("gói không có biểu số liệu Excel."))
    elif workbook_name in whole:   # a damaged workbook is already a problem; never parse it
        report, template, problem = _read_workbook(files[workbook_name], workbook_name, registry)
        if problem:
            problems.append(problem)
    if report is not None:
        problems += _mismatches(manifest, report)
    return PackageCheck(source, manifest, signature, report, template, problems)


def _file_with(manifest: Manifest, role: str, suffix: str) -> str | None:
    for entry in manifest.files:
        if entry.role == role:
            return entry.name
    for entry in manifest.files:
        if entry.name.lower().endswith(suffix):
            return entry.name
    return None


def _read_workbook(data: bytes, name: str, registry: TemplateRegistry | None,
                   ) -> tuple[Report | None, Template | None, str | None]:
    from cchc_desktop.exchange.workbook import read_workbook

    with tempfile.TemporaryDirectory(prefix="cchc-goi-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            report, template = read_workbook(path, registry)
        except ReportError as exc:
            return None, None, exc.message
        except Exception as exc:  # a hostile file may break the reader in ways it did not foresee
            return None, None, _("không đọc được biểu số liệu {name} ({detail}).").format(
                name=name, detail=exc)
    return report, template, None


def _mismatches(manifest: Manifest, report: Report) -> list[str]:
    problems = []
    if report.unit.code != manifest.unit_code:
        problems.append(_("biểu số liệu là của đơn vị {workbook}, manifest ghi {manifest}.").format(
            workbook=report.unit.code, manifest=manifest.unit_code))
    if report.period.key != manifest.period_key:
        problems.append(_("biểu số liệu là kỳ {workbook}, manifest ghi kỳ {manifest}.").format(
            workbook=report.period.key, manifest=manifest.period_key))
    if report.revision != manifest.revision:
        problems.append(_("biểu số liệu là lần gửi {workbook}, manifest ghi lần gửi {manifest}.").format(
            workbook=report.revision, manifest=manifest.revision))
    return problems
