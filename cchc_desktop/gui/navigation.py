"""The tree on the left: units, years, the four periods, then the open report's sections.

Item data says what a click opens: ("start",), ("period", unit, year, kind),
("page", key) for a section or an annex of the open report, ("group", key, group id) for a block
of figures on a section's page ("Kết quả giải quyết hồ sơ TTHC (Biểu 06)"): one click takes the
clerk to the table being filled, the cursor in its first empty field. A section's groups are
listed under it only while its page is shown, so the tree stays short.

Titles are shown whole, wrapped at words to the tree's width ("I. Công tác chỉ đạo, điều hành
cải cách hành chính" on two lines rather than cut after "cải c..."): WrappingDelegate gives each
row the height of its wrapped title, and the rows are laid out again when the tree's width changes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from cchc_desktop.domain.formatting import roman
from cchc_desktop.domain.periods import REGULAR_KINDS, PeriodKind
from cchc_desktop.domain.template import Section, Severity
from cchc_desktop.gui.report_controller import ReportController
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.storage.repository import ReportSummary

ROLE = Qt.ItemDataRole.UserRole


def sentence_case(title: str) -> str:
    """'CÔNG TÁC CHỈ ĐẠO' -> 'Công tác chỉ đạo' for the tree; mixed-case titles stay as written."""
    if title.isupper():
        return title[:1] + title[1:].lower()
    return title


def section_label(section: Section) -> str:
    return f"{section.number}. {sentence_case(str(section.title))}"


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their title wrapped to the width the tree gives it.

    A tree asks its delegate for a row's size without saying how wide the row is; the style
    wraps text to the option's width, so that width is given here: the column's, less the
    indentation of the item's depth.
    """

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def item_width(self, index: QModelIndex | QPersistentModelIndex) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        return max(1, self.tree.columnWidth(0) - indent)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        wrapped = QStyleOptionViewItem(option)
        self.initStyleOption(wrapped, index)
        wrapped.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        wrapped.rect = QRect(0, 0, self.item_width(index), 1)
        style = wrapped.widget.style() if wrapped.widget is not None else self.tree.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, wrapped, QSize(),
                                      wrapped.widget)


