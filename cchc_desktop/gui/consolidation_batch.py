"""What a checked batch of the units' files shows in the consolidation dialog: the accepted and
the refused files, each new revision to confirm, each edited workbook's figures to choose.

The boxes themselves are in ui/consolidation_dialog.ui; this fills them from the back end's
ConsolidationPreview and answers what the clerk decided.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from cchc_desktop.gui.differences_chooser import DifferencesChooser
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.designer.ui_consolidation_dialog import Ui_ConsolidationDialog
    from cchc_desktop.imports.subordinates import ConsolidationPreview, Incoming


class RevisionBox(QGroupBox):
    """A unit that sent again: what changes, and the box to tick to take the new revision."""

    def __init__(self, item: Incoming, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        report = item.submission.report
        assert item.replaces is not None
        self.code = report.unit.code
        self.setObjectName(f"revision:{self.code}")
        self.setTitle(_("{unit}: lần gửi mới ({name})").format(unit=report.unit.name,
                                                              name=item.path.name))
        layout = QVBoxLayout(self)
        self.differences = QListWidget(self)
        self.differences.addItems(item.differences)
        self.differences.setMaximumHeight(130)
        layout.addWidget(self.differences)
        self.confirm = QCheckBox(_("Thay lần gửi {old} bằng lần gửi {new}").format(
            old=item.replaces.revision, new=report.revision), self)
        self.confirm.setObjectName(f"replace:{self.code}")
        layout.addWidget(self.confirm)


def accepted_text(item: Incoming) -> str:
    """'UBND xã A — xa-a.json, lần gửi 0 — có 2 lỗi — gửi lại', then who signed the package."""
    report = item.submission.report
    text = _("{unit} — {name}, lần gửi {revision}").format(
        unit=report.unit.name, name=item.path.name, revision=report.revision)
    if item.error_count:
        text += " — " + _("có {n} lỗi").format(n=item.error_count)
    if item.replaces is not None:
        text += " — " + _("gửi lại")
    if item.signature:
        text += "\n    " + "\n    ".join(item.signature)
    return text


class BatchView:
    """The import tab's boxes for one batch. `on_choice` is called when a figure is decided."""

    def __init__(self, ui: Ui_ConsolidationDialog, on_choice: Callable[[], None]) -> None:
        self.ui = ui
        self.on_choice = on_choice
        self.revisions: list[RevisionBox] = []
        self.choosers: dict[str, DifferencesChooser] = {}

    def show(self, preview: ConsolidationPreview | None) -> None:
        """Empty every box, then fill those the batch needs; None hides them all."""
        ui = self.ui
        ui.accepted.clear()
        ui.refused.clear()
        for box in self.revisions:
            ui.revisionsLayout.removeWidget(box)
            box.deleteLater()
        self.revisions = []
        for chooser_box in ui.editedWorkbooks.findChildren(QGroupBox):
            ui.editedLayout.removeWidget(chooser_box)
            chooser_box.deleteLater()
        self.choosers = {}
        if preview is None:
            for group in (ui.editedWorkbooks, ui.acceptedBox, ui.refusedBox, ui.revisionsBox):
                group.hide()
            return
        for item in preview.accepted:
            entry = QListWidgetItem(accepted_text(item))
            entry.setToolTip(str(item.path))
            ui.accepted.addItem(entry)
        for refused in preview.refused:
            entry = QListWidgetItem(refused.message)
            entry.setToolTip(str(refused.path))
            ui.refused.addItem(entry)
        for item in preview.new_revisions:
            box = RevisionBox(item, ui.revisionsBox)
            ui.revisionsLayout.addWidget(box)
            self.revisions.append(box)
        for item in preview.accepted:
            if item.visible_differences:
                self._add_edited(item)
        ui.editedWorkbooks.setVisible(bool(self.choosers))
        ui.acceptedBox.setVisible(bool(preview.accepted))
        ui.refusedBox.setVisible(bool(preview.refused))
        ui.revisionsBox.setVisible(bool(self.revisions))

    def _add_edited(self, item: Incoming) -> None:
        code = item.submission.report.unit.code
        edited = QGroupBox(_("{unit} ({name})").format(unit=item.submission.report.unit.name,
                                                        name=item.path.name), self.ui.editedWorkbooks)
        box_layout = QVBoxLayout(edited)
        chooser = DifferencesChooser(item.visible_differences, edited)
        chooser.setObjectName(f"differences:{code}")
        chooser.changed.connect(self.on_choice)
        box_layout.addWidget(chooser)
        self.ui.editedLayout.addWidget(edited)
        self.choosers[code] = chooser

    def summary(self, preview: ConsolidationPreview) -> str:
        return _("{files} tệp: {accepted} hợp lệ ({revisions} gửi lại), {refused} không "
                 "nhận.").format(files=len(preview.accepted) + len(preview.refused),
                                 accepted=len(preview.accepted), revisions=len(self.revisions),
                                 refused=len(preview.refused))

    def decided(self) -> bool:
        """Every edited workbook's figures chosen."""
        return all(chooser.complete() for chooser in self.choosers.values())

    def visible_choices(self) -> dict[str, set[str]]:
        return {code: chooser.visible_codes() for code, chooser in self.choosers.items()}

    def confirmed_codes(self) -> set[str]:
        return {box.code for box in self.revisions if box.confirm.isChecked()}
