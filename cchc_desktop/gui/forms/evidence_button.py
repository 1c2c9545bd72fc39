"""The evidence control beside a figure or a task: how many documents prove it, which ones
(its tooltip cites them), and the evidence dialog one click away.

Beside a figure it is a button (EvidenceButton) that takes no Tab stop, so Tab still goes
from figure to figure; the field's right-click menu opens it too ("Tài liệu kiểm chứng...").
In a list of tasks it is a cell of the table (gui/forms/list_tables.py): three hundred rows
of buttons made every edit of the list lay out three hundred more widgets. Both read the
session's evidence (what the PDF annex lists), never the data file, and follow
`evidence_changed`: a page of sixty figures costs no query to draw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.evidence_items import EvidenceTarget
from cchc_desktop.domain.units import Text
from cchc_desktop.gui.evidence_dialog import EvidenceDialog
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


def evidence_icon(widget: QWidget) -> QIcon:
    return widget.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)


def evidence_count_text(citations: Sequence[str]) -> str:
    """An icon and the count: beside sixty figures a word would push the page wider than a
    laptop's room between the docks at 125%; the tooltip says the rest."""
    return str(len(citations)) if citations else ""


def evidence_tooltip(citations: Sequence[str]) -> str:
    if not citations:
        return _("Chưa có tài liệu kiểm chứng. Bấm để đính kèm.")
    return "\n".join([_("Tài liệu kiểm chứng:"), *(f"• {line}" for line in citations)])


class EvidenceOpener:
    """Opens an item's evidence dialog, window-modal, and keeps it: the one already open for
    the same item is raised rather than a second made."""

    def __init__(self, session: ReportSession, parent: QWidget) -> None:
        self.session = session
        self.parent = parent
        self.dialog: EvidenceDialog | None = None
        self._key: tuple[TargetKind, str] | None = None

    def open(self, kind: TargetKind, key: str, label: str) -> EvidenceDialog:
        if self.dialog is None or self._key != (kind, key) or not self.dialog.isVisible():
            if self.dialog is not None:
                self.dialog.close()     # another item's, or closed and not yet deleted
            self.dialog = EvidenceDialog(self.session, EvidenceTarget(kind, key, Text(label)),
                                         self.parent.window())
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            self.dialog.finished.connect(self._forget)
            self._key = (kind, key)
            self.dialog.open()
        self.dialog.raise_()
        return self.dialog

    def _forget(self) -> None:
        self.dialog, self._key = None, None


class EvidenceButton(QToolButton):
    def __init__(self, session: ReportSession, kind: TargetKind, key: str,
                 label: Callable[[], str], parent: QWidget | None = None) -> None:
        """`label`: the item in words, read when the dialog opens."""
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.key = key
        self.label = label
        self.opener = EvidenceOpener(session, self)
        self.setObjectName(f"evidence:{kind.value}:{key}")
        self.setIcon(evidence_icon(self))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # As wide with no document as with 99: the line edits of a column stay aligned, and
        # nothing moves when a count appears.
        self.setText("99")
        self.setFixedWidth(self.sizeHint().width())
        self.clicked.connect(self.open_dialog)
        session.evidence_changed.connect(self.show_count)
        self.show_count()

    @property
    def dialog(self) -> EvidenceDialog | None:
        return self.opener.dialog

    def show_count(self) -> None:
        citations = self.session.evidence_citations(self.kind, self.key)
        self.setText(evidence_count_text(citations))
        self.setToolTip(evidence_tooltip(citations))
        self.setAccessibleName(_("Tài liệu kiểm chứng: {count}").format(count=len(citations)))

    def open_dialog(self) -> EvidenceDialog:
        return self.opener.open(self.kind, self.key, self.label())
