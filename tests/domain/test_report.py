"""domain/report.py: one periodic report in memory and the labels of its statuses.

A status is labelled in the language asked for (the spoken one by default); a report's
narrative is its formatted structure when it has one, else its plain text read as
paragraphs and lists; `set_narrative` keeps the plain text and the structure in agreement
and keeps no structure a plain text says in full. Beside tests/exchange/test_rich_exchange.py
and tests/storage/test_rich_narrative_storage.py, which carry formatted narratives through
files and the data file.
"""

from __future__ import annotations

from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import (
    DEFAULT_DOC_SYMBOL,
    DocumentInfo,
    Report,
    ReportStatus,
    SubmissionStatus,
    TaskStatus,
)
from cchc_desktop.domain.rich_text import ListBlock, Paragraph, RichText, Run
from cchc_desktop.domain.units import Unit
from cchc_desktop.i18n import language_named, set_language

BOLD = RichText((Paragraph((Run("Đạt "), Run("92,52%", bold=True))),))


def _report() -> Report:
    return Report("cchc-2021@1", Unit("xa-a", "Ủy ban nhân dân xã A", "xa", "UBND huyện B"),
                  Period.default(2026, "Q1"))


def test_status_labels_are_vietnamese_and_follow_the_language_asked() -> None:
    assert [s.label for s in ReportStatus] == ["Dự thảo", "Hoàn thành", "Đã gửi"]
    assert [s.label for s in TaskStatus] == ["Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện"]
    assert [s.label for s in SubmissionStatus] == ["Đúng hạn", "Trễ hạn", "Không báo cáo"]
    set_language("en")
    assert ReportStatus.DRAFT.label_in(language_named("vi")) == "Dự thảo"
    assert ReportStatus.DRAFT.label == "Draft"         # the screen speaks English now


def test_a_new_report_is_an_empty_draft_with_the_default_symbol() -> None:
    report = _report()
    assert report.status is ReportStatus.DRAFT and report.revision == 0
    assert report.document == DocumentInfo(symbol="BC-UBND") and DEFAULT_DOC_SYMBOL == "BC-UBND"
    assert report.values == {} and report.texts == {} and report.rich == {}
    assert _report().recipients is not report.recipients     # each report its own lists


def test_a_plain_narrative_is_read_as_paragraphs_and_lists() -> None:
    report = _report()
    report.texts["cddh"] = "Ban hành kế hoạch.\n\n- Một cửa\n- Số hóa"
    assert report.narrative("cddh") == RichText((
        Paragraph((Run("Ban hành kế hoạch."),)),
        ListBlock(False, ((Run("Một cửa"),), (Run("Số hóa"),)))))
    assert report.narrative("khac") == RichText(())


def test_set_narrative_keeps_a_structure_only_when_the_plain_text_cannot_say_it() -> None:
    report = _report()
    report.set_narrative("cddh", BOLD)
    assert report.texts == {"cddh": "Đạt 92,52%"} and report.rich == {"cddh": BOLD}
    assert report.narrative("cddh") is BOLD
    plain = RichText((Paragraph((Run("Chỉ có chữ."),)),))
    report.set_narrative("cddh", plain)
    assert report.texts == {"cddh": "Chỉ có chữ."} and report.rich == {}


def test_an_empty_narrative_removes_the_section_from_both() -> None:
    report = _report()
    report.set_narrative("cddh", BOLD)
    report.set_narrative("cddh", "  \n ")
    assert report.texts == {} and report.rich == {}
    report.set_narrative("tthc", "Đã rà soát 12 thủ tục.")
    assert report.texts == {"tthc": "Đã rà soát 12 thủ tục."} and report.rich == {}
