"""Figures the clerk does not type: sums and rates, recomputed as the inputs change.

They use the saved figures; while one of their inputs shows a refused text (being
corrected), the figure is marked and its tooltip says it does not count that text. A
figure that cannot be right, a share above 100% ("126,82% (!)") or one an error finding
names, is shown in the error tone, the finding's sentence in its tooltip.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from cchc_desktop.domain.field_kinds import OVERFLOW_MARK, rate_unit, share_overflow
from cchc_desktop.domain.formatting import format_fraction
from cchc_desktop.domain.rates import Rate
from cchc_desktop.domain.template import Indicator
from cchc_desktop.gui.forms.field_findings import errors_naming, errors_tooltip
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


def corrected_inputs(session: ReportSession, indicator: Indicator) -> list[str]:
    """The inputs of a derived figure, at any depth, whose field shows a refused text."""
    if not session.corrections():   # the usual case: no walk through the inputs at all
        return []
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


# The largest figures a table column makes room for from the start: a total or a rate's
# fraction up to these keeps the grid still while the clerk types; a larger one widens it.
WIDEST_TOTAL = Decimal("999999999")
WIDEST_COUNT = Decimal("999999")


def widest_text(session: ReportSession, indicator: Indicator) -> str:
    """The widest text the figure's label is expected to show: '999.999.999', a rate's
    '999.999/999.999 hồ sơ, đạt 100,00%' (with the overflow mark for a share)."""
    kind, template, precision = indicator.field_kind, session.template, session.report.precision
    if not kind.percentage:
        return kind.workings(template, indicator, WIDEST_TOTAL, precision)
    hundred = Decimal(100)
    rate = Rate(WIDEST_COUNT, WIDEST_COUNT, hundred, precision)
    text = kind.workings(template, indicator, hundred, precision, rate)
    return text + OVERFLOW_MARK if indicator.share and not text.endswith(OVERFLOW_MARK) else text


def stacked_text(session: ReportSession, indicator: Indicator, rate: Rate | None = None) -> str:
    """A rate in a table's narrow column: its percentage over its fraction, '99,51%' over
    '1.421/1.428 hồ sơ' (half the width of one line); anything else as `derived_text`.

    `rate` stands for the one computed (the widest case when reserving room)."""
    rate = rate if rate is not None else session.context.figures.rates.get(indicator.code)
    kind = indicator.field_kind
    if rate is None or not kind.percentage or rate.value is None or rate.zero_denominator \
            or rate.numerator is None or rate.denominator is None:
        return derived_text(session, indicator)
    percent = kind.text(indicator, rate.value, session.report.precision, rate)
    return f"{percent}\n{format_fraction(rate, rate_unit(session.template, indicator))}"


def widest_stacked_text(session: ReportSession, indicator: Indicator) -> str:
    """The widest `stacked_text`: '100,00% (!)' over '999.999/999.999 hồ sơ' for a share."""
    if not indicator.field_kind.percentage:
        return widest_text(session, indicator)
    rate = Rate(WIDEST_COUNT, WIDEST_COUNT, Decimal(100), session.report.precision)
    text = stacked_text(session, indicator, rate)
    first, _newline, rest = text.partition("\n")
    return first + OVERFLOW_MARK + "\n" + rest if indicator.share and not first.endswith(OVERFLOW_MARK) \
        else text


class DerivedLabel(QLabel):
    def __init__(self, indicator: Indicator, session: ReportSession, parent: QWidget | None = None,
                 *, align_right: bool = False, stacked: bool = False) -> None:
        super().__init__(parent)
        self.indicator = indicator
        self.session = session
        self.stacked = stacked    # a rate on two lines (stacked_text), for a table's column
        self.setObjectName(f"derived:{indicator.code}")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if align_right:
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._shown: tuple[object, ...] | None = None
        session.context_changed.connect(self.refresh)
        session.corrections_changed.connect(self.refresh)
        self.refresh()

    def reserve_width(self) -> None:
        """Room for the widest text from the start, so the label's growing moves nothing.

        Measured in bold italic, the widest of its tones (app.qss), whatever the tone now.
        """
        font = QFont(self.font())
        font.setBold(True)
        font.setItalic(True)
        margins = self.contentsMargins()
        metrics = QFontMetrics(font)
        widest = widest_stacked_text(self.session, self.indicator) if self.stacked \
            else widest_text(self.session, self.indicator)
        lines = widest.split("\n")
        width = max(metrics.horizontalAdvance(line) for line in lines)
        self.setMinimumWidth(width + margins.left() + margins.right() + 2)
        if len(lines) > 1:   # the row keeps its height when the rate first shows
            self.setMinimumHeight(metrics.lineSpacing() * len(lines) + margins.top() + margins.bottom())

    def refresh(self) -> None:
        # Every label of every page built follows each keystroke: only a label whose
        # figure (or the inputs being corrected) changed is worded and styled again.
        session, code = self.session, self.indicator.code
        corrected = corrected_inputs(session, self.indicator)
        errors = errors_naming(session, code)
        shown = (session.figure(code), session.context.figures.rates.get(code),
                 session.report.precision, tuple(corrected), errors)
        if shown == self._shown:
            return
        self._shown = shown
        self.setText(stacked_text(session, self.indicator) if self.stacked
                     else derived_text(session, self.indicator))
        if corrected:
            labels = ", ".join(session.template.indicators[c].full_label for c in corrected)
            usual = _("Tính theo số đã lưu: ô {labels} đang sửa, giá trị đang hiện ở đó "
                      "chưa được lưu nên chưa được tính.").format(labels=labels)
        else:
            usual = _("Tính tự động, không nhập.")
        self.setToolTip(errors_tooltip(errors, usual))
        wrong = bool(errors) or share_overflow(self.indicator, session.figure(code))
        tone = "error-strong" if wrong else "estimated" if corrected else "computed"
        if self.property("tone") != tone:   # styling again costs a polish and a layout
            set_tone(self, tone)
