"""documents/language.py: documents are written in Vietnamese whatever the window speaks.

DOCUMENT_LANGUAGE is Vietnamese, and `findings_in` evaluates the rules again in the language
asked, so that what a finding bakes in when made (the opening report's period label) is in
the document's words. Beside tests/documents/test_document_language.py, which checks whole
PDFs and workbooks exported under an English window.
"""

from __future__ import annotations

from factories import make_report, records, template

from cchc_desktop.documents.language import DOCUMENT_LANGUAGE, findings_in
from cchc_desktop.domain.context import build_context
from cchc_desktop.domain.findings import finding_text
from cchc_desktop.i18n import set_language

CARRIED = ("Cấp xã: Số hồ sơ kỳ trước chuyển qua (7) khác tổng đang giải quyết trong hạn và "
           "đang giải quyết quá hạn của báo cáo {period} (1.010): chênh lệch 1.003.")


def _carry_over(texts: list[str]) -> str:
    return next(text for text in texts if "kỳ trước chuyển qua" in text)


def test_the_document_language_is_vietnamese() -> None:
    set_language("en")
    assert DOCUMENT_LANGUAGE.code == "vi"
    assert DOCUMENT_LANGUAGE.gettext("Nơi nhận:") == "Nơi nhận:"


def test_findings_are_evaluated_again_in_the_documents_words() -> None:
    set_language("en")        # the window speaks English when the context is built
    opening = make_report(records(pending=1000, overdue_pending=10), year=2025, kind="Y")
    context = build_context(make_report(records(carried=7)), template(), opening=opening)
    as_built = [finding_text(f, DOCUMENT_LANGUAGE) for f in context.findings]
    assert _carry_over(as_built) == CARRIED.format(period="Year 2025")
    worded = findings_in(context, DOCUMENT_LANGUAGE)
    assert _carry_over([finding_text(f, DOCUMENT_LANGUAGE) for f in worded]) == (
        CARRIED.format(period="Năm 2025"))
    assert [f.rule for f in worded] == [f.rule for f in context.findings]
    assert "differs from" in worded[0].message      # the window's own language is untouched


def test_without_an_opening_report_the_findings_are_the_same() -> None:
    context = build_context(make_report({"cddh.kh.tong": 5, "cddh.kh.hoan_thanh": 6}), template())
    assert [f.rule for f in context.findings] == ["cddh.kh.tong_bang_cac_phan", "ty_le.vuot_100"]
    assert findings_in(context, DOCUMENT_LANGUAGE) == context.findings
