"""Số liệu bổ sung: the figures a unit adds to a section beyond the template's indicators.

Each figure is a row: its label, its value typed as the indicators' are ("1.234,5", checked
at every keystroke, a refused text kept in the field with the reason under it and nothing
saved: gui/forms/extra_value_field.py), its unit of measure and a button removing it. A rate
is computed from two figures of the section, "1.421/1.428 hồ sơ, đạt 99,51%", as the typing
goes. Every change goes through the session as an undoable command (SetExtraFiguresCommand)
and is saved like any edit; a locked report shows them read-only.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.extra_figure_rows import RATE_DECIMALS
from cchc_desktop.domain.extra_figures import ExtraFigure, rate_value
from cchc_desktop.domain.formatting import DASH, format_rate_with_fraction
from cchc_desktop.domain.rates import Rate
from cchc_desktop.domain.template import Section
from cchc_desktop.gui.commands import SetExtraFiguresCommand, push
from cchc_desktop.gui.forms.extra_figure_dialog import ExtraFigureDialog
from cchc_desktop.gui.forms.extra_value_field import CORRECTION_PREFIX, ExtraValueField
from cchc_desktop.gui.forms.list_group import LABEL_MARGINS, LABEL_MINIMUM, header
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


def rate_text(figure: ExtraFigure, figures: list[ExtraFigure]) -> str:
    """'1.421/1.428 hồ sơ, đạt 99,51%' from the two figures' saved values (of `figures`, the
    report's: a file made elsewhere may rate a figure of another section); '-' without them."""
    value = rate_value(figure, figures)
    if figure.rate_of is None or value is None:
        return DASH
    by_key = {f.key: f for f in figures}
    numerator, denominator = (by_key[key] for key in figure.rate_of)
    rate = Rate(numerator.value, denominator.value, value, RATE_DECIMALS)
    return format_rate_with_fraction(rate, numerator.unit.strip())


