"""Tài liệu kiểm chứng of one item of the report: a figure or a task of the checklist.

The dialog lists the documents attached to the item and changes them only through the
session (gui/session.py), which writes at once and reads the report's evidence again: the
fields' buttons count it and the next PDF lists it in its evidence annex. What a file may be
and how a document is described are the storage's and the domain's rules
(storage/evidence.py, domain/evidence.py): a file is checked as soon as it is chosen, before
the clerk describes it, and the description is checked field by field with the domain's
own check, its sentence under the field. A document already in the data file can prove
several items: "Dùng tài liệu đã có..." attaches it again, its file is stored once.

A report that is final or submitted takes no change: its documents can be seen and opened.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QWidget

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.evidence import EvidenceDocument, EvidenceMeta, citation, meta_problem
from cchc_desktop.domain.evidence_items import EvidenceTarget
from cchc_desktop.gui import desktop_open, file_dialogs
from cchc_desktop.gui.designer.ui_evidence_dialog import Ui_EvidenceDialog
from cchc_desktop.gui.style import set_tone
from cchc_desktop.i18n import _

if TYPE_CHECKING:
    from cchc_desktop.gui.session import ReportSession

EVIDENCE_DIR_SETTING = "evidence_dir"
ID_ROLE = Qt.ItemDataRole.UserRole
LIST_PAGE, META_PAGE, PICK_PAGE = range(3)
# A stand-in for the fields not being checked: meta_problem judges one field at a time.
PROBE_TITLE = "x"


def _fill_table(table: QTableWidget, documents: list[EvidenceDocument]) -> None:
    table.setRowCount(len(documents))
    for row, document in enumerate(documents):
        cells = (citation(document.meta), document.file_name, file_dialogs.format_size(document.size))
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(ID_ROLE, document.id)
            cell.setToolTip(text)
            table.setItem(row, column, cell)
    _fit_rows(table)
    if documents:
        table.selectRow(0)


def _fit_rows(table: QTableWidget) -> None:
    """A citation wraps in the stretched column: its rows are measured once the columns have
    their widths (measured before the table is laid out, they are many lines tall)."""
    QTimer.singleShot(0, table, table.resizeRowsToContents)


def _prepare_table(table: QTableWidget) -> None:
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)


def _chosen(table: QTableWidget) -> int | None:
    row = table.currentRow()
    cell = table.item(row, 0) if row >= 0 else None
    return int(cell.data(ID_ROLE)) if cell is not None else None


def _say(label: QLabel, text: str, tone: str = "error") -> None:
    label.setText(text)
    set_tone(label, tone)
    label.setVisible(bool(text))


def field_problems(meta: EvidenceMeta) -> dict[str, str]:
    """The domain's sentence for each field of the description it refuses, by field name."""
    probes = {"title": EvidenceMeta(meta.title),
              "number": EvidenceMeta(PROBE_TITLE, number=meta.number),
              "date": EvidenceMeta(PROBE_TITLE, issued_on=meta.issued_on),
              "issuer": EvidenceMeta(PROBE_TITLE, issuer=meta.issuer)}
    return {name: problem for name, probe in probes.items() if (problem := meta_problem(probe))}


