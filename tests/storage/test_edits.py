"""storage/edits.py: the clerk's single edits (a figure, a text, a note, a list, the header),
each one transaction and one history line; a refused edit writes nothing at all.

Beside tests/storage/test_edit_conflicts.py (two writers and `expected`, figures, texts and
lists), tests/storage/test_extra_figure_edits.py (set_extra_figures), test_rich_narrative_storage.py
(set_narrative's structure) and test_repository.py (a first look at set_value): here what
edits.py itself promises of each edit on one store.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal

import pytest
from factories import make_report

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.lifecycle import ReportLockedError
from cchc_desktop.domain.report import DocumentInfo, IssuedDocument, ReportStatus, Signer, Task
from cchc_desktop.storage.conflicts import EditConflict
from cchc_desktop.storage.repository import ReportStore

CODE = "cddh.kh.tong"          # a count (nhiệm vụ)
MONEY = "tcc.dtc.giai_ngan"    # triệu đồng, with decimals


def _report(store: ReportStore) -> int:
    return store.save_report(make_report({CODE: 60}, texts={"cddh": "Văn bản đầu."}))


def _lines(store: ReportStore, report_id: int) -> list[tuple[str, str, str | None, str | None]]:
    return [(c.entity, c.key, c.old, c.new) for c in store.history(report_id)
            if c.entity != "report"]


def test_a_figure_is_written_logged_and_emptied_one_line_each(store: ReportStore) -> None:
    report_id = _report(store)
    store.set_value(report_id, MONEY, Decimal("1234567.5"))
    store.set_value(report_id, MONEY, Decimal("1234567.5"))    # the same again: no line
    store.set_value(report_id, CODE, None)
    assert store.load_report(report_id).values == {MONEY: Decimal("1234567.5")}
    assert _lines(store, report_id) == [("value", MONEY, None, "1234567.5"),
                                        ("value", CODE, "60", None)]


def test_a_refused_figure_writes_nothing_and_says_why_in_vietnamese(store: ReportStore) -> None:
    report_id = _report(store)
    before = _lines(store, report_id)
    with pytest.raises(ReportError, match=r"^Tổng số nhiệm vụ .*: phải là số nguyên"):
        store.set_value(report_id, CODE, Decimal("1.5"))
    with pytest.raises(ReportError, match=r"Mã chỉ tiêu khong\.co không có trong mẫu báo cáo"):
        store.set_value(report_id, "khong.co", Decimal(1))
    with pytest.raises(ReportError, match="Không tìm thấy báo cáo số 999"):
        store.set_value(999, CODE, Decimal(1))
    assert store.load_report(report_id).values == {CODE: Decimal(60)}
    assert _lines(store, report_id) == before


def test_edits_made_together_are_all_undone_by_one_refused(store: ReportStore) -> None:
    report_id = _report(store)
    before = _lines(store, report_id)
    with pytest.raises(ReportError, match="không được âm"), store.database.together():
        store.set_value(report_id, MONEY, Decimal("2987.456"))
        store.set_text(report_id, "cddh", "Đoạn của tệp Word.")
        store.set_note(report_id, CODE, "Ghi chú của tệp Word.")
        store.set_value(report_id, CODE, Decimal(-1))
    report = store.load_report(report_id)
    assert (report.values, report.texts, report.notes) == (
        {CODE: Decimal(60)}, {"cddh": "Văn bản đầu."}, {})
    assert _lines(store, report_id) == before


def test_a_final_report_takes_no_edit_of_any_kind(store: ReportStore) -> None:
    report_id = _report(store)
    store.set_status(report_id, ReportStatus.FINAL)
    before = _lines(store, report_id)
    edits: list[Callable[[], object]] = [
        lambda: store.set_value(report_id, CODE, Decimal(61)),
        lambda: store.set_text(report_id, "cddh", "Khác."),
        lambda: store.set_note(report_id, CODE, "Ghi chú."),
        lambda: store.replace_lists(report_id, tasks=[Task("Việc mới")]),
        lambda: store.update_header(report_id, recipients=["Sở Nội vụ"])]
    for edit in edits:
        with pytest.raises(ReportLockedError):
            edit()
    report = store.load_report(report_id)
    assert (report.values[CODE], report.texts["cddh"], report.notes, report.tasks,
            report.recipients) == (Decimal(60), "Văn bản đầu.", {}, [], [])
    assert _lines(store, report_id) == before


def test_a_text_is_stored_cleaned_and_an_empty_one_removes_the_section(store: ReportStore) -> None:
    report_id = _report(store)
    decomposed = unicodedata.normalize("NFD", "Đã rà soát\u200b 12 thủ tục.\x00")
    stored = store.set_text(report_id, "cddh", decomposed)
    assert stored == "Đã rà soát 12 thủ tục."
    assert unicodedata.is_normalized("NFC", store.load_report(report_id).texts["cddh"])
    assert store.set_text(report_id, "cddh", "") == ""
    assert "cddh" not in store.load_report(report_id).texts
    assert _lines(store, report_id) == [("text", "cddh", "Văn bản đầu.", stored),
                                        ("text", "cddh", stored, None)]
    with pytest.raises(ReportError, match="Mục khong_co không có trong mẫu báo cáo"):
        store.set_text(report_id, "khong_co", "x")
    with pytest.raises(ReportError, match="nửa cặp thay thế"):
        store.set_text(report_id, "cddh", "lỗi \ud800")
    assert _lines(store, report_id)[-1] == ("text", "cddh", stored, None)


def test_a_note_changed_meanwhile_is_refused_naming_the_figure(store: ReportStore) -> None:
    report_id = _report(store)
    store.set_note(report_id, CODE, "Giảm do sáp nhập xã.")
    with pytest.raises(EditConflict) as caught:
        store.set_note(report_id, CODE, "Ghi chú của tôi.", expected="")
    conflict = caught.value
    assert conflict.label == "Ghi chú: Tổng số nhiệm vụ trong kế hoạch CCHC năm"
    assert (conflict.shown_theirs, conflict.shown_mine) == (
        "\u201cGiảm do sáp nhập xã.\u201d", "\u201cGhi chú của tôi.\u201d")
    assert conflict.message.endswith("Chưa lưu nội dung của bạn.")
    assert store.load_report(report_id).notes == {CODE: "Giảm do sáp nhập xã."}
    store.set_note(report_id, CODE, "", expected="Giảm do sáp nhập xã.")
    assert store.load_report(report_id).notes == {}
    assert [(c.old, c.new) for c in store.history(report_id, CODE) if c.entity == "note"] == [
        (None, "Giảm do sáp nhập xã."), ("Giảm do sáp nhập xã.", None)]


def test_a_figure_conflict_shows_both_figures_in_vietnamese_digits(store: ReportStore) -> None:
    report_id = _report(store)
    store.set_value(report_id, MONEY, Decimal("1234567.5"))
    with pytest.raises(EditConflict) as caught:
        store.set_value(report_id, MONEY, Decimal("2500"), expected=None)
    assert (caught.value.shown_theirs, caught.value.shown_mine) == ("1.234.567,5", "2.500")
    assert "\u201cVốn đầu tư công đã giải ngân" in caught.value.message
    assert store.load_report(report_id).values[MONEY] == Decimal("1234567.5")


def test_lists_are_replaced_and_logged_with_their_length(store: ReportStore) -> None:
    report_id = _report(store)
    document = IssuedDocument("12/KH-UBND", dt.date(2026, 1, 5), "Kế hoạch CCHC năm 2026")
    store.replace_lists(report_id, tasks=[Task("Rà soát thủ tục"), Task("Số hóa hồ sơ")],
                        documents=[document])
    report = store.load_report(report_id)
    assert [t.text for t in report.tasks] == ["Rà soát thủ tục", "Số hóa hồ sơ"]
    assert report.documents == [document]
    assert report.proposals == []     # not named: left alone
    assert _lines(store, report_id) == [("tasks", "tasks", None, "2"),
                                        ("documents", "documents", None, "1")]


def test_the_header_changes_only_what_is_given(store: ReportStore) -> None:
    report_id = _report(store)
    before = store.load_report(report_id)
    store.update_header(report_id, document=DocumentInfo(
        number="45", symbol="BC-UBND", place="Mỹ An", date=dt.date(2023, 9, 14),
        subject="Báo cáo CCHC quý I"), recipients=["Sở Nội vụ", "Lưu: VT"])
    report = store.load_report(report_id)
    assert (report.document.number, report.document.date, report.document.subject) == (
        "45", dt.date(2023, 9, 14), "Báo cáo CCHC quý I")
    assert report.recipients == ["Sở Nội vụ", "Lưu: VT"]
    assert report.signer == before.signer and report.period == before.period
    store.update_header(report_id, signer=Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn A"))
    assert store.load_report(report_id).signer.name == "Lê Văn A"
    assert store.load_report(report_id).recipients == ["Sở Nội vụ", "Lưu: VT"]
    assert [c.entity for c in store.history(report_id)][-2:] == ["header", "header"]


def test_a_header_or_a_list_saved_unchanged_writes_no_history_line(store: ReportStore) -> None:
    """The header page saves when a field loses the focus; a table saves its whole list after
    each cell: saving what is there already is no change to tell."""
    report_id = _report(store)
    document = DocumentInfo(number="45", symbol="BC-UBND", place="Mỹ An", date=dt.date(2023, 9, 14),
                            subject="Báo cáo CCHC quý I")
    store.update_header(report_id, document=document, recipients=["Sở Nội vụ"])
    store.replace_lists(report_id, tasks=[Task("Rà soát thủ tục")])
    lines = len(_lines(store, report_id))
    store.update_header(report_id, document=document, recipients=["Sở Nội vụ"])
    store.update_header(report_id, signer=store.load_report(report_id).signer)
    store.replace_lists(report_id, tasks=[Task("Rà soát thủ tục")], proposals=[])
    assert len(_lines(store, report_id)) == lines
    store.update_header(report_id, recipients=["Sở Nội vụ", "Lưu: VT"])
    assert _lines(store, report_id)[-1][0] == "header"
    assert len(_lines(store, report_id)) == lines + 1
