"""exchange/text_limits.py: the longest text each field of a report may hold, read from the
exchange format's schema (resources/schemas/cchc-report.schema.json, "maxLength"), and the
clerk's message when a text is longer.

Beside tests/storage/test_text_lengths.py (the data layer refusing such a text before it
writes) and tests/gui/test_text_limits_window.py (the window's fields taking no more).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.text_limits import (
    FIELDS,
    check_length,
    check_lengths,
    field_label,
    length_problem,
    limit,
)
from cchc_desktop.i18n import set_language

SCHEMA = Path(__file__).parents[2] / "resources" / "schemas" / "cchc-report.schema.json"

# The limits as the schema file states them, spelled out, so that a change of either shows.
EXPECTED = {
    "unit.code": 100, "unit.name": 300, "unit.parent": 300,
    "document.number": 20, "document.symbol": 50, "document.place": 100,
    "document.subject": 1000,
    "signer.authority": 200, "signer.title": 200, "signer.name": 200,
    "recipient": 500, "note": 5000, "text": 500_000, "task.text": 5000,
    "proposal.from_unit": 300, "proposal.to": 300, "proposal.text": 10_000,
    "document_item.number": 100, "document_item.subject": 2000,
}


def _schema_limit(path: tuple[str, ...]) -> int:
    node = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for step in path:
        node = node["properties"][step] if step != "*" else (
            node["items"] if node.get("type") == "array" else node["additionalProperties"])
    return int(node["maxLength"])


def test_every_field_has_the_schemas_max_length() -> None:
    assert set(FIELDS) == set(EXPECTED)
    for field, (path, _label) in FIELDS.items():
        assert limit(field) == _schema_limit(path) == EXPECTED[field], field


def test_a_too_long_text_names_the_field_its_length_and_the_limit() -> None:
    assert length_problem("document.number", "1" * 25) == \
        "Số văn bản quá dài: 25 ký tự, tối đa 20 ký tự."
    assert length_problem("recipient", "x" * 501) == \
        "Một nơi nhận quá dài: 501 ký tự, tối đa 500 ký tự."
    assert length_problem("note", "ả" * 5001) == \
        "Giải trình quá dài: 5001 ký tự, tối đa 5000 ký tự."


def test_exactly_the_limit_an_empty_text_and_none_pass() -> None:
    for field in FIELDS:
        assert length_problem(field, "a" * limit(field)) is None, field
        check_length(field, "a" * limit(field))
    assert length_problem("document.number", "") is None
    assert length_problem("document.number", None) is None


def test_characters_are_counted_not_bytes() -> None:
    # 20 Vietnamese letters are 40 bytes in UTF-8 and still fit a 20-character number.
    assert length_problem("document.number", "Đ" * 20) is None
    assert length_problem("document.number", "Đ" * 21) == \
        "Số văn bản quá dài: 21 ký tự, tối đa 20 ký tự."


def test_check_length_raises_a_report_error_with_the_message() -> None:
    with pytest.raises(ReportError) as caught:
        check_length("signer.name", "N" * 201)
    assert str(caught.value) == "Họ và tên người ký quá dài: 201 ký tự, tối đa 200 ký tự."


def test_check_lengths_stops_at_the_first_too_long_field_in_order() -> None:
    check_lengths({"document.number": "12", "document.subject": "s" * 1000, "signer.name": None})
    with pytest.raises(ReportError, match=r"^Ký hiệu văn bản quá dài: 51 ký tự"):
        check_lengths({"document.number": "12", "document.symbol": "K" * 51,
                       "document.subject": "s" * 1001})


def test_the_message_follows_the_language() -> None:
    set_language("en")
    assert length_problem("document.number", "1" * 25) == \
        "Document number is too long: 25 characters, at most 20."
    assert length_problem("note", "g" * 5001) == \
        "Explanation is too long: 5001 characters, at most 5000."


def test_a_field_is_named_as_the_clerk_knows_it() -> None:
    assert field_label("document.number") == "Số văn bản"
    assert field_label("recipient") == "Một nơi nhận"
