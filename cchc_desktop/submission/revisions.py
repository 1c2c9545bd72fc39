"""Packaging a report of the data file: which revision it is and what changed since the last one.

The window's package dialog and `cchc-desktop package --db` both go through here, so a
package whose content differs from an earlier one never carries the same revision
number, and the number is kept in the data file with a snapshot of what was packed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from cchc_desktop.documents.trends_pdf import TrendSource
from cchc_desktop.domain.context import ReportContext
from cchc_desktop.domain.report_diff import diff_reports
from cchc_desktop.exchange.fingerprint import data_sha256
from cchc_desktop.exchange.json_format import dumps, loads
from cchc_desktop.storage.repository import PackageRecord, ReportStore
from cchc_desktop.submission.package import package_name
from cchc_desktop.submission.signing import SigningKey
from cchc_desktop.submission.submit import Submission, submit


@dataclass(frozen=True)
class PackagePlan:
    """What packaging the report now would make."""

    context: ReportContext          # the report with the revision it will carry
    data_sha256: str
    previous: PackageRecord | None  # the last package made of it, if any
    changes: tuple[str, ...]        # since `previous`: one sentence per change

    @property
    def revision(self) -> int:
        return self.context.report.revision

    @property
    def unchanged(self) -> bool:
        return self.previous is not None and self.previous.revision == self.revision


def plan_package(store: ReportStore, report_id: int) -> PackagePlan:
    context = store.context(report_id)
    digest = data_sha256(context.report, context.template)
    plan = store.plan_revision(report_id, digest)
    report = replace(context.report, revision=plan.revision)
    changes: tuple[str, ...] = ()
    if plan.previous is not None and not plan.unchanged:
        earlier, _template = loads(plan.previous.snapshot, registry=store.registry)
        changes = tuple(diff_reports(context.template, earlier, report))
    return PackagePlan(replace(context, report=report), digest, plan.previous, changes)


def package_from_store(store: ReportStore, report_id: int, out_dir: Path, *,
                       key: SigningKey | None = None, to: str = "",
                       now: dt.datetime | None = None,
                       plan: PackagePlan | None = None,
                       trends: TrendSource | None = None) -> tuple[Submission, PackagePlan]:
    """Write the package of the revision `plan` (made now if not given) and record it;
    `trends` appends the trends annex to its PDF (build_package)."""
    plan = plan or plan_package(store, report_id)
    result = submit(plan.context, out_dir, key=key, to=to, now=now, trends=trends)
    report = plan.context.report
    store.record_package(report_id, plan.revision, plan.data_sha256,
                         dumps(report, plan.context.template), package_name(report))
    return result, plan
