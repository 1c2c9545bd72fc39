"""pdf_body.py on its own: the subject (the clerk's, or the template's with the period), the
opening sentence with the period's dates and the annexes it points to, the headings by depth,
a section's narrative, figures, tasks and proposals, "Không có." for an empty section, the
closing line that names the unit only when the subject does not, and the closing kept with
the signature block."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from cchc_desktop.documents.footnotes import FootnotedParagraph, FootnoteState
from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.documents.narrative import Footnotes
from cchc_desktop.documents.pdf_annexes import plan_annexes
from cchc_desktop.documents.pdf_body import BodyBuilder, names_unit, own_name, report_subject
from cchc_desktop.documents.pdf_page import LEFT_MARGIN, RIGHT_MARGIN
from cchc_desktop.documents.pdf_styles import styles
from cchc_desktop.domain.context import ReportContext, build_context
from cchc_desktop.domain.formatting import short_date
from cchc_desktop.domain.report import Proposal, Task, TaskStatus
from cchc_desktop.domain.units import Unit
from tests.documents.doc_helpers import load_sample, sample_context

WIDTH = A4[0] - LEFT_MARGIN - RIGHT_MARGIN


def _builder(context: ReportContext, *, annexes: bool = True) -> BodyBuilder:
    footnotes = Footnotes(list(context.report.documents), own_name(context.report))
    state = FootnoteState(footnotes.notes, styles().footnote, WIDTH)
    return BodyBuilder(context, footnotes, plan_annexes(context) if annexes else [], state,
                       language=DOCUMENT_LANGUAGE, findings=findings_in(context, DOCUMENT_LANGUAGE))


def _text(flowable: Flowable) -> str:
    if isinstance(flowable, FootnotedParagraph):
        flowable = flowable.paragraph
    if isinstance(flowable, KeepTogether):
        return "\n".join(_text(f) for f in flowable._content)
    if isinstance(flowable, Paragraph):
        return " ".join(flowable.getPlainText().split())
    return ""


def _texts(flowables: list[Flowable]) -> list[str]:
    return [t for t in (_text(f) for f in flowables) if t]


def _context(**report_changes: object) -> ReportContext:
    report, template = load_sample()
    report = copy.deepcopy(report)
    for name, value in report_changes.items():
        setattr(report, name, value)
    return build_context(report, template)


# ------------------------------------------------------------------ subject and names

def test_the_clerks_subject_is_kept_and_a_blank_one_is_the_templates_with_the_period() -> None:
    context = sample_context()
    assert report_subject(context, DOCUMENT_LANGUAGE) == context.report.document.subject.strip()
    report, template = load_sample()
    report.document.subject = "   "
    blank = build_context(report, template)
    assert report_subject(blank, DOCUMENT_LANGUAGE) == \
        "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"


def test_the_subject_is_normalised_to_nfc() -> None:
    report, template = load_sample()
    report.document.subject = "Ke\u0302\u0301t qua\u0309 co\u0302ng ta\u0301c"   # decomposed
    assert report_subject(build_context(report, template), DOCUMENT_LANGUAGE) == "Kết quả công tác"


def test_the_units_name_is_on_one_line() -> None:
    report, _template = load_sample()
    report.unit = Unit("xa-my-an", "Ủy ban nhân dân\n  xã   Mỹ An ", "xa", "")
    assert own_name(report) == "Ủy ban nhân dân xã Mỹ An"


# ------------------------------------------------------------------ front matter

def test_the_opening_sentence_gives_the_unit_the_subject_and_the_periods_dates() -> None:
    context = sample_context()
    period = context.report.period
    front = _texts(_builder(context).front())
    assert front[0] == "BÁO CÁO"
    assert front[1] == "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026"
    assert front[2] == ("Ủy ban nhân dân xã Mỹ An báo cáo kết quả thực hiện công tác cải cách hành "
                        f"chính quý I năm 2026 (số liệu tính từ ngày {short_date(period.start)} đến "
                        f"ngày {short_date(period.end)}) như sau:")


def test_the_opening_points_to_the_figures_annexes_by_their_numerals_and_only_those_printed() -> None:
    context = sample_context()
    builder = _builder(context)
    labels = {plan.annex.kind.value: plan.label for plan in plan_annexes(context)}
    pointer = _texts(builder.front())[3]
    assert pointer.endswith(" kèm theo báo cáo này.")
    assert pointer[0].isupper()
    for kind in ("figures", "justifications", "subunits"):
        assert kind not in labels or labels[kind] in pointer, kind
    assert labels["figures"] in pointer
    # Without annexes there is nothing to point to.
    assert len(_texts(_builder(context, annexes=False).front())) == 3


# ------------------------------------------------------------------ sections

def test_headings_by_depth_upper_case_numbered_and_italic_lettered() -> None:
    context = sample_context()
    builder = _builder(context)
    sections = {s.id: s for s, _depth in context.template.walk()}
    assert _text(builder.heading(sections["cddh"], 0)) == \
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
    assert _text(builder.heading(sections["tc"], 1)) == "1. Cải cách thể chế"
    deep = builder.heading(dataclasses.replace(sections["tc"], number="a"), 2)
    assert deep.text == "<i>a) Cải cách thể chế</i>"


def test_a_heading_of_a_hostile_title_is_escaped_at_every_depth() -> None:
    context = sample_context()
    builder = _builder(context)
    section = next(s for s, _d in context.template.walk() if s.id == "tc")
    title = dataclasses.replace(section.title, vi="Thể chế <b>& pháp</b>")
    hostile = dataclasses.replace(section, title=title, number="a<")
    for depth in (0, 1, 2):
        paragraph = builder.heading(hostile, depth)
        assert "&lt;b&gt;" in paragraph.text.lower() and "&amp;" in paragraph.text.lower(), depth
        assert "<b>" not in paragraph.text.lower(), depth


def test_a_section_without_text_figures_or_children_says_khong_co() -> None:
    context = _context(texts={})
    builder = _builder(context)
    sections = {s.id: s for s, _depth in context.template.walk()}
    assert _texts(builder.section(sections["han_che"], 1))[-1] == "Không có."
    # A parent section with children prints its heading only.
    assert _texts(builder.section(sections["kq"], 0)) == [
        "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"]


def test_a_narrative_citation_becomes_a_paragraph_that_reserves_its_footnote() -> None:
    context = sample_context()
    builder = _builder(context)
    body = builder.narrative("Thực hiện Kế hoạch số 20/KH-UBND, xã triển khai.\n\nĐoạn hai.")
    assert isinstance(body[0], FootnotedParagraph) and body[0].numbers == [1]
    assert isinstance(body[1], Paragraph)
    assert builder.footnotes.notes[0].startswith("Kế hoạch số 20/KH-UBND")


def test_tasks_are_listed_with_their_status_in_lower_case_and_one_final_stop() -> None:
    context = _context(tasks=[Task("Rà soát quy trình nội bộ;", TaskStatus.DONE),
                              Task("Số hóa hồ sơ.", TaskStatus.IN_PROGRESS)])
    lines = _texts(_builder(context).tasks())
    assert lines[0] == "Tình hình thực hiện các nhiệm vụ trong kỳ:"
    assert lines[1].startswith("- Rà soát quy trình nội bộ: ") and lines[1].endswith(".")
    assert ";:" not in lines[1] and "..:" not in lines[2]
    assert lines[1][len("- Rà soát quy trình nội bộ: ")].islower()
    assert _texts(_builder(_context(tasks=[])).tasks()) == []


def test_proposals_are_listed_when_the_section_has_no_text_and_pointed_to_in_their_annex() -> None:
    context = _context(proposals=[Proposal("", "Sở Nội vụ", "Mở lớp bồi dưỡng."),
                                  Proposal("", "", "Bổ sung kinh phí.")])
    builder = _builder(context)
    label = builder.annexes["proposals"].label
    assert _texts(builder.proposals(False)) == ["- Sở Nội vụ: Mở lớp bồi dưỡng.",
                                                "- Bổ sung kinh phí.",
                                                f"Chi tiết tại {label} kèm theo."]
    # The clerk wrote the section: the list is not repeated, the annex is still pointed to.
    assert _texts(builder.proposals(True)) == [f"Chi tiết tại {label} kèm theo."]
    assert _texts(_builder(context, annexes=False).proposals(False))[-1] == "- Bổ sung kinh phí."


# ------------------------------------------------------------------ closing

def test_the_closing_names_the_unit_only_when_the_subject_does_not() -> None:
    plain = _texts(_builder(sample_context()).closing())
    assert plain == ["Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý I năm "
                     "2026 của Ủy ban nhân dân xã Mỹ An./."]
    report, template = load_sample()
    report.document.subject = "Kết quả cải cách hành chính của xã Mỹ An quý I năm 2026"
    named = _texts(_builder(build_context(report, template)).closing())
    assert named == ["Trên đây là báo cáo kết quả cải cách hành chính của xã Mỹ An quý I năm 2026./."]


def test_a_word_the_units_name_ends_with_does_not_pass_for_its_name() -> None:
    # "Phòng Nội vụ" is not named by the "nhiệm vụ" of a subject (the closing used to take
    # the name's last words, here "vụ", and found them in any subject).
    report, template = load_sample()
    report.unit = Unit("phong-noi-vu", "Phòng Nội vụ", "huyen", "Ủy ban nhân dân huyện Lai Vung")
    report.document.subject = "Kết quả thực hiện nhiệm vụ cải cách hành chính năm 2026"
    closing = _texts(_builder(build_context(report, template)).closing())
    assert closing == ["Trên đây là báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính năm 2026 "
                       "của Phòng Nội vụ./."]


def test_names_unit_reads_the_place_of_a_committee_in_any_spelling_as_whole_words() -> None:
    assert names_unit("Kết quả CCHC của UBND xã Mỹ An", "Ủy ban nhân dân xã Mỹ An")
    assert names_unit("Kết quả CCHC của Xã Mỹ An năm 2026", "Ủy ban nhân dân xã Mỹ An")
    assert names_unit("Báo cáo của Phòng Nội vụ", "Phòng Nội vụ")
    assert not names_unit("Kết quả CCHC của xã Mỹ An Hòa", "Ủy ban nhân dân xã Mỹ A")
    assert not names_unit("Kết quả thực hiện nhiệm vụ", "Phòng Nội vụ")


def test_the_story_runs_from_the_title_to_the_closing_kept_with_the_signature() -> None:
    context = sample_context()
    story = _builder(context).story()
    assert _text(story[1]) == "BÁO CÁO"
    last = story[-1]
    assert isinstance(last, KeepTogether)
    assert _texts(last._content)[0].startswith("Trên đây là báo cáo")
    headings = [t for t in _texts(story) if t[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert [h.split(".")[0] for h in headings] == ["I", "II", "III", "IV", "V"]


def test_a_period_of_a_year_reads_in_the_opening() -> None:
    report, template = load_sample()
    report.document.subject = ""
    report.period = dataclasses.replace(report.period, start=dt.date(2026, 1, 1),
                                        end=dt.date(2026, 3, 31))
    front = _texts(_builder(build_context(report, template)).front())
    assert "(số liệu tính từ ngày 01/01/2026 đến ngày 31/03/2026)" in front[2]
