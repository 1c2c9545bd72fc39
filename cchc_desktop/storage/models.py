"""Tables of the data file, one class each. Every change to them ships an Alembic migration.

Over 400 lines on purpose: the module is as long as the schema is, and the schema is kept in
one place, so that one read shows every table, constraint and relationship the migrations
must reproduce, and the relationships name their classes directly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from cchc_desktop.domain.number_domain import number_problem, plain_text, stored_number
from cchc_desktop.domain.report import DEFAULT_DOC_SYMBOL

# Named constraints let Alembic's batch mode (SQLite) alter tables reliably.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as plain decimal text: SQLite's NUMERIC would turn 2987.455 into a float.

    Writing refuses what is outside the number domain (domain/number_domain.py) rather than
    format it (1e999999999 written out is a billion zeros); comparison columns, which hold
    computed sums, may go a little past the 15 digits of an entered figure. Reading never
    raises: a value another tool wrote comes back as is (NaN if it is no number at all) and
    the repository turns it into an error finding.
    """

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        number = Decimal(value)
        if number_problem(number) is None:
            return plain_text(number)
        if number.is_finite() and -40 <= number.adjusted() <= 30:
            return format(number, "f")
        raise ValueError(f"value out of bounds: {str(number)[:40]}")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else stored_number(value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UnitRow(Base):
    """The own unit of this data file, and the subordinate units it consolidates."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint("level <> ''", name="level_not_empty"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(100), default="")
    parent_name: Mapped[str] = mapped_column(String(300), default="")
    is_own: Mapped[bool] = mapped_column(default=False)
    superior_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), default=None)
    active: Mapped[bool] = mapped_column(default=True)
    # Settings of the own unit, used for new reports and the submission email.
    place: Mapped[str] = mapped_column(String(100), default="")
    doc_symbol: Mapped[str] = mapped_column(String(50), default=DEFAULT_DOC_SYMBOL)
    signer_authority: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    superior_email: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # The code made from a typed name before the official list (migration 0004): reports
    # and files that still carry it match this unit. code_status is 'unresolved' when the
    # migration could not tell which official unit the name is, until the clerk picks.
    legacy_code: Mapped[str] = mapped_column(String(100), default="", server_default="")
    code_status: Mapped[str] = mapped_column(String(20), default="", server_default="")

    reports: Mapped[list[ReportRow]] = relationship(back_populates="unit")

    def __repr__(self) -> str:
        return f"UnitRow(id={self.id!r}, code={self.code!r}, level={self.level!r})"


class ReportRow(Base):
    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("unit_id", "year", "kind", "start", name="uq_reports_unit_period"),
        CheckConstraint("kind IN ('Q1','H1','Q3','Y','ADHOC')", name="kind_known"),
        CheckConstraint("status IN ('draft','final','submitted')", name="status_known"),
        CheckConstraint("revision >= 0", name="revision_not_negative"),
        CheckConstraint("precision BETWEEN 0 AND 2", name="precision_range"),
        CheckConstraint('"end" >= start', name="period_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    template_ref: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(5))
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="draft")
    precision: Mapped[int] = mapped_column(default=2)
    doc_number: Mapped[str] = mapped_column(String(20), default="")
    doc_symbol: Mapped[str] = mapped_column(String(50), default=DEFAULT_DOC_SYMBOL)
    doc_place: Mapped[str] = mapped_column(String(100), default="")
    doc_date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    subject: Mapped[str] = mapped_column(Text, default="")
    signer_authority: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    # For a subordinate unit's report: when and from which file it arrived.
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    source_name: Mapped[str] = mapped_column(String(300), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    # For a consolidated report: when its subordinate units were last summed into it (None:
    # never). Its own figures, kept apart from the sums, are in own_values.
    consolidated_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    unit: Mapped[UnitRow] = relationship(back_populates="reports")
    values: Mapped[list[ValueRow]] = relationship(cascade="all, delete-orphan")
    notes: Mapped[list[NoteRow]] = relationship(cascade="all, delete-orphan")
    texts: Mapped[list[TextRow]] = relationship(cascade="all, delete-orphan")
    targets: Mapped[list[TargetRow]] = relationship(cascade="all, delete-orphan")
    tasks: Mapped[list[TaskRow]] = relationship(cascade="all, delete-orphan",
                                                order_by="TaskRow.position")
    proposals: Mapped[list[ProposalRow]] = relationship(cascade="all, delete-orphan",
                                                        order_by="ProposalRow.position")
    documents: Mapped[list[DocumentRow]] = relationship(cascade="all, delete-orphan",
                                                        order_by="DocumentRow.position")
    subunits: Mapped[list[SubunitRow]] = relationship(cascade="all, delete-orphan",
                                                      order_by="SubunitRow.position")
    comparisons: Mapped[list[ComparisonRow]] = relationship(cascade="all, delete-orphan")
    own_values: Mapped[list[OwnValueRow]] = relationship(cascade="all, delete-orphan")
    extra_figures: Mapped[list[ExtraFigureRow]] = relationship(
        cascade="all, delete-orphan", order_by="ExtraFigureRow.position")

    def __repr__(self) -> str:
        return (f"ReportRow(id={self.id!r}, unit_id={self.unit_id!r}, "
                f"period={self.year}-{self.kind}, status={self.status!r})")


class ValueRow(Base):
    """One entered figure. Derived figures are never stored: they are computed on read.

    Migration 0006 adds triggers that refuse a value which is not plain decimal text of the
    number domain (and, on report_targets, above 100, and on reports a revision outside
    0..9999); they are triggers, not CHECKs, for the reasons that migration gives.
    """

    __tablename__ = "report_values"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Decimal] = mapped_column(DecimalText)

    def __repr__(self) -> str:
        return f"ValueRow({self.report_id!r}, {self.code!r}, {self.value!r})"


class NoteRow(Base):
    """A clerk's justification of a figure, printed in the annex beside its warning."""

    __tablename__ = "report_notes"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"NoteRow({self.report_id!r}, {self.code!r})"


class TextRow(Base):
    __tablename__ = "report_texts"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    section_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    # The formatted narrative (domain/rich_text.py's stored form) when the plain text does
    # not say it all; NULL for a plain narrative (and for every text before 0010).
    content: Mapped[Any] = mapped_column(JSON(none_as_null=True), default=None, nullable=True)

    def __repr__(self) -> str:
        return f"TextRow({self.report_id!r}, {self.section_id!r}, {len(self.text)} chars)"


class ExtraFigureRow(Base):
    """A figure the unit added to a section (domain/extra_figures.py): a value or a rate.

    A key is unique within a report, checked before saving (storage/reports.py): not by a
    constraint, which the unit of work would trip over when a save replaces the list."""

    __tablename__ = "report_extra_figures"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    section_id: Mapped[str] = mapped_column(String(60))
    key: Mapped[str] = mapped_column(String(80))
    label: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(60), default="")
    value: Mapped[Decimal | None] = mapped_column(DecimalText, nullable=True, default=None)
    numerator: Mapped[str] = mapped_column(String(80), default="")
    denominator: Mapped[str] = mapped_column(String(80), default="")

    def __repr__(self) -> str:
        return f"ExtraFigureRow({self.report_id!r}, {self.key!r})"


