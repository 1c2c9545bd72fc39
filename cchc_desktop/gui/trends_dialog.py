"""Báo cáo > Xu hướng: the unit's main rates across its periods against their targets, and any
rate's history picked from the list. The charts are domain/trends.py's, painted by
gui/trend_chart_widget.py; the reports are the store's (storage/reports.py `unit_reports`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidgetItem, QWidget

from cchc_desktop.domain.report import Report
from cchc_desktop.domain.template import Template
from cchc_desktop.domain.trends import chronological, indicator_history, main_rate_codes, trend_chart
from cchc_desktop.gui.designer.ui_trends_dialog import Ui_TrendsDialog
from cchc_desktop.i18n import _

MAIN = ""      # the list's first row: all main rates on one chart


class TrendsDialog(QDialog):
    def __init__(self, reports: Sequence[Report], template_for: Callable[[str], Template],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_TrendsDialog()
        self.ui.setupUi(self)
        self.reports = chronological(reports)
        self.template_for = template_for
        self.ui.splitter.setSizes([260, 640])
        self._fill_list()
        self.ui.indicators.currentItemChanged.connect(lambda *_args: self.show_selected())
        self.ui.indicators.setCurrentRow(0)
        self.show_selected()

    def _fill_list(self) -> None:
        ui = self.ui
        item = QListWidgetItem(_("Các chỉ tiêu chính"))
        item.setData(Qt.ItemDataRole.UserRole, MAIN)
        ui.indicators.addItem(item)
        if not self.reports:
            ui.summary.setText(_("Chưa có báo cáo định kỳ nào để vẽ xu hướng."))
            return
        newest = self.reports[-1]
        template = self.template_for(newest.template_ref)
        main = main_rate_codes(template)
        rates = [ind.code for ind in template.rates()]
        for code in main + [c for c in rates if c not in main]:
            row = QListWidgetItem(template.indicators[code].full_label)
            row.setData(Qt.ItemDataRole.UserRole, code)
            ui.indicators.addItem(row)
        ui.summary.setText(_("{unit}: {n} báo cáo định kỳ, từ {first} đến {last}.").format(
            unit=newest.unit.name, n=len(self.reports), first=self.reports[0].period.label,
            last=newest.period.label))

    def selected_code(self) -> str:
        item = self.ui.indicators.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else MAIN

    def show_selected(self) -> None:
        code = self.selected_code()
        if code == MAIN:
            chart = trend_chart(self.reports, self.template_for)
        else:
            chart = indicator_history(self.reports, self.template_for, code)
        self.ui.chart.set_chart(chart)

    def select_code(self, code: str) -> None:
        """Show one indicator's history (the field's history beside it)."""
        for row in range(self.ui.indicators.count()):
            if self.ui.indicators.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.ui.indicators.setCurrentRow(row)
                return
