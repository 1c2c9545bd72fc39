"""schema_errors: a JSON Schema error told as a Vietnamese sentence, with where it is.

The errors are jsonschema's own, from small schemas that break one rule each.
"""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cchc_desktop.domain.schema_errors import describe
from cchc_desktop.i18n import language_named, speaking


def _described(schema: dict[str, Any], data: Any) -> str:
    [error] = list(Draft202012Validator(schema).iter_errors(data))
    return describe(error, data)


def _nested(leaf: dict[str, Any]) -> dict[str, Any]:
    """A template-like schema: sections of groups of indicators, the leaf schema at the end."""
    return {"type": "object", "properties": {"sections": {"type": "array", "items": {
        "type": "object", "properties": {"indicators": {"type": "array", "items": leaf}}}}}}


def test_the_place_is_the_path_with_the_nearest_code() -> None:
    data = {"sections": [{"id": "tc", "indicators": [{"code": "cddh.kh.tong", "kind": 3}]}]}
    text = _described(_nested({"properties": {"kind": {"type": "string"}}}), data)
    assert text == "sections/0/indicators/0/kind (cddh.kh.tong): phải là chuỗi chữ"


def test_an_id_names_the_place_when_there_is_no_code_and_the_root_is_named() -> None:
    data = {"sections": [{"id": "tc", "indicators": [{"kind": 3}]}]}
    text = _described(_nested({"properties": {"kind": {"type": "string"}}}), data)
    assert text.startswith("sections/0/indicators/0/kind (tc): ")
    assert _described({"type": "object"}, []) == "(gốc): phải là bảng khóa-giá trị"


def test_a_code_that_is_not_text_does_not_name_the_place() -> None:
    data = {"sections": [{"code": 5, "indicators": [{"kind": 3}]}]}
    text = _described(_nested({"properties": {"kind": {"type": "string"}}}), data)
    assert text.startswith("sections/0/indicators/0/kind: ")


def test_a_missing_field_is_named_with_its_meaning() -> None:
    text = _described({"required": ["code", "label"]}, {"label": "x"})
    assert text == "(gốc): thiếu trường bắt buộc 'code' (mã)"
    assert _described({"required": ["zz"]}, {}) == "(gốc): thiếu trường bắt buộc 'zz'"


@pytest.mark.parametrize("schema, data, detail", [
    ({"enum": ["flow", "stock"]}, "x", "giá trị 'x' không hợp lệ (chỉ nhận: flow, stock)"),
    ({"const": "cchc-report"}, "x", "phải là 'cchc-report'"),
    ({"type": ["integer", "null"]}, "x", "phải là số nguyên hoặc rỗng"),
    ({"type": "boolean"}, 1, "phải là đúng/sai"),
    ({"pattern": "^[a-z]+$"}, "ABC", "'ABC' sai dạng"),
    ({"minimum": 0}, -1, "giá trị -1 nằm ngoài giới hạn (0)"),
    ({"maximum": 100}, 101, "giá trị 101 nằm ngoài giới hạn (100)"),
    ({"minLength": 1}, "", "không được để trống"),
    ({"minItems": 1}, [], "không được để trống"),
    ({"maxLength": 3}, "abcd", "quá dài (tối đa 3)"),
    ({"maxItems": 1}, [1, 2], "quá dài (tối đa 1)"),
    ({"anyOf": [{"type": "string"}, {"type": "integer"}]}, 1.5,
     "giá trị '1.5' không đúng kiểu"),
])
def test_each_rule_is_told_in_vietnamese(schema: dict[str, Any], data: Any, detail: str) -> None:
    assert _described(schema, data) == f"(gốc): {detail}"


def test_each_missing_field_is_one_sentence_of_its_own() -> None:
    # each named every missing field: a file without two fields said the same line twice
    data = {"label": "x"}
    errors = list(Draft202012Validator({"required": ["code", "label", "unit"]}).iter_errors(data))
    assert [describe(error, data) for error in errors] == [
        "(gốc): thiếu trường bắt buộc 'code' (mã)", "(gốc): thiếu trường bắt buộc 'unit' (đơn vị)"]


def test_a_field_not_allowed_is_named_but_not_the_allowed_ones() -> None:
    schema = {"type": "object", "properties": {"code": {}}, "additionalProperties": False}
    assert _described(schema, {"code": "a", "zz": 1, "yy": 2}) == \
        "(gốc): có trường không được phép: zz, yy"


def test_another_rule_falls_back_to_the_validators_message() -> None:
    error = next(Draft202012Validator({"multipleOf": 5}).iter_errors(7))
    assert describe(error, 7) == f"(gốc): {error.message}"


def test_the_sentence_follows_the_language() -> None:
    with speaking(language_named("en")):
        text = _described({"required": ["code"]}, {})
    assert "thiếu" not in text and "'code'" in text