class TargetRow(Base):
    """A target of the annual plan for one rate (percent)."""

    __tablename__ = "report_targets"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Decimal] = mapped_column(DecimalText)

    def __repr__(self) -> str:
        return f"TargetRow({self.report_id!r}, {self.code!r}, {self.value!r})"


class TaskRow(Base):
    __tablename__ = "report_tasks"
    __table_args__ = (
        CheckConstraint("status IN ('done','in_progress','not_started')", name="status_known"),
        CheckConstraint("origin IN ('plan','previous','new')", name="origin_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="not_started")
    origin: Mapped[str] = mapped_column(String(10), default="new")

    def __repr__(self) -> str:
        return f"TaskRow(id={self.id!r}, status={self.status!r})"


class ProposalRow(Base):
    __tablename__ = "report_proposals"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    from_unit: Mapped[str] = mapped_column(String(300), default="")
    to_body: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"ProposalRow(id={self.id!r}, to={self.to_body!r})"


class DocumentRow(Base):
    """A directive document issued in the period (number, date, subject)."""

    __tablename__ = "report_documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    number: Mapped[str] = mapped_column(String(100))
    date: Mapped[dt.date | None] = mapped_column(Date, default=None)
    subject: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[str] = mapped_column(String(60), default="")

    def __repr__(self) -> str:
        return f"DocumentRow(id={self.id!r}, number={self.number!r})"


class SubunitRow(Base):
    """How a subordinate unit's report arrived for this (consolidated) report."""

    __tablename__ = "report_subunits"
    __table_args__ = (
        CheckConstraint("status IN ('on_time','late','missing')", name="status_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300), default="")
    level: Mapped[str] = mapped_column(String(20), default="")
    received_at: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    status: Mapped[str] = mapped_column(String(10))

    def __repr__(self) -> str:
        return f"SubunitRow(id={self.id!r}, code={self.code!r}, status={self.status!r})"


class OwnValueRow(Base):
    """A consolidating unit's own figure, kept apart from the sums of its subordinate units
    so that consolidating again sums again instead of adding the units twice (migration 0008;
    the same triggers as report_values bound it)."""

    __tablename__ = "report_own_values"
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[Decimal] = mapped_column(DecimalText)

    def __repr__(self) -> str:
        return f"OwnValueRow({self.report_id!r}, {self.code!r}, {self.value!r})"


class ComparisonRow(Base):
    """A figure of another report shown beside this one, kept here when that report is not
    in this data file (last period's file came from another PC)."""

    __tablename__ = "report_comparisons"
    __table_args__ = (
        CheckConstraint("kind IN ('previous','last_year')", name="kind_known"),
    )
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"),
                                           primary_key=True)
    # previous | last_year (own_level, a consolidating unit's own figures, until 0008)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    value: Mapped[Decimal] = mapped_column(DecimalText)

    def __repr__(self) -> str:
        return f"ComparisonRow({self.report_id!r}, {self.kind!r}, {self.code!r})"


class PackageRow(Base):
    """One package of a report as it was made to be sent: its revision and its content.

    A package whose content differs from an earlier one never carries the same revision;
    the snapshot (the exchange JSON) lets the next package say what changed since this one.
    """

    __tablename__ = "report_packages"
    __table_args__ = (
        UniqueConstraint("report_id", "revision", name="uq_report_packages_revision"),
        CheckConstraint("revision >= 0 AND revision < 1000000", name="revision_range"),
        CheckConstraint("length(data_sha256) = 64", name="hash_length"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    data_sha256: Mapped[str] = mapped_column(String(64))
    snapshot: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(300), default="")
    user: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"PackageRow(report_id={self.report_id!r}, revision={self.revision!r})"


class OutboxRow(Base):
    """A package of a revision waiting to be mailed, being mailed, or mailed (Báo cáo > Gửi).

    The message is kept whole as it will go out (the bytes the server receives): what was
    queued is what is sent, whatever happens to the package's files on the disk. One row per
    revision of a report, or per part when a package too large for the account's server goes
    as several messages (`part` of `parts`); one Message-ID per row: the same revision is
    never queued twice.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("report_id", "revision", "part", name="uq_outbox_revision_part"),
        UniqueConstraint("message_id", name="uq_outbox_message_id"),
        CheckConstraint("state IN ('waiting','sending','sent','failed')", name="state_known"),
        CheckConstraint("revision >= 0 AND revision < 1000000", name="revision_range"),
        CheckConstraint("part >= 1 AND part <= parts AND parts <= 50", name="part_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    part: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    parts: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    message_id: Mapped[str] = mapped_column(String(200))
    recipients: Mapped[str] = mapped_column(Text)          # To and Cc, comma-separated
    subject: Mapped[str] = mapped_column(Text)
    message: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(10), default="waiting")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    server_reply: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"OutboxRow(report_id={self.report_id!r}, revision={self.revision!r}, {self.state!r})"


class ChangeRow(Base):
    """One change of a value, text or status: who (the OS user), when, old and new."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), index=True, default=None)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")
    entity: Mapped[str] = mapped_column(String(20))   # value, note, text, status, report...
    key: Mapped[str] = mapped_column(String(120), default="")
    old_value: Mapped[str | None] = mapped_column(Text, default=None)
    new_value: Mapped[str | None] = mapped_column(Text, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"ChangeRow(id={self.id!r}, entity={self.entity!r}, key={self.key!r})"


class SettingRow(Base):
    """App settings kept with the data (language, default precision...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")

    def __repr__(self) -> str:
        return f"SettingRow({self.key!r})"


class TrustAnchorRow(Base):
    """A root (or intermediate) certificate the province trusts for signed packages.

    Kept in the data file so the province's decisions travel with its data and its backups.
    """

    __tablename__ = "trust_anchors"
    __table_args__ = (CheckConstraint("length(fingerprint) = 64", name="fingerprint_length"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    subject: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    not_before: Mapped[dt.datetime] = mapped_column(DateTime)
    not_after: Mapped[dt.datetime] = mapped_column(DateTime)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(300), default="")
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"TrustAnchorRow({self.fingerprint[:16]!r})"


class TrustCrlRow(Base):
    """A certificate revocation list imported from a file, checked when a package is verified."""

    __tablename__ = "trust_crls"
    id: Mapped[int] = mapped_column(primary_key=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    issuer: Mapped[str] = mapped_column(Text)
    this_update: Mapped[dt.datetime] = mapped_column(DateTime)
    next_update: Mapped[dt.datetime | None] = mapped_column(DateTime, default=None)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"TrustCrlRow({self.issuer!r}, {self.this_update!r})"


class TrustPinRow(Base):
    """The certificate a unit signs with, pinned by the province on its first valid package."""

    __tablename__ = "trust_pins"
    __table_args__ = (CheckConstraint("length(fingerprint) = 64", name="fingerprint_length"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(100), unique=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(Text, default="")
    pinned_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"TrustPinRow({self.unit_code!r})"


class EvidenceDocumentRow(Base):
    """An evidence document (tài liệu kiểm chứng) of a unit with its file, kept whole.

    One row per file and unit: the same file (by SHA-256) attached to several items is one
    document. The hash is checked again when the file is read, so a row changed behind the
    app is reported, not exported.
    """

    __tablename__ = "evidence_documents"
    __table_args__ = (
        UniqueConstraint("unit_code", "sha256", name="uq_evidence_documents_file"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint("size >= 0 AND size <= 20971520", name="size_range"),
        CheckConstraint("kind IN ('pdf','docx','doc','png','jpeg')", name="kind_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(60), default="")
    issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issuer: Mapped[str] = mapped_column(String(300), default="")
    file_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(10))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"EvidenceDocumentRow({self.unit_code!r}, {self.file_name!r})"


class EvidenceLinkRow(Base):
    """A document attached to an item (indicator, task, criterion) of a context: a report
    ("report:2026-Q1") or a self-assessment ("par:<criteria set>:<year>")."""

    __tablename__ = "evidence_links"
    __table_args__ = (
        UniqueConstraint("document_id", "context", "kind", "key", name="uq_evidence_links_item"),
        CheckConstraint("kind IN ('indicator','task','criterion')", name="kind_known"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_documents.id", ondelete="CASCADE"), index=True)
    unit_code: Mapped[str] = mapped_column(String(100))
    context: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"EvidenceLinkRow({self.context!r}, {self.kind!r}, {self.key!r})"


class ParAnswerRow(Base):
    """The unit's answer to one criterion of a PAR-index self-assessment (a criteria set and
    the year assessed): its choice ('yes', 'no' or a level's code; NULL: not answered, or a
    criterion computed from a report) and the explanation (why no evidence, what was done).
    The self-assessment is the set of these rows of one unit, set and year."""

    __tablename__ = "par_answers"
    __table_args__ = (
        UniqueConstraint("unit_code", "set_id", "year", "criterion", name="uq_par_answers_item"),
        CheckConstraint("year >= 2000 AND year <= 2200", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(100), index=True)
    set_id: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    criterion: Mapped[str] = mapped_column(String(40))
    choice: Mapped[str | None] = mapped_column(String(40), nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"ParAnswerRow({self.set_id!r}, {self.year!r}, {self.criterion!r}, {self.choice!r})"


class ParReportTextRow(Base):
    """The clerk's own paragraphs of a PAR-index self-assessment report (one unit, criteria
    set and year): "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị". A table of their own, not
    the settings: they are the unit's data, per self-assessment, with who wrote them last."""

    __tablename__ = "par_report_texts"
    __table_args__ = (
        UniqueConstraint("unit_code", "set_id", "year", name="uq_par_report_texts_item"),
        CheckConstraint("year >= 2000 AND year <= 2200", name="year_range"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_code: Mapped[str] = mapped_column(String(100), index=True)
    set_id: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    difficulties: Mapped[str] = mapped_column(Text, default="")
    proposals: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")

    def __repr__(self) -> str:
        return f"ParReportTextRow({self.unit_code!r}, {self.set_id!r}, {self.year!r})"
