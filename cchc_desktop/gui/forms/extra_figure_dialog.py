"""Thêm số liệu... / Thêm tỷ lệ... / Sửa...: a figure the unit adds to a section, or a rate
of two, and later its name, unit or terms changed (its key and value kept).

The template's suggested figures for the section come first: choosing one keeps the
template's key, so that every unit stating "Số tài khoản thư điện tử công vụ đã cấp" states
it under the same key and the superior unit can sum it (domain/extra_figures.py). A figure
the unit names itself takes a key made from its label (key_from_label), unique in the report.

A rate is of two figures of the same section. A suggested rate whose two figures the
report lacks offers them in the lists too ("thêm: ..."): choosing it adds them with it.
The layout is ui/extra_figure_dialog.ui.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QListWidgetItem, QWidget

from cchc_desktop.domain.extra_figures import (
    MAX_PER_REPORT,
    ExtraFigure,
    key_from_label,
    unique_key,
)
from cchc_desktop.gui.designer.ui_extra_figure_dialog import Ui_ExtraFigureDialog
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _

RATE_UNIT = "%"


class ExtraFigureDialog(QDialog):
    """The figure (or rate) to add to `section_id`, or `editing` changed; `figures()` is the
    section's figures with it, once accepted."""

    def __init__(self, session: ReportSession, section_id: str, *, rate: bool,
                 editing: ExtraFigure | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ExtraFigureDialog()
        ui.setupUi(self)
        self.session = session
        self.section_id = section_id
        self.rate = rate if editing is None else editing.is_rate
        self.editing = editing
        rate = self.rate
        self.setWindowTitle(_("Sửa số liệu bổ sung") if editing is not None
                            else _("Thêm tỷ lệ") if rate else _("Thêm số liệu bổ sung"))
        set_tone(ui.problem, "error")
        ui.problem.hide()
        present = {f.key for f in session.report.extra_figures}
        offered = [f for f in session.template.extra_suggestions
                   if f.section_id == section_id and f.key not in present and f.is_rate == rate]
        self.suggested = {f.key: f for f in session.template.extra_suggestions}
        for figure in offered:
            item = QListWidgetItem(figure.label, ui.suggestions)
            item.setData(Qt.ItemDataRole.UserRole, figure.key)
            item.setToolTip(_("Mã {key}").format(key=figure.key))
        own = QListWidgetItem(_("Số liệu khác (đơn vị tự đặt tên)"), ui.suggestions)
        own.setData(Qt.ItemDataRole.UserRole, "")
        ui.suggestions.setCurrentRow(0)
        ui.suggestions.currentItemChanged.connect(self._chosen)
        rows: tuple[tuple[QWidget, bool], ...] = (
            (ui.numeratorLabel, rate), (ui.numerator, rate), (ui.denominatorLabel, rate),
            (ui.denominator, rate), (ui.unitLabel, not rate), (ui.unit, not rate))
        for widget, shown in rows:
            widget.setVisible(shown)
        if rate:
            self._fill_terms(present)
        ui.buttons.accepted.connect(self._accept)
        if editing is None:
            self._chosen()
            return
        for widget in (ui.suggestionsLabel, ui.suggestions):
            widget.hide()
        ui.label.setText(editing.label)
        ui.unit.setText(editing.unit)
        if editing.rate_of is not None:
            _select(ui.numerator, editing.rate_of[0])
            _select(ui.denominator, editing.rate_of[1])
        self.resize(self.width(), self.minimumSizeHint().height())

    # ------------------------------------------------------------------ choices
    def _fill_terms(self, present: set[str]) -> None:
        """The figures a rate may be of: the section's own, then the suggested ones a
        suggested rate needs and the report lacks yet."""
        terms = [f for f in self.session.extra_figures(self.section_id) if not f.is_rate]
        # A rate edited changes its terms among the section's figures only.
        wanted = [key for f in self.session.template.extra_suggestions
                  if f.section_id == self.section_id and f.rate_of for key in f.rate_of] \
            if self.editing is None else []
        missing = [self.suggested[key] for key in dict.fromkeys(wanted)
                   if key not in present and key in self.suggested]
        for combo in (self.ui.numerator, self.ui.denominator):
            for figure in terms:
                combo.addItem(figure.label, figure.key)
            for figure in missing:
                combo.addItem(_("thêm: {label}").format(label=figure.label), figure.key)

    def chosen_key(self) -> str:
        """The suggested figure chosen ('' for a figure the unit names itself)."""
        if self.editing is not None:
            return self.editing.key
        item = self.ui.suggestions.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def _chosen(self) -> None:
        figure = self.suggested.get(self.chosen_key())
        # A suggested rate is of the template's two figures: the same key means the same
        # fraction in every unit, or the superior unit's rate would mix different ones.
        for combo in (self.ui.numerator, self.ui.denominator):
            combo.setEnabled(figure is None)
        if figure is None:
            self.ui.label.clear()
            self.ui.unit.clear()
            return
        self.ui.label.setText(figure.label)
        self.ui.unit.setText(figure.unit)
        if figure.rate_of is not None:
            _select(self.ui.numerator, figure.rate_of[0])
            _select(self.ui.denominator, figure.rate_of[1])

    # ------------------------------------------------------------------ the result
    def figures(self) -> list[ExtraFigure]:
        """The section's figures as the dialog leaves them: the edited one in its place, or
        the added ones at the end."""
        current = self.session.extra_figures(self.section_id)
        if self.editing is None:
            return [*current, *self.added()]
        edited = self.added()[-1]
        edited = ExtraFigure(edited.section_id, self.editing.key, edited.label, edited.unit,
                             self.editing.value, edited.rate_of)
        return [edited if f.key == self.editing.key else f for f in current]

    def added(self) -> list[ExtraFigure]:
        """The figures to add, in order: a rate's suggested figures first, then the figure."""
        label = " ".join(self.ui.label.text().split())
        taken = [f.key for f in self.session.report.extra_figures]
        key = self.chosen_key() or unique_key(key_from_label(label), taken)
        if not self.rate:
            return [ExtraFigure(self.section_id, key, label, " ".join(self.ui.unit.text().split()))]
        numerator, denominator = (str(c.currentData() or "") for c in (self.ui.numerator,
                                                                       self.ui.denominator))
        present = set(taken)
        inputs = [self.suggested[k] for k in dict.fromkeys((numerator, denominator))
                  if k and k not in present and k in self.suggested]
        return [*inputs, ExtraFigure(self.section_id, key, label, RATE_UNIT, None,
                                     (numerator, denominator))]

    def problem(self) -> str | None:
        """Why the figure cannot be added, in a sentence, or None."""
        if not " ".join(self.ui.label.text().split()):
            return _("Hãy nhập tên số liệu.")
        if self.editing is None and len(self.session.report.extra_figures) >= MAX_PER_REPORT:
            return _("Báo cáo đã có {n} số liệu bổ sung, không thêm được nữa.").format(
                n=MAX_PER_REPORT)
        if self.rate:
            numerator, denominator = (c.currentData() for c in (self.ui.numerator,
                                                                self.ui.denominator))
            if not numerator or not denominator:
                return _("Tỷ lệ cần hai số liệu của mục này: hãy thêm số liệu trước.")
            if numerator == denominator:
                return _("Số bị chia và số chia phải là hai số liệu khác nhau.")
        refused = self.session.extra_figures_problem(self.section_id, self.figures())
        return refused[1] if refused is not None else None

    def _accept(self) -> None:
        problem = self.problem()
        self.ui.problem.setText(problem or "")
        self.ui.problem.setVisible(problem is not None)
        if problem is None:
            self.accept()


def _select(combo: QComboBox, key: str) -> None:
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)
