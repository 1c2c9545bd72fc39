"""The longest text each field of a report may hold: the exchange format's own limits, read
from its schema (resources/schemas/cchc-report.schema.json: "maxLength").

Whatever the data file keeps must export, and open again at the level above: a document
number of 25 characters or a subject of 1,200 was saved, and only the export said that the
file could not be written. The data layer now refuses such a text before it writes
(storage/edits.py, storage/units.py), and the window's fields take no more than this.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from cchc_desktop.domain.errors import ReportError
from cchc_desktop.exchange.json_format import report_schema
from cchc_desktop.i18n import N_, _

# A field of a report -> its place in the schema (a key of "properties"; "*" for the items
# of an array or the values of an object), and its name as the clerk reads it.
FIELDS: Mapping[str, tuple[tuple[str, ...], str]] = {
    "unit.code": (("unit", "code"), N_("Mã đơn vị")),
    "unit.name": (("unit", "name"), N_("Tên đơn vị")),
    "unit.parent": (("unit", "parent"), N_("Cơ quan cấp trên")),
    "document.number": (("document", "number"), N_("Số văn bản")),
    "document.symbol": (("document", "symbol"), N_("Ký hiệu văn bản")),
    "document.place": (("document", "place"), N_("Địa danh")),
    "document.subject": (("document", "subject"), N_("Trích yếu")),
    "signer.authority": (("signer", "authority"), N_("Thẩm quyền ký")),
    "signer.title": (("signer", "title"), N_("Chức vụ người ký")),
    "signer.name": (("signer", "name"), N_("Họ và tên người ký")),
    "recipient": (("recipients", "*"), N_("Một nơi nhận")),
    "note": (("notes", "*"), N_("Giải trình")),
    "text": (("texts", "*"), N_("Nội dung một mục")),
    "task.text": (("tasks", "*", "text"), N_("Nội dung nhiệm vụ")),
    "proposal.from_unit": (("proposals", "*", "from_unit"), N_("Đơn vị kiến nghị")),
    "proposal.to": (("proposals", "*", "to"), N_("Đơn vị phụ trách")),
    "proposal.text": (("proposals", "*", "text"), N_("Nội dung kiến nghị")),
    "document_item.number": (("documents", "*", "number"), N_("Số, ký hiệu văn bản đã ban hành")),
    "document_item.subject": (("documents", "*", "subject"), N_("Trích yếu văn bản đã ban hành")),
}


def _at(schema: Mapping[str, Any], path: tuple[str, ...]) -> int:
    node: Any = schema
    for step in path:
        node = (node.get("items") or node["additionalProperties"]) if step == "*" \
            else node["properties"][step]
    return int(node["maxLength"])


@cache
def limit(field: str) -> int:
    """The most characters `field` (a key of FIELDS) may hold."""
    return _at(report_schema(), FIELDS[field][0])


def field_label(field: str) -> str:
    """The field as the clerk knows it ("Số văn bản"), in the clerk's language."""
    return _(FIELDS[field][1])


def length_problem(field: str, text: str | None) -> str | None:
    """Why `text` cannot be kept in `field`, in the clerk's language; None when it fits."""
    most = limit(field)
    if text is None or len(text) <= most:
        return None
    return _("{label} quá dài: {count} ký tự, tối đa {limit} ký tự.").format(
        label=field_label(field), count=len(text), limit=most)


def check_length(field: str, text: str | None) -> None:
    """ReportError, saying which field and by how much, when `text` is too long for it."""
    problem = length_problem(field, text)
    if problem is not None:
        raise ReportError(problem)


def check_lengths(texts: Mapping[str, str | None]) -> None:
    """check_length for each field and its text, in order."""
    for field, text in texts.items():
        check_length(field, text)
