"""Reading a report file of any supported kind (.json exchange file or .xlsx workbook)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template, TemplateRegistry
from cchc_desktop.i18n import _
from cchc_desktop.reading import MAX_PACKAGE_BYTES, read_input_bytes


def read_report_file(path: Path, registry: TemplateRegistry | None = None, *,
                     content: bytes | None = None) -> tuple[Report, Template]:
    """The report of a .json or .xlsx file (`content`: its bytes, already read with
    cchc_desktop.reading; each reader still applies its own cap)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        # a worker loads only the reader its file needs (jsonschema, or the XML parsers)
        from cchc_desktop.exchange.json_format import read_report

        return read_report(path, registry, content=content)
    if suffix in (".xlsx", ".xlsm"):
        # a worker loads only the reader its file needs (jsonschema, or the XML parsers)
        from cchc_desktop.exchange.workbook import read_workbook

        return read_workbook(path, registry, content=content)
    raise ReportError(_("Tệp {name}: chỉ đọc được tệp báo cáo .json hoặc .xlsx.").format(
        name=path.name))


@dataclass(frozen=True)
class FileRead:
    """One unit's file as a worker process read it (cchc_desktop.isolation): picklable."""

    report: Report
    sha256: str
    modified: float                                  # the file's time, when the report has no date
    differences: tuple[Any, ...] = ()                # visible sheets vs hidden data (workbooks)
    signature: tuple[str, ...] = ()                  # a package's outcome, warnings, evidence list
    signer_der: bytes = b""                          # an intact signature's certificate, to pin
    error_count: int | None = None                   # its error findings (None: count them)


@dataclass(frozen=True)
class ReadContext:
    """What a worker needs to read the units' files: the templates, and the province's trust
    store as plain bytes (certificates do not travel between processes as objects)."""

    registry: TemplateRegistry | None = None
    anchors_der: tuple[bytes, ...] = ()
    crls_der: tuple[bytes, ...] = ()
    pinned: tuple[tuple[str, str], ...] = ()

    def policy(self) -> Any:
        # cryptography only in a worker that checks a package's signature
        from cryptography import x509

        from cchc_desktop.domain.trust_policy import TrustPolicy

        return TrustPolicy(tuple(x509.load_der_x509_certificate(d) for d in self.anchors_der),
                           tuple(x509.load_der_x509_crl(d) for d in self.crls_der),
                           dict(self.pinned))


PACKAGE_SUFFIX = ".zip"


def read_for_consolidation(context: ReadContext | TemplateRegistry | None, path: Path) -> FileRead:
    """A report file, or a package zip (checked whole first), read for a consolidation.

    Runs in a worker process: everything it needs comes in its arguments, and what it
    returns is plain data (the template is looked up again by the caller).
    """
    if not isinstance(context, ReadContext):
        context = ReadContext(context)
    registry = context.registry
    path = Path(path)
    # Read once, a regular file within the caps (or a clear refusal): hashed, then parsed
    # from these bytes, so the file checked is the file read.
    content = read_input_bytes(path, MAX_PACKAGE_BYTES)
    digest = hashlib.sha256(content).hexdigest()
    if path.suffix.lower() == PACKAGE_SUFFIX:
        # pyhanko (~0.5 s) only in a worker that checks a package
        from cchc_desktop.submission.verify import Outcome, verify_package

        # Checked against the province's trust store: invalid is refused; untrusted or
        # unsigned comes in with its statement, for the clerk to see before summing.
        check = verify_package(path, trust=context.policy(), registry=registry,
                               content=content)
        if check.outcome is Outcome.INVALID or check.report is None:
            raise ReportError(_("Gói {name}: {problems}").format(
                name=path.name, problems="; ".join(check.problems) or _("không có biểu số liệu.")))
        report = check.report
        # The evidence files came checked against the manifest and the signed PDF's list;
        # the clerk sees which documents the unit sent with its report before it is summed.
        return FileRead(report, digest, path.stat().st_mtime,
                        signature=(check.outcome.statement, *check.warnings,
                                   *check.evidence_lines),
                        signer_der=check.signature.certificate_der)
    report, template, differences = read_with_differences(path, registry, content=content)
    return FileRead(report, digest, path.stat().st_mtime, tuple(differences),
                    error_count=_error_count(report, template))


def _error_count(report: Report, template: Template) -> int:
    """The report's error findings, counted in the worker (the main process has 2,000 files
    to check against the data file)."""
    return sum(1 for f in build_context(report, template).findings if f.severity.value == "error")


def read_with_differences(path: Path, registry: TemplateRegistry | None = None, *,
                          content: bytes | None = None) -> tuple[Report, Template, list[Any]]:
    """The report (from the hidden data for a workbook) and where the visible sheets differ.

    The differences (exchange.workbook.VisibleDifference) are for the clerk to decide:
    the caller shows both values and takes the visible ones only when told to
    (exchange.workbook.take_visible). A .json file has none. A workbook is opened once
    for both.
    """
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        report, template = read_report_file(path, registry, content=content)
        return report, template, []
    # the workbook reader only for a workbook
    from cchc_desktop.exchange.workbook import read_workbook_and_differences

    report, template, differences = read_workbook_and_differences(Path(path), registry,
                                                                  content=content)
    return report, template, list(differences)
