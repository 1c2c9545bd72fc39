"""Tệp > Nhập báo cáo Word: a .docx read off the GUI thread, previewed, the clerk's choices applied.

The preview lists what the reader (imports/word.py) found: the header fields next to the
report's own, each Word heading with the template section it goes to (or "Bỏ qua"), and the
figures with the sentence each came from. Nothing changes until "Áp dụng"; the back end
(imports/word_apply.py, through the report's session) takes a restore point and writes all of
it in one transaction, or none. The window then reloads the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import (
    NumberParseError,
    document_number,
    format_number,
    parse_number,
    short_date,
)
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.designer.ui_word_import_dialog import Ui_WordImportDialog
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.worker import BackgroundTask, run_while_busy
from cchc_desktop.i18n import _

if TYPE_CHECKING:  # python-docx and SQLAlchemy load with the first import
    from cchc_desktop.domain.report import Report
    from cchc_desktop.domain.template import Template
    from cchc_desktop.gui.session import ReportSession
    from cchc_desktop.imports.word import Header, WordProposal
    from cchc_desktop.imports.word_apply import WordChoices

WORD_DIR_SETTING = "word_import_dir"
CHECKED = Qt.CheckState.Checked


class WordImportDialog(QDialog):
    """The proposal, three tabs of choices; "Áp dụng" (when something is chosen) or "Hủy".

    The layout and fixed texts are ui/word_import_dialog.ui; the rows come from the proposal
    and the report as it stands (`report`, `template`).
    """

    def __init__(self, proposal: WordProposal, report: Report, template: Template,
                 source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WordImportDialog()
        self.ui.setupUi(self)
        self.proposal, self.report, self.template, self.source = proposal, report, template, source
        issuer = proposal.header.issuer
        self.ui.heading.setText(_(
            "Tệp <b>{name}</b>{issuer}. Chọn những gì lấy vào báo cáo {period} của {unit}:"
        ).format(name=source.name, period=report.period.label, unit=report.unit.name,
                 issuer=_(" (cơ quan ban hành: {issuer})").format(issuer=issuer) if issuer else ""))
        self.header_codes: list[str] = []
        self.section_combos: list[QComboBox] = []
        self.figure_codes: list[str] = []
        self._fill_header()
        self._fill_sections()
        self._fill_figures()
        self.ui.sections.currentCellChanged.connect(lambda row, *_: self._show_narrative(row))
        if self.section_combos:
            self.ui.sections.setCurrentCell(0, 0)
        self.buttons = self.ui.buttons
        self.apply_button: QPushButton = self.buttons.addButton(
            _("Áp dụng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("apply")
        self.apply_button.setDefault(True)
        cancel = self.buttons.addButton(_("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.choices_made: WordChoices | None = None

    # ------------------------------------------------------------------ the three tabs
    def _fill_header(self) -> None:
        from cchc_desktop.imports.word_apply import HEADER_FIELDS  # start-up: with the import

        table, header = self.ui.headerFields, self.proposal.header
        current = _current_header(self.report)
        table.setRowCount(len(HEADER_FIELDS))
        for row, (name, label) in enumerate(HEADER_FIELDS):
            proposed = _proposed_header(header, name)
            take = QTableWidgetItem(_(label))
            take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                          | (Qt.ItemFlag.ItemIsEnabled if proposed else Qt.ItemFlag.NoItemFlags))
            take.setCheckState(CHECKED if proposed and proposed != current[name]
                               else Qt.CheckState.Unchecked)
            if not proposed:
                take.setToolTip(_("Báo cáo Word không có mục này."))
            table.setItem(row, 0, take)
            table.setItem(row, 1, QTableWidgetItem(current[name] or _("(trống)")))
            table.setItem(row, 2, QTableWidgetItem(proposed or _("(không có)")))
            self.header_codes.append(name)
        _fit(table)

    def _fill_sections(self) -> None:
        table = self.ui.sections
        sections = self.proposal.sections
        table.setRowCount(len(sections))
        taken: set[str] = set()
        for row, match in enumerate(sections):
            heading = QTableWidgetItem(match.heading)
            heading.setToolTip(match.heading)
            table.setItem(row, 0, heading)
            combo = QComboBox(table)
            combo.setObjectName(f"section_{row}")
            combo.addItem(_("Bỏ qua"), None)
            for section, depth in self.template.walk():
                combo.addItem("    " * depth + str(section.title), section.id)
            text = match.narrative.plain_text().strip()
            # A heading without text (a part's title) and a second heading for the same section
            # start as "Bỏ qua": neither should wipe out what the section already holds.
            if match.section_id and text and match.section_id not in taken:
                combo.setCurrentIndex(max(0, combo.findData(match.section_id)))
                taken.add(match.section_id)
            table.setCellWidget(row, 1, combo)
            self.section_combos.append(combo)
            first = text.splitlines()[0] if text else _("(không có nội dung)")
            preview = QTableWidgetItem(first)
            preview.setToolTip(text[:1000])
            table.setItem(row, 2, preview)
        _fit(table)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _show_narrative(self, row: int) -> None:
        sections = self.proposal.sections
        text = sections[row].narrative.plain_text() if 0 <= row < len(sections) else ""
        self.ui.narrativePreview.setPlainText(text)

    def _fill_figures(self) -> None:
        table = self.ui.figures
        figures = [f for f in self.proposal.figures if f.code in self.template.indicators]
        table.setRowCount(len(figures))
        for row, figure in enumerate(figures):
            indicator = self.template.indicators[figure.code]
            take = QTableWidgetItem(str(indicator.label))
            take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            old = self.report.values.get(figure.code)
            # Ticked when it would change the report: a figure the report already holds is
            # there to compare with, not to write again.
            take.setCheckState(CHECKED if old is None or _differs(figure.value, old)
                               else Qt.CheckState.Unchecked)
            take.setToolTip(figure.code)
            table.setItem(row, 0, take)
            current = QTableWidgetItem(format_number(old, indicator.decimals) if old is not None
                                       else _("(trống)"))
            current.setFlags(current.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 1, current)
            table.setItem(row, 2, QTableWidgetItem(_shown_value(figure.value)))
            sentence = QTableWidgetItem(figure.sentence)
            sentence.setToolTip(figure.sentence)
            sentence.setFlags(sentence.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 3, sentence)
            self.figure_codes.append(figure.code)
        _fit(table)
        if not figures:
            self.ui.figuresHint.setText(_("Không tìm thấy số liệu nào của mẫu báo cáo trong các "
                                          "câu của báo cáo Word."))

    # ------------------------------------------------------------------ the choices
    def choices(self) -> WordChoices:
        """What the clerk chose, or KnownError (a value that is no number, a section twice)."""
        from cchc_desktop.imports.word_apply import WordChoices  # start-up: with the import

        header_fields = frozenset(
            name for row, name in enumerate(self.header_codes)
            if _item(self.ui.headerFields, row, 0).checkState() == CHECKED)
        narratives = {}
        for combo, match in zip(self.section_combos, self.proposal.sections, strict=True):
            section_id = combo.currentData()
            if section_id is None:
                continue
            if section_id in narratives:
                raise KnownError(_("Hai đề mục trong Word cùng đưa vào mục \u201c{section}\u201d; "
                                   "hãy chọn \u201cBỏ qua\u201d cho một đề mục.").format(
                    section=combo.currentText().strip()))
            narratives[str(section_id)] = match.narrative
        values: dict[str, str] = {}
        for row, code in enumerate(self.figure_codes):
            if _item(self.ui.figures, row, 0).checkState() != CHECKED:
                continue
            text = _item(self.ui.figures, row, 2).text()
            label = _item(self.ui.figures, row, 0).text()
            try:
                value = parse_number(text)
            except NumberParseError as exc:
                raise KnownError(f"{label}: {exc}") from exc
            if value is None:
                raise KnownError(_("{label}: chưa có giá trị; bỏ đánh dấu nếu không lấy số liệu "
                                   "này.").format(label=label))
            values[code] = str(value)
        return WordChoices(header=self.proposal.header, header_fields=header_fields,
                           narratives=narratives, values=values, source_name=self.source.name)

    def accept(self) -> None:
        """Closed only with choices that can be applied; otherwise the problem is shown."""
        try:
            choices = self.choices()
        except KnownError as exc:
            self._problem(exc.message)
            return
        if choices.empty:
            self._problem(_("Chưa chọn mục nào để lấy từ báo cáo Word."))
            return
        self.choices_made = choices
        super().accept()

    def _problem(self, text: str) -> None:
        self.ui.problem.setText(text)
        self.ui.problem.show()


class WordImporter:
    """Runs one Word import for the window: choose a file, read it, preview, apply, reload."""

    def __init__(self, parent: QWidget, reload: Callable[[], None]) -> None:
        self.parent = parent
        self.reload = reload
        self.job: BackgroundTask | None = None

    def ask_path(self, session: ReportSession) -> Path | None:
        return file_dialogs.open_file(
            self.parent, session, WORD_DIR_SETTING, _("Chọn báo cáo Word"),
            _("Báo cáo Word (*.docx *.doc);;Tệp Word (*.docx);;Tệp Word 97-2003 (*.doc)"))

    def start(self, session: ReportSession, path: Path | None = None) -> BackgroundTask | None:
        """Read `path` (asked for if None) off the GUI thread, then show the preview."""
        session.ensure_editable()
        path = path or self.ask_path(session)
        if path is None:
            return None
        # The preview's "Hiện tại" column must show what the clerk typed a moment ago.
        if not session.saver.flush():
            return None
        session.set_setting(WORD_DIR_SETTING, str(path.parent))

        def task(_progress: Callable[[int, int], None]) -> Any:
            # start-up: with the first Word import
            from cchc_desktop.imports.word_doc import as_docx

            # An old .doc goes through LibreOffice first, here off the GUI thread too.
            with as_docx(path) as readable:
                return session.read_word_report(readable)

        def show(proposal: WordProposal) -> None:
            self.review(session, proposal, path)

        return self._run(task, _("Đang đọc {name}...").format(name=path.name), show,
                         self._failed)

    def review(self, session: ReportSession, proposal: WordProposal, path: Path) -> bool:
        """The preview; on "Áp dụng", apply the choices. False when the clerk cancels."""
        if not (proposal.sections or proposal.figures or _any_header(proposal.header)):
            show_error(self.parent, KnownError(_(
                "Không tìm thấy phần đầu, đề mục hay số liệu nào trong tệp {name}: chưa có gì "
                "để nhập.").format(name=path.name)), _("Nhập báo cáo Word"))
            return False
        dialog = WordImportDialog(proposal, session.report, session.template, path, self.parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        choices = dialog.choices_made
        dialog.deleteLater()
        if not accepted or choices is None:
            return False
        self.apply(session, choices)
        return True

    def apply(self, session: ReportSession, choices: WordChoices) -> BackgroundTask | None:
        if not session.saver.flush():
            return None

        def task(_progress: Callable[[int, int], None]) -> Any:
            session.apply_word_import(choices)

        return self._run(task, _("Đang nhập báo cáo Word..."), self._applied, self._failed)

    def _applied(self, _result: object) -> None:
        self.reload()
        status_bar = getattr(self.parent, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(_("Đã nhập báo cáo Word."), 8000)

    def _run(self, task: Callable[[Callable[[int, int], None]], Any], text: str,
             done: Callable[[Any], None], failed: Callable[[BaseException], None]) -> BackgroundTask:
        def succeeded(result: Any) -> None:
            self.job = None
            done(result)

        def refused(error: BaseException) -> None:
            self.job = None
            failed(error)

        self.job = run_while_busy(self.parent, _("Nhập báo cáo Word"), text, task,
                                  on_success=succeeded, on_failure=refused)
        return self.job

    def _failed(self, error: BaseException) -> None:
        # A .doc's refusal (no LibreOffice, a failed conversion) already says what to do.
        show_error(self.parent, error, _("Không nhập được báo cáo Word"))


# ---------------------------------------------------------------------- helpers
def _current_header(report: Report) -> dict[str, str]:
    document, signer = report.document, report.signer
    return {"number_symbol": document_number(document.number, document.symbol).removeprefix("Số: ")
            if document.number else "",
            "place": document.place, "date": short_date(document.date),
            "signer_title": signer.title, "signer_name": signer.name,
            "recipients": "; ".join(report.recipients)}


def _proposed_header(header: Header, name: str) -> str:
    if name == "recipients":
        return "; ".join(header.recipients)
    if name == "date":
        try:
            return short_date(dt.date.fromisoformat(header.date)) if header.date else ""
        except ValueError:
            return header.date
    return str(getattr(header, name))


def _any_header(header: Header) -> bool:
    # start-up: word_apply brings the storage layer (SQLAlchemy), loaded after the window shows
    from cchc_desktop.imports.word_apply import HEADER_FIELDS

    return any(_proposed_header(header, name) for name, _label in HEADER_FIELDS)


def _differs(value: str, old: Decimal) -> bool:
    try:
        return Decimal(value) != old
    except ArithmeticError:
        return True


def _shown_value(value: str) -> str:
    """The reader's "1237" / "90.33" in the clerk's format: "1.237", "90,33"."""
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value
    decimals = max(0, -int(number.as_tuple().exponent)) if number.is_finite() else 0
    return format_number(number, decimals)


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None   # every cell of these tables is filled by the dialog
    return item


def _fit(table: QTableWidget) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(table.columnCount() - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, min(header.sectionSize(column), 320))
    table.resizeRowsToContents()
