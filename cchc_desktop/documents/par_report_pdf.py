"""The PDF "BÁO CÁO Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm N".

Laid out as the quarterly report (Decree 30/2020/NĐ-CP, Appendix I), with its pieces: the
pages of pdf_page.py, the national header of header.py, the styles of pdf_styles.py and the
signature block of signature_block.py, fed the report's letterhead as a Report without
figures (domain/par_report.py). The body: the decision the assessment follows, I. the result
(total, share of the maximum and the summary table, its header row repeated on every page),
II. the scored criteria without evidence and why, III. Khó khăn, vướng mắc, IV. Đề xuất,
kiến nghị; then "Nơi nhận:" beside the signature.

Written in the document's language (Vietnamese, documents/language.py) whatever the window
speaks; only the error of a failed export speaks the UI's.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from cchc_desktop.documents import FILE_PREFIX, export_file_name, fonts
from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.header import CentredRule, DocumentHeader, subject_rule_length
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE
from cchc_desktop.documents.pdf_body import own_name
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc, write_rendered
from cchc_desktop.documents.pdf_styles import BODY_SIZE, Styles, plain, styles
from cchc_desktop.documents.signature_block import SignaturePlace, signature_block
from cchc_desktop.documents.text import lower_first, markup, nfc
from cchc_desktop.domain.formatting import format_number, short_date
from cchc_desktop.domain.par_report import CRITERION, FIELD, ParReport, SummaryRow
from cchc_desktop.i18n import N_, Language

TEXT_WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN
# Mã, Tiêu chí, Điểm tối đa, Điểm tự chấm, Tài liệu kiểm chứng, Giải trình: 165 mm in all.
COLUMN_WIDTHS = (14 * mm, None, 17 * mm, 17 * mm, 20 * mm, 42 * mm)
POINT_DECIMALS = 2
DECISION_WORD = "quyết định "
TABLE_HEADERS = (N_("Mã"), N_("Lĩnh vực, tiêu chí"), N_("Điểm tối đa"), N_("Điểm tự chấm"),
                 N_("Tài liệu kiểm chứng"), N_("Giải trình"))


def points_text(value: Decimal | None, language: Language = DOCUMENT_LANGUAGE) -> str:
    """'2,75' in the document's language; '' for a criterion not scored yet."""
    return "" if value is None else format_number(value, POINT_DECIMALS, locale=language.locale)


def par_report_file_name(document: ParReport, suffix: str) -> str:
    """'BC-TDG-CCHC_xa-my-an_2026.pdf': the unit named as in every export, then the year."""
    name = export_file_name(document.report_shell(), suffix)   # 'BC-CCHC_<unit>_2026-Y.pdf'
    unit = name.removeprefix(FILE_PREFIX + "_").rsplit("_", 1)[0]
    extension = suffix if suffix.startswith(".") or not suffix else f".{suffix}"
    return f"{FILE_PREFIX.replace('BC-', 'BC-TDG-', 1)}_{unit}_{document.year}{extension}"


def _column_widths() -> list[float]:
    fixed = sum(w for w in COLUMN_WIDTHS if w is not None)
    return [w if w is not None else TEXT_WIDTH - fixed for w in COLUMN_WIDTHS]


