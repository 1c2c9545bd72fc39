"""Công cụ > Tự đánh giá Chỉ số CCHC: the unit's self-assessment against a criteria set.

The tree is the set's (field, criterion, sub-criterion) with each criterion's maximum, how it
is scored, the clerk's answer, its points, its evidence and the explanation; the totals and
the share of the maximum follow every answer. A criterion computed from a report takes the
open report's figure and shows where it came from. Every answer is written at once through
the session (storage/par_answers.py checks it against the set first: a refused answer is
said and the tree shows what is saved); the dialog holds nothing unsaved.

The report's own paragraphs, "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị", are kept per
set and year: written a moment after the clerk stops typing, and before the set or the year
changes, an export, or the dialog closes. "Xuất PDF..." and "Xuất Excel..." write the
self-assessment report (documents/par_report_pdf.py, par_report_workbook.py) off the GUI
thread, from what is saved, under the open report's letterhead; "Đóng gói..." puts both
with the evidence files and a SHA-256 manifest in a folder and a zip (submission/par_package.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QHeaderView, QTreeWidgetItem, QWidget

from cchc_desktop.documents.par_report_pdf import par_report_file_name, write_par_report_pdf
from cchc_desktop.documents.par_report_workbook import write_par_report_workbook
from cchc_desktop.domain.errors import KnownError
from cchc_desktop.domain.formatting import format_number, format_percent, short_date
from cchc_desktop.domain.par_index import CriteriaSet, ScoringKind
from cchc_desktop.domain.par_index_loading import load_criteria_file, shipped_criteria_files
from cchc_desktop.domain.par_index_scoring import Assessment, CriterionScore, ReportFigures, score_assessment
from cchc_desktop.domain.par_report import ParReport, ParReportTexts
from cchc_desktop.gui import file_dialogs
from cchc_desktop.gui.designer.ui_par_assessment_dialog import Ui_ParAssessmentDialog
from cchc_desktop.gui.errors import show_error
from cchc_desktop.gui.export import EXPORT_DIR_SETTING, KINDS
from cchc_desktop.gui.worker import BackgroundTask, run_while_busy
from cchc_desktop.i18n import _
from cchc_desktop.submission.par_package import build_par_package, par_package_name

if TYPE_CHECKING:
    from cchc_desktop.gui.session import ReportSession

CRITERIA_DIR_SETTING = "par_criteria_dir"
CODE_ROLE = Qt.ItemDataRole.UserRole
TITLE, MAXIMUM, ANSWER, POINTS, EVIDENCE, EXPLANATION = range(6)
TEXTS_DELAY_MS = 800        # the texts are written this long after the last key
WRITERS: dict[str, Callable[..., Any]] = {"pdf": write_par_report_pdf,
                                          "xlsx": write_par_report_workbook}


def _points(value: object) -> str:
    return "" if value is None else format_number(value, 2)  # type: ignore[arg-type]


class ParAssessmentDialog(QDialog):
    def __init__(self, session: ReportSession, parent: QWidget | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.today = today              # the report's date (the window's clock, in tests fixed)
        self.ui = Ui_ParAssessmentDialog()
        self.ui.setupUi(self)
        self.session = session
        self.unit = session.report.unit.code
        self.figures = ReportFigures.of(session.report, session.template)
        self.criteria: CriteriaSet | None = None
        self.items: dict[str, QTreeWidgetItem] = {}
        self.filling = False
        self.texts_key: tuple[CriteriaSet, int] | None = None   # whose texts the boxes hold
        self.texts_dirty = False
        self.job: BackgroundTask | None = None
        self.texts_timer = QTimer(self)
        self.texts_timer.setSingleShot(True)
        self.texts_timer.setInterval(TEXTS_DELAY_MS)
        self.texts_timer.timeout.connect(self.save_texts)
        header = self.ui.tree.header()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (MAXIMUM, ANSWER, POINTS, EVIDENCE, EXPLANATION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.openSetButton.clicked.connect(self.open_set_file)
        self.ui.carryButton.clicked.connect(self.carry_from_last_year)
        self.ui.setCombo.currentIndexChanged.connect(lambda _index: self.choose_set())
        self.ui.yearSpin.valueChanged.connect(lambda _year: self.fill())
        self.ui.tree.itemChanged.connect(self.explanation_edited)
        self.ui.difficultiesEdit.textChanged.connect(self.texts_edited)
        self.ui.proposalsEdit.textChanged.connect(self.texts_edited)
        self.ui.pdfButton.clicked.connect(lambda: self.export("pdf"))
        self.ui.xlsxButton.clicked.connect(lambda: self.export("xlsx"))
        self.ui.packageButton.clicked.connect(self.package)
        self.finished.connect(lambda _result: self.save_texts())
        for path in shipped_criteria_files():
            self.add_set_file(path)

    # ------------------------------------------------------------------ criteria sets
    def add_set_file(self, path: Path) -> bool:
        try:
            criteria = load_criteria_file(path)
        except KnownError as error:
            show_error(self, error, _("Không mở được bộ tiêu chí"))
            return False
        label = _("{province} năm {year} ({decision})").format(
            province=criteria.province, year=criteria.year, decision=criteria.decision.number)
        self.ui.setCombo.addItem(label, criteria)
        self.ui.setCombo.setCurrentIndex(self.ui.setCombo.count() - 1)
        return True

    def open_set_file(self) -> None:
        path = file_dialogs.open_file(self, self.session, CRITERIA_DIR_SETTING,
                                      _("Chọn tệp bộ tiêu chí Chỉ số CCHC"),
                                      _("Bộ tiêu chí (*.yaml *.yml)"))
        if path is not None:
            self.add_set_file(path)

    def choose_set(self) -> None:
        criteria = self.ui.setCombo.currentData()
        self.criteria = criteria if isinstance(criteria, CriteriaSet) else None
        if self.criteria is not None:
            self.ui.yearSpin.blockSignals(True)
            self.ui.yearSpin.setValue(self.criteria.year)
            self.ui.yearSpin.blockSignals(False)
        self.fill()

    # ------------------------------------------------------------------ the tree
    def assessment(self) -> Assessment | None:
        if self.criteria is None:
            return None
        answers = self.session.par_scoring_answers(self.criteria, self.ui.yearSpin.value())
        return score_assessment(self.criteria, answers, self.figures)

    def fill(self) -> None:
        """The whole tree and the texts from what is saved."""
        self.load_texts()
        self.filling = True
        try:
            self.ui.tree.clear()
            self.items.clear()
            criteria = self.criteria
            assessment = self.assessment()
            if criteria is None or assessment is None:
                self.ui.decisionLabel.setText(_("Chưa có bộ tiêu chí: mở tệp bộ tiêu chí của tỉnh."))
                self.ui.totalLabel.clear()
                return
            decision = criteria.decision
            dated = _(" ngày {date}").format(date=short_date(decision.date)) if decision.date else ""
            text = _("Quyết định số {number}{dated}: {title}").format(
                number=decision.number, dated=dated, title=decision.title)
            if not criteria.complete:
                text += "\n" + _("CHƯA ĐẦY ĐỦ: {note}").format(note=criteria.note)
            self.ui.decisionLabel.setText(text)
            stored = self.session.par_answers(criteria, self.ui.yearSpin.value())
            for field in assessment.fields:
                top = QTreeWidgetItem(self.ui.tree, [f"{field.field.code}. {field.field.title}",
                                                     _points(field.maximum), "",
                                                     _points(field.points)])
                font = top.font(TITLE)
                font.setBold(True)
                top.setFont(TITLE, font)
                for score in field.criteria:
                    self._add(top, score, stored)
            self.ui.tree.expandAll()
            self.show_total(assessment)
        finally:
            self.filling = False

    def _add(self, parent: QTreeWidgetItem, score: CriterionScore, stored) -> None:  # type: ignore[no-untyped-def]
        criterion = score.criterion
        item = QTreeWidgetItem(parent, [f"{criterion.code} {criterion.title}",
                                        _points(criterion.max_points), "", _points(score.points)])
        item.setData(TITLE, CODE_ROLE, criterion.code)
        self.items[criterion.code] = item
        for part in score.parts:
            self._add(item, part, stored)
        if score.parts:
            return
        answer = stored.get(criterion.code)
        evidence = answer.evidence if answer is not None else 0
        item.setText(EVIDENCE, str(evidence) if evidence else (
            _("chưa có (cần)") if criterion.evidence_required else "0"))
        if score.lacks_evidence:
            item.setToolTip(EVIDENCE, _("Đã chấm nhưng chưa có tài liệu kiểm chứng: đính kèm hoặc "
                                        "giải trình vì sao không có."))
        item.setText(EXPLANATION, answer.explanation if answer is not None else "")
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        scoring = criterion.scoring
        assert scoring is not None      # a leaf has its scoring (the loader)
        if scoring.kind is ScoringKind.COMPUTED:
            source = score.source
            if source is None or source.value is None:
                item.setText(ANSWER, _("chưa có số liệu {code}").format(code=scoring.source))
            else:
                period = source.period.label if source.period else ""
                item.setText(ANSWER, _("{value} ({period})").format(
                    value=format_percent(source.value), period=period))
                item.setToolTip(ANSWER, _("Tính từ chỉ tiêu {code} của báo cáo đang mở.").format(
                    code=scoring.source))
            return
        combo = QComboBox()
        combo.addItem(_("— chưa chấm —"), None)
        if scoring.kind is ScoringKind.YES_NO:
            combo.addItem(_("Có"), True)
            combo.addItem(_("Không"), False)
        else:
            for level in scoring.levels:
                combo.addItem(f"{level.label} ({_points(level.points)})", level.code)
        choice = answer.choice if answer is not None else None
        combo.setCurrentIndex(max(0, combo.findData(choice)) if choice is not None else 0)
        combo.setAccessibleName(_("Chấm tiêu chí {code}").format(code=criterion.code))
        combo.currentIndexChanged.connect(
            lambda _index, code=criterion.code, combo=combo: self.answer_chosen(code, combo))
        self.ui.tree.setItemWidget(item, ANSWER, combo)

    def show_total(self, assessment: Assessment) -> None:
        text = _("Tổng: {total}/{maximum} điểm ({share})").format(
            total=format_number(assessment.total, 2), maximum=format_number(assessment.maximum, 2),
            share=assessment.share_text)
        if assessment.lacking_evidence:
            text += "\n" + _("Đã chấm nhưng chưa có tài liệu kiểm chứng: {codes}").format(
                codes=", ".join(assessment.lacking_evidence))
        self.ui.totalLabel.setText(text)

    # ------------------------------------------------------------------ answers
    def _save(self, code: str, choice: object, explanation: str) -> None:
        assert self.criteria is not None
        try:
            self.session.set_par_answer(self.criteria, self.ui.yearSpin.value(), code,
                                        choice, explanation)  # type: ignore[arg-type]
        except KnownError as error:
            show_error(self, error, _("Chưa lưu câu trả lời"))
        self.fill()     # what is saved, whatever happened

    def _explanation(self, code: str) -> str:
        item = self.items.get(code)
        return item.text(EXPLANATION) if item is not None else ""

    def _choice(self, code: str) -> object:
        item = self.items.get(code)
        widget = self.ui.tree.itemWidget(item, ANSWER) if item is not None else None
        return widget.currentData() if isinstance(widget, QComboBox) else None

    def answer_chosen(self, code: str, combo: QComboBox) -> None:
        if not self.filling:
            self._save(code, combo.currentData(), self._explanation(code))

    def explanation_edited(self, item: QTreeWidgetItem, column: int) -> None:
        code = item.data(TITLE, CODE_ROLE)
        if self.filling or column != EXPLANATION or not code:
            return
        self._save(str(code), self._choice(str(code)), item.text(EXPLANATION))

    def carry_from_last_year(self) -> None:
        if self.criteria is None:
            return
        try:
            carried = self.session.start_par_from_last_year(self.criteria, self.ui.yearSpin.value())
        except KnownError as error:
            show_error(self, error, _("Chưa lấy được bản năm trước"))
            return
        self.fill()
        lines = [_("Đã lấy {answers} câu trả lời và {evidence} tài liệu kiểm chứng từ bản tự "
                   "đánh giá năm trước ({set}).").format(answers=carried.answers,
                                                         evidence=carried.evidence,
                                                         set=carried.previous_set)]
        if carried.left:
            lines.append(_("Tiêu chí năm trước không còn trong bộ năm nay: {codes}.").format(
                codes=", ".join(carried.left)))
        if carried.to_confirm:
            lines.append(_("Tài liệu ban hành trước năm {year}, cần xác nhận còn hiệu lực: {names}.")
                         .format(year=self.ui.yearSpin.value(),
                                 names="; ".join(d.meta.title for d in carried.to_confirm)))
        self.ui.totalLabel.setText(self.ui.totalLabel.text() + "\n" + "\n".join(lines))

    # ------------------------------------------------------------------ the report's texts
    def load_texts(self) -> None:
        """The boxes show the texts of the set and year on screen (the last ones saved first)."""
        key = (self.criteria, self.ui.yearSpin.value()) if self.criteria is not None else None
        if key == self.texts_key:
            return
        self.save_texts()
        texts = self.session.par_report_texts(*key) if key is not None else ParReportTexts()
        self.texts_key = None          # no save while the boxes are refilled
        self.ui.difficultiesEdit.setPlainText(texts.difficulties)
        self.ui.proposalsEdit.setPlainText(texts.proposals)
        self.texts_key, self.texts_dirty = key, False
        for edit in (self.ui.difficultiesEdit, self.ui.proposalsEdit):
            edit.setEnabled(key is not None)
        self.ui.pdfButton.setEnabled(key is not None)
        self.ui.xlsxButton.setEnabled(key is not None)
        self.ui.packageButton.setEnabled(key is not None)

    def texts_edited(self) -> None:
        if self.texts_key is None:
            return
        self.texts_dirty = True
        self.texts_timer.start()

    def save_texts(self) -> bool:
        """Write the boxes' texts if they changed; False (said) when the file refused them."""
        self.texts_timer.stop()
        if self.texts_key is None or not self.texts_dirty:
            return True
        texts = ParReportTexts(self.ui.difficultiesEdit.toPlainText(),
                               self.ui.proposalsEdit.toPlainText())
        try:
            self.session.set_par_report_texts(*self.texts_key, texts)
        except KnownError as error:
            show_error(self, error, _("Chưa lưu khó khăn, đề xuất"))
            return False
        self.texts_dirty = False
        return True

    # ------------------------------------------------------------------ export
    def ask_path(self, kind: str, name: str) -> Path | None:
        suffix, file_filter = KINDS[kind]
        chosen = file_dialogs.save_file(self, self.session, EXPORT_DIR_SETTING,
                                        _("Lưu báo cáo tự đánh giá"), _(file_filter), name, suffix)
        if chosen is not None and chosen.suffix.lower() != suffix:
            chosen = chosen.with_name(chosen.name + suffix)
        return chosen

    def _document(self) -> ParReport | None:
        """What is saved, as the report (texts written first); None, said, when it cannot be."""
        if self.criteria is None or self.job is not None or not self.save_texts():
            return None
        try:
            return self.session.par_report(self.criteria, self.ui.yearSpin.value(),
                                           self.figures, self.today())
        except KnownError as error:
            show_error(self, error, _("Không xuất được báo cáo tự đánh giá"))
            return None

    def _run(self, text: str, work: Callable[[], object], said: str) -> BackgroundTask:
        """`work` (pure document writing, no data file) off the GUI thread behind a busy box."""
        def done(_result: object) -> None:
            self.job = None
            self.ui.exportedLabel.setText(said)

        def failed(error: BaseException) -> None:
            self.job = None
            show_error(self, error, _("Không xuất được báo cáo tự đánh giá"))

        self.job = run_while_busy(self, _("Xuất báo cáo tự đánh giá"), text,
                                  lambda _progress: work(), on_success=done, on_failure=failed)
        return self.job

    def export(self, kind: str) -> BackgroundTask | None:
        """The self-assessment report as saved, as a PDF or a workbook."""
        document = self._document()
        if document is None:
            return None
        path = self.ask_path(kind, par_report_file_name(document, KINDS[kind][0]))
        if path is None:
            return None
        writer = WRITERS[kind]
        return self._run(_("Đang ghi {name}...").format(name=path.name),
                         lambda: writer(document, path), _("Đã ghi {path}").format(path=path))

    def package(self) -> BackgroundTask | None:
        """Đóng gói: the PDF, the workbook, the evidence files and their manifest, in a folder
        the clerk chooses (the evidence is read here, on the GUI thread: the data file's)."""
        document = self._document()
        if document is None or self.criteria is None:
            return None
        try:
            evidence = self.session.par_evidence(self.criteria, self.ui.yearSpin.value())
        except KnownError as error:
            show_error(self, error, _("Không xuất được báo cáo tự đánh giá"))
            return None
        folder = file_dialogs.choose_folder(self, self.session, EXPORT_DIR_SETTING,
                                            _("Chọn thư mục đặt gói tự đánh giá"))
        if folder is None:
            return None
        name = par_package_name(document)
        return self._run(_("Đang đóng gói {name}...").format(name=name),
                         lambda: build_par_package(document, evidence, folder),
                         _("Đã đóng gói vào {folder} và {name}.zip").format(
                             folder=folder / name, name=name))
