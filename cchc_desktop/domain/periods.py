"""Reporting periods: kinds, default cut-off dates and deadlines, and how periods chain.

The rules follow Decree 09/2019/NĐ-CP and guidance 581/BNV-CCHC: Quý I, 6 tháng and Năm
start on 15/12 of the previous year, Quý III covers its quarter alone, and the deadline
defaults to the 20th of the period's last month. Every date stays editable per report.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.i18n import N_, Language, _, spoken_language


class PeriodKind(enum.StrEnum):
    Q1 = "Q1"
    H1 = "H1"
    Q3 = "Q3"
    Y = "Y"
    ADHOC = "ADHOC"

    @property
    def label(self) -> str:
        return self.label_in(spoken_language())

    def label_in(self, language: Language) -> str:
        return language.gettext(_KIND_LABELS[self])


_KIND_LABELS = {
    PeriodKind.Q1: N_("Quý I"),
    PeriodKind.H1: N_("6 tháng"),
    PeriodKind.Q3: N_("Quý III"),
    PeriodKind.Y: N_("Năm"),
    PeriodKind.ADHOC: N_("Đột xuất"),
}

_PHRASES = {
    PeriodKind.Q1: N_("quý I năm {year}"),
    PeriodKind.H1: N_("6 tháng đầu năm {year}"),
    PeriodKind.Q3: N_("quý III năm {year}"),
    PeriodKind.Y: N_("năm {year}"),
}

# The periodic reports of a year, in the order they are written.
REGULAR_KINDS = (PeriodKind.Q1, PeriodKind.H1, PeriodKind.Q3, PeriodKind.Y)

# (start month, start day, start in previous year?), (end month, end day)
_CUT_OFF = {
    PeriodKind.Q1: ((12, 15, True), (3, 14)),
    PeriodKind.H1: ((12, 15, True), (6, 14)),
    PeriodKind.Q3: ((6, 15, False), (9, 14)),
    PeriodKind.Y: ((12, 15, True), (12, 14)),
}
_DEADLINE_DAY = 20


@dataclass(frozen=True)
class Period:
    """One reporting period of a unit: its kind, year, cut-off dates and deadline."""

    year: int
    kind: PeriodKind
    start: dt.date
    end: dt.date
    deadline: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportError(
                _("Kỳ báo cáo không hợp lệ: ngày kết thúc {end} trước ngày bắt đầu {start}.").format(
                    end=self.end.isoformat(), start=self.start.isoformat()
                )
            )

    @classmethod
    def default(cls, year: int, kind: PeriodKind | str) -> Period:
        """The period with the cut-off dates and deadline of the national rules."""
        kind = PeriodKind(kind)
        if kind is PeriodKind.ADHOC:
            raise ReportError(_("Báo cáo đột xuất cần ghi rõ ngày bắt đầu và kết thúc."))
        (start_month, start_day, previous_year), (end_month, end_day) = _CUT_OFF[kind]
        start = dt.date(year - 1 if previous_year else year, start_month, start_day)
        end = dt.date(year, end_month, end_day)
        return cls(year, kind, start, end, dt.date(year, end_month, _DEADLINE_DAY))

    @property
    def key(self) -> str:
        """Short identifier such as '2023-Q3', used on the command line and in file names."""
        return f"{self.year}-{self.kind.value}"

    @property
    def label(self) -> str:
        """'Quý III năm 2023', 'Năm 2023': the period as a heading or a column title."""
        return self.label_in(spoken_language())

    def label_in(self, language: Language) -> str:
        """The label in `language` (a document's, whatever the UI speaks)."""
        if self.kind is PeriodKind.Y:
            return language.gettext("Năm {year}").format(year=self.year)
        return language.gettext("{kind} năm {year}").format(kind=self.kind.label_in(language),
                                                            year=self.year)

    @property
    def phrase(self) -> str:
        """The period inside a sentence: 'quý I năm 2026', '6 tháng đầu năm 2026', 'năm 2026'."""
        if self.kind is PeriodKind.ADHOC:
            return _("từ ngày {start} đến ngày {end}").format(
                start=self.start.strftime("%d/%m/%Y"), end=self.end.strftime("%d/%m/%Y"))
        return _(_PHRASES[self.kind]).format(year=self.year)

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days

    def previous_key(self) -> tuple[int, PeriodKind] | None:
        """The report before this one in Quý I -> 6 tháng -> Quý III -> Năm -> next Quý I.

        Open tasks and the draft text are carried over from it.
        """
        if self.kind is PeriodKind.ADHOC:
            return None
        index = REGULAR_KINDS.index(self.kind)
        if index == 0:
            return self.year - 1, PeriodKind.Y
        return self.year, REGULAR_KINDS[index - 1]

    def opening_key(self) -> tuple[int, PeriodKind] | None:
        """The report whose closing stocks are this report's opening stocks.

        It is the report that ends the day before this one starts: last year's Năm for
        Quý I, 6 tháng and Năm; this year's 6 tháng for Quý III.
        """
        if self.kind is PeriodKind.ADHOC:
            return None
        if self.kind is PeriodKind.Q3:
            return self.year, PeriodKind.H1
        return self.year - 1, PeriodKind.Y

    def same_period_last_year_key(self) -> tuple[int, PeriodKind] | None:
        if self.kind is PeriodKind.ADHOC:
            return None
        return self.year - 1, self.kind


_PERIOD_KEY = re.compile(r"^(\d{4})-(Q1|H1|Q3|Y|6T|Q2|Q4|N)$", re.IGNORECASE)
_ALIASES = {"6T": "H1", "N": "Y"}


def parse_period_key(text: str) -> tuple[int, PeriodKind]:
    """'2023-Q3' -> (2023, Q3). Also accepts 6T for 6 tháng and N for Năm."""
    match = _PERIOD_KEY.match(text.strip())
    if not match or match.group(2).upper() in {"Q2", "Q4"}:
        raise ReportError(
            _("Kỳ '{text}' không hợp lệ: dùng dạng 2023-Q1, 2023-H1, 2023-Q3 hoặc 2023-Y.").format(
                text=text
            )
        )
    kind = match.group(2).upper()
    return int(match.group(1)), PeriodKind(_ALIASES.get(kind, kind))
