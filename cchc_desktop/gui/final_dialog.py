"""Before a report is marked final: what it still leaves empty or unexplained, to confirm or go back.

Errors never reach this dialog (they block marking final, below the window too); what
is shown here is the clerk's call: sections without narrative text print "Không có.",
figures left empty print as blanks, warnings without a justification reach the province
as they are.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.lifecycle import Readiness
from cchc_desktop.i18n import _


class ReadinessDialog(QDialog):
    def __init__(self, readiness: Readiness, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readinessDialog")
        self.setWindowTitle(_("Kiểm tra trước khi hoàn thành"))
        self.resize(640, 460)
        layout = QVBoxLayout(self)
        intro = QLabel(_("Báo cáo không còn lỗi, nhưng còn những mục dưới đây. Vẫn đánh dấu hoàn "
                         "thành, hoặc quay lại để bổ sung?"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("missing")
        self.tree.setHeaderHidden(True)
        groups = (
            (_("Mục chưa có nội dung (in ra \u201cKhông có.\u201d): {n}"),
             readiness.sections_without_text),
            (_("Chỉ tiêu chưa nhập số liệu: {n}"), readiness.empty_indicators),
            (_("Cảnh báo chưa có giải trình: {n}"),
             tuple(f.message for f in readiness.unjustified_warnings)),
        )
        for title, items in groups:
            if not items:
                continue
            top = QTreeWidgetItem(self.tree, [title.format(n=len(items))])
            for text in items:
                QTreeWidgetItem(top, [text])
            top.setExpanded(len(items) <= 8)
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(self)
        self.confirm = buttons.addButton(_("Vẫn đánh dấu hoàn thành"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.back = buttons.addButton(_("Quay lại bổ sung"), QDialogButtonBox.ButtonRole.RejectRole)
        self.back.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def groups(self) -> dict[str, list[str]]:
        """The titles and items shown (for the tests and the screenshot script)."""
        shown = {}
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            assert top is not None
            shown[top.text(0)] = [top.child(i).text(0) for i in range(top.childCount())]  # type: ignore[union-attr]
        return shown
