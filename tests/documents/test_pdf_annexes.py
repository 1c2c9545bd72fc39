"""pdf_annexes.py on its own: which annexes are printed and their numerals, the heading that
ties an annex to the report, the cells laid out as plain strings or paragraphs, the warnings
with their justifications, the subunits' marks, proposals grouped by unit, and each annex on
a new page with its header row repeated when its table runs over a page break."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, Table

from cchc_desktop.documents.footnotes import FootnoteState
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.documents.pdf_annexes import AnnexBuilder, figure_warnings, plan_annexes
from cchc_desktop.documents.pdf_body import own_name
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN, ReportDoc
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.report import IssuedDocument, Proposal, SubmissionStatus, SubunitSubmission
from cchc_desktop.domain.template import Severity
from tests.documents.doc_helpers import district_context, load_sample, pdf_pages, sample_context

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def _builder(context: ReportContext) -> AnnexBuilder:
    return AnnexBuilder(context, plan_annexes(context), unit_name=own_name(context.report),
                        language=DOCUMENT_LANGUAGE, findings=findings_in(context, DOCUMENT_LANGUAGE))


def _cells(table: Table) -> list[list[str]]:
    def text(cell: object) -> str:
        if isinstance(cell, Paragraph):
            return " ".join(cell.getPlainText().split())
        return str(cell)
    return [[text(cell) for cell in row] for row in table._cellvalues]


def _changed(**changes: object) -> ReportContext:
    report, template = load_sample()
    report = copy.deepcopy(report)
    for name, value in changes.items():
        setattr(report, name, value)
    return build_context(report, template)


# ------------------------------------------------------------------ which annexes

def test_only_annexes_with_content_are_printed_numbered_without_gaps() -> None:
    commune = plan_annexes(sample_context())
    district = plan_annexes(district_context())
    assert "subunits" not in [p.annex.kind.value for p in commune]     # a commune has none
    assert "subunits" in [p.annex.kind.value for p in district]
    for plans in (commune, district):
        assert [p.numeral for p in plans] == ["I", "II", "III", "IV", "V"][:len(plans)]
        assert all(p.label == f"Phụ lục {p.numeral}" for p in plans)
    none = plan_annexes(_changed(proposals=[], documents=[]))
    assert [p.annex.kind.value for p in none] == [p.annex.kind.value for p in commune
                                                  if p.annex.kind.value not in ("proposals",
                                                                                "documents")]


# ------------------------------------------------------------------ the heading

def test_the_annex_heading_cites_the_report_by_number_date_and_unit() -> None:
    context = sample_context()
    builder = _builder(context)
    plan = builder.annex_list[0]
    texts = [" ".join(f.getPlainText().split()) for f in builder.annex_head(plan)
             if isinstance(f, Paragraph)]
    document = context.report.document
    assert texts[0] == plan.label
    assert texts[1][0].isupper()
    assert texts[2] == (f"(Kèm theo Báo cáo số 0{document.number}/{document.symbol} ngày "
                        f"{document.date:%d/%m/%Y} của Ủy ban nhân dân xã Mỹ An)")


def test_a_report_without_number_or_date_is_cited_by_its_symbol() -> None:
    context = sample_context()
    context.report.document.number = " "
    context.report.document.date = None
    builder = _builder(context)
    note = builder.annex_head(builder.annex_list[0])[-1].getPlainText()
    assert note == "(Kèm theo Báo cáo số BC-UBND của Ủy ban nhân dân xã Mỹ An)"
    context.report.document.number = "125"
    note = builder.annex_head(builder.annex_list[0])[-1].getPlainText()
    assert note.startswith("(Kèm theo Báo cáo số 125/BC-UBND")      # only 1-9 take a zero


# ------------------------------------------------------------------ cells

def test_a_short_cell_is_a_plain_string_and_a_long_or_multi_line_one_a_paragraph() -> None:
    builder = _builder(sample_context())
    style = styles().cell
    assert builder.cell("Hồ sơ", style, 40) == "Hồ sơ"
    assert isinstance(builder.cell("Tỷ lệ hồ sơ giải quyết đúng hạn trên tổng số", style, 40),
                      Paragraph)
    assert isinstance(builder.cell("Dòng một\nDòng hai", style, 400), Paragraph)
    hostile = builder.cell("<b>Tỷ lệ & chỉ tiêu</b> " * 5, style, 40)
    assert isinstance(hostile, Paragraph)
    assert "&lt;b&gt;" in hostile.text and "<b>" not in hostile.text


# ------------------------------------------------------------------ each kind's table

def test_warnings_about_figures_come_with_the_units_justification_once() -> None:
    context = sample_context()
    findings = findings_in(context, DOCUMENT_LANGUAGE)
    warned = [f for f in findings if f.severity is Severity.WARNING and f.codes]
    assert warned
    code = warned[0].codes[0]
    for other in warned[0].codes:
        context.report.notes[other] = "Do biên chế được giao giảm."      # the same note twice
    rows = figure_warnings(context, findings)
    assert len(rows) == len(warned)
    assert rows[0][1] == "Do biên chế được giao giảm."
    context.report.notes = {code: "  "}
    assert figure_warnings(context, findings)[0][1] == ""
    table = _builder(context).justifications_annex()[0]
    assert _cells(table)[1][2] == "(chưa có giải trình)"


def test_each_subunit_is_marked_in_the_column_of_its_status_grouped_by_level() -> None:
    context = district_context()
    cells = _cells(_builder(context).subunits_annex()[0])
    rows = {row[1]: row for row in cells[2:]}
    assert rows["Xã Tân Thành"][2:] == ["X", "", ""]
    assert rows["Xã Long Hậu"][2:] == ["", "X", ""]
    assert rows["Thị trấn Lai Vung"][2:] == ["", "", "X"]
    assert cells[0][2].endswith(f"(thời hạn: {context.report.period.deadline:%d/%m/%Y})")
    # Two levels: a row titles each group, the numbering runs on across them.
    context.report.subunits.append(SubunitSubmission("p-1", "Phường 1", "phuong",
                                                     dt.datetime(2024, 1, 3), SubmissionStatus.ON_TIME))
    cells = _cells(_builder(context).subunits_annex()[0])
    numbers = [row[0] for row in cells[2:] if row[1]]
    titles = [row[0] for row in cells[2:] if not row[1]]
    assert numbers == ["1", "2", "3", "4"]
    assert len(titles) == 2


def test_proposals_are_grouped_by_their_unit_in_order_of_first_appearance() -> None:
    context = _changed(proposals=[Proposal("Xã A", "Sở Nội vụ", "Một."),
                                  Proposal("Xã B", "Sở Tài chính", "Hai."),
                                  Proposal(" Xã A ", "", "Ba.")])
    cells = _cells(_builder(context).proposals_annex()[0])
    assert cells[1:] == [["1", "Xã A", "1. Một.", "Sở Nội vụ"],
                         ["", "", "2. Ba.", ""],
                         ["2", "Xã B", "3. Hai.", "Sở Tài chính"]]


def test_the_documents_annex_lists_number_date_and_subject_escaped() -> None:
    context = _changed(documents=[IssuedDocument("12/KH-UBND", dt.date(2026, 1, 5),
                                                 "Kế hoạch <CCHC> & số hóa", "cddh")])
    cells = _cells(_builder(context).documents_annex()[0])
    assert cells[1] == ["1", "12/KH-UBND", "05/01/2026", "Kế hoạch <CCHC> & số hóa"]


# ------------------------------------------------------------------ pages

def _render(tmp_path: Path, context: ReportContext) -> Path:
    builder = _builder(context)
    buffer = io.BytesIO()
    doc = ReportDoc(buffer, report=context.report,
                    footnotes=FootnoteState([], styles().footnote, WIDTH), progress=None,
                    draft=False, created=dt.datetime(2026, 4, 2, 9, 0).astimezone())
    doc.build([Paragraph("Thân báo cáo.", styles().body), *builder.pages()])
    path = tmp_path / "phu-luc.pdf"
    path.write_bytes(buffer.getvalue())
    return path


def test_each_annex_starts_a_new_page_and_a_long_table_repeats_its_header(tmp_path: Path) -> None:
    documents = [IssuedDocument(f"{n}/KH-UBND", dt.date(2026, 1, 1) + dt.timedelta(days=n % 60),
                                f"Kế hoạch thực hiện nhiệm vụ số {n}", "cddh") for n in range(1, 90)]
    context = _changed(documents=documents)
    plans = plan_annexes(context)
    pages = pdf_pages(_render(tmp_path, context))
    starts = {}
    for page in pages:
        words = [w.text for w in page.words][1:]        # after the page number
        if words[:2] == ["Phụ", "lục"]:
            starts[words[2]] = page.number
    assert list(starts) == [p.numeral for p in plans]
    assert list(starts.values()) == sorted(starts.values())
    assert starts[plans[0].numeral] == 2                               # after the body's page
    last = plans[-1]
    assert last.annex.kind.value == "documents"
    document_pages = [p for p in pages if p.number >= starts[last.numeral]]
    assert len(document_pages) >= 2
    for page in document_pages:
        assert "Trích yếu nội dung" in page.text(), page.number        # the header on each page
