"""The one builder that turns a template section into a form page.

Nothing here names an indicator: groups, their layout, the lists a section holds and
whether it has a narrative all come from the template, so a new template version
needs no code change.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QWidget

from cchc_desktop.domain.template import Section, Severity
from cchc_desktop.gui.forms.extra_figures import ExtraFiguresGroup
from cchc_desktop.gui.forms.list_group import ListGroup, header
from cchc_desktop.gui.forms.list_specs import DOCUMENTS, PROPOSALS, TASKS
from cchc_desktop.gui.forms.list_tables import ListTable
from cchc_desktop.gui.forms.narrative import NarrativeEditor
from cchc_desktop.gui.forms.page import SectionPage
from cchc_desktop.gui.forms.table_group import TableGroup
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _


def section_heading(section: Section, depth: int = 0) -> str:
    return f"{section.number}. {section.title}"


def has_content(section: Section) -> bool:
    return bool(section.groups or section.narrative or section.checklist or section.proposals
                or section.documents)


def add_section_content(page: SectionPage, section: Section, session: ReportSession, *,
                        extras: bool = True) -> None:
    """The section's groups, its extra figures (after the template's, `extras`), its lists
    and its narrative."""
    for group in section.groups:
        box = TableGroup(group, session, page.body) if group.layout == "table" \
            else ListGroup(group, session, page.body)
        page.add(box)
        page.fields.update(box.fields)
        page.groups[group.id] = box
        page.group_codes[group.id] = list(box.fields)
    if extras:
        add_extra_figures(page, section, session)
    for flag, spec in (("checklist", TASKS), ("documents", DOCUMENTS), ("proposals", PROPOSALS)):
        if getattr(section, flag):
            table = ListTable(spec, section.id, session, page.body)
            page.add(table)
            page.lists.append(table)
    if section.narrative:
        editor = NarrativeEditor(section, session, page.body)
        page.add(editor)
        page.narratives.append(editor)


def add_extra_figures(page: SectionPage, section: Section, session: ReportSession) -> None:
    """Số liệu bổ sung: every section page has the figures the unit adds to its section."""
    group = ExtraFiguresGroup(section, session, page.body)
    page.add(group)
    page.extras.append(group)


class OverviewPage(SectionPage):
    """A parent section whose children hold the figures: progress of each, one click away."""

    navigate = Signal(str)

    def __init__(self, section: Section, depth: int, session: ReportSession,
                 parent: QWidget | None = None) -> None:
        super().__init__(section.id, parent)
        self.section = section
        self.session = session
        self.add_heading(section_heading(section, depth))
        self.add_help(str(section.help))
        box = QGroupBox(_("Các lĩnh vực của mục này"), self.body)
        self.grid = QGridLayout(box)
        self.grid.setHorizontalSpacing(18)
        self.grid.setColumnStretch(0, 1)
        for col, title in enumerate((_("Lĩnh vực"), _("Số liệu đã nhập"), _("Lỗi"), _("Cảnh báo"))):
            align = Qt.AlignmentFlag.AlignLeft if col == 0 else Qt.AlignmentFlag.AlignRight
            self.grid.addWidget(header(title, box, align), 0, col)
        self.cells: dict[str, list[QLabel]] = {}
        for row, child in enumerate(section.children, start=1):
            # A link that wraps: a button keeps a long title ("6. Xây dựng và phát triển Chính
            # quyền điện tử, ...") on one line, wider than a laptop's page at 125%.
            link = QLabel(f'<a href="{html.escape(child.id)}">'
                          f'{html.escape(section_heading(child, depth + 1))}</a>', box)
            link.setObjectName(f"open:{child.id}")
            link.setWordWrap(True)
            link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                         | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            link.linkActivated.connect(self.navigate)
            self.grid.addWidget(link, row, 0)
            labels = [QLabel(box) for _col in range(3)]
            for col, label in enumerate(labels, start=1):
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.grid.addWidget(label, row, col)
            self.cells[child.id] = labels
        self.add(box)
        add_extra_figures(self, section, session)
        self.finish()
        session.context_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        template, report = self.session.template, self.session.report
        for child in self.section.children:
            ids = {s.id for s, _d in _walk(child)}
            codes = [c for c, ind in template.indicators.items()
                     if ind.section_id in ids and not ind.derived and self.session.indicator_shown(ind)]
            entered = sum(1 for c in codes if c in report.values)
            findings = [f for f in self.session.context.findings if f.section in ids]
            errors = sum(1 for f in findings if f.severity is Severity.ERROR)
            warnings = len(findings) - errors
            progress, error_label, warning_label = self.cells[child.id]
            progress.setText(f"{entered}/{len(codes)}")
            error_label.setText(str(errors) if errors else "")
            set_tone(error_label, "error-strong" if errors else None)
            warning_label.setText(str(warnings) if warnings else "")


def _walk(section: Section, depth: int = 0):  # type: ignore[no-untyped-def]
    yield section, depth
    for child in section.children:
        yield from _walk(child, depth + 1)


def build_page(section: Section, depth: int, session: ReportSession,
               parent: QWidget | None = None) -> SectionPage:
    """The page of `section`: its own content, its children stacked, or an overview."""
    if not has_content(section) and any(child.groups for child in section.children):
        return OverviewPage(section, depth, session, parent)
    page = SectionPage(section.id, parent)
    page.add_heading(section_heading(section, depth))
    page.add_help(str(section.help))
    add_section_content(page, section, session)
    if not has_content(section):
        # Light children (narrative only, like "Ưu điểm" / "Hạn chế") read best together.
        for child, child_depth in list(_walk(section))[1:]:
            page.add_heading(section_heading(child, depth + child_depth), level=1)
            page.add_help(str(child.help))
            add_section_content(page, child, session, extras=False)
    page.finish()
    return page
