"""One periodic report as the app holds it in memory: identity, figures, texts and lists.

Only entered figures are stored; derived figures are computed from the template
(see figures.py). A code missing from `values` means "not entered", never zero.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal

from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.rich_text import RichText
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import N_, Language, spoken_language

_STATUS_LABELS = {"draft": N_("Dự thảo"), "final": N_("Hoàn thành"), "submitted": N_("Đã gửi")}
_TASK_LABELS = {"done": N_("Đã hoàn thành"), "in_progress": N_("Đang thực hiện"),
                "not_started": N_("Chưa thực hiện")}
_SUBMISSION_LABELS = {"on_time": N_("Đúng hạn"), "late": N_("Trễ hạn"),
                      "missing": N_("Không báo cáo")}
# The symbol of a report document ("Số: 05/BC-UBND") when the unit has set none.
DEFAULT_DOC_SYMBOL = "BC-UBND"


class ReportStatus(enum.StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return self.label_in(spoken_language())

    def label_in(self, language: Language) -> str:
        return language.gettext(_STATUS_LABELS[self.value])


class TaskStatus(enum.StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"

    @property
    def label(self) -> str:
        return self.label_in(spoken_language())

    def label_in(self, language: Language) -> str:
        return language.gettext(_TASK_LABELS[self.value])


class TaskOrigin(enum.StrEnum):
    PLAN = "plan"          # from the annual plan
    PREVIOUS = "previous"  # from last report's "Phương hướng"
    NEW = "new"


class SubmissionStatus(enum.StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"

    @property
    def label(self) -> str:
        return self.label_in(spoken_language())

    def label_in(self, language: Language) -> str:
        return language.gettext(_SUBMISSION_LABELS[self.value])


@dataclass
class DocumentInfo:
    """The report's own document number, place, date and subject."""

    number: str = ""
    symbol: str = DEFAULT_DOC_SYMBOL
    place: str = ""
    date: dt.date | None = None
    subject: str = ""


@dataclass
class Signer:
    authority: str = ""   # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"...
    title: str = ""       # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str = ""


@dataclass
class Task:
    text: str
    status: TaskStatus = TaskStatus.NOT_STARTED
    origin: TaskOrigin = TaskOrigin.NEW


@dataclass
class Proposal:
    from_unit: str
    to: str
    text: str


@dataclass
class IssuedDocument:
    number: str
    date: dt.date | None
    subject: str
    section: str = ""


@dataclass
class SubunitSubmission:
    code: str
    name: str
    level: str
    received_at: dt.datetime | None
    status: SubmissionStatus


@dataclass(frozen=True)
class UnreadableField:
    """A stored figure, target or revision outside the number domain (written by an older
    version or another tool): kept out of the figures, an error finding until re-entered."""

    kind: str      # 'value', 'target' or 'revision'
    code: str      # the indicator code; '' for the revision
    stored: str    # the stored text, cut to a few dozen characters
    reason: str


@dataclass
class Report:
    template_ref: str
    unit: Unit
    period: Period
    revision: int = 0
    status: ReportStatus = ReportStatus.DRAFT
    precision: int = 2
    document: DocumentInfo = field(default_factory=DocumentInfo)
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    values: dict[str, Decimal] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    # A section's formatted narrative (bold, lists, tables, footnotes) when it has one; its
    # plain text is then texts[section] (set both through set_narrative).
    rich: dict[str, RichText] = field(default_factory=dict)
    extra_figures: list[ExtraFigure] = field(default_factory=list)
    targets: dict[str, Decimal] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    documents: list[IssuedDocument] = field(default_factory=list)
    subunits: list[SubunitSubmission] = field(default_factory=list)
    unreadable: list[UnreadableField] = field(default_factory=list)

    def narrative(self, section_id: str) -> RichText:
        """The section's narrative as a structure (a plain text read as paragraphs and lists)."""
        rich = self.rich.get(section_id)
        if rich is not None:
            return rich
        return RichText.from_plain(self.texts.get(section_id, ""))

    def set_narrative(self, section_id: str, narrative: RichText | str) -> None:
        """The one way to change a section's narrative: the plain text and the structure
        agree, and a narrative the plain text says in full has no structure at all."""
        if isinstance(narrative, str):
            text, rich = narrative, None
        else:
            text = narrative.plain_text()
            rich = None if narrative.is_plain() else narrative
        if text.strip() or rich is not None:
            self.texts[section_id] = text
        else:
            self.texts.pop(section_id, None)
        if rich is None:
            self.rich.pop(section_id, None)
        else:
            self.rich[section_id] = rich
