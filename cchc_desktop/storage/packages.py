"""Packages made of a report to be sent, and the revision each carries: a package whose content
differs from an earlier one never carries the same revision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.i18n import _
from cchc_desktop.storage.changes import history_user, log_change
from cchc_desktop.storage.models import PackageRow, ReportRow
from cchc_desktop.storage.reports import ReportsPart


@dataclass(frozen=True)
class PackageRecord:
    """A package made of a report: its revision, the hash of its data and that data (JSON)."""

    revision: int
    data_sha256: str
    snapshot: str
    name: str
    user: str
    created_at: dt.datetime


@dataclass(frozen=True)
class RevisionPlan:
    """The revision the next package of a report carries, and the package before it."""

    revision: int
    previous: PackageRecord | None

    @property
    def unchanged(self) -> bool:
        """The content is the one of the last package: the same revision is made again."""
        return self.previous is not None and self.previous.revision == self.revision


class PackagesPart(ReportsPart):
    def packages(self, report_id: int) -> list[PackageRecord]:
        """The packages made of a report, oldest first."""
        with self.database.session() as session:
            rows = session.scalars(select(PackageRow).where(PackageRow.report_id == report_id)
                                   .order_by(PackageRow.revision))
            return [PackageRecord(r.revision, r.data_sha256, r.snapshot, r.name, r.user,
                                  r.created_at) for r in rows]

    def plan_revision(self, report_id: int, data_sha256: str) -> RevisionPlan:
        """The revision of a package with this data: the last one's if the data is the same,
        else one more than any revision made so far (never a number already used)."""
        report = self.load_report(report_id)
        made = self.packages(report_id)
        if not made:
            return RevisionPlan(report.revision, None)
        last = made[-1]
        if last.data_sha256 == data_sha256:
            return RevisionPlan(last.revision, last)
        return RevisionPlan(max(report.revision, last.revision) + 1, last)

    def record_package(self, report_id: int, revision: int, data_sha256: str, snapshot: str,
                       name: str) -> None:
        """Keep a package made: its revision becomes the report's. The content is not changed,
        so a final or submitted report takes it too."""
        with self.database.session() as session:
            row = session.get(ReportRow, report_id)
            if row is None:
                raise ReportError(_("Không tìm thấy báo cáo số {id}.").format(id=report_id))
            existing = session.scalars(select(PackageRow).where(
                PackageRow.report_id == report_id, PackageRow.revision == revision)).first()
            if existing is not None:
                if existing.data_sha256 != data_sha256:
                    raise ReportError(_("Lần gửi {revision} đã được đóng gói với nội dung khác; "
                                        "không dùng lại số lần gửi này.").format(revision=revision))
                return
            session.add(PackageRow(report_id=report_id, revision=revision,
                                   data_sha256=data_sha256, snapshot=snapshot, name=name,
                                   user=history_user(session)))
            old = row.revision
            row.revision = revision
            log_change(session, report_id, "package", "revision", str(old), str(revision), name)
