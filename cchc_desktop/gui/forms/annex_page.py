"""The annexes as they will be printed: figures, justifications, subordinate units, lists.

Read-only views of the report; everything here is edited in its section. An annex on
screen follows each keystroke: its cells are updated in place (gui/forms/annex_model.py).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from cchc_desktop.domain.annex_kinds import AnnexViews, annex_kind, figure_warnings
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.formatting import roman, short_date
from cchc_desktop.domain.template import Annex
from cchc_desktop.gui.forms.annex_model import AnnexModel, TableData
from cchc_desktop.gui.forms.comparison import compared_value
from cchc_desktop.gui.forms.content_fit import ContentFit
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


class AnnexPage(SectionPage):
    def __init__(self, annex: Annex, index: int, session: ReportSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"annex:{annex.id}", parent)
        self.annex = annex
        self.session = session
        self.add_heading(_("Phụ lục {number}. {title}").format(number=roman(index), title=annex.title))
        self.model = AnnexModel(self)
        self.table = QTableView(self.body)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        # Rows follow their wrapped text whatever the width of the window, measured again
        # only where a figure changed (gui/forms/content_fit.py).
        self.fit = ContentFit(self.table, plain=True)
        self.add(self.table)
        self._stale = False
        self._memos: dict[str, tuple[tuple[object, ...], str]] = {}
        self._names: dict[str, tuple[str, str]] = {}   # code -> label, unit (fixed for the page)
        # A list annex's rows, kept while its list is unchanged: a keystroke in a figure
        # recomputes the context, and 300 rows were worded and compared again each time.
        self._lists: dict[str, tuple[list[Any], list[list[tuple[str, bool]]]]] = {}
        self._shown_rows: object = None
        session.context_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        if not self.isVisible() and self.model.rowCount():
            self._stale = True
            return
        self._stale = False
        views: AnnexViews[TableData] = self
        headers, rows, stretch = annex_kind(self.annex.kind).show(views)
        if rows is self._shown_rows and headers == self.model.headers:
            return   # a list annex whose list did not change (a figure was typed)
        self._shown_rows = rows
        changed = self.model.show(headers, rows, _("(Chưa có nội dung)"))
        if changed is None:   # laid out anew
            self.table.clearSpans()
            if not rows:
                self.table.setSpan(0, 0, 1, max(1, len(headers)))
            self.fit.set_stretch([stretch])
            self.fit.fit_all()
        else:
            self.fit.fit_cells(changed.cells, changed.columns)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
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
        shown = (i for i in session.template.indicators.values() if session.indicator_shown(i))
        for number, indicator in enumerate(shown, 1):
            code = indicator.code
            value, rate = session.figure(code), context.figures.rates.get(code)
            this = self._memo(code, (value, rate, precision), partial(
                indicator.field_kind.workings, session.template, indicator, value, precision, rate))
            names = self._names.get(code)
            if names is None:
                names = self._names[code] = (indicator.full_label, str(indicator.unit))
            row = [(str(number), True), (names[0], False), (names[1], False), (this, True)]
            for slot, column in (("previous", context.previous), ("last_year", context.last_year)):
                if column is not None:
                    row.append((self._memo(f"{slot}:{code}", (precision,),
                                           partial(compared_value, column, indicator, precision)), True))
            rows.append(row)
        return headers, rows, 1

    def _memo(self, slot: str, inputs: tuple[object, ...], word: Callable[[], str]) -> str:
        """A figure's text, worded again only when what it is worded from changed.

        Wording a figure (babel's number formats) is most of the cost of the figures
        annex; on a keystroke only the field typed in and the totals and rates above it
        change. A page lives in one language: a change of language builds it anew.
        """
        known = self._memos.get(slot)
        if known is not None and known[0] == inputs:
            return known[1]
        text = word()
        self._memos[slot] = (inputs, text)
        return text

    def justifications(self) -> TableData:
        template, report = self.session.template, self.session.report
        rows: list[list[tuple[str, bool]]] = []
        for finding in figure_warnings(self.session.context):
            note = report.notes.get(finding.codes[0], "")
            label = template.indicators[finding.codes[0]].full_label
            rows.append([(label, False), (finding_text(finding), False), (note, False)])
        return [_("Chỉ tiêu"), _("Cảnh báo"), _("Giải trình")], rows, 2

    def _listed(self, kind: str, items: list[Any],
                word: Callable[[list[Any]], list[list[tuple[str, bool]]]]) -> list[list[tuple[str, bool]]]:
        """The rows of list `kind`, worded again only when the list changed (the same rows
        object otherwise, which refresh() recognises). A page lives in one language."""
        known = self._lists.get(kind)
        if known is not None and known[0] == items:
            return known[1]
        rows = word(items)
        self._lists[kind] = (list(items), rows)
        return rows

    def subunits(self) -> TableData:
        rows = self._listed("subunits", self.session.report.subunits, lambda subunits: [
            [(s.code, False), (s.name, False), (s.status.label, False),
             (s.received_at.strftime("%d/%m/%Y %H:%M") if s.received_at else "", True)]
            for s in subunits])
        return [_("Mã"), _("Đơn vị"), _("Tình trạng"), _("Thời điểm nhận")], rows, 1

    def proposals(self) -> TableData:
        rows = self._listed("proposals", self.session.report.proposals, lambda proposals: [
            [(str(n), True), (p.from_unit, False), (p.text, False), (p.to, False)]
            for n, p in enumerate(proposals, 1)])
        return [_("STT"), _("Đơn vị đề xuất"), _("Nội dung kiến nghị"), _("Kiến nghị với")], rows, 2

    def documents(self) -> TableData:
        rows = self._listed("documents", self.session.report.documents, lambda documents: [
            [(str(n), True), (d.number, False), (short_date(d.date), False), (d.subject, False)]
            for n, d in enumerate(documents, 1)])
        return [_("STT"), _("Số, ký hiệu"), _("Ngày ban hành"), _("Trích yếu nội dung")], rows, 3