class ExtraFiguresGroup(QGroupBox):
    """The section's extra figures, with "Thêm số liệu...", "Thêm tỷ lệ..." and removal."""

    def __init__(self, section: Section, session: ReportSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Số liệu bổ sung"), parent)
        self.setObjectName(f"extras:{section.id}")
        self.section = section
        self.session = session
        self.fields: dict[str, ExtraValueField] = {}
        self.rates: dict[str, QLabel] = {}
        self.removers: dict[str, QToolButton] = {}
        self.editors: dict[str, QToolButton] = {}
        outer = QVBoxLayout(self)
        self.rows = QWidget(self)
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.grid.setColumnStretch(0, 1)
        outer.addWidget(self.rows)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        set_tone(self.empty, "muted")
        outer.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("Thêm số liệu..."), self)
        self.add_button.setObjectName("addExtraFigure")
        self.add_button.setToolTip(_("Một số liệu báo cáo cần nêu mà mẫu không có chỉ tiêu."))
        self.add_rate_button = QPushButton(_("Thêm tỷ lệ..."), self)
        self.add_rate_button.setObjectName("addExtraRate")
        self.add_rate_button.setToolTip(_("Tỷ lệ phần trăm của hai số liệu bổ sung của mục này."))
        self.add_button.clicked.connect(lambda: self.ask(rate=False))
        self.add_rate_button.clicked.connect(lambda: self.ask(rate=True))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.add_rate_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self._shape: list[tuple[object, ...]] | None = None
        self._values: dict[str, Decimal | None] = {}   # the values the fields were shown
        self._read_only = session.locked
        session.extra_figures_changed.connect(self._changed)
        self.rebuild()

    # ------------------------------------------------------------------ rows
    def figures(self) -> list[ExtraFigure]:
        return self.session.extra_figures(self.section.id)

    @staticmethod
    def _shape_of(figures: list[ExtraFigure]) -> list[tuple[object, ...]]:
        return [(f.key, f.label, f.unit, f.rate_of) for f in figures]

    def _changed(self, section_id: str) -> None:
        if section_id != self.section.id:
            return
        figures = self.figures()
        if self._shape_of(figures) != self._shape:
            self.rebuild()
            return
        # A value typed, undone or redone: its field follows (not while it is typed in); the
        # other fields keep what they show, a refused text being corrected too.
        values = {f.key: f.value for f in figures}
        for key, field in self.fields.items():
            if values.get(key) != self._values.get(key) and not field.committing:
                field.show_value()
        self._values = values
        self._show_rates(figures)

    def rebuild(self) -> None:
        figures = self.figures()
        self._shape = self._shape_of(figures)
        self._values = {f.key: f.value for f in figures}
        kept = {f.key for f in figures}
        for field in self.fields.values():
            if field.key not in kept:
                self.session.clear_correction(field.correction_key)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.fields.clear()
        self.rates.clear()
        self.removers.clear()
        self.editors.clear()
        if figures:
            self.grid.addWidget(header(_("Số liệu"), self.rows), 0, 0)
            self.grid.addWidget(header(_("Kỳ này"), self.rows, Qt.AlignmentFlag.AlignRight), 0, 1)
            self.grid.addWidget(header(_("Đơn vị tính"), self.rows), 0, 2)
        for row, figure in enumerate(figures, start=1):
            self._add_row(row, figure)
        self.rows.setVisible(bool(figures))
        offered = sum(1 for f in self.session.template.extra_suggestions
                      if f.section_id == self.section.id)
        self.empty.setText("" if figures else (
            _("Chưa có. Mẫu gợi ý {n} số liệu cho mục này; đơn vị cũng có thể tự thêm số liệu "
              "khác mà báo cáo cần nêu.").format(n=offered) if offered else
            _("Chưa có. Đơn vị có thể thêm số liệu mà báo cáo cần nêu nhưng mẫu không có "
              "chỉ tiêu.")))
        self.empty.setVisible(not figures)
        self._show_rates(figures)
        self.set_read_only(self._read_only)

    def _add_row(self, row: int, figure: ExtraFigure) -> None:
        top = Qt.AlignmentFlag.AlignTop
        label = QLabel(figure.label, self.rows)
        label.setWordWrap(True)
        label.setMinimumWidth(LABEL_MINIMUM)
        label.setContentsMargins(*LABEL_MARGINS)
        label.setToolTip(_("Mã {key}").format(key=figure.key))
        self.grid.addWidget(label, row, 0, top)
        if figure.is_rate:
            set_tone(label, "italic")
            value = QLabel(self.rows)
            value.setObjectName(f"extraRate:{figure.key}")
            value.setContentsMargins(*LABEL_MARGINS)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            set_tone(value, "computed")
            self.rates[figure.key] = value
            self.grid.addWidget(value, row, 1, 1, 2, top)
        else:
            field = ExtraValueField(self.session, figure, self.rows)
            label.setBuddy(field.edit)
            self.fields[figure.key] = field
            self.grid.addWidget(field, row, 1, top)
            unit = QLabel(figure.unit, self.rows)
            unit.setContentsMargins(*LABEL_MARGINS)
            self.grid.addWidget(unit, row, 2, top)
        edit = QToolButton(self.rows)
        edit.setText(_("Sửa..."))
        edit.setObjectName(f"editExtra:{figure.key}")
        edit.setToolTip(_("Đổi tên, đơn vị tính hoặc hai số liệu của tỷ lệ (giữ mã và giá trị)"))
        edit.clicked.connect(lambda _checked=False, key=figure.key: self.ask_edit(key))
        self.editors[figure.key] = edit
        self.grid.addWidget(edit, row, 3, top)
        remove = QToolButton(self.rows)
        remove.setText(_("Xóa"))
        remove.setObjectName(f"removeExtra:{figure.key}")
        remove.setToolTip(_("Xóa số liệu \u201c{label}\u201d khỏi báo cáo").format(
            label=figure.label))
        remove.clicked.connect(lambda _checked=False, key=figure.key: self.remove(key))
        self.removers[figure.key] = remove
        self.grid.addWidget(remove, row, 4, top)

    def _show_rates(self, figures: list[ExtraFigure]) -> None:
        for figure in figures:
            label = self.rates.get(figure.key)
            if label is None:
                continue
            text = rate_text(figure, self.session.report.extra_figures)
            label.setText(text)
            label.setToolTip(_("Tính tự động, không nhập.") if text != DASH else
                             _("Cần giá trị của cả hai số liệu, số chia khác 0."))

    # ------------------------------------------------------------------ editing
    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for field in self.fields.values():
            field.set_read_only(read_only)
        for button in (self.add_button, *self.removers.values(), *self.editors.values()):
            button.setEnabled(not read_only)
        terms = sum(1 for f in self.figures() if not f.is_rate)
        rates_offered = any(f.section_id == self.section.id and f.is_rate
                            for f in self.session.template.extra_suggestions)
        self.add_rate_button.setEnabled(not read_only and (terms >= 2 or rates_offered))

    def ask(self, *, rate: bool) -> None:
        """The dialog choosing the figure to add, then the figure added (one undo step)."""
        dialog = ExtraFigureDialog(self.session, self.section.id, rate=rate, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        added = dialog.added()
        text = _("Thêm số liệu bổ sung \u201c{label}\u201d").format(label=added[-1].label)
        self._push(dialog.figures(), text)
        field = self.fields.get(added[0].key)
        if field is not None:
            field.focus()

    def ask_edit(self, key: str) -> None:
        """Sửa...: the figure's name, unit or a rate's terms (its key and value stay)."""
        figure = next(f for f in self.figures() if f.key == key)
        dialog = ExtraFigureDialog(self.session, self.section.id, rate=figure.is_rate,
                                   editing=figure, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self._push(dialog.figures(),
                   _("Sửa số liệu bổ sung \u201c{label}\u201d").format(label=figure.label))

    def remove(self, key: str) -> None:
        """Remove the figure, and the rates made of it (which would compute nothing)."""
        figures = self.figures()
        gone = next(f for f in figures if f.key == key)
        kept = [f for f in figures if f.key != key and not (f.rate_of and key in f.rate_of)]
        self._push(kept, _("Xóa số liệu bổ sung \u201c{label}\u201d").format(label=gone.label))

    def _push(self, figures: list[ExtraFigure], text: str) -> None:
        if figures == self.figures():   # a dialog left as it was: no step to undo
            return
        # Its own step: not merged with the typing before or after it.
        self.session.seal_edits()
        push(self.session, SetExtraFiguresCommand(self.session, self.section.id, figures, text))
        self.session.seal_edits()

    def focus_field(self, key: str) -> bool:
        """The cursor to the field of a correction's key ('extra/<figure key>')."""
        field = self.fields.get(key.removeprefix(CORRECTION_PREFIX)) \
            if key.startswith(CORRECTION_PREFIX) else None
        if field is None:
            return False
        field.focus()
        return True