class EvidenceDialog(QDialog):
    def __init__(self, session: ReportSession, target: EvidenceTarget,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EvidenceDialog()
        self.ui.setupUi(self)
        self.session = session
        self.target = target
        self.path: Path | None = None      # the file being described on the second page
        self.opened: list[Path] = []       # the copies given to the PC's programs
        self.ui.targetLabel.setText(str(target.label))
        for table in (self.ui.documentsTable, self.ui.libraryTable):
            _prepare_table(table)
        self.ui.documentsTable.itemSelectionChanged.connect(self.show_lock)
        self.ui.documentsTable.itemDoubleClicked.connect(lambda _item: self.open_document())
        self.ui.libraryTable.itemDoubleClicked.connect(lambda _item: self.use_chosen())
        self.ui.addButton.clicked.connect(self.choose_file)
        self.ui.reuseButton.clicked.connect(self.show_library)
        self.ui.detachButton.clicked.connect(self.detach)
        self.ui.openButton.clicked.connect(self.open_document)
        self.ui.attachButton.clicked.connect(self.attach_file)
        self.ui.useButton.clicked.connect(self.use_chosen)
        self.ui.metaBackButton.clicked.connect(self.back)
        self.ui.pickBackButton.clicked.connect(self.back)
        self.ui.buttons.rejected.connect(self.reject)
        session.evidence_changed.connect(self.fill)
        session.status_changed.connect(self.show_lock)
        for label in (self.ui.listMessage, self.ui.metaMessage, self.ui.pickMessage,
                      self.ui.numberMessage, self.ui.dateMessage, self.ui.issuerMessage,
                      self.ui.titleMessage):
            label.hide()
        self.ui.pages.setCurrentIndex(LIST_PAGE)
        self.fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for table in (self.ui.documentsTable, self.ui.libraryTable):
            _fit_rows(table)

    # ------------------------------------------------------------------ the documents attached
    def attached(self) -> list[EvidenceDocument]:
        return [a.document for a in self.session.attached_evidence(self.target.kind, self.target.key)]

    def fill(self) -> None:
        documents = self.attached()
        _fill_table(self.ui.documentsTable, documents)
        self.ui.emptyLabel.setVisible(not documents)
        self.show_lock()

    def show_lock(self) -> None:
        """A final or submitted report's documents are seen and opened, not changed."""
        locked = self.session.locked
        self.ui.lockedLabel.setVisible(locked)
        chosen = _chosen(self.ui.documentsTable) is not None
        self.ui.addButton.setEnabled(not locked)
        self.ui.reuseButton.setEnabled(not locked)
        self.ui.detachButton.setEnabled(not locked and chosen)
        self.ui.openButton.setEnabled(chosen)
        if locked and self.ui.pages.currentIndex() != LIST_PAGE:
            self.back()

    def back(self) -> None:
        self.path = None
        self.ui.pages.setCurrentIndex(LIST_PAGE)

    def _change(self, label: QLabel, change: Callable[[], object]) -> bool:
        """Run a change through the session; its refusal (locked, a file refused, the disk) is
        said in `label` and nothing else happens."""
        try:
            change()
        except KnownError as error:
            _say(label, error.message)
            return False
        _say(label, "")
        return True

    def detach(self) -> None:
        document_id = _chosen(self.ui.documentsTable)
        if document_id is not None:
            self._change(self.ui.listMessage, lambda: self.session.detach_evidence(
                document_id, self.target.kind, self.target.key))

    # ------------------------------------------------------------------ a new file
    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self, self.session, EVIDENCE_DIR_SETTING, _("Chọn tài liệu kiểm chứng"),
            _("Tài liệu kiểm chứng (*.pdf *.docx *.doc *.png *.jpg *.jpeg);;Mọi tệp (*)"))
        if path is None:
            return
        # Refused now (not a PDF, Word or image, too big, unreadable) rather than after the
        # clerk has described it.
        if not self._change(self.ui.listMessage, lambda: self.session.check_evidence_file(path)):
            return
        self.path = path
        self.ui.fileLabel.setText(_("Tệp: {name}").format(name=path.name))
        for edit in (self.ui.numberEdit, self.ui.issuerEdit, self.ui.titleEdit):
            edit.clear()
        self.ui.dateField.set_value(None)
        self._show_problems({})
        _say(self.ui.metaMessage, "")
        self.ui.pages.setCurrentIndex(META_PAGE)
        self.ui.numberEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def described(self) -> EvidenceMeta | None:
        """The description typed, or None (each refused field says why under it)."""
        self.ui.dateField.commit_text()
        meta = EvidenceMeta(self.ui.titleEdit.text(), self.ui.numberEdit.text(),
                            self.ui.dateField.value(), self.ui.issuerEdit.text())
        problems = field_problems(meta)
        self._show_problems(problems)
        if problems or self.ui.dateField.problem():
            return None
        return meta

    def _show_problems(self, problems: dict[str, str]) -> None:
        for name, label in (("title", self.ui.titleMessage), ("number", self.ui.numberMessage),
                            ("date", self.ui.dateMessage), ("issuer", self.ui.issuerMessage)):
            _say(label, problems.get(name, ""))

    def attach_file(self) -> None:
        meta, path = self.described(), self.path
        if meta is None or path is None:
            return
        if self._change(self.ui.metaMessage, lambda: self.session.add_evidence(
                meta, path, self.target.kind, self.target.key)):
            self.back()

    # ------------------------------------------------------------------ a document already there
    def show_library(self) -> None:
        attached = {document.id for document in self.attached()}
        documents = [d for d in self.session.unit_evidence_documents() if d.id not in attached]
        _fill_table(self.ui.libraryTable, documents)
        _say(self.ui.pickMessage, "" if documents else _(
            "Tệp dữ liệu chưa có tài liệu nào khác của đơn vị: hãy dùng \u201cThêm tài liệu...\u201d."),
            "muted")
        self.ui.useButton.setEnabled(bool(documents))
        self.ui.pages.setCurrentIndex(PICK_PAGE)

    def use_chosen(self) -> None:
        document_id = _chosen(self.ui.libraryTable)
        if document_id is not None and self._change(
                self.ui.pickMessage, lambda: self.session.attach_evidence(
                    document_id, self.target.kind, self.target.key)):
            self.back()

    # ------------------------------------------------------------------ opening a file
    def open_document(self) -> None:
        """The stored file, copied to a temporary folder, opened in the PC's program for it."""
        document_id = _chosen(self.ui.documentsTable)
        document = next((d for d in self.attached() if d.id == document_id), None)
        if document is None:
            return
        try:
            content = self.session.evidence_content(document.id)
            folder = Path(tempfile.mkdtemp(prefix="cchc-kiem-chung-"))
            # The stored name without any folder in it: the copy stays in the folder made here.
            copy = folder / (Path(document.file_name).name or f"tai-lieu.{document.kind.value}")
            copy.write_bytes(content)
        except KnownError as error:
            _say(self.ui.listMessage, error.message)
            return
        except OSError as error:
            _say(self.ui.listMessage, _("Không chép được tệp ra thư mục tạm: {reason}").format(
                reason=error.strerror or error))
            return
        self.opened.append(copy)
        if desktop_open.open_url(copy):
            _say(self.ui.listMessage, _("Đã mở {name}.").format(name=copy.name), "muted")
        else:
            _say(self.ui.listMessage, _("Máy này không có chương trình mở được tệp {name}. Tệp đã "
                                        "được chép ra {path}.").format(name=copy.name, path=copy))
