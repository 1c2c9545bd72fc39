"""The data layer keeps no text longer than the exchange format allows
(exchange/text_limits.py): storage/edits.py (update_header, set_text, set_narrative, set_note,
replace_lists) and storage/units.py (save_own_unit, set_subordinate_units) refuse a text one
character over its limit with a ReportError naming the field, and write nothing at all; a text
at its limit is written, and a report whose texts are all at their limits exports and opens again.

Beside tests/exchange/test_text_limits.py (the limits and the message) and
tests/storage/test_edits.py (what each edit does with a text that fits).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from factories import make_report, template

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.domain.report import DocumentInfo, IssuedDocument, Proposal, Signer, Task
from cchc_desktop.domain.rich_text import Paragraph, RichText, Run
from cchc_desktop.domain.units import Unit
from cchc_desktop.exchange.json_format import read_report, write_report
from cchc_desktop.exchange.text_limits import limit
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.repository import OwnUnit, ReportStore

CODE = "cddh.kh.tong"
SECTION = "cddh"
OWN = OwnUnit("xa-thu", "Ủy ban nhân dân xã Thử", "xa", kind="xa", parent="UBND tỉnh Thử",
              place="Thử", doc_symbol="BC-UBND", signer_authority="TM. ỦY BAN NHÂN DÂN",
              signer_title="CHỦ TỊCH", signer_name="Lê Văn A")
HAMLETS = [Unit("thon-1", "Thôn Một", "thon", ""), Unit("thon-2", "Thôn Hai", "thon", "")]


def _over(field: str) -> str:
    return "x" * (limit(field) + 1)


def _at(field: str, letter: str = "x") -> str:
    return letter * limit(field)


def _message(label: str, field: str) -> str:
    most = limit(field)
    return "^" + re.escape(f"{label} quá dài: {most + 1} ký tự, tối đa {most} ký tự.") + "$"


def _report(store: ReportStore) -> int:
    report = make_report({CODE: 60}, texts={SECTION: "Văn bản đầu."})
    report.document = DocumentInfo(number="12", symbol="BC-UBND", place="Thử", subject="Báo cáo")
    report.signer = Signer("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn A")
    report.recipients = ["UBND tỉnh", "Lưu: VT"]
    report.notes = {CODE: "Giải trình cũ."}
    report.tasks = [Task("Nhiệm vụ cũ")]
    report.proposals = [Proposal("Xã Thử", "Sở Nội vụ", "Kiến nghị cũ")]
    report.documents = [IssuedDocument("01/KH-UBND", None, "Kế hoạch cũ")]
    return store.save_report(report)


def _history_length(store: ReportStore, report_id: int) -> int:
    return len(store.history(report_id))


def _reopened(store: ReportStore) -> ReportStore:
    """The data file read afresh, so that what is seen is what is on disk."""
    return ReportStore(Database.open(store.database.path))


HEADER_FIELDS = [
    ("document", "number", "document.number", "Số văn bản"),
    ("document", "symbol", "document.symbol", "Ký hiệu văn bản"),
    ("document", "place", "document.place", "Địa danh"),
    ("document", "subject", "document.subject", "Trích yếu"),
    ("signer", "authority", "signer.authority", "Thẩm quyền ký"),
    ("signer", "title", "signer.title", "Chức vụ người ký"),
    ("signer", "name", "signer.name", "Họ và tên người ký"),
]


@pytest.mark.parametrize(("part", "attribute", "field", "label"), HEADER_FIELDS)
def test_a_header_field_one_over_is_refused_and_nothing_changes(
        store: ReportStore, part: str, attribute: str, field: str, label: str) -> None:
    report_id = _report(store)
    before, lines = store.load_report(report_id), _history_length(store, report_id)
    changed = dataclasses.replace(getattr(before, part), **{attribute: _over(field)})
    with pytest.raises(ReportError, match=_message(label, field)):
        store.update_header(report_id, **{part: changed})
    after = _reopened(store).load_report(report_id)
    assert getattr(after, part) == getattr(before, part)
    assert _history_length(store, report_id) == lines
    at_limit = dataclasses.replace(getattr(before, part), **{attribute: _at(field)})
    store.update_header(report_id, **{part: at_limit})
    assert getattr(getattr(_reopened(store).load_report(report_id), part),
                   attribute) == _at(field)


def test_a_recipient_one_over_refuses_the_whole_header(store: ReportStore) -> None:
    report_id = _report(store)
    lines = _history_length(store, report_id)
    with pytest.raises(ReportError, match=_message("Một nơi nhận", "recipient")):
        store.update_header(report_id, document=DocumentInfo(number="99"),
                            recipients=["UBND tỉnh", _over("recipient")])
    after = _reopened(store).load_report(report_id)
    assert (after.recipients, after.document.number) == (["UBND tỉnh", "Lưu: VT"], "12")
    assert _history_length(store, report_id) == lines
    store.update_header(report_id, recipients=[_at("recipient"), "Lưu: VT"])
    assert _reopened(store).load_report(report_id).recipients == [
        _at("recipient"), "Lưu: VT"]


def test_a_section_text_one_over_is_refused_at_the_limit_written(store: ReportStore) -> None:
    report_id = _report(store)
    lines = _history_length(store, report_id)
    with pytest.raises(ReportError, match=_message("Nội dung một mục", "text")):
        store.set_text(report_id, SECTION, _over("text"))
    assert _reopened(store).load_report(report_id).texts[SECTION] == "Văn bản đầu."
    assert _history_length(store, report_id) == lines
    assert store.set_text(report_id, SECTION, _at("text")) == _at("text")
    assert _reopened(store).load_report(report_id).texts[SECTION] == _at("text")


def _narrative(length: int) -> RichText:
    """A bold narrative of `length` characters in its plain text (3 paragraphs: an inline
    holds no more than 200.000 characters)."""
    first = 200_000
    third = length - 2 * first - 4           # the two blank lines between the paragraphs
    return RichText(tuple(Paragraph((Run("b" * size, bold=True),))
                          for size in (first, first, third)))


def test_a_formatted_narrative_one_over_is_refused(store: ReportStore) -> None:
    report_id = _report(store)
    lines = _history_length(store, report_id)
    over = _narrative(limit("text") + 1)
    assert len(over.plain_text()) == limit("text") + 1 and not over.is_plain()
    with pytest.raises(ReportError, match=_message("Nội dung một mục", "text")):
        store.set_narrative(report_id, SECTION, over)
    after = _reopened(store).load_report(report_id)
    assert after.texts[SECTION] == "Văn bản đầu." and SECTION not in after.rich
    assert _history_length(store, report_id) == lines
    at_limit = _narrative(limit("text"))
    assert store.set_narrative(report_id, SECTION, at_limit) == at_limit.plain_text()
    assert _reopened(store).load_report(report_id).rich[SECTION] == at_limit


def test_a_note_one_over_is_refused_at_the_limit_written(store: ReportStore) -> None:
    report_id = _report(store)
    lines = _history_length(store, report_id)
    with pytest.raises(ReportError, match=_message("Giải trình", "note")):
        store.set_note(report_id, CODE, _over("note"))
    assert _reopened(store).load_report(report_id).notes == {CODE: "Giải trình cũ."}
    assert _history_length(store, report_id) == lines
    store.set_note(report_id, CODE, _at("note", "ả"))
    assert _reopened(store).load_report(report_id).notes == {CODE: _at("note", "ả")}


LIST_CELLS = [
    ("tasks", lambda text: [Task(text)], "task.text", "Nội dung nhiệm vụ"),
    ("proposals", lambda text: [Proposal(text, "Sở", "Kiến nghị")], "proposal.from_unit",
     "Đơn vị kiến nghị"),
    ("proposals", lambda text: [Proposal("Xã", text, "Kiến nghị")], "proposal.to",
     "Đơn vị phụ trách"),
    ("proposals", lambda text: [Proposal("Xã", "Sở", text)], "proposal.text",
     "Nội dung kiến nghị"),
    ("documents", lambda text: [IssuedDocument(text, None, "Kế hoạch")], "document_item.number",
     "Số, ký hiệu văn bản đã ban hành"),
    ("documents", lambda text: [IssuedDocument("02/KH", None, text)], "document_item.subject",
     "Trích yếu văn bản đã ban hành"),
]


@pytest.mark.parametrize(("kind", "rows", "field", "label"), LIST_CELLS)
def test_a_list_cell_one_over_is_refused_and_no_list_changes(
        store: ReportStore, kind: str, rows: Callable[[str], list[Any]], field: str,
        label: str) -> None:
    report_id = _report(store)
    before, lines = store.load_report(report_id), _history_length(store, report_id)
    with pytest.raises(ReportError, match=_message(label, field)):
        # tasks given with it, though they fit, are not written either
        given: dict[str, Any] = {"tasks": [Task("Nhiệm vụ mới")], kind: rows(_over(field))}
        store.replace_lists(report_id, **given)
    after = _reopened(store).load_report(report_id)
    assert (after.tasks, after.proposals, after.documents) == (
        before.tasks, before.proposals, before.documents)
    assert _history_length(store, report_id) == lines
    store.replace_lists(report_id, **{kind: rows(_at(field))})
    assert getattr(_reopened(store).load_report(report_id), kind) == rows(_at(field))


OWN_FIELDS = [
    ("code", "unit.code", "Mã đơn vị"), ("name", "unit.name", "Tên đơn vị"),
    ("parent", "unit.parent", "Cơ quan cấp trên"), ("place", "document.place", "Địa danh"),
    ("doc_symbol", "document.symbol", "Ký hiệu văn bản"),
    ("signer_authority", "signer.authority", "Thẩm quyền ký"),
    ("signer_title", "signer.title", "Chức vụ người ký"),
    ("signer_name", "signer.name", "Họ và tên người ký"),
]


@pytest.mark.parametrize(("attribute", "field", "label"), OWN_FIELDS)
def test_the_own_unit_with_a_text_one_over_is_not_saved(
        store: ReportStore, attribute: str, field: str, label: str) -> None:
    store.save_own_unit(OWN)
    with pytest.raises(ReportError, match=_message(label, field)):
        store.save_own_unit(dataclasses.replace(OWN, **{attribute: _over(field)}))
    assert ReportStore(Database.open(store.database.path)).own_unit() == OWN
    at_limit = dataclasses.replace(OWN, **{attribute: _at(field)})
    store.save_own_unit(at_limit)
    assert ReportStore(Database.open(store.database.path)).own_unit() == at_limit


@pytest.mark.parametrize(("attribute", "field", "label"), OWN_FIELDS[:3])
def test_subordinate_units_with_a_text_one_over_are_not_saved(
        store: ReportStore, attribute: str, field: str, label: str) -> None:
    store.save_own_unit(OWN)
    store.set_subordinate_units(HAMLETS)
    third = dataclasses.replace(Unit("thon-3", "Thôn Ba", "thon", ""), **{attribute: _over(field)})
    with pytest.raises(ReportError, match=_message(label, field)):
        store.set_subordinate_units([HAMLETS[0], third])
    reopened = ReportStore(Database.open(store.database.path))
    assert [u.code for u in reopened.subordinate_units()] == ["thon-1", "thon-2"]
    third = dataclasses.replace(third, **{attribute: _at(field, "t")})
    store.set_subordinate_units([HAMLETS[0], third])
    kept = ReportStore(Database.open(store.database.path)).subordinate_units()
    assert [getattr(u, attribute) for u in kept if u.code != "thon-1"] == [_at(field, "t")]


def test_a_report_with_every_text_at_its_limit_exports_and_reads_back(
        store: ReportStore, tmp_path: Path) -> None:
    report_id = _report(store)
    store.update_header(
        report_id,
        document=DocumentInfo(number=_at("document.number", "1"),
                              symbol=_at("document.symbol", "K"),
                              place=_at("document.place", "Đ"),
                              subject=_at("document.subject", "ệ")),
        signer=Signer(_at("signer.authority", "T"), _at("signer.title", "C"),
                      _at("signer.name", "Ữ")),
        recipients=[_at("recipient", "n"), "Lưu: VT"])
    store.set_text(report_id, SECTION, _at("text", "v"))
    store.set_note(report_id, CODE, _at("note", "g"))
    store.replace_lists(
        report_id, tasks=[Task(_at("task.text", "t"))],
        proposals=[Proposal(_at("proposal.from_unit", "f"), _at("proposal.to", "o"),
                            _at("proposal.text", "p"))],
        documents=[IssuedDocument(_at("document_item.number", "s"), None,
                                  _at("document_item.subject", "d"))])
    report = _reopened(store).load_report(report_id)
    path = tmp_path / "bao-cao.json"
    write_report(report, template(), path)
    back, _template = read_report(path)
    assert back.document == report.document and len(back.document.number) == 20
    assert back.signer == report.signer and back.recipients == report.recipients
    assert back.texts[SECTION] == _at("text", "v") and back.notes[CODE] == _at("note", "g")
    assert (back.tasks, back.proposals, back.documents) == (
        report.tasks, report.proposals, report.documents)
