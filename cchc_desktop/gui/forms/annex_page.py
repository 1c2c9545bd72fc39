"""The annexes as they will be printed: figures, justifications, subordinate units, lists.

Read-only views of the report; everything here is edited in its section.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from cchc_desktop.domain.annex_kinds import AnnexViews, annex_kind, figure_warnings
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.template import Annex
from cchc_desktop.gui.forms.comparison import compared_value
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# Column headings, rows of (text, right-aligned) cells, and the column that takes the spare width.
TableData = tuple[list[str], list[list[tuple[str, bool]]], int]


def roman(number: int) -> str:
    table = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in table:
        while number >= value:
            out += letters
            number -= value
    return out


class AnnexPage(SectionPage):
    def __init__(self, annex: Annex, index: int, session: ReportSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"annex:{annex.id}", parent)
        self.annex = annex
        self.session = session
        self.add_heading(_("Phụ lục {number}. {title}").format(number=roman(index), title=annex.title))
        self.table = QTableWidget(self.body)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Rows follow their wrapped text whatever the width of the window.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAlternatingRowColors(True)
        self.add(self.table)
        session.context_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible() and self.table.rowCount():
            self._stale = True
            return
        self._stale = False
        views: AnnexViews[TableData] = self
        headers, rows, stretch = annex_kind(self.annex.kind).show(views)
        self.table.clearSpans()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, (text, right) in enumerate(row):
                item = QTableWidgetItem(text)
                if right:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(r, c, item)
        horizontal = self.table.horizontalHeader()
        for c in range(len(headers)):
            horizontal.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch if c == stretch
                                            else QHeaderView.ResizeMode.ResizeToContents)
        if not rows:
            self.table.setRowCount(1)
            self.table.setSpan(0, 0, 1, max(1, len(headers)))
            self.table.setItem(0, 0, QTableWidgetItem(_("(Chưa có nội dung)")))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.refresh()

    # ------------------------------------------------------------------ the annexes (AnnexViews)
    def figures(self) -> TableData:
        session = self.session
        context, precision = session.context, session.report.precision
        headers = [_("STT"), _("Chỉ tiêu"), _("Đơn vị tính"), _("Kỳ này")]
        if context.previous:
            headers.append(_("Kỳ trước"))
        if context.last_year:
            headers.append(_("Cùng kỳ năm trước"))
        rows: list[list[tuple[str, bool]]] = []
        for number, indicator in enumerate(
                (i for i in session.template.indicators.values() if session.indicator_shown(i)), 1):
            code = indicator.code
            this = indicator.field_kind.workings(session.template, indicator, session.figure(code),
                                                 precision, context.figures.rates.get(code))
            row = [(str(number), True), (indicator.full_label, False), (str(indicator.unit), False),
                   (this, True)]
            for column in (context.previous, context.last_year):
                if column is not None:
                    row.append((compared_value(column, indicator, precision), True))
            rows.append(row)
        return headers, rows, 1

    def justifications(self) -> TableData:
        template, report = self.session.template, self.session.report
        rows: list[list[tuple[str, bool]]] = []
        for finding in figure_warnings(self.session.context):
            note = report.notes.get(finding.codes[0], "")
            label = template.indicators[finding.codes[0]].full_label
            rows.append([(label, False), (finding_text(finding), False), (note, False)])
        return [_("Chỉ tiêu"), _("Cảnh báo"), _("Giải trình")], rows, 2

    def subunits(self) -> TableData:
        rows = [[(s.code, False), (s.name, False), (s.status.label, False),
                 (s.received_at.strftime("%d/%m/%Y %H:%M") if s.received_at else "", True)]
                for s in self.session.report.subunits]
        return [_("Mã"), _("Đơn vị"), _("Tình trạng"), _("Thời điểm nhận")], rows, 1

    def proposals(self) -> TableData:
        rows = [[(str(n), True), (p.from_unit, False), (p.text, False), (p.to, False)]
                for n, p in enumerate(self.session.report.proposals, 1)]
        return [_("STT"), _("Đơn vị đề xuất"), _("Nội dung kiến nghị"), _("Kiến nghị với")], rows, 2

    def documents(self) -> TableData:
        rows = [[(str(n), True), (d.number, False), (short_date(d.date), False), (d.subject, False)]
                for n, d in enumerate(self.session.report.documents, 1)]
        return [_("STT"), _("Số, ký hiệu"), _("Ngày ban hành"), _("Trích yếu nội dung")], rows, 3
