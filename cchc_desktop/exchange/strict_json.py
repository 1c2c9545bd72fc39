"""JSON read strictly: bounded numbers, clean text, no duplicate keys, every refusal named.

The standard parser turns 1e400 into inf, NaN into a float that equals nothing, a
5,000-digit integer into a ValueError deep inside int(), and keeps the last of two equal
keys without a word. Here numbers become Decimal or int only inside the domain of
domain/number_domain.py (anything else is kept aside as a RefusedNumber and reported with
the field it is in), every text goes through domain/text_hygiene.py, and a repeated key
is refused. Nothing is computed before the whole tree has been checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cchc_desktop.domain.number_domain import MAX_INTEGER_DIGITS, parse_number
from cchc_desktop.domain.text_hygiene import TextProblem, clean_name, clean_narrative, shown
from cchc_desktop.i18n import _

_MAX_LISTED = 12

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class RefusedNumber:
    """A number of the file outside the domain: its text (cut) and why it is refused."""

    text: str
    reason: str


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class StrictJSONError(ValueError):
    """The problems of a file, each naming its field; `problems` lists the sentences."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _number(text: str) -> Decimal | RefusedNumber:
    try:
        return parse_number(text)
    except ValueError as exc:
        return RefusedNumber(shown(text), str(exc))


def _integer(text: str) -> int | RefusedNumber:
    # Counted before int(): int() of a long string is slow, and refused past 4,300 digits.
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return RefusedNumber(shown(text), _("quá lớn (phải nhỏ hơn 10^{n})").format(
            n=MAX_INTEGER_DIGITS))
    return int(text)


def _constant(name: str) -> RefusedNumber:
    return RefusedNumber(name, _("không phải là số hữu hạn"))


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise DuplicateKey(key)
        result[key] = value
    return result


def where(path: Path) -> str:
    """'values/tthc.hs.xa.tong', 'tasks/3/text': the field as the file spells it."""
    return "/".join(shown(str(step)) for step in path) or _("(gốc)")


def loads(text: str, narrative: Callable[[Path], bool] = lambda path: False) -> Any:
    """The parsed, checked and NFC-normalised content of `text`.

    `narrative(path)` says which texts are narrative (cleaned) rather than names or codes
    (refused when they hold hidden characters); keys are always codes. Raises
    json.JSONDecodeError or RecursionError for text that is not JSON, StrictJSONError
    listing every refused field otherwise.
    """
    try:
        raw = json.loads(text, parse_float=_number, parse_int=_integer, parse_constant=_constant,
                         object_pairs_hook=_pairs)
    except DuplicateKey as exc:
        raise StrictJSONError([_("khóa '{key}' xuất hiện nhiều lần trong cùng một đối tượng; tệp "
                                 "không rõ nghĩa nên không đọc").format(key=shown(exc.key))]) from exc
    problems: list[str] = []
    data = _checked(raw, (), narrative, problems)
    if problems:
        listed = problems[:_MAX_LISTED]
        if len(problems) > _MAX_LISTED:
            listed.append(_("và {n} lỗi khác").format(n=len(problems) - _MAX_LISTED))
        raise StrictJSONError(listed)
    return data


def _checked(node: Any, path: Path, narrative: Callable[[Path], bool],
             problems: list[str]) -> Any:
    if isinstance(node, RefusedNumber):
        problems.append(_("{field}: số '{text}' {reason}").format(
            field=where(path), text=node.text, reason=node.reason))
        return None
    if isinstance(node, str):
        try:
            return clean_narrative(node) if narrative(path) else clean_name(node)
        except TextProblem as exc:
            problems.append(_("{field}: '{text}' {reason}").format(
                field=where(path), text=shown(node), reason=exc))
            return node
    if isinstance(node, list):
        return [_checked(item, (*path, index), narrative, problems)
                for index, item in enumerate(node)]
    if isinstance(node, dict):
        result: dict[str, Any] = {}
        for key, value in node.items():
            try:
                clean_key = clean_name(key)
            except TextProblem as exc:
                problems.append(_("{field}: khóa '{text}' {reason}").format(
                    field=where(path) if path else _("(gốc)"), text=shown(key), reason=exc))
                continue
            if clean_key in result:
                problems.append(_("{field}: khóa '{key}' xuất hiện nhiều lần (sau khi chuẩn hóa "
                                  "Unicode)").format(field=where(path), key=shown(clean_key)))
                continue
            result[clean_key] = _checked(value, (*path, clean_key), narrative, problems)
        return result
    return node
