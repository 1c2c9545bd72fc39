"""report_hygiene: every text of a report cleaned on its way into the data file.

Names and codes in NFC that hide nothing, or a refusal naming the field; narrative in NFC
without invisible controls; a refusal lists every refused field, in Vietnamese.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal

import pytest
from factories import make_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.extra_figures import ExtraFigure
from cchc_desktop.domain.report import (
    DocumentInfo,
    IssuedDocument,
    Proposal,
    Report,
    Signer,
    SubmissionStatus,
    SubunitSubmission,
    Task,
    TaskStatus,
)
from cchc_desktop.domain.report_hygiene import clean_report
from cchc_desktop.domain.rich_text import Footnote, Paragraph, RichText, Run
from cchc_desktop.domain.units import Unit

DECOMPOSED = unicodedata.normalize("NFD", "Hòa Bình")
COMPOSED = "Hòa Bình"
HIDDEN = "\u202e\u200b\x00\x07\u2066"


def test_a_clean_report_comes_back_equal() -> None:
    report = make_report({"cddh.kh.tong": 10}, texts={"tc": "Đã ban hành\n\tkế hoạch"},
                         tasks=[Task("Rà soát", TaskStatus.DONE)])
    assert clean_report(report) == report


def test_every_name_and_narrative_is_put_in_nfc() -> None:
    assert DECOMPOSED != COMPOSED
    report = make_report(
        {"cddh.kh.tong": 1}, texts={"tc": DECOMPOSED},
        unit=Unit("xa-hoa", DECOMPOSED, "xa", DECOMPOSED),
        document=DocumentInfo(number="12", place=DECOMPOSED, subject=DECOMPOSED),
        signer=Signer(DECOMPOSED, DECOMPOSED, DECOMPOSED), recipients=[DECOMPOSED],
        notes={"cddh.kh.tong": DECOMPOSED}, tasks=[Task(DECOMPOSED)],
        proposals=[Proposal(DECOMPOSED, DECOMPOSED, DECOMPOSED)],
        documents=[IssuedDocument("1", None, DECOMPOSED)],
        subunits=[SubunitSubmission("x", DECOMPOSED, "xa", None, SubmissionStatus.ON_TIME)],
        extra_figures=[ExtraFigure("tc", "k", DECOMPOSED, DECOMPOSED, Decimal(1))])
    cleaned = clean_report(report)
    assert cleaned.unit.name == cleaned.unit.parent == COMPOSED
    assert cleaned.texts["tc"] == cleaned.notes["cddh.kh.tong"] == COMPOSED
    assert (cleaned.document.place, cleaned.document.subject) == (COMPOSED, COMPOSED)
    assert dataclasses.astuple(cleaned.signer) == (COMPOSED,) * 3
    assert cleaned.recipients == [COMPOSED]
    assert cleaned.tasks[0].text == cleaned.documents[0].subject == COMPOSED
    assert dataclasses.astuple(cleaned.proposals[0]) == (COMPOSED,) * 3
    assert cleaned.subunits[0].name == COMPOSED
    assert (cleaned.extra_figures[0].label, cleaned.extra_figures[0].unit) == (COMPOSED, COMPOSED)


def test_narrative_loses_hidden_characters_and_keeps_tabs_and_line_breaks() -> None:
    report = make_report(texts={"tc": f"Đã{HIDDEN} ban\thành\nkế hoạch"},
                         tasks=[Task(f"Rà{HIDDEN} soát")], notes={"cddh.kh.tong": f"vì{HIDDEN}"},
                         document=DocumentInfo(subject=f"Báo cáo{HIDDEN}"))
    cleaned = clean_report(report)
    assert cleaned.texts["tc"] == "Đã ban\thành\nkế hoạch"
    assert cleaned.tasks[0].text == "Rà soát"
    assert cleaned.notes["cddh.kh.tong"] == "vì"
    assert cleaned.document.subject == "Báo cáo"


def test_the_rich_narrative_is_cleaned_in_place_keeping_its_structure() -> None:
    def narrative(bold: str, footnote: str) -> RichText:
        return RichText((Paragraph((Run("Đoạn ", False, False), Run(bold, True, False),
                                    Footnote(footnote))),))

    report = make_report()
    report.set_narrative("tc", narrative(f"một{HIDDEN}", f"Ghi chú {DECOMPOSED}\u200b"))
    cleaned = clean_report(report)
    assert cleaned.rich["tc"] == narrative("một", f"Ghi chú {COMPOSED}")


@pytest.mark.parametrize("field, change", [
    ("mã đơn vị", lambda r: dataclasses.replace(r, unit=Unit("xa\u200b", "Xã", "xa", ""))),
    ("tên đơn vị", lambda r: dataclasses.replace(r, unit=Unit("xa", "Xã A\u202e", "xa", ""))),
    ("mẫu báo cáo", lambda r: dataclasses.replace(r, template_ref="cchc-2021\x00")),
    ("mã chỉ tiêu", lambda r: dataclasses.replace(r, values={"cddh.kh.tong\u2066": Decimal(1)})),
    ("mã mục tiêu", lambda r: dataclasses.replace(r, targets={"a\tb": Decimal(1)})),
    ("giải trình", lambda r: dataclasses.replace(r, notes={"cddh\u200d": "vì"})),
    ("số liệu bổ sung", lambda r: dataclasses.replace(
        r, extra_figures=[ExtraFigure("tc", "k\u2028", "Số", "", Decimal(1))])),
    ("văn bản 1", lambda r: dataclasses.replace(
        r, documents=[IssuedDocument("1", None, "a", "tc\ufeff")])),
    ("mã đơn vị cấp dưới", lambda r: dataclasses.replace(
        r, subunits=[SubunitSubmission("x\x1b", "X", "xa", None, SubmissionStatus.LATE)])),
])
def test_a_name_or_code_hiding_a_character_is_refused_naming_its_field(
        field: str, change: Callable[[Report], Report]) -> None:
    with pytest.raises(ReportError) as refused:
        clean_report(change(make_report()))
    message = str(refused.value)
    assert message.startswith("Báo cáo có chữ không lưu được:\n- ")
    assert f"- {field}" in message
    assert "<U+" in message   # the hidden character spelled out, so a clerk can see it


def test_a_lone_surrogate_is_refused_even_in_narrative() -> None:
    with pytest.raises(ReportError, match="nhiệm vụ 2"):
        clean_report(make_report(tasks=[Task("a"), Task("b\ud800")]))
    with pytest.raises(ReportError, match="nội dung mục"):
        clean_report(make_report(texts={"tc": "x\udfff"}))


def test_every_refused_field_is_listed_up_to_twelve() -> None:
    tasks = [Task(f"nhiệm vụ \ud800{i}") for i in range(20)]
    with pytest.raises(ReportError) as refused:
        clean_report(make_report(tasks=tasks, unit=Unit("xa\u200b", "Xã", "xa", "")))
    lines = str(refused.value).splitlines()[1:]
    assert len(lines) == 12
    assert lines[0].startswith("- mã đơn vị")
    assert lines[1].startswith("- nhiệm vụ 1:")


def test_what_is_not_text_is_kept() -> None:
    report = make_report({"cddh.kh.tong": "12.5"}, targets={"cddh.kh.tong": Decimal(20)},
                         document=DocumentInfo(date=dt.date(2026, 3, 31)),
                         tasks=[Task("a", TaskStatus.DONE)], revision=3)
    cleaned = clean_report(report)
    assert cleaned.values == {"cddh.kh.tong": Decimal("12.5")}
    assert cleaned.targets == {"cddh.kh.tong": Decimal(20)}
    assert cleaned.document.date == dt.date(2026, 3, 31)
    assert cleaned.tasks[0].status is TaskStatus.DONE
    assert (cleaned.revision, cleaned.period) == (3, report.period)


def test_the_report_given_is_not_changed() -> None:
    report = make_report(texts={"tc": f"a{HIDDEN}"})
    clean_report(report)
    assert report.texts["tc"] == f"a{HIDDEN}"
