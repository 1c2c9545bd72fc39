"""report_diff: what changed between two versions of one report, one sentence per change."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factories import make_report, template

from cchc_desktop.domain.report import DocumentInfo, Proposal, Signer, Task
from cchc_desktop.domain.report_diff import diff_reports
from cchc_desktop.i18n import language_named, speaking


def test_the_same_report_has_no_changes() -> None:
    report = make_report({"cddh.kh.tong": 10}, texts={"tc": "Đã ban hành"},
                         tasks=[Task("Rà soát")])
    assert diff_reports(template(), report, dataclasses.replace(report)) == []


def test_a_changed_figure_is_named_by_its_label_with_both_values_in_vietnamese() -> None:
    tpl = template()
    old = make_report({"cddh.kh.tong": 1234, "tcc.thu_nsnn.du_toan": "1234.5"})
    new = make_report({"cddh.kh.tong": 1240, "tcc.thu_nsnn.du_toan": "1234.5"})
    label = tpl.indicators["cddh.kh.tong"].full_label
    assert diff_reports(tpl, old, new) == [f"{label}: 1.234 → 1.240"]


def test_an_added_or_removed_figure_shows_empty_on_its_missing_side() -> None:
    tpl = template()
    lines = diff_reports(tpl, make_report({"cddh.hai_long": "90.5"}),
                         make_report({"cddh.kh.hoan_thanh": 3}))
    assert lines == [f"{tpl.indicators['cddh.kh.hoan_thanh'].full_label}: (trống) → 3",
                     f"{tpl.indicators['cddh.hai_long'].full_label}: 90,5 → (trống)"]


def test_figures_come_in_the_templates_order_and_unknown_codes_last_by_their_code() -> None:
    tpl = template()
    codes = list(tpl.indicators)
    last, first = codes[-1], codes[0]
    old = make_report()
    # six unknown codes: in the set's order they would come sorted once in 720 runs
    unknown = ["zz.khong_co", "aa.khong_co", "mm.x", "bb.y", "yy.z", "cc.w"]
    new = make_report({"zz.khong_co": "1.23456", last: 1, first: 2,
                       **{code: 5 for code in unknown[1:]}})
    lines = diff_reports(tpl, old, new)
    assert [line.split(":")[0] for line in lines] == [
        tpl.indicators[first].full_label, tpl.indicators[last].full_label, *sorted(unknown)]
    # a code the template does not know is shown with three decimals
    assert lines[-1] == "zz.khong_co: (trống) → 1,235"


def test_the_figures_decimals_are_the_indicators() -> None:
    tpl = template()
    code = next(c for c in tpl.indicators if tpl.indicators[c].decimals == 2)
    [line] = diff_reports(tpl, make_report({code: "90.123"}), make_report({code: "90.5"}))
    assert line.endswith(": 90,12 → 90,5")


def test_a_changed_narrative_names_its_section_and_an_empty_text_equals_none() -> None:
    tpl = template()
    section = next(s for s, _depth in tpl.walk() if s.id == "tc")
    lines = diff_reports(tpl, make_report(texts={"tc": "Cũ", "kq": ""}),
                         make_report(texts={"tc": "Mới"}))
    assert lines == [f"Nội dung mục {section.number}. {section.title} thay đổi."]


def test_a_changed_note_names_its_indicator() -> None:
    tpl = template()
    lines = diff_reports(tpl, make_report(notes={"cddh.kh.tong": "vì"}),
                         make_report(notes={"cddh.kh.tong": "vì thiếu", "zz.x": "ghi chú"}))
    assert lines == [f"Giải trình của \u201c{tpl.indicators['cddh.kh.tong'].full_label}\u201d thay đổi.",
                     "Giải trình của \u201czz.x\u201d thay đổi."]


def test_lists_say_their_counts_and_a_changed_item_of_the_same_count_is_a_change() -> None:
    tpl = template()
    old = make_report(tasks=[Task("Rà soát")], proposals=[Proposal("xã", "huyện", "a")])
    new = make_report(tasks=[Task("Rà soát lại")],
                      proposals=[Proposal("xã", "huyện", "a"), Proposal("xã", "tỉnh", "b")])
    assert diff_reports(tpl, old, new) == ["Danh sách nhiệm vụ: 1 → 1 mục.",
                                           "Kiến nghị, đề xuất: 1 → 2 mục."]


def test_a_changed_header_is_one_line_whatever_changed() -> None:
    tpl = template()
    old = make_report()
    for changed in (dataclasses.replace(old, document=DocumentInfo(number="12")),
                    dataclasses.replace(old, signer=Signer(name="Nguyễn Văn A")),
                    dataclasses.replace(old, recipients=["UBND huyện"]),
                    make_report(kind="H1"),
                    dataclasses.replace(old, document=DocumentInfo(date=dt.date(2026, 4, 1)))):
        assert diff_reports(tpl, old, changed) == [
            "Thông tin văn bản (số, ngày, người ký, nơi nhận hoặc thời gian) thay đổi."]


def test_the_sentences_follow_the_language() -> None:
    tpl = template()
    with speaking(language_named("en")):
        lines = diff_reports(tpl, make_report(), make_report({"zz.x": 1}, tasks=[Task("a")]))
    assert lines == ["zz.x: (empty) → 1", "Task list: 0 → 1 items."]
