"""The superior unit's side: is this package whole, signed, and which report of which unit is it?

A package arrives by email from a commune; before its figures go into a consolidation,
the clerk sees what it is (unit, period, revision) and whether every file matches the
manifest and the PDF's signature holds. A zip is hostile until proven otherwise: member
names that climb out of the folder, absurd sizes and zip bombs are refused before anything
is extracted, and nothing is ever written outside a temporary folder.

The figures are proven by the signed PDF: it carries the report's exchange JSON and
workbook (submission/embedded.py), and the workbook, the manifest and that data must
tell the same story (data hash, unit, period, revision). Four outcomes (`Outcome`):
valid and trusted (exit 0), unsigned (exit 0: allowed, said so), intact but the signer
not trusted (exit 1), invalid (exit 2: refused); what they mean and how a check is shown
is package_check.py's part.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cchc_desktop.domain.errors import KnownError, ReportError
from cchc_desktop.domain.evidence import file_kind
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.domain.trust_policy import TrustPolicy
from cchc_desktop.exchange import strict_json
from cchc_desktop.exchange.fingerprint import data_sha256
from cchc_desktop.exchange.json_format import loads
from cchc_desktop.exchange.workbook import read_workbook
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
from cchc_desktop.submission.embedded import EmbeddedData, read_embedded
from cchc_desktop.submission.evidence_files import ROLE_EVIDENCE, parse_entries
from cchc_desktop.submission.manifest import MANIFEST_NAME, Manifest, parse_manifest
from cchc_desktop.submission.package_check import Outcome, PackageCheck
from cchc_desktop.submission.signature_check import SignatureCheck, SignatureState, check_pdf_signature

# The caps live in cchc_desktop.reading; the names stay for the tests that lower them.
MAX_FILES = PACKAGE_ZIP.max_members
MAX_FILE_SIZE = PACKAGE_ZIP.max_member      # a report PDF with annexes is a few MB
MAX_TOTAL_SIZE = PACKAGE_ZIP.max_total
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,150}")

# The names this module always offered, wherever they live now.
__all__ = ["MAX_FILES", "MAX_FILE_SIZE", "MAX_TOTAL_SIZE", "Outcome", "PackageCheck", "read_package",
           "verify_package"]


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


def _read_zip(source: Path, data: bytes | None = None) -> dict[str, bytes]:
    # A regular file, read once; or the bytes the caller already read (and hashed).
    content = open_input(source, MAX_PACKAGE_BYTES) if data is None else io.BytesIO(data)
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


def read_package(source: Path, content: bytes | None = None) -> dict[str, bytes]:
    """The files of a package (zip or folder), by name, after the safety checks. `content`: the
    zip's bytes as the caller read them, so that the package checked is the one it hashed."""
    source = Path(source)
    if content is not None:
        return _read_zip(source, content)
    if source.is_dir():
        return _read_folder(source)
    return _read_zip(source)    # refuses a pipe, a device, a link to one


def verify_package(source: Path, *, trust: TrustPolicy | None = None, trust_roots: Sequence[Any] = (),
                   registry: TemplateRegistry | None = None,
                   content: bytes | None = None) -> PackageCheck:
    """Check a package: sums, file list, signature, the data the signature covers, and that they agree.

    `trust`: the anchors, CRLs and pinned certificates of the superior unit (`trust_roots`
    are extra anchors, kept for older callers). Raises KnownError when the package cannot
    be opened at all (not a zip, unsafe names, no manifest); anything wrong inside is
    listed in `PackageCheck.problems`, and `outcome` says what it all amounts to.
    """
    source = Path(source)
    files = read_package(source, content)
    if MANIFEST_NAME not in files:
        raise _refuse(source, _("thiếu tệp {manifest}.").format(manifest=MANIFEST_NAME))
    manifest = parse_manifest(files[MANIFEST_NAME])
    problems: list[str] = []
    notes: list[str] = []
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
    problems += _evidence_problems(manifest, files, whole)

    pdf_name = _file_with(manifest, "report-pdf", ".pdf")
    if pdf_name and pdf_name in files:
        signature = check_pdf_signature(files[pdf_name], trust_roots, policy=trust,
                                        unit_code=manifest.unit_code)
    else:
        signature = SignatureCheck(SignatureState.UNSIGNED)
        if not pdf_name:
            problems.append(_("gói không có báo cáo PDF."))
    if signature.state is SignatureState.INVALID:
        problems.append(signature.summary)
    elif signature.state is SignatureState.UNSIGNED and manifest.signed:
        problems.append(_("manifest ghi báo cáo đã ký số nhưng tệp PDF không có chữ ký (chữ ký đã bị "
                          "gỡ?)."))
    elif signature.state is SignatureState.VALID and not manifest.signed:
        problems.append(_("tệp PDF có chữ ký số nhưng manifest ghi báo cáo không ký số."))

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

    signed_report = None
    if pdf_name and pdf_name in whole:
        pdf = files[pdf_name]
        # Only what the signature covers counts: the signed revision, not what was appended.
        covered = pdf[:signature.covered_bytes] if signature.valid and signature.covered_bytes else pdf
        signed_report, signed_template, found = _signed_data(covered, signature, registry, problems,
                                                             notes)
        if signed_report is not None and signed_template is not None and found is not None:
            problems += _against_signed(manifest, (signed_report, signed_template), report, template,
                                        files.get(workbook_name or ""), found)
    cautions = []
    if (signature.state is SignatureState.UNSIGNED and trust is not None
            and manifest.unit_code in trust.pinned):
        # A unit whose certificate is on file signs its reports: an unsigned one may be stripped.
        cautions.append(_("đơn vị {unit} đã có chứng thư được ghim nhưng gói này không ký số.").format(
            unit=manifest.unit_code))
    return PackageCheck(source, manifest, signature, report, template, problems, signed_report, notes,
                        cautions)


