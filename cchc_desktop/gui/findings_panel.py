"""The findings of the open report, errors first, updated as the clerk types.

Double-clicking a finding asks the window to jump to its field; a warning can be
justified with a note, stored on the finding's first figure and printed in the annex.
Fields being corrected (a refused text, not saved) come first: the findings are those
of the saved values, and these rows say which fields do not hold what they show.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidgetItem, QStyle, QWidget

from cchc_desktop.domain.findings import finding_text
from cchc_desktop.domain.header_checks import HEADER_SECTION
from cchc_desktop.domain.rules import Finding
from cchc_desktop.domain.template import Severity
from cchc_desktop.exchange.text_limits import length_problem
from cchc_desktop.gui.commands import SetNoteCommand, push
from cchc_desktop.gui.designer.ui_findings_panel import Ui_FindingsPanel
from cchc_desktop.gui.forms.keys import defer_undo_keys
from cchc_desktop.gui.session import Correction, ReportSession
from cchc_desktop.gui.style import colour
from cchc_desktop.i18n import _

ROLE = Qt.ItemDataRole.UserRole


def finding_key(finding: Finding) -> tuple[str, tuple[str, ...], str]:
    return finding.rule, finding.codes, finding.section


def correction_text(correction: Correction) -> str:
    """'Đang sửa: Tổng số hồ sơ – “1.234,5” chưa được lưu (Chỉ nhập số nguyên.)'."""
    return _("Đang sửa: {label} – “{text}” chưa được lưu ({problem})").format(
        label=correction.label, text=correction.text, problem=correction.problem)


def shown_text(finding: Finding) -> str:
    """The finding's sentence; a justified warning says so first, beside its own icon."""
    if finding.justified:
        return _("Đã giải trình: {finding}").format(finding=finding_text(finding))
    return finding_text(finding)


