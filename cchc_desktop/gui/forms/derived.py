"""Figures the clerk does not type: sums and rates, recomputed as the inputs change.

They use the saved figures; while one of their inputs shows a refused text (being
corrected), the figure is marked and its tooltip says it does not count that text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from cchc_desktop.domain.template import Indicator
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


def corrected_inputs(session: ReportSession, indicator: Indicator) -> list[str]:
    """The inputs of a derived figure, at any depth, whose field shows a refused text."""
    indicators = session.template.indicators
    seen: set[str] = set()
    pending = list(indicator.inputs)
    found = []
    while pending:
        code = pending.pop(0)
        if code in seen or code not in indicators:
            continue
        seen.add(code)
        if session.correction(code) is not None:
            found.append(code)
        pending.extend(indicators[code].inputs)
    return found


def derived_text(session: ReportSession, indicator: Indicator) -> str:
    """'1.421/1.428 hồ sơ, đạt 99,51%' for a rate, '1.557' for a sum, '' when unknown."""
    return indicator.field_kind.workings(
        session.template, indicator, session.figure(indicator.code), session.report.precision,
        session.context.figures.rates.get(indicator.code))


class DerivedLabel(QLabel):
    def __init__(self, indicator: Indicator, session: ReportSession, parent: QWidget | None = None,
                 *, align_right: bool = False) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.session = session
        self.setObjectName(f"derived:{indicator.code}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if align_right:
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        session.context_changed.connect(self.refresh)
        session.corrections_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.setText(derived_text(self.session, self.indicator))
        corrected = corrected_inputs(self.session, self.indicator)
        if corrected:
            labels = ", ".join(self.session.template.indicators[c].full_label for c in corrected)
            self.setToolTip(_("Tính theo số đã lưu: ô {labels} đang sửa, giá trị đang hiện ở đó "
                              "chưa được lưu nên chưa được tính.").format(labels=labels))
            set_tone(self, "estimated")
        else:
            self.setToolTip(_("Tính tự động, không nhập."))
            set_tone(self, "computed")