def _signed_data(pdf: bytes, signature: SignatureCheck, registry: TemplateRegistry | None,
                 problems: list[str], notes: list[str],
                 ) -> tuple[Report | None, Template | None, EmbeddedData | None]:
    """The report inside the PDF; a signed PDF without one proves no figures."""
    try:
        found = read_embedded(pdf)
    except ValueError as exc:
        problems.append(_("không đọc được số liệu đính kèm trong tệp PDF ({detail}).").format(detail=exc))
        return None, None, None
    if found.json_bytes is None:
        if signature.state is SignatureState.VALID:
            problems.append(_("tệp PDF đã ký không mang số liệu báo cáo, nên chữ ký không chứng minh "
                              "được số liệu trong biểu Excel."))
        elif signature.state is SignatureState.UNSIGNED:
            notes.append(_("tệp PDF không mang số liệu báo cáo (gói của phiên bản cũ)."))
        return None, None, None
    try:
        text = found.json_bytes.decode("utf-8")
        report, signed_template = loads(text, _("số liệu trong tệp PDF"), registry)
    except ReportError as exc:
        problems.append(exc.message)
        return None, None, None
    except Exception as exc:  # undecodable bytes, or a reader broken by a hostile file
        problems.append(_("không đọc được số liệu đính kèm trong tệp PDF ({detail}).").format(detail=exc))
        return None, None, None
    return report, signed_template, found


def _against_signed(manifest: Manifest, signed_pair: tuple[Report, Template], report: Report | None,
                    template: Template | None, workbook: bytes | None, found: EmbeddedData) -> list[str]:
    """Manifest and workbook against the data inside the PDF: the same figures, unit, period, revision."""
    problems = []
    signed, signed_template = signed_pair
    signed_hash = data_sha256(signed, signed_template)
    if manifest.data_sha256 and manifest.data_sha256 != signed_hash:
        problems.append(_("mã số liệu (data_sha256) trong manifest khác số liệu trong tệp PDF."))
    elif not manifest.data_sha256:
        problems.append(_("manifest không ghi mã số liệu (data_sha256)."))
    if report is not None and template is not None and data_sha256(report, template) != signed_hash:
        problems.append(_("số liệu trong biểu Excel khác số liệu trong tệp PDF (biểu Excel đã bị thay?)."))
    if found.workbook_bytes is not None and workbook is not None and found.workbook_bytes != workbook:
        problems.append(_("tệp Excel của gói khác tệp Excel đính kèm trong tệp PDF."))
    problems += _evidence_against_signed(manifest, found)
    if signed.unit.code != manifest.unit_code or signed.unit.name != manifest.unit_name:
        problems.append(_("tệp PDF là báo cáo của {pdf} ({pdf_code}), manifest ghi {manifest} "
                          "({manifest_code}).").format(pdf=signed.unit.name, pdf_code=signed.unit.code,
                                                       manifest=manifest.unit_name,
                                                       manifest_code=manifest.unit_code))
    if signed.period.key != manifest.period_key:
        problems.append(_("tệp PDF là báo cáo kỳ {pdf}, manifest ghi kỳ {manifest}.").format(
            pdf=signed.period.key, manifest=manifest.period_key))
    if signed.revision != manifest.revision:
        problems.append(_("tệp PDF là lần gửi {pdf}, manifest ghi lần gửi {manifest}.").format(
            pdf=signed.revision, manifest=manifest.revision))
    return problems


def _evidence_problems(manifest: Manifest, files: dict[str, bytes], whole: set[str]) -> list[str]:
    """Each evidence document is a file of the package, of the kind and size it claims."""
    problems = []
    listed = {entry.name: entry for entry in manifest.files if entry.role == ROLE_EVIDENCE}
    for entry in manifest.evidence:
        file = listed.pop(entry.name, None)
        if file is None or file.size != entry.size or file.sha256 != entry.sha256:
            problems.append(_("tài liệu kiểm chứng {name} không khớp với danh sách tệp của "
                              "manifest.").format(name=entry.name))
        elif entry.name in whole and file_kind(files[entry.name][:16]) is not entry.kind:
            problems.append(_("tài liệu kiểm chứng {name} không phải loại tệp ghi trong manifest "
                              "({kind}).").format(name=entry.name, kind=entry.kind.value))
    for name in sorted(listed):
        problems.append(_("tệp {name} không có trong danh mục tài liệu kiểm chứng của "
                          "manifest.").format(name=name))
    return problems


def _evidence_against_signed(manifest: Manifest, found: EmbeddedData) -> list[str]:
    """The evidence list of the manifest is the one the PDF carries: the signature covers the
    hashes, so a file swapped with its manifest entry rewritten to match is caught."""
    if found.evidence_bytes is None:
        if manifest.evidence:
            return [_("tệp PDF không mang danh mục tài liệu kiểm chứng, nên chữ ký không bao gồm "
                      "các tệp kiểm chứng của gói.")]
        return []
    try:
        signed = parse_entries(strict_json.loads(found.evidence_bytes.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError, strict_json.StrictJSONError) as exc:
        return [_("không đọc được danh mục tài liệu kiểm chứng trong tệp PDF ({detail}).").format(
            detail=exc)]
    if signed != manifest.evidence:
        return [_("danh mục tài liệu kiểm chứng (tên, mã SHA-256, kích thước) trong manifest khác "
                  "danh mục trong tệp PDF (tệp kiểm chứng đã bị thay?).")]
    return []


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
