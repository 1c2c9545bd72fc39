"""Before a report is marked final: what it still leaves empty or unexplained, to confirm or go back.

Errors never reach this dialog (they block marking final, below the window too); what
is shown here is the clerk's call: sections without narrative text print "Không có.",
figures left empty print as blanks, warnings without a justification reach the province
as they are. The dialog's layout is ui/final_dialog.ui.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from cchc_desktop.domain.lifecycle import Readiness
from cchc_desktop.gui.designer.ui_final_dialog import Ui_ReadinessDialog
from cchc_desktop.i18n import _


class ReadinessDialog(QDialog):
    def __init__(self, readiness: Readiness, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui = Ui_ReadinessDialog()
        ui.setupUi(self)
        self.tree: QTreeWidget = ui.missing
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
        self.confirm: QPushButton = ui.confirm
        self.back: QPushButton = ui.back
        ui.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        ui.buttons.addButton(self.back, QDialogButtonBox.ButtonRole.RejectRole)
        self.back.setDefault(True)
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)

    def groups(self) -> dict[str, list[str]]:
        """The titles and items shown (for the tests and the screenshot script)."""
        shown = {}
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            assert top is not None
            shown[top.text(0)] = [top.child(i).text(0) for i in range(top.childCount())]  # type: ignore[union-attr]
        return shown
