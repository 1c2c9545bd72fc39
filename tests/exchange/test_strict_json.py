"""strict_json: JSON read strictly, every refusal naming its field.

What the standard parser lets through, this one refuses: repeated keys (also keys equal
once normalised), numbers outside the domain (huge integers, 1e400, NaN, Infinity),
hidden characters in names and codes; narrative texts are cleaned instead.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal

import pytest

from cchc_desktop.exchange.strict_json import StrictJSONError, loads, where

NFD = unicodedata.normalize("NFD", "Hòa")


def _problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(StrictJSONError) as refused:
        loads(text, **kwargs)  # type: ignore[arg-type]
    assert str(refused.value) == "\n".join(refused.value.problems)
    return refused.value.problems


def test_a_clean_file_reads_as_json_with_decimals_for_fractions() -> None:
    data = loads('{"values": {"a": 15400, "b": 2987.455, "c": -2.5, "d": 1.5e3}, '
                 '"ok": true, "none": null, "list": [1, "x"]}')
    assert data == {"values": {"a": 15400, "b": Decimal("2987.455"), "c": Decimal("-2.5"),
                               "d": Decimal("1.5e3")},
                    "ok": True, "none": None, "list": [1, "x"]}
    assert isinstance(data["values"]["b"], Decimal)
    assert isinstance(data["values"]["a"], int)


def test_a_repeated_key_is_refused_not_the_last_kept() -> None:
    assert json.loads('{"a": 1, "a": 2}') == {"a": 2}   # what the standard parser does
    [problem] = _problems('{"values": {"x": 1, "y": 2, "x": 3}}')
    assert "khóa 'x' xuất hiện nhiều lần" in problem


def test_keys_equal_once_normalised_are_refused_as_repeated() -> None:
    text = json.dumps({"values": {"Hòa": 1, NFD: 2}}, ensure_ascii=False)
    [problem] = _problems(text)
    assert problem.startswith("values: khóa 'Hòa' xuất hiện nhiều lần (sau khi chuẩn hóa")


def test_keys_and_texts_are_put_in_nfc() -> None:
    data = loads(json.dumps({NFD: NFD}), narrative=lambda path: False)
    assert data == {"Hòa": "Hòa"}
    assert loads(json.dumps({"t": NFD}), narrative=lambda path: True) == {"t": "Hòa"}


@pytest.mark.parametrize("number", ["1" * 16, "-" + "1" * 16, "1" * 5000])
def test_a_huge_integer_is_refused_before_int_reads_it(number: str) -> None:
    [problem] = _problems(f'{{"values": {{"a": {number}}}}}')
    assert problem.startswith("values/a: số '")
    assert "quá lớn (phải nhỏ hơn 10^15)" in problem
    # the number is shown cut, not all of its digits
    assert len(problem) < 200


def test_the_largest_integer_of_the_domain_is_read() -> None:
    assert loads('{"a": 999999999999999, "b": -999999999999999}') == {
        "a": 999999999999999, "b": -999999999999999}


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(constant: str) -> None:
    [problem] = _problems(f'{{"tasks": [{{"v": {constant}}}]}}')
    assert problem == f"tasks/0/v: số '{constant}' không phải là số hữu hạn"


@pytest.mark.parametrize("number", ["1e400", "1.5e-400", "0.0000000000000001",
                                    "1234567890.1234567"])
def test_a_fraction_outside_the_domain_is_refused(number: str) -> None:
    [problem] = _problems(f'[{number}]')
    assert problem.startswith("0: số '")


def test_a_name_or_code_with_a_hidden_character_is_refused_naming_its_path() -> None:
    [problem] = _problems(json.dumps({"unit": {"name": "Xã A\u200b"}}))
    assert problem.startswith("unit/name: 'Xã A<U+200B>'")


def test_a_key_with_a_hidden_character_is_refused_and_left_out() -> None:
    [problem] = _problems(json.dumps({"values": {"a\u202eb": 1}}))
    assert problem.startswith("values: khóa 'a<U+202E>b'")
    [problem] = _problems(json.dumps({"\x00": 1}))
    assert problem.startswith("(gốc): khóa '<U+0000>'")


def test_narrative_texts_are_cleaned_not_refused() -> None:
    text = json.dumps({"texts": {"tc": "Đã\u202e ban\u200b\thành\nkế\x00 hoạch"},
                       "unit": "Xã A"}, ensure_ascii=False)
    data = loads(text, narrative=lambda path: path[:1] == ("texts",))
    assert data == {"texts": {"tc": "Đã ban\thành\nkế hoạch"}, "unit": "Xã A"}


def test_the_narrative_question_gets_the_path_with_list_indexes() -> None:
    asked: list[tuple[str | int, ...]] = []
    loads('{"tasks": [{"text": "a"}, {"text": "b"}]}',
          narrative=lambda path: asked.append(path) or True)
    assert asked == [("tasks", 0, "text"), ("tasks", 1, "text")]


def test_a_lone_surrogate_is_refused_even_in_narrative() -> None:
    [problem] = _problems('{"texts": {"tc": "a\\ud800b"}}', narrative=lambda path: True)
    assert problem.startswith("texts/tc: ")
    assert "nửa cặp thay thế" in problem


def test_every_problem_is_listed_up_to_twelve_and_the_rest_counted() -> None:
    text = json.dumps({"values": {f"c{i}": "x\u200b" for i in range(20)}})
    problems = _problems(text)
    assert len(problems) == 13
    assert [p.split(":")[0] for p in problems[:12]] == [f"values/c{i}" for i in range(12)]
    assert problems[-1] == "và 8 lỗi khác"


def test_problems_of_different_kinds_are_all_listed() -> None:
    problems = _problems('{"a": NaN, "b": "x\\u200b", "c": [1e999], "d\\u2066": 1}')
    assert [p.split(":")[0] for p in problems] == ["a", "b", "c/0", "(gốc)"]


def test_text_that_is_not_json_raises_the_parsers_error() -> None:
    with pytest.raises(json.JSONDecodeError):
        loads('{"a": 1,}')
    with pytest.raises(json.JSONDecodeError):
        loads("")


def test_a_reasonable_depth_reads_and_a_hostile_depth_raises_recursion_error() -> None:
    depth = 100
    data = loads("[" * depth + "1" + "]" * depth)
    for _level in range(depth):
        data = data[0]
    assert data == 1
    for hostile in ("[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000):
        with pytest.raises(RecursionError):
            loads(hostile)


def test_where_spells_the_field_as_the_file_does() -> None:
    assert where(("values", "tthc.hs.xa.tong")) == "values/tthc.hs.xa.tong"
    assert where(("tasks", 3, "text")) == "tasks/3/text"
    assert where(()) == "(gốc)"
    assert where(("a\u200b",)) == "a<U+200B>"
