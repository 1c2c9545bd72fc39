"""An indicator group laid out as a list: label, field, unit and the comparison columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from cchc_desktop.domain.template import Group
from cchc_desktop.gui.forms.comparison import columns, compared_value
from cchc_desktop.gui.forms.derived import DerivedLabel
from cchc_desktop.gui.forms.number_field import NumberField
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _

# A label's first line sits level with the text in the line edit beside it.
LABEL_MARGINS = (0, 4, 0, 0)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
LABEL_MINIMUM = 160   # px: an indicator's label, wrapped


def header(text: str, parent: QWidget, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    label = QLabel(text, parent)
    set_tone(label, "column-header")
    label.setAlignment(align | Qt.AlignmentFlag.AlignBottom)
    label.setWordWrap(True)
    return label


class ListGroup(QGroupBox):
    def __init__(self, group: Group, session: ReportSession, parent: QWidget | None = None) -> None:
        super().__init__(str(group.title), parent)
        self.group = group
        self.fields: dict[str, QWidget] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        compare = columns(session)
        grid.addWidget(header(_("Chỉ tiêu"), self), 0, 0)
        grid.addWidget(header(_("Kỳ này"), self, Qt.AlignmentFlag.AlignRight), 0, 1)
        grid.addWidget(header(_("Đơn vị tính"), self), 0, 2)
        for offset, (title, column) in enumerate(compare):
            heading = header(f"{title}\n({column.label})", self, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(heading, 0, 3 + offset)
        row = 1
        labels: list[QLabel] = []
        room = 0   # the widest evidence button beside a field
        for code in group.codes:
            indicator = session.template.indicators[code]
            label = QLabel(indicator.full_label, self)
            label.setWordWrap(True)
            label.setToolTip(str(indicator.help))
            # Narrow enough for a laptop at 125% between the docks; the label wraps.
            label.setContentsMargins(*LABEL_MARGINS)
            labels.append(label)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            if indicator.derived:
                derived = DerivedLabel(indicator, session, self)
                derived.setContentsMargins(*LABEL_MARGINS)
                # On one line where there is room; on a narrow page the rate's words wrap
                # rather than push the page wider than its room.
                derived.setWordWrap(True)
                value: QWidget = derived
                set_tone(label, "italic")
                grid.addWidget(value, row, 1, 1, 2, Qt.AlignmentFlag.AlignTop)
            else:
                value = NumberField(indicator, session, self)
                room = max(room, value.evidence_room())
                label.setBuddy(value.edit)
                grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
                unit = QLabel(str(indicator.unit), self)
                unit.setContentsMargins(*LABEL_MARGINS)
                grid.addWidget(unit, row, 2, Qt.AlignmentFlag.AlignTop)
            self.fields[code] = value
            for offset, (_title, column) in enumerate(compare):
                shown = compared_value(column, indicator, session.report.precision)
                compared = QLabel(shown, self)
                compared.setContentsMargins(*LABEL_MARGINS)
                grid.addWidget(compared, row, 3 + offset, RIGHT)
            row += 1
        # The evidence buttons beside the fields take their room from the labels, which wrap:
        # the group is as wide as it was without them, and fits a laptop at 125%.
        for label in labels:
            label.setMinimumWidth(LABEL_MINIMUM - room)
