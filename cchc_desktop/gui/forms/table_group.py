"""An indicator group laid out as a table with one column per level and a total column.

The template declares such groups "rows by level". On screen the levels become
columns and the indicators rows: a records table has fifteen indicators with long
labels and a commune has one level, so this keeps the form readable without
sideways scrolling. Only the levels that apply to the unit and period are shown, and the total
column only beside two levels or more (beside one it would repeat it).

The columns keep their width while the clerk types: a total or a rate makes room for its
widest text from the start (a rate on two lines, its percentage over its fraction, so that a
level's column and the total's fit a laptop's page between the docks), and a refused entry's
reason wraps under its field instead of widening the column, so no input moves under the
clerk's hands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QLabel, QSizePolicy, QWidget

from cchc_desktop.domain.template import Group
from cchc_desktop.domain.units import level_catalogue
from cchc_desktop.gui.forms.comparison import compact_hint
from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.list_group import LABEL_MARGINS, LABEL_MINIMUM, header
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


class TableGroup(QGroupBox):
    def __init__(self, group: Group, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(str(group.title), parent)
        self.group = group
        self.fields: dict[str, QWidget] = {}
        self.levels = session.visible_levels(group)
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(5)
        grid.setColumnStretch(0, 1)
        columns = [(level, level_catalogue().label(level)) for level in self.levels]
        # A total beside one level repeats it figure for figure: shown only over two levels or
        # more, so a commune's table fits a laptop at 125%. Its codes then name the level's cells.
        total_shown = bool(group.total_level) and len(self.levels) > 1
        if total_shown:
            columns.append((group.total_level, str(group.total_label)))
        grid.addWidget(header(_("Chỉ tiêu"), self), 0, 0)
        grid.addWidget(header(_("Đơn vị tính"), self), 0, 1)
        for index, (_level, title) in enumerate(columns):
            grid.addWidget(header(title, self, Qt.AlignmentFlag.AlignRight), 0, 2 + index)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        set_tone(line, "rule")
        grid.addWidget(line, 1, 0, 1, 2 + len(columns))
        template = session.template
        for row, pattern in enumerate(group.patterns, start=2):
            first = template.indicators[group.code_for(pattern, columns[0][0])]
            label = QLabel(str(first.label), self)
            label.setWordWrap(True)
            label.setMinimumWidth(LABEL_MINIMUM)
            label.setContentsMargins(*LABEL_MARGINS)
            label.setToolTip(str(first.help))
            if first.derived:
                set_tone(label, "italic")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            unit = QLabel(str(first.unit), self)
            unit.setContentsMargins(*LABEL_MARGINS)
            grid.addWidget(unit, row, 1, Qt.AlignmentFlag.AlignTop)
            for index, (level, _title) in enumerate(columns):
                code = group.code_for(pattern, level)
                indicator = template.indicators[code]
                if indicator.derived:
                    derived = DerivedLabel(indicator, session, self, align_right=True, stacked=True)
                    derived.setContentsMargins(*LABEL_MARGINS)
                    derived.reserve_width()
                    cell: QWidget = derived
                else:
                    cell = NumberField(indicator, session, self, hint=compact_hint(session, indicator))
                    cell.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
                    if index == 0:
                        label.setBuddy(cell.edit)
                grid.addWidget(cell, row, 2 + index, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
                self.fields[code] = cell
            if group.total_level and not total_shown:
                self.fields[group.code_for(pattern, group.total_level)] = \
                    self.fields[group.code_for(pattern, columns[0][0])]