class _Builder:
    def __init__(self, document: ParReport, language: Language,
                 signature_place: SignaturePlace | None) -> None:
        self.doc = document
        self.shell = document.report_shell()
        self.language = language
        self.gettext = language.gettext
        self.s: Styles = styles()
        self.signature_place = signature_place

    def front(self) -> list[Flowable]:
        subject = self.doc.title
        criteria = self.doc.criteria_set
        decision = criteria.decision
        dated = self.gettext(" ngày {date}").format(date=short_date(decision.date)) \
            if decision.date else ""
        # "Quyết định phê duyệt Bộ chỉ số..." reads on after the decision's number and issuer.
        title = " ".join(nfc(decision.title).split()).rstrip(".")
        if title.lower().startswith(DECISION_WORD):
            what = title[len(DECISION_WORD):].strip()
        else:
            what = self.gettext("về {title}").format(title=lower_first(title))
        opening = self.gettext(
            "Thực hiện Quyết định số {number}{dated} của Ủy ban nhân dân {province} {what}, {unit} "
            "báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm {year} như "
            "sau:").format(number=decision.number, dated=dated,
                           province=lower_first(criteria.province), what=what,
                           unit=own_name(self.shell), year=self.doc.year)
        return [DocumentHeader(self.shell), plain("BÁO CÁO", self.s.title),
                plain(subject, self.s.subject),
                CentredRule(subject_rule_length(subject, fonts.BOLD, BODY_SIZE, TEXT_WIDTH),
                            space_before=2, space_after=10),
                plain(opening, self.s.body)]

    def result(self) -> list[Flowable]:
        doc = self.doc
        story: list[Flowable] = [
            plain(self.gettext("I. KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM"), self.s.heading),
            plain(self.gettext("Tổng điểm tự đánh giá: {total}/{maximum} điểm, đạt {share} so với "
                               "điểm tối đa.").format(
                total=points_text(doc.total, self.language),
                maximum=points_text(doc.maximum, self.language),
                share=doc.share_text(self.language.locale)), self.s.body)]
        if doc.unscored:
            story.append(plain(self.gettext("Còn {count} tiêu chí chưa chấm điểm: {codes}.").format(
                count=len(doc.unscored), codes=", ".join(doc.unscored)), self.s.body))
        if not doc.criteria_set.complete:
            story.append(plain(self.gettext("Bộ tiêu chí chưa đầy đủ: {note}").format(
                note=doc.criteria_set.note), self.s.body))
        story.append(plain(self.gettext("Kết quả chi tiết như sau:"), self.s.body))
        story.append(self.table())
        return story

    def _cells(self, row: SummaryRow) -> list[Flowable]:
        s = self.s
        text = s.cell_bold if row.level == FIELD else (s.cell if row.level == CRITERION
                                                       else s.cell_italic)
        number = s.cell_right
        evidence = "" if row.evidence is None else str(row.evidence)
        if row.lacks_evidence:
            evidence = self.gettext("0 (cần có)")
        return [Paragraph(markup(row.code), text), Paragraph(markup(row.title), text),
                Paragraph(points_text(row.max_points, self.language), number),
                Paragraph(points_text(row.points, self.language), number),
                Paragraph(markup(evidence), s.cell_center),
                Paragraph(markup(row.explanation), s.cell)]

    def table(self) -> Table:
        s = self.s
        head = [Paragraph(markup(self.gettext(text)), s.cell_head) for text in TABLE_HEADERS]
        rows: list[list[Flowable]] = [head]
        commands: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        for row in self.doc.rows:
            if row.level == FIELD:
                commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)),
                                 colors.HexColor("#EEEEEE")))
            rows.append(self._cells(row))
        total = len(rows)
        rows.append([Paragraph("", s.cell_bold),
                     Paragraph(markup(self.gettext("Tổng cộng")), s.cell_bold),
                     Paragraph(points_text(self.doc.maximum, self.language), s.cell_right),
                     Paragraph(f"<b>{points_text(self.doc.total, self.language)}</b>",
                               s.cell_right),
                     Paragraph(markup(self.doc.share_text(self.language.locale)), s.cell_center),
                     Paragraph("", s.cell)])
        commands.append(("SPAN", (4, total), (5, total)))
        table = Table(rows, colWidths=_column_widths(), repeatRows=1)
        table.setStyle(TableStyle(commands))
        return table

    def missing(self) -> list[Flowable]:
        story: list[Flowable] = [plain(self.gettext(
            "II. CÁC TIÊU CHÍ ĐÃ CHẤM ĐIỂM NHƯNG CHƯA CÓ TÀI LIỆU KIỂM CHỨNG"), self.s.heading)]
        if not self.doc.missing:
            story.append(plain(self.gettext(
                "Các tiêu chí cần tài liệu kiểm chứng đều đã có tài liệu kèm theo."), self.s.body))
            return story
        for item in self.doc.missing:
            why = item.explanation.strip() or self.gettext("chưa có giải trình")
            story.append(plain(self.gettext("- Tiêu chí {code} {title} ({points} điểm): {why}")
                               .format(code=item.code, title=item.title,
                                       points=points_text(item.points, self.language), why=why),
                               self.s.body))
        return story

    def free_text(self, heading: str, text: str) -> list[Flowable]:
        story: list[Flowable] = [plain(heading, self.s.heading)]
        paragraphs = [line.strip() for line in nfc(text).split("\n") if line.strip()]
        for paragraph in paragraphs or [self.gettext("Không có.")]:
            story.append(plain(paragraph, self.s.body))
        return story

    def story(self) -> list[Flowable]:
        texts = self.doc.texts
        story = self.front() + self.result() + self.missing()
        story += self.free_text(self.gettext("III. KHÓ KHĂN, VƯỚNG MẮC"), texts.difficulties)
        story += self.free_text(self.gettext("IV. ĐỀ XUẤT, KIẾN NGHỊ"), texts.proposals)
        closing = self.gettext("Trên đây là báo cáo kết quả tự đánh giá, chấm điểm Chỉ số cải "
                               "cách hành chính năm {year} của {unit}./.").format(
            year=self.doc.year, unit=own_name(self.shell))
        story.append(KeepTogether([
            plain(closing, self.s.body), Spacer(1, 6),
            signature_block(self.shell, self.s, TEXT_WIDTH, self.gettext, self.signature_place)]))
        return story


def render_par_report_pdf(document: ParReport, *, language: Language = DOCUMENT_LANGUAGE,
                          signature_place: SignaturePlace | None = None,
                          created: dt.datetime | None = None) -> tuple[bytes, int]:
    """The PDF bytes and page count; fills `signature_place` when given."""
    story = _Builder(document, language, signature_place).story()
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=document.report_shell(),
                    footnotes=FootnoteState([], styles().footnote, TEXT_WIDTH), progress=None,
                    draft=False, created=created or dt.datetime.now().astimezone())
    doc.build(story)
    return buffer.getvalue(), doc.pages


def write_par_report_pdf(document: ParReport, path: Path, *,
                         language: Language = DOCUMENT_LANGUAGE,
                         signature_place: SignaturePlace | None = None,
                         created: dt.datetime | None = None) -> int:
    """Write the report to `path` (atomically); return the number of pages."""
    return write_rendered(lambda: render_par_report_pdf(
        document, language=language, signature_place=signature_place, created=created), path)
