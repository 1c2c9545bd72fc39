"""domain/evidence_items.py: a report's evidence as the documents see it.

Each document once, in the order first attached, with every item it proves (an indicator by
its label, a task by its text, the key itself for an item gone from the report), the same
item not twice, its bytes and its problem carried along. Beside tests/storage/test_evidence.py
and tests/documents/test_evidence_annex.py, which gather and print it from a data file.
"""

from __future__ import annotations

from factories import make_report, template

from cchc_desktop.domain.evidence import (
    EvidenceDocument,
    EvidenceLink,
    EvidenceMeta,
    FileKind,
    TargetKind,
)
from cchc_desktop.domain.evidence_items import (
    EvidenceTarget,
    evidence_items,
    report_evidence_context,
    target_label,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.report import Task
from cchc_desktop.domain.units import Text

CONTEXT = "report:2026-Q1"
PLAN = EvidenceDocument(7, EvidenceMeta("Kế hoạch CCHC năm 2026", "20/KH-UBND"), "ke-hoach.pdf",
                        FileKind.PDF, 2048, "a" * 64)
PHOTO = EvidenceDocument(3, EvidenceMeta("Ảnh bảng niêm yết"), "anh.png", FileKind.PNG, 512,
                         "b" * 64)


def test_the_context_of_a_report_is_its_period_key() -> None:
    assert report_evidence_context(Period.default(2026, "Q1")) == "report:2026-Q1"
    assert report_evidence_context(Period.default(2025, "Y")) == "report:2025-Y"


def test_what_a_link_points_at_in_words() -> None:
    report, tpl = make_report(tasks=[Task("Ban hành kế hoạch CCHC"),
                                     Task("  Niêm yết TTHC  ")]), template()
    assert target_label(TargetKind.INDICATOR, "cddh.kh.tong", report, tpl) == tpl.indicators[
        "cddh.kh.tong"].label
    assert target_label(TargetKind.TASK, "2", report, tpl) == Text("Niêm yết TTHC")
    for kind, key in ((TargetKind.TASK, "3"), (TargetKind.TASK, "0"), (TargetKind.TASK, "x"),
                      (TargetKind.INDICATOR, "ma.da.xoa"), (TargetKind.CRITERION, "1.2.1")):
        assert target_label(kind, key, report, tpl) == Text(key)


def test_one_item_per_document_in_the_order_first_attached() -> None:
    report, tpl = make_report(tasks=[Task("Ban hành kế hoạch CCHC")]), template()
    pairs = [(PHOTO, EvidenceLink(3, CONTEXT, TargetKind.INDICATOR, "cddh.kh.hoan_thanh")),
             (PLAN, EvidenceLink(7, CONTEXT, TargetKind.INDICATOR, "cddh.kh.tong")),
             (PLAN, EvidenceLink(7, CONTEXT, TargetKind.TASK, "1")),
             (PLAN, EvidenceLink(7, CONTEXT, TargetKind.INDICATOR, "cddh.kh.tong"))]
    items = evidence_items(pairs, report, tpl, contents={7: b"%PDF-1.7"},
                           problems={3: "Tệp đã bị thay đổi."})
    assert [item.document.id for item in items] == [3, 7]
    assert items[1].targets == (
        EvidenceTarget(TargetKind.INDICATOR, "cddh.kh.tong", tpl.indicators["cddh.kh.tong"].label),
        EvidenceTarget(TargetKind.TASK, "1", Text("Ban hành kế hoạch CCHC")))
    assert (items[0].content, items[0].problem) == (b"", "Tệp đã bị thay đổi.")
    assert (items[1].content, items[1].problem) == (b"%PDF-1.7", "")
    assert evidence_items([], report, tpl) == ()