class FindingsPanel(QWidget):
    jump_requested = Signal(object)  # Finding
    correction_requested = Signal(str)  # the key of a field being corrected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session: ReportSession | None = None
        # The layout and the fixed texts are ui/findings_panel.ui.
        self.ui = ui = Ui_FindingsPanel()
        ui.setupUi(self)
        self.summary, self.list, self.note_label = ui.summary, ui.findingsList, ui.noteLabel
        self.note = ui.justification
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        self.list.currentItemChanged.connect(self._selected)
        defer_undo_keys(self.note)
        self.note.textChanged.connect(self._note_typed)
        # The icon tells the severity, so it is not told by the colour of errors alone
        # (tests/gui/test_style.py).
        style = self.style()
        self.icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            # A justified warning is no longer a warning to act on: a check, not the triangle.
            "justified": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
        }
        self.retranslate()
        self.bind(None)

    def retranslate(self) -> None:
        self.ui.retranslateUi(self)
        self.refresh()

    def bind(self, session: ReportSession | None) -> None:
        if self.session is not None:
            self.session.context_changed.disconnect(self.refresh)
            self.session.corrections_changed.disconnect(self.refresh)
        self.session = session
        if session is not None:
            session.context_changed.connect(self.refresh)
            session.corrections_changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ showing
    def findings(self) -> list[Finding]:
        return list(self.session.context.findings) if self.session else []

    def refresh(self) -> None:
        current = self.current_finding()
        findings = self.findings()
        self.list.blockSignals(True)
        self.list.clear()
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        corrections = self.session.corrections() if self.session else ()
        for correction in corrections:
            item = QListWidgetItem(correction_text(correction))
            item.setIcon(self.icons[Severity.ERROR])
            item.setData(ROLE, correction)
            item.setForeground(colour("error"))
            item.setToolTip(_("Ô này đang hiện giá trị không hợp lệ nên chưa được lưu; tổng và "
                              "phát hiện dùng giá trị đã lưu. Nhấp đúp để đến ô đó."))
            self.list.addItem(item)
        for finding in findings:
            item = QListWidgetItem(shown_text(finding))
            icon: QIcon = self.icons["justified" if finding.justified else finding.severity]
            item.setIcon(icon)
            item.setData(ROLE, finding)
            if finding.severity is Severity.ERROR:
                item.setForeground(colour("error"))
            if finding.justified:
                item.setToolTip(_("Cảnh báo đã có giải trình (in ở phụ lục). Nhấp đúp để đến ô số "
                                  "liệu liên quan."))
            self.list.addItem(item)
            if current is not None and finding_key(finding) == finding_key(current):
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.session is None:
            self.summary.setText(_("Chưa mở báo cáo nào."))
        elif corrections:
            self.summary.setText(_("{n} ô đang sửa, chưa được lưu; {errors} lỗi, {warnings} cảnh "
                                   "báo theo số liệu đã lưu.").format(
                                       n=len(corrections), errors=errors,
                                       warnings=len(findings) - errors))
        elif not findings:
            self.summary.setText(_("Không có lỗi hay cảnh báo nào. Số liệu khớp nhau."))
        elif errors:
            self.summary.setText(_("{errors} lỗi, {warnings} cảnh báo. Lỗi phải sửa trước khi "
                                   "hoàn thành báo cáo.").format(errors=errors,
                                                               warnings=len(findings) - errors))
        else:
            self.summary.setText(_("{warnings} cảnh báo, không có lỗi. Cảnh báo có thể giải trình."
                                   ).format(warnings=len(findings)))
        self._selected()

    def current_finding(self) -> Finding | None:
        item = self.list.currentItem()
        finding = item.data(ROLE) if item is not None else None
        return finding if isinstance(finding, Finding) else None

    def select_next(self) -> Finding | None:
        """The finding after the selected one (the first after the last) selected and returned;
        None when there is none."""
        findings = self.findings()
        if not findings:
            return None
        current = self.current_finding()
        index = findings.index(current) + 1 if current in findings else 0
        finding = findings[index % len(findings)]
        self.select(finding)
        return finding

    def select(self, finding: Finding) -> None:
        for row in range(self.list.count()):
            shown = self.list.item(row).data(ROLE)
            if isinstance(shown, Finding) and finding_key(shown) == finding_key(finding):
                self.list.setCurrentRow(row)
                return

    def _activated(self, item: QListWidgetItem) -> None:
        data = item.data(ROLE)
        if isinstance(data, Correction):
            self.correction_requested.emit(data.key)
        else:
            self.jump_requested.emit(data)

    # ------------------------------------------------------------------ justification
    def justifiable(self, finding: Finding | None) -> bool:
        return (finding is not None and finding.severity is Severity.WARNING and bool(finding.codes)
                and self.session is not None and not self.session.locked)

    def _selected(self, *_args: object) -> None:
        finding = self.current_finding()
        can = self.justifiable(finding)
        self.note.setEnabled(can)
        if finding is None:
            self.note_label.setText(_("Chọn một cảnh báo để ghi giải trình."))
            text = ""
        elif finding.severity is Severity.ERROR:
            self.note_label.setText(_("Lỗi không giải trình được: hãy sửa số liệu."))
            text = ""
        elif not finding.codes and finding.section == HEADER_SECTION:
            # the issue date against the period: corrected where it is typed
            self.note_label.setText(_("Hãy sửa trên trang Thông tin báo cáo."))
            text = ""
        elif not finding.codes:
            self.note_label.setText(_("Hãy sửa câu chữ trong phần văn bản."))
            text = ""
        else:
            self.note_label.setText(_("Giải trình:"))
            assert self.session is not None
            text = self.session.report.notes.get(finding.codes[0], "")
        if text != self.note.toPlainText():
            self.note.blockSignals(True)
            self.note.setPlainText(text)
            self.note.blockSignals(False)

    def _note_typed(self) -> None:
        finding = self.current_finding()
        if not self.justifiable(finding) or self.session is None:
            return
        assert finding is not None
        code = finding.codes[0]
        text = self.note.toPlainText()
        # A note longer than the exchange format keeps is not pushed: storage would refuse it
        # and hold every later save back. The label says why until it fits again.
        problem = length_problem("note", text)
        self.note_label.setText(problem or _("Giải trình:"))
        if problem is None and text != self.session.report.notes.get(code, ""):
            push(self.session, SetNoteCommand(self.session, code, text))
