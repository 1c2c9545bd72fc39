"""The evidence button beside a figure or a task: how many documents prove it, which ones
(its tooltip cites them), and the evidence dialog one click away (or from the field's
right-click menu, "Tài liệu kiểm chứng...": the button takes no Tab stop, so Tab still goes
from figure to figure).

It reads the session's evidence (what the PDF annex lists), never the data file, and
follows `evidence_changed`: a page of sixty figures costs no query to draw.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QToolButton, QWidget

from cchc_desktop.domain.evidence import TargetKind
from cchc_desktop.domain.evidence_items import EvidenceTarget
from cchc_desktop.domain.units import Text
from cchc_desktop.gui.evidence_dialog import EvidenceDialog
from cchc_desktop.gui.session import ReportSession
from cchc_desktop.i18n import _


class EvidenceButton(QToolButton):
    def __init__(self, session: ReportSession, kind: TargetKind, key: str,
                 label: Callable[[], str], parent: QWidget | None = None) -> None:
        """`label`: the item in words when the dialog opens (a task's text changes as typed)."""
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.key = key
        self.label = label
        self.dialog: EvidenceDialog | None = None
        self.setObjectName(f"evidence:{kind.value}:{key}")
        self.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon))
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

    def set_key(self, key: str) -> None:
        """A task's row moved: the button now stands for the task at `key`."""
        if key != self.key:
            self.key = key
            self.setObjectName(f"evidence:{self.kind.value}:{key}")
            self.show_count()

    def count(self) -> int:
        return len(self.session.evidence_for(self.kind, self.key))

    def show_count(self) -> None:
        citations = self.session.evidence_citations(self.kind, self.key)
        count = len(citations)
        # An icon and the count: beside sixty figures a word would push the page wider than a
        # laptop's room between the docks at 125%; the tooltip says the rest.
        self.setText(str(count) if count else "")
        lines = [_("Tài liệu kiểm chứng:")] + [f"• {line}" for line in citations] if citations \
            else [_("Chưa có tài liệu kiểm chứng. Bấm để đính kèm.")]
        self.setToolTip("\n".join(lines))
        self.setAccessibleName(_("Tài liệu kiểm chứng: {count}").format(count=count))

    def open_dialog(self) -> EvidenceDialog:
        """The item's evidence dialog, window-modal; the one already open is raised."""
        if self.dialog is None or not self.dialog.isVisible():
            target = EvidenceTarget(self.kind, self.key, Text(self.label()))
            self.dialog = EvidenceDialog(self.session, target, self.window())
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            self.dialog.destroyed.connect(self._forget)
            self.dialog.open()
        self.dialog.raise_()
        return self.dialog

    def _forget(self) -> None:
        self.dialog = None