class NavigationTree(QTreeWidget):
    start_requested = Signal()
    period_requested = Signal(str, int, str)   # unit code, year, period kind
    page_requested = Signal(str)               # section id or "annex:<id>"
    group_requested = Signal(str, str)         # section id, group id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setHeaderHidden(True)
        # Whole titles: wrapped to the width (WrappingDelegate), never cut or scrolled sideways.
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(WrappingDelegate(self))
        # Sections sit five levels deep (unit, year, period, section, subsection): a smaller step
        # than the style's 20 px leaves their titles 30 px more.
        self.setIndentation(14)
        self.header().setStretchLastSection(True)
        self.header().sectionResized.connect(lambda *_args: self.scheduleDelayedItemsLayout())
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.page_items: dict[str, QTreeWidgetItem] = {}
        self.grouped: QTreeWidgetItem | None = None   # the page item whose groups are listed
        self.session: ReportSession | None = None
        style = self.style()
        self.error_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
        self.warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.folder_icon = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        self.file_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data: tuple[Any, ...] = item.data(0, ROLE) or ()
        if not data:
            return
        if data[0] == "start":
            self.start_requested.emit()
        elif data[0] == "period":
            self.period_requested.emit(data[1], data[2], data[3])
        elif data[0] == "page":
            self.page_requested.emit(data[1])
        elif data[0] == "group":
            self.group_requested.emit(data[1], data[2])

    # ------------------------------------------------------------------ building
    def populate(self, controller: ReportController, today: dt.date) -> None:
        session = self.session = controller.session
        self.clear()
        self.page_items = {}
        self.grouped = None
        start = QTreeWidgetItem([_("Trang đầu: báo cáo cần làm")])
        start.setData(0, ROLE, ("start",))
        start.setIcon(0, self.style().standardIcon(QStyle.StandardPixmap.SP_DirHomeIcon))
        self.addTopLevelItem(start)
        own = controller.own_unit()
        if own is None:
            return
        reports = controller.reports()
        units = [(own.code, own.name)] + [(u.code, u.name) for u in controller.subordinate_units()]
        for code, name in units:
            unit_item = QTreeWidgetItem([name])
            unit_item.setIcon(0, self.folder_icon)
            self.addTopLevelItem(unit_item)
            own_reports = [r for r in reports if r.unit_code == code]
            years = {r.period.year for r in own_reports}
            if code == own.code:
                years.add(today.year)
            for year in sorted(years, reverse=True):
                year_item = QTreeWidgetItem(unit_item, [str(year)])
                for kind in REGULAR_KINDS:
                    found = next((r for r in own_reports
                                  if r.period.year == year and r.period.kind is kind), None)
                    if found is None and code != own.code:
                        continue
                    period_item = QTreeWidgetItem(year_item, [self._period_text(kind, found)])
                    period_item.setData(0, ROLE, ("period", code, year, kind.value))
                    is_open = session is not None and found is not None \
                        and found.id == session.report_id
                    if is_open:
                        assert session is not None
                        self._add_pages(period_item, session)
                        period_item.setExpanded(True)
                        year_item.setExpanded(True)
                        unit_item.setExpanded(True)
                        font = period_item.font(0)
                        font.setBold(True)
                        period_item.setFont(0, font)
            if code == own.code:
                unit_item.setExpanded(True)
                latest = unit_item.child(0)
                if latest is not None:
                    latest.setExpanded(True)
        self.refresh_findings()

    def _period_text(self, kind: PeriodKind, found: ReportSummary | None) -> str:
        if found is None:
            return f"{kind.label} ({_('chưa bắt đầu')})"
        status = found.status.label
        return f"{kind.label} ({status[:1].lower()}{status[1:]})"

    def _add_pages(self, parent: QTreeWidgetItem, session: ReportSession) -> None:
        def add(section: Section, into: QTreeWidgetItem) -> None:
            item = QTreeWidgetItem(into, [section_label(section)])
            item.setToolTip(0, f"{section.number}. {section.title}")
            item.setData(0, ROLE, ("page", section.id))
            self.page_items[section.id] = item
            for child in section.children:
                add(child, item)
            if len(section.groups) > 1 and not section.children:
                for group in section.groups:
                    group_item = QTreeWidgetItem(item, [str(group.title)])
                    group_item.setToolTip(0, str(group.title))
                    group_item.setData(0, ROLE, ("group", section.id, group.id))
                item.setExpanded(False)
            else:
                item.setExpanded(True)

        header = QTreeWidgetItem(parent, [_("Thông tin báo cáo")])
        header.setToolTip(0, _("Số, ngày, trích yếu, người ký, nơi nhận, thời gian lấy số liệu"))
        header.setData(0, ROLE, ("page", "header"))
        self.page_items["header"] = header
        for section in session.template.sections:
            add(section, parent)
        if session.template.annexes:
            annexes = QTreeWidgetItem(parent, [_("Phụ lục")])
            for index, annex in enumerate(session.template.annexes, 1):
                item = QTreeWidgetItem(annexes, [f"{roman(index)}. {annex.title}"])
                item.setToolTip(0, str(annex.title))
                item.setData(0, ROLE, ("page", f"annex:{annex.id}"))
                self.page_items[f"annex:{annex.id}"] = item
            annexes.setExpanded(False)

    def refresh_findings(self) -> None:
        """An error or warning icon on the sections that have findings; a justified warning leaves
        its section unmarked (the clerk has dealt with it)."""
        if self.session is None:
            return
        worst: dict[str, Severity] = {}
        for finding in self.session.context.findings:
            if finding.section and finding.section not in worst and not finding.justified:
                worst[finding.section] = finding.severity   # errors come first
        for key, item in self.page_items.items():
            severity = worst.get(key)
            if severity is Severity.ERROR:
                item.setIcon(0, self.error_icon)
            elif severity is Severity.WARNING:
                item.setIcon(0, self.warning_icon)
            else:
                item.setIcon(0, self.file_icon)

    def select_page(self, key: str) -> None:
        """Mark the page shown, and list its groups under it (the previous page's folded away)."""
        item = self.page_items.get(key)
        if item is None:
            return
        self.blockSignals(True)
        if self.grouped is not None and self.grouped is not item:
            self.grouped.setExpanded(False)
            self.grouped = None
        if item.childCount() and (item.child(0).data(0, ROLE) or ("",))[0] == "group":  # type: ignore[union-attr]
            item.setExpanded(True)
            self.grouped = item
        self.setCurrentItem(item)
        self.blockSignals(False)

    def group_item(self, key: str, group: str) -> QTreeWidgetItem | None:
        item = self.page_items.get(key)
        for index in range(item.childCount() if item is not None else 0):
            child = item.child(index)   # type: ignore[union-attr]
            if child is not None and tuple(child.data(0, ROLE) or ()) == ("group", key, group):
                return child
        return None
