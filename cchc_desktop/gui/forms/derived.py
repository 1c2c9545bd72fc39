"""Figures the clerk does not type: sums and rates, recomputed as the inputs change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cchc_desktop.domain.formatting import format_number, format_rate_with_fraction
from cchc_desktop.domain.template import Indicator, IndicatorKind
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


def derived_text(session: ReportSession, indicator: Indicator) -> str:
    """'1.421/1.428 hồ sơ, đạt 99,51%' for a rate, '1.557' for a sum, '' when unknown."""
    if indicator.kind is IndicatorKind.RATE:
        rate = session.context.figures.rates.get(indicator.code)
        if rate is None or rate.numerator is None or rate.denominator is None:
            return ""
        if rate.zero_denominator:
            return _("- (mẫu số bằng 0)")
        first = session.template.indicators[indicator.numerator[0]]
        return format_rate_with_fraction(rate, str(first.unit))
    return format_number(session.figure(indicator.code), indicator.decimals)


class DerivedLabel(QLabel):
    def __init__(self, indicator: Indicator, session: ReportSession, parent: QWidget | None = None,
                 *, align_right: bool = False) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.session = session
        self.setObjectName(f"derived:{indicator.code}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setToolTip(_("Tính tự động, không nhập."))
        if align_right:
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setStyleSheet("color: #0b5394; font-weight: bold;")
        session.context_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.setText(derived_text(self.session, self.indicator))
