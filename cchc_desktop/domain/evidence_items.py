"""A report's evidence as the documents see it: each document once, with what it proves.

The store gathers it (storage/reports.py `context`) and the PDF annex, the submission
package and its manifest read it from the ReportContext: no document code asks the data
file for anything. The file's bytes come along (hash-checked when read from the store),
so the package carries exactly what the annex lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cchc_desktop.domain.evidence import EvidenceDocument, EvidenceLink, TargetKind
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.units import Text


def report_evidence_context(period: Period) -> str:
    """The evidence context of a report: 'report:2026-Q1'."""
    return f"report:{period.key}"


@dataclass(frozen=True)
class EvidenceTarget:
    kind: TargetKind
    key: str          # indicator code, or the task's position (1-based) in the checklist
    label: Text       # the indicator's label, or the task's text


@dataclass(frozen=True)
class EvidenceItem:
    document: EvidenceDocument
    targets: tuple[EvidenceTarget, ...]
    # The file itself; compared and shown by the document's hash, never by its bytes.
    content: bytes = field(default=b"", repr=False, compare=False)
    # Why the file cannot be sent (its bytes changed behind the app), Vietnamese; the annex
    # still lists the document, the package refuses to go without it.
    problem: str = ""


def target_label(kind: TargetKind, key: str, report: Report, template: Template) -> Text:
    """What a link points at, in words; the key itself when the item is gone from the report."""
    if kind is TargetKind.INDICATOR:
        indicator = template.indicators.get(key)
        if indicator is not None:
            return indicator.label
    if kind is TargetKind.TASK and key.isdigit() and 0 < int(key) <= len(report.tasks):
        return Text(report.tasks[int(key) - 1].text.strip())
    return Text(key)


def evidence_items(pairs: Iterable[tuple[EvidenceDocument, EvidenceLink]], report: Report,
                   template: Template, contents: Mapping[int, bytes] | None = None,
                   problems: Mapping[int, str] | None = None) -> tuple[EvidenceItem, ...]:
    """One item per document, in the order first attached, with every item it is attached to."""
    documents: dict[int, EvidenceDocument] = {}
    targets: dict[int, list[EvidenceTarget]] = {}
    for document, link in pairs:
        documents.setdefault(document.id, document)
        found = targets.setdefault(document.id, [])
        target = EvidenceTarget(link.kind, link.key,
                                target_label(link.kind, link.key, report, template))
        if target not in found:
            found.append(target)
    contents, problems = contents or {}, problems or {}
    return tuple(EvidenceItem(documents[i], tuple(targets[i]), contents.get(i, b""),
                              problems.get(i, "")) for i in documents)
